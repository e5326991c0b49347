package schema

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	// The runtime's own parsers for dates, times and durations, so that
	// the check agrees with the generated code (standard library only).
	graphrt "github.com/docs2go/docs2go/gen/runtime"
)

// This file predicts what a generated model will do
// with a documented example: whether it decodes into its Go type (response
// examples), and whether it also encodes back to the same JSON (request
// examples, which the emitted tests send and compare). It walks the example
// with the model graph and uses the runtime's own parsers for dates, times
// and durations, so that it agrees with the generated code. An example that
// does not fit its documented type is a docs defect: it is reported, and the
// emitted test replays a body built from the type instead, so that the tests
// of a package generated from real docs pass.

// Conformance is how strictly an example must fit.
type Conformance int

const (
	// Decodes: decoding succeeds and re-encoding keeps every member.
	Decodes Conformance = iota
	// RoundTrips: also, encoding gives JSON equal to the example (dates,
	// times and durations compared as values, not spellings).
	RoundTrips
)

// Mismatch says where and why an example does not fit its type.
type Mismatch struct {
	Path   string // JSON path: "", ".start.dateTime", "[2]"
	Why    string
	Syntax bool // not JSON at all, which the parser reports (DG4002)
}

func (e *Mismatch) Error() string {
	if e.Path == "" {
		return e.Why
	}
	return e.Path + ": " + e.Why
}

// Check reports how data (an example body) does not fit t, nil if it does:
// the one check gen (which replaces an example that does not fit in its
// emitted tests) and lint (which reports it) share.
func (s *Schema) Check(t Type, data []byte, c Conformance) *Mismatch {
	v, err := decodeOne(data)
	if err != nil {
		if err == errNotOne {
			return &Mismatch{Why: "not one JSON value", Syntax: true}
		}
		return &Mismatch{Why: "not JSON: " + err.Error(), Syntax: true}
	}
	return s.checkValue(t, v, "", c)
}

func (s *Schema) checkValue(t Type, v any, path string, c Conformance) *Mismatch {
	if v == nil {
		return nil // a null leaves the field unset; decoding records it
	}
	if t.Collection {
		items, ok := v.([]any)
		if !ok {
			return &Mismatch{Path: path, Why: fmt.Sprintf("want an array, got %s", jsonKind(v))}
		}
		t.Collection = false
		for i, it := range items {
			p := path + "[" + strconv.Itoa(i) + "]"
			if it == nil && c == RoundTrips && !t.Unknown && t.Prim != JSON {
				return &Mismatch{Path: p, Why: "null in an array of non-null values is sent as a zero value"}
			}
			if e := s.checkValue(t, it, p, c); e != nil {
				return e
			}
		}
		return nil
	}
	switch {
	case t.Unknown || t.Prim == JSON:
		return nil
	case t.Def != nil && t.Def.Enum:
		if _, ok := v.(string); !ok {
			return &Mismatch{Path: path, Why: fmt.Sprintf("want a string (%s), got %s", t.Def.Name, jsonKind(v))}
		}
		return nil
	case t.Def != nil:
		return s.checkObject(t.Def, v, path, c)
	}
	return checkPrimitive(t.Prim, v, path, c)
}

// allMembers maps d's own and inherited members by name and by lower-case
// name (the first of each, d's own before its bases').
func (s *Schema) allMembers(d *Def) (props, folded map[string]*Prop) {
	props, folded = map[string]*Prop{}, map[string]*Prop{}
	for x := d; x != nil; x = s.BaseOf(x) {
		for _, p := range x.Props {
			if _, ok := props[p.Name]; !ok {
				props[p.Name] = p
			}
			if _, ok := folded[strings.ToLower(p.Name)]; !ok {
				folded[strings.ToLower(p.Name)] = p
			}
		}
	}
	return props, folded
}

// checkObject checks v against struct d, its own and inherited members.
// Members d does not declare end up in AdditionalData and fit whatever
// they are, except one that differs from a declared member in case only:
// encoding/json would decode it into that member's field.
func (s *Schema) checkObject(d *Def, v any, path string, c Conformance) *Mismatch {
	obj, ok := v.(map[string]any)
	if !ok {
		return &Mismatch{Path: path, Why: fmt.Sprintf("want an object (%s), got %s", d.Name, jsonKind(v))}
	}
	// d's own members are read below before BaseOf resolves it: resolve it
	// first, or an unresolved type's members (untyped, inherited ones
	// included) would let anything through.
	s.Resolve(d)
	props, folded := d.members, d.folded
	if props == nil {
		props, folded = s.allMembers(d)
	}
	for _, k := range sortedKeys(obj) {
		p := props[k]
		if p == nil {
			if p = folded[strings.ToLower(k)]; p == nil {
				continue
			}
			if c == RoundTrips {
				return &Mismatch{Path: path + "." + k, Why: fmt.Sprintf("member differs from the documented %q in case only", p.Name)}
			}
		}
		if e := s.checkValue(p.Type, obj[k], path+"."+k, c); e != nil {
			return e
		}
	}
	return nil
}

func checkPrimitive(p Primitive, v any, path string, c Conformance) *Mismatch {
	bad := func(want string) *Mismatch {
		return &Mismatch{Path: path, Why: fmt.Sprintf("want %s, got %s", want, jsonKind(v))}
	}
	s, isString := v.(string)
	switch p {
	case String:
		if !isString {
			return bad("a string")
		}
	case Bool:
		if _, ok := v.(bool); !ok {
			return bad("a boolean")
		}
	case Byte, SByte, Int16, Int32, Int64:
		n, ok := v.(json.Number)
		bits := map[Primitive]int{Byte: 8, SByte: 8, Int16: 16, Int32: 32, Int64: 64}[p]
		if !ok {
			return bad("an integer")
		}
		var err error
		if p == Byte {
			_, err = strconv.ParseUint(string(n), 10, bits)
		} else {
			_, err = strconv.ParseInt(string(n), 10, bits)
		}
		if err != nil {
			return &Mismatch{Path: path, Why: fmt.Sprintf("%s is not an Int%d", n, bits)}
		}
	case Single, Double, Decimal:
		n, ok := v.(json.Number)
		if !ok {
			return bad("a number")
		}
		x, err := strconv.ParseFloat(string(n), 64)
		if err != nil || math.IsInf(x, 0) {
			return &Mismatch{Path: path, Why: fmt.Sprintf("%s is out of range", n)}
		}
		if p == Single && c == RoundTrips {
			// encoding/json writes a float32 with the fewest digits that
			// give it back; sent and documented must be the same number.
			back, _ := strconv.ParseFloat(strconv.FormatFloat(float64(float32(x)), 'g', -1, 32), 64)
			if back != x {
				return &Mismatch{Path: path, Why: fmt.Sprintf("%s does not fit a Single exactly", n)}
			}
		}
	case DateTimeOffset, Date, TimeOfDay, Duration:
		if !isString {
			return bad("a string")
		}
		var err error
		switch p {
		case DateTimeOffset:
			_, err = graphrt.ParseDateTimeOffset(s)
		case Date:
			_, err = graphrt.ParseDate(s)
		case TimeOfDay:
			_, err = graphrt.ParseTimeOfDay(s)
		case Duration:
			_, err = graphrt.ParseDuration(s)
		}
		if err != nil {
			return &Mismatch{Path: path, Why: strings.TrimPrefix(err.Error(), "graph: ")}
		}
	case Binary, Stream:
		if !isString {
			return bad("a base64 string")
		}
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return &Mismatch{Path: path, Why: "not standard base64: " + err.Error()}
		}
		if c == RoundTrips && base64.StdEncoding.EncodeToString(b) != s {
			return &Mismatch{Path: path, Why: "base64 is not in canonical form"}
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

// CheckResponse checks an example response body against an operation's
// documented response type t: a collection's "value" items, a primitive's
// or enum's "value" member (or the bare value), a model's document.
func (s *Schema) CheckResponse(t Type, body []byte) *Mismatch {
	switch {
	case t.Collection:
		v, err := decodeOne(body)
		if err != nil {
			return &Mismatch{Why: "not JSON", Syntax: true}
		}
		items, ok := valueMember(v)
		if !ok {
			return &Mismatch{Why: "not an object with a value array"}
		}
		if e := s.checkValue(t, items, "", Decodes); e != nil {
			e.Path = ".value" + e.Path
			return e
		}
		return nil
	case !t.IsRaw() && !t.IsModel() && !t.IsBytes():
		if trimmed := bytes.TrimSpace(body); bytes.HasPrefix(trimmed, []byte("{")) {
			v, err := decodeOne(body)
			if err != nil {
				return &Mismatch{Why: "an object without a value member"}
			}
			value, ok := valueMember(v)
			if !ok {
				return &Mismatch{Why: "an object without a value member"}
			}
			return s.checkValue(t, value, "", Decodes)
		}
	}
	return s.Check(t, body, Decodes)
}

var errNotOne = errors.New("not one JSON value")

// decodeOne decodes data, one JSON value, keeping numbers as written.
// Decoding once and picking the wrapper's member out of the result costs
// half of decoding the wrapper and then its member again.
func decodeOne(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, errNotOne
	}
	return v, nil
}

// valueMember is the "value" member of an object, matched as
// encoding/json matches a field: exactly, else in any case.
func valueMember(v any) (any, bool) {
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, false
	}
	if x, ok := obj["value"]; ok {
		return x, true
	}
	for _, k := range sortedKeys(obj) {
		if strings.EqualFold(k, "value") {
			return obj[k], true
		}
	}
	return nil, false
}
