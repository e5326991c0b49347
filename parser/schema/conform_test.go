package schema_test

import (
	"strings"
	"testing"

	"github.com/docs2go/docs2go/parser"
	"github.com/docs2go/docs2go/parser/schema"
)

const widgetPage = `---
title: "widget resource type"
doc_type: resourcePageType
---
# widget resource type

Namespace: microsoft.graph

## Properties

| Property | Type | Description |
|:--|:--|:--|
| id | String | The identifier. |
| createdDateTime | DateTimeOffset | When it was made. |
| size | Int32 | The size. |
| tags | String collection | Tags. |
`

// TestCheck covers the example conformance that gen uses to replace
// examples in emitted tests and lint can report.
func TestCheck(t *testing.T) {
	page := parser.Parse("api-reference/v1.0/resources/widget.md", []byte(widgetPage))
	s := schema.New([]*parser.Page{page}, "v1.0")
	widget := s.ResolveRef(parser.TypeRef{Name: "widget", Link: "widget.md"}, "microsoft.graph", page.File, parser.Pos{})
	if !widget.IsModel() {
		t.Fatalf("widget resolved to %v, want a model", widget)
	}
	for _, tt := range []struct {
		name, body string
		c          schema.Conformance
		want       string // "" fits
	}{
		{"fits", `{"id":"1","createdDateTime":"2021-05-03T10:00:00Z","size":3,"tags":["a"]}`, schema.RoundTrips, ""},
		{"unknown members fit", `{"id":"1","extra":{"x":1}}`, schema.RoundTrips, ""},
		{"placeholder date", `{"createdDateTime":"datetime-value"}`, schema.Decodes, ".createdDateTime"},
		{"string for a number", `{"size":"3"}`, schema.Decodes, `.size: want an integer, got the string "3"`},
		{"object for a collection", `{"tags":{"a":1}}`, schema.Decodes, ".tags: want an array, got an object"},
		{"case-only member on a round trip", `{"ID":"1"}`, schema.RoundTrips, `.ID: member differs from the documented "id" in case only`},
		{"not JSON", `{"id":`, schema.Decodes, "not JSON"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := s.Check(widget, []byte(tt.body), tt.c)
			switch {
			case tt.want == "" && e != nil:
				t.Errorf("Check(%s) = %v, want it to fit", tt.body, e)
			case tt.want != "" && (e == nil || !contains(e.Error(), tt.want)):
				t.Errorf("Check(%s) = %v, want an error containing %q", tt.body, e, tt.want)
			}
		})
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
