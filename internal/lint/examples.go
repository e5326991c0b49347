package lint

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/docs2go/docs2go/parser"
	"github.com/docs2go/docs2go/parser/diag"
	"github.com/docs2go/docs2go/parser/schema"
)

// Examples, status and headers: what the examples show against what the
// page says.

var (
	ruleStatusMismatch = diag.Register(diag.Rule{
		ID: "DG2301", Name: "status-mismatch", Severity: diag.Warning, Stage: "lint",
		Summary: "the Response section's status differs from the example response's",
		Doc:     "The Response section says which status a successful call returns and the example response shows one; when they differ, a reader and a generated test cannot both be right. Only pages whose operations share one method are compared, and only success (2xx) examples.",
		Bad:     "## Response\n\nIf successful, this method returns a `201 Created` response code.\n…\nHTTP/1.1 200 OK",
		Good:    "## Response\n\nIf successful, this method returns a `200 OK` response code.\n…\nHTTP/1.1 200 OK",
	})
	ruleNoAuthorization = diag.Register(diag.Rule{
		ID: "DG2302", Name: "no-authorization-header", Severity: diag.Warning, Stage: "lint",
		Summary: "the request headers table has no Authorization row",
		Doc:     "Every Microsoft Graph call sends `Authorization: Bearer {token}`; the request headers table lists it, required, so readers and generated clients know a token is needed.",
		Bad:     "| Name | Description |\n|:--|:--|\n| Content-Type | application/json. Required. |",
		Good:    "| Name | Description |\n|:--|:--|\n| Authorization | Bearer {token}. Required. |\n| Content-Type | application/json. Required. |",
	})
	ruleHeaderCells = diag.Register(diag.Rule{
		ID: "DG2303", Name: "header-row-cells", Severity: diag.Warning, Stage: "lint",
		Summary: "a request header row has more or fewer cells than the table",
		Doc:     "Markdown tables pad missing cells and drop extra ones: a row of the wrong width loses its description or shows it in the wrong column.",
		Bad:     "| Name | Description |\n|:--|:--|\n| Authorization | Bearer {token} | Required |",
		Good:    "| Name | Description |\n|:--|:--|\n| Authorization | Bearer {token}. Required. |",
	})
	ruleNoResponse = diag.Register(diag.Rule{
		ID: "DG4101", Name: "request-without-response", Severity: diag.Warning, Stage: "lint",
		Summary: "an example request has no example response",
		Doc:     "Each example shows a request and the response it gets, paired by the page's headings or the annotations' names. A request without one leaves the reader guessing and gives generated tests nothing to replay.",
		Bad:     "### Request\n\n```http\nGET https://graph.microsoft.com/v1.0/me\n```\n\n## See also",
		Good:    "### Request\n\n```http\nGET https://graph.microsoft.com/v1.0/me\n```\n\n### Response\n\n```http\nHTTP/1.1 200 OK\n```",
	})
	ruleDuplicateExample = diag.Register(diag.Rule{
		ID: "DG4102", Name: "duplicate-example-name", Severity: diag.Warning, Stage: "lint",
		Summary: "an example name is used twice in the linted pages",
		Doc:     "The annotation `name` identifies an example across the docs of one locale and version (tests and snippets are generated per name). Two examples with one name overwrite each other.",
		Bad:     "<!-- { \"blockType\": \"request\", \"name\": \"get_user\" } -->   (on two pages)",
		Good:    "<!-- { \"blockType\": \"request\", \"name\": \"get_user_by_upn\" } -->",
	})
)

func init() { checks = append(checks, checkExamples) }

func checkExamples(l *Linter, p *parser.Page, res *PageResult) {
	report := res.report
	// Status: the prose against the examples, where the operations share
	// one method (a page with GET and POST may answer 200 and 201).
	sameMethod := len(p.Operations) > 0
	for _, op := range p.Operations {
		sameMethod = sameMethod && op.Method == p.Operations[0].Method
	}
	prose := p.Response
	fromProse := prose.Status != 0
	for _, ex := range p.Examples {
		if ex.Reply != nil && ex.Reply.Pos == prose.Pos {
			fromProse = false // the status came from an example, not the prose
		}
	}
	var pairs []parser.ExamplePair
	for _, op := range p.Operations {
		pairs = append(pairs, op.Examples...)
	}
	pairs = append(pairs, p.UnmatchedExamples...)
	// A redirect in the prose documents a download whose other format
	// answers 200 (report pages document both).
	if sameMethod && fromProse && (prose.Status < 300 || prose.Status > 399) {
		for _, pr := range pairs {
			r := pr.Response
			if r == nil || r.Status < 200 || r.Status > 299 || r.Status == prose.Status {
				continue
			}
			end := shift(r.Pos, len(fmt.Sprintf("HTTP/1.1 %d %s", r.Status, r.StatusText)))
			report(Finding{Diagnostic: ruleStatusMismatch.Diag(p.File, r.Pos, end, "example response status %d differs from the %d the Response section gives (line %d)", r.Status, prose.Status, prose.Pos.Line)})
		}
	}
	for _, pr := range pairs {
		if pr.Response == nil && graphURL(pr.Request.URL) && !jsonAfter(p, pr.RequestIndex) {
			r := pr.Request
			report(Finding{Diagnostic: ruleNoResponse.Diag(p.File, r.Pos, shift(r.Pos, len(r.Method)+1+len(r.URL)), "example request %s %s has no example response", r.Method, r.Path)})
		}
	}
	// Headers.
	if p.Kind == parser.APIPage && len(p.Operations) > 0 {
		auth := false
		for _, h := range p.Headers {
			auth = auth || h.Name == "Authorization"
		}
		if !auth {
			at := diag.Pos{}
			for _, s := range p.Sections {
				if s.Kind == parser.SectionHeaders {
					at = s.Pos
					break
				}
			}
			if at.IsValid() {
				report(Finding{Diagnostic: ruleNoAuthorization.Diag(p.File, at, shift(at, 1), "the request headers table has no Authorization header")})
			} else {
				at = p.Operations[0].Pos
				report(Finding{Diagnostic: ruleNoAuthorization.Diag(p.File, at, shift(at, 1), "the page documents no request headers, not even Authorization")})
			}
		}
	}
	for _, h := range p.Headers {
		if n := len(h.Cells); n > 0 && h.Columns > 0 && n != h.Columns {
			end := h.End
			if !end.IsValid() {
				end = shift(h.Pos, 1)
			}
			report(Finding{Diagnostic: ruleHeaderCells.Diag(p.File, h.Pos, end, "header row %s has %d %s; the table has %d columns", h.Name, n, plural(n, "cell", "cells"), h.Columns)})
		}
	}
	// Example names, across pages of one locale and version.
	for _, ex := range p.Examples {
		a := ex.Annotation
		if a == nil || a.Name == "" || ex.Reply != nil || a.BlockType == parser.BlockResponse {
			continue
		}
		res.examples = append(res.examples, exampleName{key: p.Locale + "\x00" + p.Version + "\x00" + a.Name, name: a.Name, pos: a.Pos})
	}
}

// jsonAfter tells a request followed, before any other request, by a code
// block that is a JSON body without a status line: the response shown
// without "HTTP/1.1 200 OK" (older pages do this).
func jsonAfter(p *parser.Page, i int) bool {
	for j := i + 1; j >= 1 && j < len(p.Examples); j++ {
		ex := p.Examples[j]
		if ex.Request != nil {
			return false
		}
		if ex.Reply != nil || ex.Lang == "json" || strings.HasPrefix(strings.TrimSpace(ex.Code), "{") {
			return true
		}
	}
	return false
}

var ruleExampleType = diag.Register(diag.Rule{
	ID: "DG4103", Name: "example-response-type", Severity: diag.Warning, Stage: "lint",
	Summary: "an example response body does not fit the operation's documented response type",
	Doc:     "The example response shows what a successful call returns, and the Response section names its type. A body that does not decode into that type (a placeholder such as \"datetime-value\" for a date, a string for a boolean, an object where a collection is documented) misleads readers and cannot be replayed by generated tests. The check is the schema's (parser/schema), the same one gen uses (GEN4007). One object wrapped in a lone \"value\" member (the convention of the Intune pages) is checked as the object inside. When one object that fits the item type is shown where the page documents a collection, the finding says the page contradicts itself (the Response prose or the example's annotation is as likely wrong as the example). Plain localized pages are not checked: their type cells say \"collection\" in the page's language.",
	Bad:     "If successful, this method returns a `200 OK` response code and a [widget](../resources/widget.md) object.\n…\n{ \"createdDateTime\": \"datetime-value\" }",
	Good:    "{ \"createdDateTime\": \"2021-05-03T10:00:00Z\" }",
})

// typedResponse is an example response with the type its operation
// documents, kept small (no page) until every type page is read.
type typedResponse struct {
	file, version, namespace string
	ref                      parser.TypeRef
	collection               bool
	refPos                   diag.Pos
	pos, end                 diag.Pos
	body                     string
}

func init() { checks = append(checks, collectTyped) }

// collectTyped keeps what checkTypedResponses needs of a page: the page
// when it documents types, its operations' typed example responses.
func collectTyped(l *Linter, p *parser.Page, res *PageResult) {
	if !l.enabled(ruleExampleType) || p.Version == "" {
		return
	}
	// A plain localized page says "collection" in its own language in type
	// cells, which the parser does not read; its types cannot be trusted
	// for this check.
	if p.Shape == parser.Plain && p.Locale != "" && !strings.HasPrefix(strings.ToLower(p.Locale), "en") {
		return
	}
	if p.Resource != nil || len(p.Enums) > 0 {
		res.typePage = schema.Keep(p)
	}
	ns := schema.PageNamespace(p)
	for _, op := range p.Operations {
		rt := op.Response.Type
		if rt == nil {
			continue
		}
		for _, ex := range op.Examples {
			r := ex.Response
			if r == nil || r.Body == "" || r.Status < 200 || r.Status > 299 {
				continue
			}
			res.typed = append(res.typed, typedResponse{
				file: p.File, version: p.Version, namespace: ns, ref: *rt, collection: op.Response.Collection,
				refPos: op.Response.Pos, pos: r.Pos, end: r.End, body: strings.Clone(r.Body),
			})
		}
	}
}

// checkTypedResponses resolves each version's types once and checks every
// kept example response against its operation's type. The checks, most of
// the cost (each decodes an example), run on every core once the schemas
// are resolved; findings keep the order of l.typed.
func (l *Linter) checkTypedResponses() []Finding {
	schemas := map[string]*schema.Schema{}
	types := make([]schema.Type, len(l.typed))
	for i, tr := range l.typed {
		s := schemas[tr.version]
		if s == nil {
			s = schema.New(l.typePages[tr.version], tr.version)
			s.ResolveAll()
			schemas[tr.version] = s
		}
		t := s.ResolveRef(tr.ref, tr.namespace, tr.file, tr.refPos)
		t.Collection = t.Collection || tr.collection
		types[i] = t
	}
	msgs := make([]string, len(l.typed))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(l.typed), 1)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(l.typed) {
					return
				}
				if t := types[i]; !t.IsRaw() && !t.IsBytes() { // an undocumented type is gen's GEN4001, not this rule's
					msgs[i], _ = responseMismatch(schemas[l.typed[i].version], t, []byte(l.typed[i].body))
				}
			}
		})
	}
	wg.Wait()
	var out []Finding
	for i, tr := range l.typed {
		if msgs[i] == "" {
			continue // fits, or invalid JSON (DG4002)
		}
		f, ok := l.apply(Finding{Diagnostic: ruleExampleType.Diag(tr.file, tr.pos, tr.end, "%s", msgs[i])})
		if ok && !suppressed(l.suppress[tr.file], f.Diagnostic) {
			out = append(out, f)
		}
	}
	l.typed = nil
	return out
}

// responseMismatch says how an example response body does not fit the
// documented type t; ok is false when it fits (or is not JSON, DG4002).
//
// Two page conventions are read for what they mean:
//   - one object wrapped in a lone "value" member (every Intune get page)
//     is checked as the object inside: the check allows members the type
//     does not have, so the wrapper passes unseen unless the type has a
//     "value" property of its own, and such pages must not be the only
//     ones reported;
//   - one object that fits the item type where a collection is documented
//     means the page contradicts itself (the Response prose or the
//     example's annotation says collection, the example and usually the
//     other say one): the message says so, rather than blaming the body.
func responseMismatch(s *schema.Schema, t schema.Type, body []byte) (string, bool) {
	e := s.CheckResponse(t, body)
	if e == nil || e.Syntax {
		return "", false
	}
	single := body // the one object the body may be
	if e.Path != "" {
		single = nil
	}
	if inner, ok := loneValueObject(body); ok {
		if e.Path == ".value" {
			single = inner
		}
		if !t.Collection && t.IsModel() {
			in := s.CheckResponse(t, inner)
			if in == nil {
				return "", false
			}
			in.Path = ".value" + in.Path
			e = in
		}
	}
	if t.Collection && single != nil && s.CheckResponse(t.Item(), single) == nil {
		return fmt.Sprintf("example response is one %s, but the page documents a collection of %s (in the Response section or the example's annotation); one of them is wrong", t.Item(), t.Item()), true
	}
	return fmt.Sprintf("example response does not fit the documented type %s: %s", t, e), true
}

// loneValueObject returns the object held by body's "value" member when
// that is body's only member besides OData annotations ("@odata.context").
func loneValueObject(body []byte) (json.RawMessage, bool) {
	var members map[string]json.RawMessage
	if json.Unmarshal(body, &members) != nil {
		return nil, false
	}
	v, ok := members["value"]
	if !ok {
		return nil, false
	}
	for k := range members {
		if k != "value" && !strings.HasPrefix(k, "@") {
			return nil, false
		}
	}
	if t := bytes.TrimSpace(v); len(t) == 0 || t[0] != '{' {
		return nil, false
	}
	return v, true
}
