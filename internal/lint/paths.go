package lint

import (
	"fmt"
	"strings"

	"github.com/docs2go/docs2go/parser"
	"github.com/docs2go/docs2go/parser/diag"
)

// Paths: the HTTP request block's templates and how examples fit them.

var (
	ruleLeadingSlash = diag.Register(diag.Rule{
		ID: "DG2101", Name: "path-leading-slash", Severity: diag.Warning, Stage: "lint",
		Summary: "a request path does not start with /",
		Doc:     "Paths in the HTTP request block are written from the service root, `/users`, so tools and readers can append them to `https://graph.microsoft.com/v1.0`. Without the slash the path reads as relative to something unsaid.",
		Bad:     "```http\nGET policies/activityBasedTimeoutPolicies\n```",
		Good:    "```http\nGET /policies/activityBasedTimeoutPolicies\n```",
		Fixable: true,
	})
	ruleHostInPath = diag.Register(diag.Rule{
		ID: "DG2102", Name: "path-host-or-version", Severity: diag.Warning, Stage: "lint",
		Summary: "a request path template holds the host or the API version",
		Doc:     "The HTTP request block documents the path below the version root; the host and `/v1.0` or `/beta` belong to example requests only, since the same page is published for a version.",
		Bad:     "```http\nGET https://graph.microsoft.com/v1.0/users\n```",
		Good:    "```http\nGET /users\n```",
	})
	ruleDuplicatePath = diag.Register(diag.Rule{
		ID: "DG2103", Name: "duplicate-path", Severity: diag.Warning, Stage: "lint",
		Summary: "the same method and path are documented twice",
		Doc:     "Each line of the HTTP request block is one operation; a repeated line is a copy-paste leftover that generators turn into duplicate methods.",
		Bad:     "```http\nGET /me/events\nGET /me/events\n```",
		Good:    "```http\nGET /me/events\nGET /users/{id}/events\n```",
	})
	ruleParamSpelling = diag.Register(diag.Rule{
		ID: "DG2104", Name: "path-parameter-spelling", Severity: diag.Warning, Stage: "lint",
		Summary: "one path parameter is written two ways on the page",
		Doc:     "A placeholder names one value; writing it `{user-id}` on one line and `{userId}` on another makes readers and generators treat it as two. Keep one spelling, the one the path parameter table uses.",
		Bad:     "```http\nGET /users/{user-id}/events\nGET /users/{userId}/calendar/events\n```",
		Good:    "```http\nGET /users/{user-id}/events\nGET /users/{user-id}/calendar/events\n```",
	})
	ruleUnmatchedExample = diag.Register(diag.Rule{
		ID: "DG2105", Name: "example-matches-no-operation", Severity: diag.Warning, Stage: "lint",
		Summary: "an example request fits none of the page's operations",
		Doc:     "Every example request shows one of the operations of the HTTP request block. One whose method and URL fit no template shows an operation the page does not document, or a path mistyped in either place.",
		Bad:     "```http\nGET /widgets/{id}\n```\n…\n```http\nGET https://graph.microsoft.com/v1.0/gadgets/42\n```",
		Good:    "```http\nGET /widgets/{id}\n```\n…\n```http\nGET https://graph.microsoft.com/v1.0/widgets/42\n```",
	})
	ruleNoExample = diag.Register(diag.Rule{
		ID: "DG2106", Name: "operation-without-example", Severity: diag.Info, Stage: "lint",
		Summary: "an operation has no example request",
		Doc:     "Examples are what readers copy and what generated tests replay. An operation of the HTTP request block that no example request fits is documented without one.",
		Bad:     "```http\nGET /widgets\nPOST /widgets\n```\n(only a GET example)",
		Good:    "an example request for each operation",
	})
)

func init() { checks = append(checks, checkPaths) }

// target is what follows the method on a request line as written, and its
// position.
func target(op parser.Operation) (string, diag.Pos) {
	if op.Written == "" {
		return op.Path, diag.Pos{Line: op.Pos.Line, Col: op.Pos.Col + len(op.Method) + 1}
	}
	i := strings.IndexAny(op.Written, " \t")
	if i < 0 {
		return op.Written, op.Pos
	}
	j := i
	for j < len(op.Written) && (op.Written[j] == ' ' || op.Written[j] == '\t') {
		j++
	}
	return op.Written[j:], diag.Pos{Line: op.Pos.Line, Col: op.Pos.Col + j}
}

func shift(p diag.Pos, n int) diag.Pos { return diag.Pos{Line: p.Line, Col: p.Col + n} }

func checkPaths(l *Linter, p *parser.Page, res *PageResult) {
	report := res.report
	seen := map[string]parser.Operation{}
	spelled := map[string]string{} // loose name → first spelling
	told := map[string]bool{}
	for _, op := range p.Operations {
		t, tpos := target(op)
		tend := shift(tpos, len(t))
		switch lower := strings.ToLower(t); {
		case strings.Contains(t, "://"):
			report(Finding{Diagnostic: ruleHostInPath.Diag(p.File, tpos, tend, "request path %q holds the host; write the path from the version root", t)})
		case strings.HasPrefix(lower, "/v1.0/") || strings.HasPrefix(lower, "/beta/") || strings.HasPrefix(lower, "v1.0/") || strings.HasPrefix(lower, "beta/"):
			report(Finding{Diagnostic: ruleHostInPath.Diag(p.File, tpos, tend, "request path %q starts with the API version; write the path below it", t)})
		case !strings.HasPrefix(t, "/") && !strings.HasPrefix(t, "~"):
			f := Finding{Diagnostic: ruleLeadingSlash.Diag(p.File, tpos, tend, "request path %q does not start with /", t)}
			f.Suggestion = "/" + t
			f.Edits = []Edit{{Start: tpos, End: tend, Old: t, New: "/" + t}}
			report(f)
		}
		key := string(op.Method) + " " + strings.ToLower(strings.TrimSuffix(op.Path, "/")) + "?" + op.Query
		if first, ok := seen[key]; ok {
			report(Finding{Diagnostic: ruleDuplicatePath.Diag(p.File, op.Pos, tend, "%s %s is documented twice (first at line %d)", op.Method, op.Path, first.Pos.Line)})
		} else {
			seen[key] = op
		}
		for _, pp := range op.Params {
			for _, name := range append([]string{pp.Name}, pp.Alternates...) {
				loose := strings.ToLower(separators.Replace(name))
				first, ok := spelled[loose]
				if !ok {
					spelled[loose] = name
					continue
				}
				if first != name && !told[name] {
					told[name] = true
					at, end := tpos, tend
					if i := strings.Index(t, name); i >= 0 {
						at, end = shift(tpos, i), shift(tpos, i+len(name))
					}
					report(Finding{Diagnostic: ruleParamSpelling.Diag(p.File, at, end, "path parameter %s is also written %s on this page", braces(name), braces(first))})
				}
			}
		}
	}
	for _, pr := range p.UnmatchedExamples {
		r := pr.Request
		if !graphURL(r.URL) {
			continue // a callback to the app, or another service's request
		}
		end := shift(r.Pos, len(r.Method)+1+len(r.URL))
		report(Finding{Diagnostic: ruleUnmatchedExample.Diag(p.File, r.Pos, end, "example request %s %s fits none of the page's operations", r.Method, r.Path)})
	}
	// An operation without an example of its own, when no operation of the
	// same method and last path segment (an alias: /me/x and
	// /users/{id}/x) has one either.
	if len(p.Examples) > 0 {
		covered := map[string]bool{}
		for _, op := range p.Operations {
			if len(op.Examples) > 0 {
				covered[aliasKey(op)] = true
			}
		}
		for _, op := range p.Operations {
			if len(op.Examples) == 0 && !covered[aliasKey(op)] {
				t, tpos := target(op)
				report(Finding{Diagnostic: ruleNoExample.Diag(p.File, op.Pos, shift(tpos, len(t)), "operation %s %s has no example request", op.Method, op.Path)})
			}
		}
	}
}

// aliasKey is an operation's method and last segment.
func aliasKey(op parser.Operation) string {
	last := ""
	if n := len(op.Segments); n > 0 {
		for _, pc := range op.Segments[n-1].Pieces {
			if pc.Param == nil {
				last += strings.ToLower(pc.Text)
			} else {
				last += "{}"
			}
		}
	}
	return string(op.Method) + " " + last
}

func braces(s string) string { return fmt.Sprintf("{%s}", s) }

// graphURL reports whether an example request goes to Microsoft Graph: a
// URL without host, or one whose host is a Graph host (graph.microsoft.com
// and the national clouds' graph.microsoft.us, microsoftgraph.chinacloudapi.cn…).
func graphURL(u string) bool {
	_, rest, ok := strings.Cut(u, "://")
	if !ok {
		return true
	}
	host, _, _ := strings.Cut(rest, "/")
	return strings.Contains(strings.ToLower(host), "graph")
}

// separators are what two spellings of one path parameter differ in
// (user-id, user_id, userId).
var separators = strings.NewReplacer("-", "", "_", "")
