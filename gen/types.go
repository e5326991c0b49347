package gen

import (
	"strings"

	"github.com/docs2go/docs2go/parser/schema"

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

// scalarOf maps a documented type to the Go type of an argument, by the
// one primitive table (parser/schema): integers of 32 bits or less are
// int32, Int64 int64, floating types float64, DateTimeOffset time.Time;
// anything else (String, Date, Guid, enums, unknown names) is a string.
func scalarOf(name string) scalar {
	switch schema.PrimitiveOf(name) {
	case schema.Byte, schema.SByte, schema.Int16, schema.Int32:
		return scalarInt32
	case schema.Int64:
		return scalarInt64
	case schema.Bool:
		return scalarBool
	case schema.Single, schema.Double, schema.Decimal:
		return scalarFloat64
	case schema.DateTimeOffset:
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

// functionParamType is the type of a function argument: the operation's
// row of the page's function parameter table.
func functionParamType(p *parser.Page, op parser.Operation, name string, d *diags) scalar {
	for _, fp := range op.FunctionParameters {
		if strings.EqualFold(fp.Name, name) {
			return scalarOf(fp.Type.Name)
		}
	}
	if name != "" && len(p.FunctionParameters) > 0 {
		d.add(p, op.Pos, ruleUnknownFunctionParam, "function parameter %q is not in the page's parameter table; it is passed as a string", name)
	}
	return scalarString
}

// Bodies and results are typed from the models (models.go): typeOperations
// asks the model graph for each operation's request body and response, and
// the functions below turn the answer into Go types. A body the page does
// not type is any; a result it does not type is json.RawMessage.

// typeOperations sets the body and result types of ops from m, which marks
// the models they reach for emission. The request struct of an action is
// named after the page's first documented operation that has a method, so
// the operations of one page (/me/sendMail, /users/{id}/sendMail) share it.
func typeOperations(ops []*operation, m *models) {
	first := map[*parser.Page]*operation{}
	for _, o := range ops {
		if f, ok := first[o.page]; !ok || o.op.Pos.Line < f.op.Pos.Line || o.op.Pos.Line == f.op.Pos.Line && o.name < f.name {
			first[o.page] = o
		}
	}
	for _, o := range ops {
		if o.body {
			if t, ok := m.requestRef(o.page, first[o.page].name); ok {
				m.reach(t.Def)
				o.bodyRef = &t
			}
		}
		if o.result == resultJSON || o.result == resultCollection {
			if t, ok := m.responseRef(o.page, o.op); ok && t.Collection == (o.result == resultCollection) {
				m.reach(t.Def)
				t.Collection = false
				o.resRef = &t
			}
		}
	}
}

// itemCode is the Go type of one value of t: a pointer to a model, else
// t's own type.
func itemCode(t typeRef) jen.Code {
	if t.IsModel() {
		return jen.Op("*").Id(t.goName)
	}
	return t.code()
}

// bodyType is the Go type of a method's request body: a pointer to the
// model or request struct, a slice, json.RawMessage or []byte, so that nil
// always means "no body"; any when the page does not type it (a struct or
// map is sent as JSON, []byte and json.RawMessage as they are).
func bodyType(o *operation) jen.Code {
	t := o.bodyRef
	switch {
	case t == nil:
		return jen.Any()
	case t.Collection || t.IsRaw() || t.IsBytes():
		return t.code()
	}
	return jen.Op("*").Add(t.code())
}

// itemType is the Go type of a result document or collection item.
func itemType(o *operation) jen.Code {
	if o.resRef == nil {
		return rawJSON()
	}
	return itemCode(*o.resRef)
}

// resultShape is how a JSON result is decoded.
type resultShape int

const (
	shapeRaw   resultShape = iota // json.RawMessage, as sent
	shapeModel                    // a new model, returned as a pointer
	shapeValue                    // a primitive or enum: {"value": x} or x
	shapeBytes                    // Edm.Binary or Edm.Stream: the body as is
)

func (o *operation) shape() resultShape {
	t := o.resRef
	switch {
	case t == nil || t.IsRaw():
		return shapeRaw
	case t.IsModel():
		return shapeModel
	case t.IsBytes():
		return shapeBytes
	}
	return shapeValue
}

// resultTypes are the Go results of a method.
func resultTypes(o *operation) []jen.Code {
	switch o.result {
	case resultJSON:
		return []jen.Code{itemType(o), jen.Error()}
	case resultBytes:
		return []jen.Code{jen.Qual("io", "ReadCloser"), jen.Error()}
	case resultCollection:
		return []jen.Code{jen.Qual("iter", "Seq2").Types(itemType(o), jen.Error())}
	}
	return []jen.Code{jen.Error()}
}
