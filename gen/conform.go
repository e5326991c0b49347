package gen

import (
	"encoding/json"

	"github.com/docs2go/docs2go/parser/schema"
)

// check reports how data (an example body) does not fit t; the rules are
// the schema's (parser/schema/conform.go), shared with lint.
func (m *models) check(t typeRef, data []byte, c schema.Conformance) *schema.Mismatch {
	return m.s.Check(t.Type, data, c)
}

// sampleJSON is a value of type t for a test built from the path template,
// or to replace an example that does not fit: an empty object for a model
// (or {"id":"1"} when that fits), a typical value for a primitive.
func (m *models) sampleJSON(t typeRef) string {
	if t.Collection {
		t.Collection = false
		return "[" + m.sampleJSON(t) + "]"
	}
	switch {
	case t.Unknown || t.Prim == schema.JSON:
		return `{"sample":true}`
	case t.Def != nil && t.Def.Enum:
		if len(t.Def.Members) > 0 {
			b, _ := json.Marshal(t.Def.Members[0].Name)
			return string(b)
		}
		return `"value"`
	case t.Def != nil:
		if m.check(t, []byte(`{"id":"1"}`), schema.RoundTrips) == nil {
			return `{"id":"1"}`
		}
		return `{}`
	}
	switch t.Prim {
	case schema.Bool:
		return "true"
	case schema.Byte, schema.SByte, schema.Int16, schema.Int32, schema.Int64:
		return "7"
	case schema.Single, schema.Double, schema.Decimal:
		return "1.5"
	case schema.DateTimeOffset:
		return `"2021-09-12T10:30:00Z"`
	case schema.Date:
		return `"2021-09-12"`
	case schema.TimeOfDay:
		return `"10:30:00"`
	case schema.Duration:
		return `"PT1H30M"`
	case schema.Binary, schema.Stream:
		return `"Y29udGVudA=="`
	}
	return `"value"`
}
