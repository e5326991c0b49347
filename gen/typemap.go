package gen

import (
	"path"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/docs2go/docs2go/parser"
)

// This file maps a documented type name to a Go type: the Edm primitives to
// Go or runtime types (the table below), anything else to the key of a
// named model, which models.go resolves against the page set.

// primitive is a documented primitive type; primNone means the name is not
// one, so it names a resource or enum.
type primitive int

const (
	primNone primitive = iota
	primString
	primBool
	primByte  // Edm.Byte: uint8
	primSByte // Edm.SByte: int8
	primInt16
	primInt32
	primInt64
	primSingle
	primDouble
	// Edm.Decimal is float64: Graph's decimals (prices, percentages) fit a
	// double's 15 significant digits, and JSON carries them as numbers.
	primDecimal
	primDateTime // Edm.DateTimeOffset: the runtime's DateTimeOffset (time.Time)
	primDate     // Edm.Date: the runtime's Date
	primTime     // Edm.TimeOfDay: the runtime's TimeOfDay
	primDuration // Edm.Duration: the runtime's Duration (time.Duration)
	primBinary   // Edm.Binary: []byte, base64 in JSON
	primStream   // Edm.Stream: []byte, the content itself
	primJSON     // Json, "Untyped JSON object": json.RawMessage, kept as sent
)

// primitives maps normalized names (see normalizeTypeName) to primitives,
// including the spellings the docs use besides the Edm ones.
var primitives = map[string]primitive{
	"string": primString, "str": primString, "guid": primString, "uuid": primString,
	"url": primString, "uri": primString, "char": primString,
	"boolean": primBool, "bool": primBool,
	"byte": primByte, "sbyte": primSByte,
	"int16": primInt16, "short": primInt16,
	"int32": primInt32, "int": primInt32, "integer": primInt32,
	"int64": primInt64, "long": primInt64,
	"single": primSingle, "float": primSingle,
	"double": primDouble, "number": primDouble,
	"decimal":        primDecimal,
	"datetimeoffset": primDateTime, "datetime": primDateTime, "timestamp": primDateTime,
	"date":      primDate,
	"timeofday": primTime, "time": primTime,
	"duration": primDuration, "timespan": primDuration,
	"binary": primBinary, "base64": primBinary,
	"stream": primStream,
	"json":   primJSON, "untyped json object": primJSON, "json object": primJSON, "object": primJSON,
}

// code is the Go type of p; runtime types are package-local, because the
// runtime is copied into every generated package.
func (p primitive) code() jen.Code {
	switch p {
	case primString:
		return jen.String()
	case primBool:
		return jen.Bool()
	case primByte:
		return jen.Uint8()
	case primSByte:
		return jen.Int8()
	case primInt16:
		return jen.Int16()
	case primInt32:
		return jen.Int32()
	case primInt64:
		return jen.Int64()
	case primSingle:
		return jen.Float32()
	case primDouble, primDecimal:
		return jen.Float64()
	case primDateTime:
		return jen.Id("DateTimeOffset")
	case primDate:
		return jen.Id("Date")
	case primTime:
		return jen.Id("TimeOfDay")
	case primDuration:
		return jen.Id("Duration")
	case primBinary, primStream:
		return jen.Index().Byte()
	}
	return rawJSON()
}

func rawJSON() jen.Code { return jen.Qual("encoding/json", "RawMessage") }

// normalizeTypeName reduces a documented type name to the form the tables
// are keyed by: lower case, without "Edm." or "microsoft.graph." prefixes
// or a trailing note ("String (url)", "string (timestamp)"), and tells
// whether it was written as a collection ("Collection(Edm.String)",
// "String collection", "[String]").
func normalizeTypeName(s string) (name string, collection bool) {
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

// primitiveOf returns the primitive a documented name means, or primNone.
func primitiveOf(name string) primitive {
	n, _ := normalizeTypeName(name)
	return primitives[n]
}

// linkKeys returns what a type link points at: the page's base name
// ("../resources/message.md" → "message") and, for a link to a heading
// ("enums.md#threatcategory-values", "chat.md#chattype-values"), the name
// of the enum the heading introduces ("threatcategory").
func linkKeys(link string) (file, anchor string) {
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

// refCollection tells whether ref is a collection, whether the parser saw
// it or only the name says so.
func refCollection(ref parser.TypeRef) bool {
	_, c := normalizeTypeName(ref.Name)
	return ref.Collection || c
}
