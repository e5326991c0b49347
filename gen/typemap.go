package gen

import (
	"github.com/dave/jennifer/jen"
	"github.com/docs2go/docs2go/parser/schema"
)

// This file maps the primitives of parser/schema's one table to Go or
// runtime types; named types get their Go names in models.go.

// primCode is the Go type of a primitive; runtime types are package-local,
// because the runtime is copied into every generated package.
func primCode(p schema.Primitive) jen.Code {
	switch p {
	case schema.String:
		return jen.String()
	case schema.Bool:
		return jen.Bool()
	case schema.Byte:
		return jen.Uint8()
	case schema.SByte:
		return jen.Int8()
	case schema.Int16:
		return jen.Int16()
	case schema.Int32:
		return jen.Int32()
	case schema.Int64:
		return jen.Int64()
	case schema.Single:
		return jen.Float32()
	case schema.Double, schema.Decimal:
		return jen.Float64()
	case schema.DateTimeOffset:
		return jen.Id("DateTimeOffset")
	case schema.Date:
		return jen.Id("Date")
	case schema.TimeOfDay:
		return jen.Id("TimeOfDay")
	case schema.Duration:
		return jen.Id("Duration")
	case schema.Binary, schema.Stream:
		return jen.Index().Byte()
	}
	return rawJSON()
}

func rawJSON() jen.Code { return jen.Qual("encoding/json", "RawMessage") }
