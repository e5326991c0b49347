package gen

import (
	"fmt"
	"testing"

	"github.com/docs2go/docs2go/parser"
	"github.com/docs2go/docs2go/parser/schema"
)

func TestPrimitiveGoTypes(t *testing.T) {
	tests := []struct{ in, want string }{
		{"String", "string"}, {"string", "string"}, {"Edm.String", "string"}, {"String (url)", "string"},
		{"Int32", "int32"}, {"Int", "int32"}, {"integer", "int32"}, {"Int64", "int64"}, {"Int16", "int16"},
		{"Byte", "uint8"}, {"SByte", "int8"},
		{"Boolean", "bool"}, {"boolean", "bool"}, {"bool", "bool"},
		{"Double", "float64"}, {"double", "float64"}, {"Single", "float32"}, {"Decimal", "float64"},
		{"DateTimeOffset", "DateTimeOffset"}, {"dateTimeOffset", "DateTimeOffset"}, {"Edm.DateTimeOffset", "DateTimeOffset"},
		{"Date", "Date"}, {"TimeOfDay", "TimeOfDay"}, {"Duration", "Duration"},
		{"Guid", "string"}, {"GUID", "string"},
		{"Binary", "[]byte"}, {"Stream", "[]byte"}, {"Edm.Stream", "[]byte"},
		{"Json", "json.RawMessage"}, {"Untyped JSON object", "json.RawMessage"},
	}
	for _, tt := range tests {
		p := schema.PrimitiveOf(tt.in)
		if p == schema.None {
			t.Errorf("%q is not a primitive", tt.in)
			continue
		}
		if got := fmt.Sprintf("%#v", primCode(p)); got != tt.want {
			t.Errorf("%q maps to %s, want %s", tt.in, got, tt.want)
		}
	}
	for _, name := range []string{"message", "riskLevel", "microsoft.graph.user", "recipient collection"} {
		if p := schema.PrimitiveOf(name); p != schema.None {
			t.Errorf("%q taken for primitive %d", name, p)
		}
	}
}

// TestResolveNamedTypes resolves references the way the corpus writes them
// against a small page set: by link, by name in any case, by @odata.type,
// in a namespace, collections, enums, and a missing type.
func TestResolveNamedTypes(t *testing.T) {
	res := func(file, name, odata, ns string) *parser.Page {
		return &parser.Page{File: file, Version: "v1.0", Kind: parser.ResourcePage, Namespace: ns,
			Resource: &parser.Resource{Name: name, ODataType: odata}}
	}
	pages := []*parser.Page{
		res("r/message.md", "message", "microsoft.graph.message", "microsoft.graph"),
		res("r/callrecords-session.md", "session", "microsoft.graph.callRecords.session", "microsoft.graph.callRecords"),
		res("r/session.md", "session", "", "microsoft.graph"),
		{File: "r/enums.md", Version: "v1.0", Kind: parser.ResourcePage, Enums: []parser.Enum{{Name: "riskLevel", Members: []parser.EnumMember{{Name: "low"}}}}},
		{File: "r/enums-callrecords.md", Version: "v1.0", Kind: parser.ResourcePage, Namespace: "microsoft.graph.callRecords",
			Enums: []parser.Enum{{Name: "clientPlatform", Members: []parser.EnumMember{{Name: "web"}}}}},
		res("beta/r/beta-only.md", "betaOnly", "microsoft.graph.betaOnly", "microsoft.graph"),
	}
	pages[len(pages)-1].Version = "beta"
	m := newModels(pages, "v1.0", map[string]bool{"Error": true})
	tests := []struct {
		ref  parser.TypeRef
		want string
	}{
		{parser.TypeRef{Name: "message", Link: "../resources/message.md"}, "Message"},
		{parser.TypeRef{Name: "Message"}, "Message"},
		{parser.TypeRef{Name: "microsoft.graph.message"}, "Message"},
		{parser.TypeRef{Name: "Collection(microsoft.graph.message)"}, "[]Message"},
		{parser.TypeRef{Name: "message", Link: "message.md", Collection: true}, "[]Message"},
		{parser.TypeRef{Name: "session", Link: "callrecords-session.md"}, "CallRecordsSession"},
		{parser.TypeRef{Name: "callRecords.session"}, "CallRecordsSession"},
		{parser.TypeRef{Name: "session"}, "Session"},
		{parser.TypeRef{Name: "riskLevel"}, "RiskLevel"},
		{parser.TypeRef{Name: "enums", Link: "enums.md#risklevel-values"}, "RiskLevel"},
		{parser.TypeRef{Name: "callRecords.clientPlatform"}, "CallRecordsClientPlatform"},
		{parser.TypeRef{Name: "String collection"}, "[]string"},
		{parser.TypeRef{Name: "betaOnly"}, "json.RawMessage"},
		{parser.TypeRef{Name: "nowhere", Link: "nowhere.md"}, "json.RawMessage"},
	}
	for _, tt := range tests {
		got := fmt.Sprintf("%#v", m.goType(tt.ref, "x.md", parser.Pos{Line: 3, Col: 1}))
		if got != tt.want {
			t.Errorf("goType(%+v) = %s, want %s", tt.ref, got, tt.want)
		}
	}
	var diags []string
	for _, d := range m.diagnostics() {
		diags = append(diags, d.String())
	}
	want := []string{
		`x.md:3:1: warning GEN4001: type "betaOnly" is not documented by any v1.0 page; json.RawMessage is used`,
		`x.md:3:1: warning GEN4001: type "nowhere" is not documented by any v1.0 page; json.RawMessage is used`,
	}
	if fmt.Sprint(diags) != fmt.Sprint(want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", diags, want)
	}
}

// TestModelNamesAvoidRuntime checks that a resource named like a runtime
// identifier gets another name.
func TestModelNamesAvoidRuntime(t *testing.T) {
	p := &parser.Page{File: "error.md", Version: "v1.0", Kind: parser.ResourcePage,
		Resource: &parser.Resource{Name: "error", ODataType: "microsoft.graph.error"}}
	m := newModels([]*parser.Page{p}, "v1.0", testReserved(t))
	if got := fmt.Sprintf("%#v", m.goType(parser.TypeRef{Name: "error"}, "", parser.Pos{})); got != "ErrorModel" {
		t.Errorf("error resource is %s", got)
	}
}
