package gen

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	graphrt "github.com/docs2go/docs2go/gen/runtime"
	"github.com/docs2go/docs2go/parser/schema"
)

// This file predicts, at generation time, what the generated models will do
// with a documented example: whether it decodes into its Go type (response
// examples), and whether it also encodes back to the same JSON (request
// examples, which the emitted tests send and compare). It walks the example
// with the model graph and uses the runtime's own parsers for dates, times
// and durations, so that it agrees with the generated code. An example that
// does not fit its documented type is a docs defect: it is reported, and the
// emitted test replays a body built from the type instead, so that the tests
// of a package generated from real docs pass.

// conformance is how strictly an example must fit.
type conformance int

const (
	// decodes: unmarshalModel succeeds and re-encoding keeps every member.
	decodes conformance = iota
	// roundTrips: also, marshalModel gives JSON equal to the example (dates,
	// times and durations compared as values, not spellings).
	roundTrips
)

// mismatch says where and why an example does not fit its type.
type mismatch struct {
	path   string // JSON path: "", ".start.dateTime", "[2]"
	why    string
	syntax bool // not JSON at all, which the parser reports (DG4002)
}

func (e *mismatch) Error() string {
	if e.path == "" {
		return e.why
	}
	return e.path + ": " + e.why
}

// check reports how data (an example body) does not fit t, nil if it does.
func (m *models) check(t typeRef, data []byte, c conformance) *mismatch {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return &mismatch{why: "not JSON: " + err.Error(), syntax: true}
	}
	if dec.More() {
		return &mismatch{why: "not one JSON value", syntax: true}
	}
	return m.checkValue(t, v, "", c)
}

func (m *models) checkValue(t typeRef, v any, path string, c conformance) *mismatch {
	if v == nil {
		return nil // a null leaves the field unset; decoding records it
	}
	if t.Collection {
		items, ok := v.([]any)
		if !ok {
			return &mismatch{path: path, why: fmt.Sprintf("want an array, got %s", jsonKind(v))}
		}
		t.Collection = false
		for i, it := range items {
			p := path + "[" + strconv.Itoa(i) + "]"
			if it == nil && c == roundTrips && !t.Unknown && t.Prim != schema.JSON {
				return &mismatch{path: p, why: "null in an array of non-null values is sent as a zero value"}
			}
			if e := m.checkValue(t, it, p, c); e != nil {
				return e
			}
		}
		return nil
	}
	switch {
	case t.Unknown || t.Prim == schema.JSON:
		return nil
	case t.Def != nil && t.Def.Enum:
		if _, ok := v.(string); !ok {
			return &mismatch{path: path, why: fmt.Sprintf("want a string (%s), got %s", t.Def.Name, jsonKind(v))}
		}
		return nil
	case t.Def != nil:
		return m.checkObject(t.Def, v, path, c)
	}
	return checkPrimitive(t.Prim, v, path, c)
}

// checkObject checks v against struct d, its own and inherited members.
// Members d does not declare end up in AdditionalData and fit whatever
// they are, except one that differs from a declared member in case only:
// encoding/json would decode it into that member's field.
func (m *models) checkObject(d *schema.Def, v any, path string, c conformance) *mismatch {
	obj, ok := v.(map[string]any)
	if !ok {
		return &mismatch{path: path, why: fmt.Sprintf("want an object (%s), got %s", d.Name, jsonKind(v))}
	}
	props := map[string]*schema.Prop{}
	folded := map[string]*schema.Prop{}
	for x := d; x != nil; x = m.baseOf(x) {
		for _, p := range x.Props {
			if _, ok := props[p.Name]; !ok {
				props[p.Name] = p
			}
			if _, ok := folded[strings.ToLower(p.Name)]; !ok {
				folded[strings.ToLower(p.Name)] = p
			}
		}
	}
	for _, k := range sortedKeys(obj) {
		p := props[k]
		if p == nil {
			if p = folded[strings.ToLower(k)]; p == nil {
				continue
			}
			if c == roundTrips {
				return &mismatch{path: path + "." + k, why: fmt.Sprintf("member differs from the documented %q in case only", p.Name)}
			}
		}
		t := m.ref(p.Type)
		if e := m.checkValue(t, obj[k], path+"."+k, c); e != nil {
			return e
		}
	}
	return nil
}

func checkPrimitive(p schema.Primitive, v any, path string, c conformance) *mismatch {
	bad := func(want string) *mismatch {
		return &mismatch{path: path, why: fmt.Sprintf("want %s, got %s", want, jsonKind(v))}
	}
	s, isString := v.(string)
	switch p {
	case schema.String:
		if !isString {
			return bad("a string")
		}
	case schema.Bool:
		if _, ok := v.(bool); !ok {
			return bad("a boolean")
		}
	case schema.Byte, schema.SByte, schema.Int16, schema.Int32, schema.Int64:
		n, ok := v.(json.Number)
		bits := map[schema.Primitive]int{schema.Byte: 8, schema.SByte: 8, schema.Int16: 16, schema.Int32: 32, schema.Int64: 64}[p]
		if !ok {
			return bad("an integer")
		}
		var err error
		if p == schema.Byte {
			_, err = strconv.ParseUint(string(n), 10, bits)
		} else {
			_, err = strconv.ParseInt(string(n), 10, bits)
		}
		if err != nil {
			return &mismatch{path: path, why: fmt.Sprintf("%s is not an Int%d", n, bits)}
		}
	case schema.Single, schema.Double, schema.Decimal:
		n, ok := v.(json.Number)
		if !ok {
			return bad("a number")
		}
		x, err := strconv.ParseFloat(string(n), 64)
		if err != nil || math.IsInf(x, 0) {
			return &mismatch{path: path, why: fmt.Sprintf("%s is out of range", n)}
		}
		if p == schema.Single && c == roundTrips {
			// encoding/json writes a float32 with the fewest digits that
			// give it back; sent and documented must be the same number.
			back, _ := strconv.ParseFloat(strconv.FormatFloat(float64(float32(x)), 'g', -1, 32), 64)
			if back != x {
				return &mismatch{path: path, why: fmt.Sprintf("%s does not fit a Single exactly", n)}
			}
		}
	case schema.DateTimeOffset, schema.Date, schema.TimeOfDay, schema.Duration:
		if !isString {
			return bad("a string")
		}
		var err error
		switch p {
		case schema.DateTimeOffset:
			_, err = graphrt.ParseDateTimeOffset(s)
		case schema.Date:
			_, err = graphrt.ParseDate(s)
		case schema.TimeOfDay:
			_, err = graphrt.ParseTimeOfDay(s)
		case schema.Duration:
			_, err = graphrt.ParseDuration(s)
		}
		if err != nil {
			return &mismatch{path: path, why: strings.TrimPrefix(err.Error(), "graph: ")}
		}
	case schema.Binary, schema.Stream:
		if !isString {
			return bad("a base64 string")
		}
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return &mismatch{path: path, why: "not standard base64: " + err.Error()}
		}
		if c == roundTrips && base64.StdEncoding.EncodeToString(b) != s {
			return &mismatch{path: path, why: "base64 is not in canonical form"}
		}
	}
	return nil
}

func jsonKind(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case json.Number:
		return "the number " + string(v)
	case string:
		if len(v) > 40 {
			v = v[:37] + "..."
		}
		return "the string " + strconv.Quote(v)
	case []any:
		return "an array"
	}
	return "an object"
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
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
		if m.check(t, []byte(`{"id":"1"}`), roundTrips) == nil {
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
