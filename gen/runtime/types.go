package graphrt

// This file holds the value types of generated models: optional fields, the
// Edm date and time types, and the JSON helpers that keep properties a model
// does not declare (open types, @odata annotations, properties added to
// Graph after the docs were generated).

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Ptr returns a pointer to v, for setting model fields: u.DisplayName =
// Ptr("Ada").
func Ptr[T any](v T) *T { return &v }

// Nulls returns an AdditionalData map that sends the named members as an
// explicit JSON null, to clear them in a PATCH: u.AdditionalData =
// Nulls("officeLocation"). A member whose field is set is sent with its
// value instead.
//
// Model fields are pointers (absent when nil); an explicit null is kept in
// AdditionalData, where decoding also records the declared members that
// were null, so that absent, null and set stay distinguishable. Models do
// not use Optional: a generic type instantiated with every model made the
// generated package several times slower to build.
func Nulls(members ...string) map[string]json.RawMessage {
	m := make(map[string]json.RawMessage, len(members))
	for _, k := range members {
		m[k] = json.RawMessage("null")
	}
	return m
}

// Optional is a value that can be absent, null or set, for callers' own
// request types (models use pointers and Nulls, see above). The zero
// Optional is absent and, with the `omitzero` JSON tag option, is left out
// of the JSON sent; Null sends an explicit null. Decoding sets it to null
// for a JSON null and to the value otherwise; a member the JSON did not
// carry stays absent.
//
// The value is held through a pointer so that a type may refer to itself
// without an invalid recursive type.
type Optional[T any] struct {
	v    *T
	null bool
}

// Some returns an Optional set to v.
func Some[T any](v T) Optional[T] { return Optional[T]{v: &v} }

// Null returns an Optional that encodes as an explicit JSON null.
func Null[T any]() Optional[T] { return Optional[T]{null: true} }

// Get returns the value and whether it is set (neither absent nor null).
func (o Optional[T]) Get() (T, bool) {
	if o.v == nil {
		var zero T
		return zero, false
	}
	return *o.v, true
}

// Value returns the value, or the zero T when absent or null.
func (o Optional[T]) Value() T {
	v, _ := o.Get()
	return v
}

// IsSet reports whether o holds a value.
func (o Optional[T]) IsSet() bool { return o.v != nil }

// IsNull reports whether o is an explicit null.
func (o Optional[T]) IsNull() bool { return o.null }

// IsZero reports whether o is absent; encoding/json's omitzero calls it.
func (o Optional[T]) IsZero() bool { return o.v == nil && !o.null }

// String shows the value, "null" or "absent", for debugging.
func (o Optional[T]) String() string {
	switch {
	case o.v != nil:
		return fmt.Sprint(*o.v)
	case o.null:
		return "null"
	}
	return "absent"
}

// MarshalJSON encodes the value, or null when o is null or absent (an
// absent Optional is only encoded when a field lacks omitzero).
func (o Optional[T]) MarshalJSON() ([]byte, error) {
	if o.v == nil {
		return []byte("null"), nil
	}
	return json.Marshal(o.v)
}

// UnmarshalJSON sets o to null for a JSON null, else to the decoded value.
func (o *Optional[T]) UnmarshalJSON(data []byte) error {
	if isNull(data) {
		*o = Optional[T]{null: true}
		return nil
	}
	v := new(T)
	if err := json.Unmarshal(data, v); err != nil {
		return err
	}
	*o = Optional[T]{v: v}
	return nil
}

// optionalValue lets the JSON helpers below reach the value of any
// Optional[T] without knowing T.
func (o *Optional[T]) optionalValue() any {
	if o.v == nil {
		return nil
	}
	return o.v
}

type optional interface{ optionalValue() any }

var optionalType = reflect.TypeFor[optional]()

func isNull(data []byte) bool { return string(bytes.TrimSpace(data)) == "null" }

// DateTimeOffset is an Edm.DateTimeOffset: a time.Time that decodes what
// Graph sends, RFC 3339 with or without fractional seconds (up to Graph's
// seven digits) and with or without a zone; without one, UTC is assumed.
// It encodes as RFC 3339 with as many fractional digits as needed.
type DateTimeOffset struct{ time.Time }

// layouts DateTimeOffset accepts, tried in order; fractional seconds of any
// length are accepted by the ".999999999" forms.
var dateTimeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04",
	"2006-01-02T15:04Z07:00",
	"2006-01-02",
}

// ParseDateTimeOffset parses s as Graph writes dates and times.
func ParseDateTimeOffset(s string) (DateTimeOffset, error) {
	for _, layout := range dateTimeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return DateTimeOffset{t}, nil
		}
	}
	return DateTimeOffset{}, fmt.Errorf("graph: %q is not a DateTimeOffset", s)
}

// String formats d as RFC 3339.
func (d DateTimeOffset) String() string { return d.Format(time.RFC3339Nano) }

// MarshalText formats d as RFC 3339.
func (d DateTimeOffset) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText parses what ParseDateTimeOffset accepts.
func (d *DateTimeOffset) UnmarshalText(b []byte) error {
	v, err := ParseDateTimeOffset(string(b))
	if err == nil {
		*d = v
	}
	return err
}

// MarshalJSON encodes d as an RFC 3339 string. It is declared (like
// UnmarshalJSON) so that time.Time's own methods are not promoted.
func (d DateTimeOffset) MarshalJSON() ([]byte, error) { return quoteText(d) }

// UnmarshalJSON decodes a JSON string; null leaves d unchanged.
func (d *DateTimeOffset) UnmarshalJSON(data []byte) error { return unquoteText(data, d) }

// Date is an Edm.Date, "2021-03-01", without time or zone.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate parses "YYYY-MM-DD".
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("graph: %q is not a Date", s)
	}
	return DateOf(t), nil
}

// String formats d as "YYYY-MM-DD".
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

// In returns midnight of d in loc.
func (d Date) In(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// MarshalText formats d as "YYYY-MM-DD".
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText parses "YYYY-MM-DD".
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err == nil {
		*d = v
	}
	return err
}

// TimeOfDay is an Edm.TimeOfDay, "13:45:00.0000000".
type TimeOfDay struct {
	Hour, Minute, Second, Nanosecond int
}

// ParseTimeOfDay parses "hh:mm", "hh:mm:ss" or "hh:mm:ss.fffffff".
func ParseTimeOfDay(s string) (TimeOfDay, error) {
	for _, layout := range []string{"15:04:05.999999999", "15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return TimeOfDay{t.Hour(), t.Minute(), t.Second(), t.Nanosecond()}, nil
		}
	}
	return TimeOfDay{}, fmt.Errorf("graph: %q is not a TimeOfDay", s)
}

// String formats t as "hh:mm:ss", with seven fractional digits as Graph
// writes them when t has a fraction of a second.
func (t TimeOfDay) String() string {
	s := fmt.Sprintf("%02d:%02d:%02d", t.Hour, t.Minute, t.Second)
	if t.Nanosecond != 0 {
		s += fmt.Sprintf(".%07d", t.Nanosecond/100)
	}
	return s
}

// MarshalText formats t as String does.
func (t TimeOfDay) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// UnmarshalText parses what ParseTimeOfDay accepts.
func (t *TimeOfDay) UnmarshalText(b []byte) error {
	v, err := ParseTimeOfDay(string(b))
	if err == nil {
		*t = v
	}
	return err
}

// Duration is an Edm.Duration, an ISO 8601 duration such as "PT1H30M",
// "P1D" or "-PT5S". Days are 24 hours, weeks 7 days; years (365 days) and
// months (30 days) are accepted but approximate, as a time.Duration has no
// calendar. It encodes in days, hours, minutes and seconds ("P1DT2H").
//
// A duration beyond time.Duration's ±292 years is held as MaxDuration or
// MinDuration. Graph writes .NET's TimeSpan.MaxValue
// ("P10675199DT2H48M5.4775807S") for "never"; that value and its minimum
// read as MaxDuration and MinDuration and are written back as they came.
type Duration time.Duration

// MaxDuration and MinDuration are the longest durations a Duration holds:
// what .NET's TimeSpan.MaxValue and MinValue, and anything longer, read as.
const (
	MaxDuration = Duration(math.MaxInt64)
	MinDuration = Duration(math.MinInt64)
)

// timeSpanMax and timeSpanMin are .NET's TimeSpan.MaxValue and MinValue as
// Graph writes them.
const (
	timeSpanMax = "P10675199DT2H48M5.4775807S"
	timeSpanMin = "-P10675199DT2H48M5.4775808S"
)

// ParseDuration parses an ISO 8601 duration.
func ParseDuration(s string) (Duration, error) {
	bad := fmt.Errorf("graph: %q is not an ISO 8601 duration", s)
	rest, neg := strings.CutPrefix(s, "-")
	rest, _ = strings.CutPrefix(rest, "+")
	rest, ok := strings.CutPrefix(rest, "P")
	if !ok || rest == "" || strings.HasSuffix(rest, "T") {
		return 0, bad
	}
	units := map[byte]float64{'Y': 365 * 24 * 3600, 'M': 30 * 24 * 3600, 'W': 7 * 24 * 3600, 'D': 24 * 3600}
	var total float64
	inTime := false
	for rest != "" {
		if rest[0] == 'T' && !inTime {
			inTime, rest = true, rest[1:]
			units = map[byte]float64{'H': 3600, 'M': 60, 'S': 1}
			continue
		}
		i := strings.IndexFunc(rest, func(r rune) bool { return (r < '0' || r > '9') && r != '.' && r != ',' })
		if i <= 0 {
			return 0, bad
		}
		n, err := strconv.ParseFloat(strings.ReplaceAll(rest[:i], ",", "."), 64)
		unit, known := units[rest[i]]
		if err != nil || !known {
			return 0, bad
		}
		total += n * unit
		delete(units, rest[i]) // each unit once
		rest = rest[i+1:]
	}
	if total*float64(time.Second) >= float64(math.MaxInt64) {
		if neg {
			return MinDuration, nil
		}
		return MaxDuration, nil
	}
	d := time.Duration(total * float64(time.Second))
	if neg {
		d = -d
	}
	return Duration(d), nil
}

// String formats d as an ISO 8601 duration.
func (d Duration) String() string {
	switch d {
	case MaxDuration:
		return timeSpanMax
	case MinDuration:
		return timeSpanMin
	}
	v := time.Duration(d)
	var b strings.Builder
	if v < 0 {
		b.WriteByte('-')
		v = -v // time.Duration's minimum has no positive; it is 292 years away
	}
	b.WriteByte('P')
	if days := v / (24 * time.Hour); days > 0 {
		fmt.Fprintf(&b, "%dD", days)
		v -= days * 24 * time.Hour
	}
	if v == 0 {
		if b.Len() <= 2 {
			b.WriteString("T0S")
		}
		return b.String()
	}
	b.WriteByte('T')
	if h := v / time.Hour; h > 0 {
		fmt.Fprintf(&b, "%dH", h)
		v -= h * time.Hour
	}
	if m := v / time.Minute; m > 0 {
		fmt.Fprintf(&b, "%dM", m)
		v -= m * time.Minute
	}
	if v > 0 {
		s := strconv.FormatFloat(v.Seconds(), 'f', -1, 64)
		b.WriteString(s + "S")
	}
	return b.String()
}

// MarshalText formats d as an ISO 8601 duration.
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText parses an ISO 8601 duration.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := ParseDuration(string(b))
	if err == nil {
		*d = v
	}
	return err
}

func quoteText(v interface{ MarshalText() ([]byte, error) }) ([]byte, error) {
	b, err := v.MarshalText()
	if err != nil {
		return nil, err
	}
	return json.Marshal(string(b))
}

func unquoteText(data []byte, v interface{ UnmarshalText([]byte) error }) error {
	if isNull(data) {
		return nil
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return err
	}
	return v.UnmarshalText([]byte(s))
}

// AdditionalDataField is the name of the field of a model struct that holds
// the JSON properties its type does not declare, and the declared ones that
// are null (see Nulls):
//
//	AdditionalData map[string]json.RawMessage `json:"-"`
//
// Models have no MarshalJSON or UnmarshalJSON methods of their own (one on
// a base type would be promoted to every type that embeds it, and would
// encode only the base's fields), so it is filled and written back by
// marshalModel and unmarshalModel, which the client's body encoding and
// decoding use, instead of by encoding/json.
const AdditionalDataField = "AdditionalData"

// marshalModel is json.Marshal that also writes each struct's
// AdditionalData members that are not fields of its type.
func marshalModel(v any) ([]byte, error) {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() || !hasExtras(rv) {
		return json.Marshal(v)
	}
	return marshalValue(rv)
}

// unmarshalModel is json.Unmarshal that also keeps, in each struct's
// AdditionalData, the members that are not fields of its type.
func unmarshalModel(data []byte, v any) error {
	if err := json.Unmarshal(data, v); err != nil {
		return err
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || !typeInfo(rv.Type()).extras {
		return nil
	}
	return collectExtras(data, rv)
}

// typeMeta is what the helpers know about a type.
type typeMeta struct {
	extras bool        // the type is or holds a struct with AdditionalData
	fields []fieldMeta // for structs: JSON members, shallowest first
	known  map[string]bool
	addl   []int // index of the AdditionalData field, nil if none
}

type fieldMeta struct {
	name  string
	index []int
	typ   reflect.Type
}

var (
	mapOfRaw = reflect.TypeFor[map[string]json.RawMessage]()
	metas    sync.Map // reflect.Type → *typeMeta
)

// typeInfo returns the cached typeMeta of t.
func typeInfo(t reflect.Type) *typeMeta {
	if m, ok := metas.Load(t); ok {
		return m.(*typeMeta)
	}
	m := computeMeta(t, map[reflect.Type]bool{})
	actual, _ := metas.LoadOrStore(t, m)
	return actual.(*typeMeta)
}

// computeMeta works out t's meta; visiting guards recursive types, which
// cannot hold extras through themselves alone.
//
// A result is cached when it is final: when extras is true (an
// AdditionalData was found, whatever a cycle hides) or when t is the root
// of the walk. Without the cache, every model would walk the whole graph
// of models it reaches, again for each path to it.
func computeMeta(t reflect.Type, visiting map[reflect.Type]bool) *typeMeta {
	if m, ok := metas.Load(t); ok {
		return m.(*typeMeta)
	}
	m := &typeMeta{}
	if visiting[t] {
		return m
	}
	visiting[t] = true
	defer func() {
		delete(visiting, t)
		if m.extras || len(visiting) == 0 {
			metas.LoadOrStore(t, m)
		}
	}()
	if reflect.PointerTo(t).Implements(optionalType) && t.Kind() == reflect.Struct {
		// Optional[T]: its only field is v *T.
		m.extras = computeMeta(t.Field(0).Type, visiting).extras
		return m
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		m.extras = computeMeta(t.Elem(), visiting).extras
	case reflect.Map:
		m.extras = t.Key().Kind() == reflect.String && computeMeta(t.Elem(), visiting).extras
	case reflect.Struct:
		if f, ok := t.FieldByName(AdditionalDataField); ok && f.Type == mapOfRaw {
			m.addl, m.extras = f.Index, true
		}
		m.fields = jsonFields(t)
		m.known = map[string]bool{}
		for _, f := range m.fields {
			m.known[f.name] = true
			if computeMeta(f.typ, visiting).extras {
				m.extras = true
			}
		}
	}
	return m
}

// jsonFields lists the JSON members of struct type t as encoding/json sees
// them: tagged or exported fields, embedded untagged structs flattened, a
// shallower field hiding a deeper one of the same name.
func jsonFields(t reflect.Type) []fieldMeta {
	var out []fieldMeta
	seen := map[string]bool{}
	type level struct {
		t     reflect.Type
		index []int
	}
	current := []level{{t, nil}}
	visited := map[reflect.Type]bool{}
	for len(current) > 0 {
		var next []level
		var found []fieldMeta
		for _, lv := range current {
			if visited[lv.t] {
				continue
			}
			visited[lv.t] = true
			for i := range lv.t.NumField() {
				f := lv.t.Field(i)
				index := append(slices.Clone(lv.index), i)
				tag := f.Tag.Get("json")
				if tag == "-" {
					continue
				}
				name, _, _ := strings.Cut(tag, ",")
				ft := f.Type
				if f.Anonymous && name == "" {
					if ft.Kind() == reflect.Pointer {
						ft = ft.Elem()
					}
					if ft.Kind() == reflect.Struct {
						next = append(next, level{ft, index})
						continue
					}
				}
				if !f.IsExported() {
					continue
				}
				if name == "" {
					name = f.Name
				}
				found = append(found, fieldMeta{name, index, f.Type})
			}
		}
		for _, f := range found {
			if !seen[f.name] {
				seen[f.name] = true
				out = append(out, f)
			}
		}
		current = next
	}
	return out
}

// hasExtras reports whether v holds a non-empty AdditionalData anywhere.
func hasExtras(v reflect.Value) bool {
	if !v.IsValid() || !typeInfo(v.Type()).extras {
		return false
	}
	if o, ok := addrOptional(v); ok {
		inner := o.optionalValue()
		return inner != nil && hasExtras(reflect.ValueOf(inner))
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		return !v.IsNil() && hasExtras(v.Elem())
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if hasExtras(v.Index(i)) {
				return true
			}
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			if hasExtras(it.Value()) {
				return true
			}
		}
	case reflect.Struct:
		m := typeInfo(v.Type())
		if m.addl != nil && v.FieldByIndex(m.addl).Len() > 0 {
			return true
		}
		for _, f := range m.fields {
			if fv, err := v.FieldByIndexErr(f.index); err == nil && hasExtras(fv) {
				return true
			}
		}
	}
	return false
}

// addrOptional returns v as an optional when it is an Optional[T].
func addrOptional(v reflect.Value) (optional, bool) {
	if v.Kind() != reflect.Struct || !reflect.PointerTo(v.Type()).Implements(optionalType) {
		return nil, false
	}
	if !v.CanAddr() {
		c := reflect.New(v.Type()).Elem()
		c.Set(v)
		v = c
	}
	return v.Addr().Interface().(optional), true
}

// marshalValue encodes v, adding AdditionalData members to every struct.
func marshalValue(v reflect.Value) ([]byte, error) {
	if !hasExtras(v) {
		return json.Marshal(v.Interface())
	}
	if o, ok := addrOptional(v); ok {
		return marshalValue(reflect.ValueOf(o.optionalValue()))
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		return marshalValue(v.Elem())
	case reflect.Slice, reflect.Array:
		parts := make([][]byte, v.Len())
		for i := range parts {
			b, err := marshalValue(v.Index(i))
			if err != nil {
				return nil, err
			}
			parts[i] = b
		}
		return append(append([]byte{'['}, bytes.Join(parts, []byte{','})...), ']'), nil
	case reflect.Map:
		obj := map[string]json.RawMessage{}
		for it := v.MapRange(); it.Next(); {
			b, err := marshalValue(it.Value())
			if err != nil {
				return nil, err
			}
			obj[it.Key().String()] = b
		}
		return json.Marshal(obj)
	}
	// A struct: encode it, then re-encode the members that hold extras and
	// add its own AdditionalData under names its fields do not use.
	plain, err := json.Marshal(v.Interface())
	if err != nil {
		return nil, err
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(plain, &obj); err != nil {
		return nil, err
	}
	m := typeInfo(v.Type())
	for _, f := range m.fields {
		if _, present := obj[f.name]; !present {
			continue
		}
		fv, err := v.FieldByIndexErr(f.index)
		if err != nil || !hasExtras(fv) {
			continue
		}
		if obj[f.name], err = marshalValue(fv); err != nil {
			return nil, err
		}
	}
	if m.addl != nil {
		for k, raw := range v.FieldByIndex(m.addl).Interface().(map[string]json.RawMessage) {
			// Undeclared members, and declared ones recorded as null.
			if _, present := obj[k]; !present && (!m.known[k] || isNull(raw)) && json.Valid(raw) {
				obj[k] = raw
			}
		}
	}
	return json.Marshal(obj)
}

// collectExtras walks data alongside v (already decoded from it) and stores the
// members no field declares in each struct's AdditionalData.
func collectExtras(data []byte, v reflect.Value) error {
	if len(data) == 0 || isNull(data) || !typeInfo(v.Type()).extras {
		return nil
	}
	if o, ok := addrOptional(v); ok { // a copy shares the value pointer
		if inner := o.optionalValue(); inner != nil {
			return collectExtras(data, reflect.ValueOf(inner))
		}
		return nil
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		return collectExtras(data, v.Elem())
	case reflect.Slice, reflect.Array:
		var items []json.RawMessage
		if err := json.Unmarshal(data, &items); err != nil {
			return err
		}
		for i := range min(len(items), v.Len()) {
			if err := collectExtras(items[i], v.Index(i)); err != nil {
				return err
			}
		}
	case reflect.Map:
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(data, &obj); err != nil {
			return err
		}
		for _, k := range slices.Sorted(maps.Keys(obj)) {
			key := reflect.ValueOf(k).Convert(v.Type().Key())
			elem := v.MapIndex(key)
			if !elem.IsValid() {
				continue
			}
			c := reflect.New(elem.Type()).Elem()
			c.Set(elem)
			if err := collectExtras(obj[k], c); err != nil {
				return err
			}
			v.SetMapIndex(key, c)
		}
	case reflect.Struct:
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(data, &obj); err != nil {
			return err
		}
		m := typeInfo(v.Type())
		for _, f := range m.fields {
			raw, present := obj[f.name]
			if !present || !typeInfo(f.typ).extras {
				continue
			}
			fv, err := v.FieldByIndexErr(f.index)
			if err != nil {
				continue // behind a nil embedded pointer
			}
			if err := collectExtras(raw, fv); err != nil {
				return err
			}
		}
		if m.addl == nil {
			return nil
		}
		extra := map[string]json.RawMessage{}
		for k, raw := range obj {
			if !m.known[k] || isNull(raw) { // a declared null: its nil field cannot say it
				extra[k] = raw
			}
		}
		if len(extra) > 0 {
			v.FieldByIndex(m.addl).Set(reflect.ValueOf(extra))
		}
	}
	return nil
}

// modelFactory returns a new model for an @odata.type ("#microsoft.graph.user"
// or "microsoft.graph.user"), or nil when the package has no such model. The
// generated models file sets it.
var modelFactory func(odataType string) any

// Derived returns v (a pointer to a model, for instance a *DirectoryObject
// from a collection of directory objects) decoded again into the model its
// "@odata.type" names, such as a *User, with every property v kept. Use a
// type switch on the result. When the type is unknown or is v's own,
// Derived returns v itself; the error is only for a failed decoding.
func Derived(v any) (any, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct || modelFactory == nil {
		return v, nil
	}
	m := typeInfo(rv.Elem().Type())
	if m.addl == nil {
		return v, nil
	}
	var odataType string
	raw := rv.Elem().FieldByIndex(m.addl).Interface().(map[string]json.RawMessage)["@odata.type"]
	if json.Unmarshal(raw, &odataType) != nil || odataType == "" {
		return v, nil
	}
	target := modelFactory(odataType)
	if target == nil || reflect.TypeOf(target) == rv.Type() {
		return v, nil
	}
	data, err := marshalModel(v)
	if err != nil {
		return v, err
	}
	if err := unmarshalModel(data, target); err != nil {
		return v, fmt.Errorf("graph: decoding %s: %w", odataType, err)
	}
	return target, nil
}
