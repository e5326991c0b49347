package gen

import (
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/docs2go/docs2go/parser"
)

// This file maps documented types to Go types. It is the one place that
// decides what a body, a result or a function parameter is in Go, so that
// typed models (issue 4) replace the raw JSON fallbacks here and nowhere
// else.

// scalar is the Go type of a path or function argument.
type scalar int

const (
	scalarString scalar = iota
	scalarInt32
	scalarInt64
	scalarBool
	scalarFloat64
	scalarTime
)

// scalarOf maps a documented primitive type ("Int32", "Edm.Boolean",
// "DateTimeOffset", "string (timestamp)") to a scalar; anything else
// (String, Date, Guid, enums, unknown names) is a string.
func scalarOf(name string) scalar {
	n := strings.ToLower(strings.TrimSpace(name))
	n = strings.TrimPrefix(n, "edm.")
	if i := strings.IndexAny(n, " ("); i >= 0 {
		n = n[:i]
	}
	switch n {
	case "int32", "int16", "byte", "sbyte":
		return scalarInt32
	case "int64":
		return scalarInt64
	case "boolean", "bool":
		return scalarBool
	case "double", "single", "decimal":
		return scalarFloat64
	case "datetimeoffset":
		return scalarTime
	}
	return scalarString
}

// goType is the jennifer type of a scalar.
func (s scalar) goType() jen.Code {
	switch s {
	case scalarInt32:
		return jen.Int32()
	case scalarInt64:
		return jen.Int64()
	case scalarBool:
		return jen.Bool()
	case scalarFloat64:
		return jen.Float64()
	case scalarTime:
		return jen.Qual("time", "Time")
	}
	return jen.String()
}

// format is the expression rendering v as path text, before escaping.
func (s scalar) format(v jen.Code) jen.Code {
	switch s {
	case scalarInt32:
		return jen.Qual("strconv", "FormatInt").Call(jen.Int64().Call(v), jen.Lit(10))
	case scalarInt64:
		return jen.Qual("strconv", "FormatInt").Call(v, jen.Lit(10))
	case scalarBool:
		return jen.Qual("strconv", "FormatBool").Call(v)
	case scalarFloat64:
		return jen.Qual("strconv", "FormatFloat").Call(v, jen.LitRune('g'), jen.Lit(-1), jen.Lit(64))
	case scalarTime:
		return jen.Add(v).Dot("UTC").Call().Dot("Format").Call(jen.Qual("time", "RFC3339Nano"))
	}
	return v
}

// functionParamType looks a function argument up in the page's function
// parameter table.
func functionParamType(p *parser.Page, name string, d *diags, pos parser.Pos) scalar {
	for _, fp := range p.FunctionParameters {
		if strings.EqualFold(fp.Name, name) {
			return scalarOf(fp.Type.Name)
		}
	}
	if name != "" && len(p.FunctionParameters) > 0 {
		d.add(p, pos, "GEN1003", "function parameter %q is not in the page's parameter table; it is passed as a string", name)
	}
	return scalarString
}

// bodyType is the Go type of a method's request body. Until models exist
// (issue 4) it is any: a struct or map is sent as JSON, []byte and
// json.RawMessage as they are.
func bodyType(*operation) jen.Code {
	return jen.Any()
}

// itemType is the Go type of a result document or collection item. Until
// models exist (issue 4) it is json.RawMessage.
func itemType(*operation) jen.Code {
	return jen.Qual("encoding/json", "RawMessage")
}

// resultTypes are the Go results of a method.
func resultTypes(o *operation) []jen.Code {
	switch o.result {
	case resultJSON:
		return []jen.Code{itemType(o), jen.Error()}
	case resultBytes:
		return []jen.Code{jen.Index().Byte(), jen.Error()}
	case resultCollection:
		return []jen.Code{jen.Qual("iter", "Seq2").Types(itemType(o), jen.Error())}
	}
	return []jen.Code{jen.Error()}
}
