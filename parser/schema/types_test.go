package schema

import (
	"testing"

	"github.com/docs2go/docs2go/parser"
)

func TestNormalizeTypeName(t *testing.T) {
	tests := []struct {
		in   string
		want string
		coll bool
	}{
		{"String", "string", false},
		{"Edm.String", "string", false},
		{"String (url)", "string", false},
		{"string (timestamp)", "string", false},
		{"Collection(Edm.String)", "string", true},
		{"Collection(microsoft.graph.permission)", "permission", true},
		{"String collection", "string", true},
		{"microsoft.graph.callRecords.session", "callrecords.session", false},
		{"#microsoft.graph.user", "user", false},
		{"GUID", "guid", false},
		{"  `Int32`  ", "int32", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, coll := NormalizeTypeName(tt.in)
		if got != tt.want || coll != tt.coll {
			t.Errorf("NormalizeTypeName(%q) = %q, %v; want %q, %v", tt.in, got, coll, tt.want, tt.coll)
		}
	}
}

func TestLinkKeys(t *testing.T) {
	tests := []struct{ link, file, anchor string }{
		{"../resources/message.md", "message", ""},
		{"itembody.md", "itembody", ""},
		{"enums.md#threatcategory-values", "enums", "threatcategory"},
		{"../resources/chat.md#chattype-values", "chat", "chattype"},
		{"https://example.com/x.md?view=graph", "x", ""},
	}
	for _, tt := range tests {
		file, anchor := LinkKeys(tt.link)
		if file != tt.file || anchor != tt.anchor {
			t.Errorf("LinkKeys(%q) = %q, %q; want %q, %q", tt.link, file, anchor, tt.file, tt.anchor)
		}
	}
}

// TestOnePrimitiveTable: every spelling of an integer is an integer, the
// same for properties and function arguments (the two tables that once
// disagreed made int, integer and long strings in paths).
func TestOnePrimitiveTable(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Primitive
	}{
		{"int", Int32}, {"Integer", Int32}, {"Int32", Int32}, {"Edm.Int32", Int32},
		{"long", Int64}, {"Int64", Int64}, {"short", Int16}, {"Boolean", Bool},
		{"string (timestamp)", String}, {"DateTimeOffset", DateTimeOffset},
		{"message", None}, {"", None},
	} {
		if got := PrimitiveOf(tt.in); got != tt.want {
			t.Errorf("PrimitiveOf(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	if !IsCollection(parser.TypeRef{Name: "String collection"}) || IsCollection(parser.TypeRef{Name: "String"}) {
		t.Error("IsCollection does not read \"String collection\"")
	}
}
