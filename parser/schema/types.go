// Package schema resolves the types the pages document: it maps a type as
// written (a primitive, a link to a resource or enum page, a qualified name,
// a collection of either) to what it means in one API version: a primitive,
// a named resource with its base type and properties, an enum with its
// members, or an unknown reference, reported. gen emits Go from it; lint
// and diff read it. It knows nothing about Go.
package schema

import (
	"path"
	"strings"

	"github.com/docs2go/docs2go/parser"
)

// Primitive is a documented primitive type; None means the name is not one,
// so it names a resource or enum.
type Primitive int

const (
	None Primitive = iota
	String
	Bool
	Byte  // Edm.Byte: unsigned 8 bits
	SByte // Edm.SByte: signed 8 bits
	Int16
	Int32
	Int64
	Single
	Double
	// Decimal: Graph's decimals (prices, percentages) fit a double's 15
	// significant digits, and JSON carries them as numbers.
	Decimal
	DateTimeOffset
	Date
	TimeOfDay
	Duration
	Binary // Edm.Binary: base64 in JSON
	Stream // Edm.Stream: the content itself
	JSON   // Json, "Untyped JSON object": kept as sent
)

// primitives is the one table of primitive names: the Edm names and the
// other spellings the docs use, keyed by NormalizeTypeName's form. Function
// arguments, properties, bodies and results all read it.
var primitives = map[string]Primitive{
	"string": String, "str": String, "guid": String, "uuid": String,
	"url": String, "uri": String, "char": String,
	"boolean": Bool, "bool": Bool,
	"byte": Byte, "sbyte": SByte,
	"int16": Int16, "short": Int16,
	"int32": Int32, "int": Int32, "integer": Int32,
	"int64": Int64, "long": Int64,
	"single": Single, "float": Single,
	"double": Double, "number": Double,
	"decimal":        Decimal,
	"datetimeoffset": DateTimeOffset, "datetime": DateTimeOffset, "timestamp": DateTimeOffset,
	"date":      Date,
	"timeofday": TimeOfDay, "time": TimeOfDay,
	"duration": Duration, "timespan": Duration,
	"binary": Binary, "base64": Binary,
	"stream": Stream,
	"json":   JSON, "untyped json object": JSON, "json object": JSON, "object": JSON,
}

// Name is the primitive's Edm name, for messages.
func (p Primitive) Name() string {
	switch p {
	case String:
		return "String"
	case Bool:
		return "Boolean"
	case Byte:
		return "Byte"
	case SByte:
		return "SByte"
	case Int16:
		return "Int16"
	case Int32:
		return "Int32"
	case Int64:
		return "Int64"
	case Single:
		return "Single"
	case Double:
		return "Double"
	case Decimal:
		return "Decimal"
	case DateTimeOffset:
		return "DateTimeOffset"
	case Date:
		return "Date"
	case TimeOfDay:
		return "TimeOfDay"
	case Duration:
		return "Duration"
	case Binary:
		return "Binary"
	case Stream:
		return "Stream"
	case JSON:
		return "JSON"
	}
	return ""
}

// NormalizeTypeName reduces a documented type name to the form the tables
// are keyed by: lower case, without "Edm." or "microsoft.graph." prefixes
// or a trailing note ("String (url)", "string (timestamp)"), and tells
// whether it was written as a collection ("Collection(Edm.String)",
// "String collection", "[String]").
func NormalizeTypeName(s string) (name string, collection bool) {
	n := strings.ToLower(strings.TrimSpace(s))
	n = strings.Trim(n, "`*")
	if inner, ok := strings.CutPrefix(n, "collection("); ok {
		n, collection = strings.TrimSuffix(inner, ")"), true
	}
	if inner, ok := strings.CutPrefix(n, "["); ok && strings.HasSuffix(inner, "]") {
		n, collection = strings.TrimSuffix(inner, "]"), true
	}
	if inner, ok := strings.CutSuffix(n, " collection"); ok {
		n, collection = inner, true
	}
	if i := strings.Index(n, " ("); i > 0 && strings.HasSuffix(n, ")") {
		n = n[:i]
	}
	n = strings.TrimSpace(n)
	n = strings.TrimPrefix(n, "edm.")
	n = strings.TrimPrefix(n, "#")
	n = strings.TrimPrefix(n, "microsoft.graph.")
	return n, collection
}

// PrimitiveOf returns the primitive a documented name means, or None.
func PrimitiveOf(name string) Primitive {
	n, _ := NormalizeTypeName(name)
	return primitives[n]
}

// LinkKeys returns what a type link points at: the page's base name
// ("../resources/message.md" → "message") and, for a link to a heading
// ("enums.md#threatcategory-values", "chat.md#chattype-values"), the name
// of the enum the heading introduces ("threatcategory").
func LinkKeys(link string) (file, anchor string) {
	if i := strings.IndexAny(link, "?"); i >= 0 {
		link = link[:i]
	}
	link, frag, _ := strings.Cut(link, "#")
	file = strings.ToLower(strings.TrimSuffix(path.Base(link), ".md"))
	if file == "." || file == "/" {
		file = ""
	}
	frag = strings.ToLower(frag)
	anchor = strings.TrimSuffix(strings.TrimSuffix(frag, "-values"), "-enum")
	return file, anchor
}

// IsCollection tells whether ref is a collection, whether the parser saw
// it or only the name says so.
func IsCollection(ref parser.TypeRef) bool {
	_, c := NormalizeTypeName(ref.Name)
	return ref.Collection || c
}

// NamespaceOf returns the namespace below microsoft.graph of a qualified
// name or namespace ("microsoft.graph.callRecords.session" →
// "callRecords", "session"), both in their case.
func NamespaceOf(qualified string) (ns, name string) {
	q := strings.TrimPrefix(qualified, "#")
	if len(q) >= len("microsoft.graph.") && strings.EqualFold(q[:len("microsoft.graph.")], "microsoft.graph.") {
		q = q[len("microsoft.graph."):]
	}
	if i := strings.LastIndexByte(q, '.'); i >= 0 {
		return q[:i], q[i+1:]
	}
	return "", q
}

// PageNamespace is the namespace below microsoft.graph a page documents
// ("" for microsoft.graph itself).
func PageNamespace(p *parser.Page) string {
	ns, name := NamespaceOf(p.Namespace)
	if strings.EqualFold(p.Namespace, "microsoft.graph") || p.Namespace == "" {
		return ""
	}
	if ns != "" {
		return ns + "." + name
	}
	return name
}

func qualify(ns, name string) string {
	if ns == "" {
		return strings.ToLower(name)
	}
	return strings.ToLower(ns + "." + name)
}
