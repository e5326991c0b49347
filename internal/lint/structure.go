package lint

import (
	"strings"

	"github.com/docs2go/docs2go/parser"
	"github.com/docs2go/docs2go/parser/diag"
)

// Structure: the sections and front matter every reference page has.

var (
	ruleMissingSection = diag.Register(diag.Rule{
		ID: "DG1101", Name: "missing-section", Severity: diag.Warning, Stage: "lint",
		Summary: "an API page lacks a Permissions, HTTP request or Response section",
		Doc:     "Every API page says which permissions a call needs, what the request is and what comes back. Sections are recognised by their anchor or English heading, so a localized page keeps `<a name=\"permissions\"></a>` style anchors or the English half.",
		Bad:     "# Get widget\n\n## HTTP request\n\n```http\nGET /widgets/{id}\n```",
		Good:    "# Get widget\n\n## Permissions\n\n| Permission type | Permissions |\n|:--|:--|\n| Application | Widget.Read.All |\n\n## HTTP request\n\n```http\nGET /widgets/{id}\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code.",
	})
	ruleEmptySection = diag.Register(diag.Rule{
		ID: "DG1102", Name: "empty-section", Severity: diag.Warning, Stage: "lint",
		Summary: "a Permissions, HTTP request or Response section is empty",
		Doc:     "A section heading with nothing under it (no table, prose, code block or subsection with content before the next heading of its level) leaves the reader without the one fact the section is for.",
		Bad:     "## Permissions\n\n## HTTP request",
		Good:    "## Permissions\n\n| Permission type | Permissions |\n|:--|:--|\n| Delegated (work or school account) | User.Read |",
	})
	ruleFrontMatterField = diag.Register(diag.Rule{
		ID: "DG1103", Name: "front-matter-field", Severity: diag.Warning, Stage: "lint",
		Summary: "the front matter lacks title, description or doc_type",
		Doc:     "Publishing reads the page's title, description and doc_type from its YAML front matter; a page without them is listed without a title or summary, or not classified as an API or resource page.",
		Bad:     "---\ntitle: \"Get widget\"\n---",
		Good:    "---\ntitle: \"Get widget\"\ndescription: \"Read the properties of a widget.\"\ndoc_type: apiPageType\n---",
	})
	ruleDocType = diag.Register(diag.Rule{
		ID: "DG1104", Name: "unknown-doc-type", Severity: diag.Warning, Stage: "lint",
		Summary: "doc_type is not one of apiPageType, resourcePageType, enumPageType, conceptualPageType",
		Doc:     "doc_type classifies the page for publishing and tools; an unknown value (a typo, a trailing character) classifies it as nothing.",
		Bad:     "doc_type: resourcePageType_",
		Good:    "doc_type: resourcePageType",
	})
)

var docTypes = []string{"apiPageType", "resourcePageType", "enumPageType", "conceptualPageType"}

func init() { checks = append(checks, checkStructure) }

func checkStructure(l *Linter, p *parser.Page, res *PageResult) {
	report := res.report
	at := p.TitlePos
	if !at.IsValid() {
		at = diag.Pos{Line: 1, Col: 1}
	}
	if p.Kind == parser.APIPage && p.FrontMatter.DocType != "resourcePageType" && len(p.Operations) > 0 {
		have := map[parser.SectionKind]*parser.Section{}
		for i, s := range p.Sections {
			if have[s.Kind] == nil {
				have[s.Kind] = &p.Sections[i]
			}
		}
		for _, want := range []struct {
			kind parser.SectionKind
			name string
		}{{parser.SectionPermissions, "Permissions"}, {parser.SectionHTTPRequest, "HTTP request"}, {parser.SectionResponse, "Response"}} {
			s := have[want.kind]
			if s == nil {
				report(Finding{Diagnostic: ruleMissingSection.Diag(p.File, at, at, "API page has no %s section", want.name)})
				continue
			}
			end := diag.Pos{Line: s.Pos.Line, Col: s.Pos.Col + 1}
			if !s.Content {
				report(Finding{Diagnostic: ruleEmptySection.Diag(p.File, s.Pos, end, "the %s section is empty", want.name)})
			}
		}
	}
	fm := p.FrontMatter
	if hasCode(p, parser.CodeFrontMatter.ID) {
		return // not YAML: DG1001 says so; its fields are unknown
	}
	if !fm.Pos.IsValid() {
		if p.Kind == parser.APIPage || p.Kind == parser.ResourcePage {
			report(Finding{Diagnostic: ruleFrontMatterField.Diag(p.File, diag.Pos{Line: 1, Col: 1}, diag.Pos{Line: 1, Col: 1}, "page has no front matter (title, description, doc_type)")})
		}
		return
	}
	var missing []string
	if strings.TrimSpace(fm.Title) == "" {
		missing = append(missing, "title")
	}
	if strings.TrimSpace(fm.Description) == "" {
		missing = append(missing, "description")
	}
	if strings.TrimSpace(fm.DocType) == "" && (p.Kind == parser.APIPage || p.Kind == parser.ResourcePage) {
		missing = append(missing, "doc_type")
	}
	if len(missing) > 0 {
		report(Finding{Diagnostic: ruleFrontMatterField.Diag(p.File, fm.Pos, fm.End, "front matter has no %s", strings.Join(missing, ", "))})
	}
	if dt := strings.TrimSpace(fm.DocType); dt != "" && !contains(docTypes, dt) {
		at, end := fm.Pos, fm.End
		for _, e := range fm.Entries {
			if e.Key == "doc_type" && e.Pos.IsValid() {
				at, end = e.Pos, e.End
			}
		}
		f := Finding{Diagnostic: ruleDocType.Diag(p.File, at, end, "doc_type %q is not a known page type", dt)}
		if s := ReferenceOf(docTypes).Suggest(dt); len(s) == 1 {
			f.Suggestion = s[0]
		}
		report(f)
	}
}

func hasCode(p *parser.Page, code string) bool {
	for _, d := range p.Diagnostics {
		if d.Code == code {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
