package gen

import (
	"cmp"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/docs2go/docs2go/parser"
	"github.com/docs2go/docs2go/parser/diag"
	"github.com/docs2go/docs2go/parser/schema"
)

// This file emits the model types of one API version: the types the
// version's pages document, resolved by parser/schema (resource pages'
// properties, relationships, base types and @odata.type; enum tables;
// possible values listed for string properties), named in Go here, and
// emitted when the generated operations reach them.
//
// Fields are pointers with `omitempty` (slices, []byte and json.RawMessage
// as they are, with `omitzero`): nil is absent, so a PATCH body holds only what the
// caller set. An explicit null (to clear a property) is kept in the
// struct's AdditionalData (the runtime's Nulls), where decoding also
// records declared members that were null, so absent, null and zero stay
// distinguishable. A generic Optional[T] field would say all three by
// itself, but instantiating it with every model made the generated package
// ten times slower to build (58 s and 1.3 GB against 5 s and 0.15 GB for
// the pt-BR v1.0 models). Pointers also let a model refer to itself.
//
// Base types are embedded; members the docs do not declare are kept in
// each struct's AdditionalData by the runtime's marshalModel and
// unmarshalModel (models have no JSON methods of their own, which an
// embedding type would inherit). A value whose @odata.type names a derived
// model is turned into it with the runtime's Derived.

// models is the Go side of one API version's schema: the Go names of its
// types and properties, and which types the operations reach. Operations
// ask it for the Go types of their bodies and results, which marks those
// types (and what they reach) for emission.
type models struct {
	s       *schema.Schema
	version string
	all     bool // emit every model, reached or not

	used      map[string]bool         // package-level Go names taken
	goNames   map[*schema.Def]string  // Go type names
	propNames map[*schema.Prop]string // Go field names
	named     map[*schema.Def]bool    // field names given
	reached   map[*schema.Def]bool
	// inline and requests count the schema's inline enums and request
	// structs named so far.
	inline, requests int
	// planned is set once plan has listed the models to write (defs) and
	// named their enums' constants (consts: by member, "" for none).
	planned bool
	defs    []*schema.Def
	consts  map[*schema.Def][]string
}

// typeRef is a resolved type with the Go name of its named type.
type typeRef struct {
	schema.Type
	goName string
}

// newModels resolves the pages of version ("v1.0", "beta"; "" takes all)
// with parser/schema and names their types. reserved are package-level
// names models must not take (the runtime's, see runtimeNames). Nothing
// is reached yet.
func newModels(pages []*parser.Page, version string, reserved map[string]bool) *models {
	m := &models{
		s: schema.New(pages, version), version: version, used: map[string]bool{},
		goNames: map[*schema.Def]string{}, propNames: map[*schema.Prop]string{},
		named: map[*schema.Def]bool{}, reached: map[*schema.Def]bool{},
	}
	for n := range reserved {
		m.used[n] = true
	}
	// Go names depend on the page set only, never on what is reached, so
	// that using one more type never renames another. Structs first, so
	// that an enum of the same name is the one renamed.
	for _, enums := range []bool{false, true} {
		for _, d := range m.s.Order {
			if d.Enum == enums {
				m.goNames[d] = m.claim(pascal(d.Namespace) + pascal(d.Name))
			}
		}
	}
	return m
}

// claim takes a free package-level Go name based on want.
func (m *models) claim(want string) string {
	if want == "" || !isLetter(want[0]) {
		want = "Model" + want
	}
	name := uniqueName(want, "Model", func(n string) bool { return m.used[n] })
	m.used[name] = true
	return name
}

func isLetter(c byte) bool { return isUpper(rune(c)) || isLower(rune(c)) }

// sync names the inline enums and request structs the schema made since
// the last call, in the order it made them.
func (m *models) sync() {
	for _, d := range m.s.Inline()[m.inline:] {
		// userType on User is UserType, not UserUserType, unless that name
		// is taken; then the owner prefix keeps it unique.
		owner := m.goNames[d.Owner]
		want := owner + pascal(d.OwnerProp)
		if trimmed := pascal(d.OwnerProp); strings.HasPrefix(trimmed, owner) && len(trimmed) > len(owner) && !m.used[trimmed] {
			want = trimmed
		}
		m.goNames[d] = m.claim(want)
		m.inline++
	}
	for _, d := range m.s.Requests()[m.requests:] {
		m.goNames[d] = m.claim(d.Name + "Request")
		m.requests++
	}
}

// ref is t with its Go name.
func (m *models) ref(t schema.Type) typeRef {
	m.sync()
	return typeRef{Type: t, goName: m.goNames[t.Def]}
}

func docText(t parser.Text) string {
	s := cmp.Or(t.En, t.Text)
	return strings.Join(strings.Fields(s), " ")
}

// diagnostics returns the problems the schema found so far, sorted.
func (m *models) diagnostics() []diag.Diagnostic { return m.s.Diagnostics() }

// code is the Go type of t.
func (t typeRef) code() jen.Code {
	var item jen.Code
	switch {
	case t.Unknown:
		item = rawJSON()
	case t.Def != nil:
		item = jen.Id(t.goName)
	default:
		item = primCode(t.Prim)
	}
	if t.Collection {
		return jen.Index().Add(item)
	}
	return item
}

// goType is the Go type of a documented type used by an operation (a body
// parameter, a function parameter, a result): a named model or a slice of
// one, a primitive, or json.RawMessage (reported) when no page documents
// it. It marks the model reached. file and pos locate the reference.
func (m *models) goType(ref parser.TypeRef, file string, pos parser.Pos) jen.Code {
	t := m.ref(m.s.ResolveRef(ref, "", file, pos))
	m.reach(t.Def)
	return t.code()
}

// responseItem is the Go type of what an operation's documented response
// holds: the item type for a collection (a *Seq2 of it, or []it for a
// non-paged array, is the method's business), the document type otherwise.
// ok is false when the page documents no response type.
func (m *models) responseItem(p *parser.Page, op parser.Operation) (item jen.Code, collection, ok bool) {
	t, ok := m.responseRef(p, op)
	if !ok {
		return nil, false, false
	}
	m.reach(t.Def)
	coll := t.Collection
	t.Collection = false
	return t.code(), coll, true
}

func (m *models) responseRef(p *parser.Page, op parser.Operation) (typeRef, bool) {
	t, ok := m.s.Response(p, op)
	return m.ref(t), ok
}

// requestBody is the Go type of a page's request body, for an operation
// whose Go name is opName (see schema.RequestBody; an action's struct is
// opName+"Request"). ok is false when the page documents no typed body.
func (m *models) requestBody(p *parser.Page, opName string) (jen.Code, bool) {
	t, ok := m.requestRef(p, opName)
	if !ok {
		return nil, false
	}
	m.reach(t.Def)
	return t.code(), true
}

func (m *models) requestRef(p *parser.Page, opName string) (typeRef, bool) {
	t, ok := m.s.RequestBody(p, opName)
	return m.ref(t), ok
}

// resolve resolves d in the schema and names its fields: Go names clear
// of the embedded base types' names and of AdditionalData.
func (m *models) resolve(d *schema.Def) {
	if d == nil || d.Enum {
		return
	}
	m.s.Resolve(d)
	m.sync()
	if m.named[d] {
		return
	}
	m.named[d] = true
	taken := map[string]bool{AdditionalDataField: true}
	for c := d.Base; c != nil; c = c.Base {
		taken[m.goNames[c]] = true // the embedded field's name
	}
	for _, p := range d.Props {
		name := pascal(p.Name)
		if name == "" || !isLetter(name[0]) {
			name = "P" + name
		}
		name = uniqueName(name, "", func(n string) bool { return taken[n] })
		taken[name] = true
		m.propNames[p] = name
	}
}

// AdditionalDataField is the runtime's name for the unknown-members field.
const AdditionalDataField = "AdditionalData"

// reach marks d and everything it needs for emission: its base chain, its
// properties' types and, so that Derived can pick them, the types derived
// from it (except from the roots entity and directoryObject's peers, which
// would be every type).
func (m *models) reach(d *schema.Def) {
	if d == nil || m.reached[d] {
		return
	}
	m.reached[d] = true
	m.resolve(d)
	m.reach(d.Base)
	for _, p := range d.Props {
		m.reach(p.Type.Def)
	}
}

// reachDerived adds the models derived from reached ones, for Derived, until
// nothing changes; entity, the root of nearly every type, is left out.
func (m *models) reachDerived() {
	for _, d := range m.s.Order {
		m.resolve(d) // links derived types to their bases
	}
	for changed := true; changed; {
		changed = false
		for _, d := range m.s.Order {
			if m.reached[d] || d.Enum || d.Base == nil || !m.reached[d.Base] || d.Base.Key == "entity" {
				continue
			}
			m.reach(d)
			changed = true
		}
	}
}

// emitted lists the models to write, in key order: reached ones, or all
// with m.all, then the request bodies.
func (m *models) emitted() []*schema.Def {
	if m.all {
		for _, d := range m.s.Order {
			m.reach(d)
		}
	}
	m.reachDerived()
	var out []*schema.Def
	for _, d := range m.s.Order {
		if m.reached[d] {
			out = append(out, d)
		}
	}
	// inline enums, made while resolving, after the page-documented types
	var extra []*schema.Def
	for _, d := range m.s.Inline() {
		if m.reached[d] {
			extra = append(extra, d)
		}
	}
	slices.SortFunc(extra, func(a, b *schema.Def) int { return cmp.Compare(a.Key, b.Key) })
	out = append(out, extra...)
	for _, d := range m.s.Requests() {
		m.reach(d)
		out = append(out, d)
	}
	return out
}

// plan lists the models to write (see emitted) and names the constants of
// their enums, once: a constant's name is claimed among the package's
// names in this order only, whatever files the models are then written to.
func (m *models) plan() []*schema.Def {
	if m.planned {
		return m.defs
	}
	m.planned = true
	m.defs = m.emitted()
	m.consts = map[*schema.Def][]string{}
	for _, d := range m.defs {
		if !d.Enum {
			continue
		}
		names := make([]string, len(d.Members))
		for i, mem := range d.Members {
			words := pascal(mem.Name)
			if words == "" {
				continue
			}
			name := m.goNames[d] + words
			if m.used[name] {
				continue // a duplicate or a clash with another type; the value stays usable as a string
			}
			m.used[name] = true
			names[i] = name
		}
		m.consts[d] = names
	}
	return m.defs
}

// file returns all the models of package pkg as one file (the models
// goldens); gen writes them as files (see files).
func (m *models) file(pkg string) *jen.File {
	f := newModelFile(pkg)
	defs := m.plan()
	for _, d := range defs {
		m.emit(f, d)
	}
	m.addFactory(f, defs)
	return f
}

func newModelFile(pkg string) *jen.File {
	f := jen.NewFile(pkg)
	f.HeaderComment(strings.TrimPrefix(header, "// "))
	return f
}

// files passes start the models of package pkg as files to build (after
// plan, building only reads), with the number of models each holds: models_X_gen.go holds the models whose Go names
// start with the letter X, in the order of emitted (gofmt of one file of
// all of them costs more memory than the rest of a run); models_gen.go
// holds the @odata.type factory.
func (m *models) files(pkg string, start func(file string, weight int, build func() *jen.File)) {
	defs := m.plan()
	by := map[string][]*schema.Def{}
	for _, d := range defs {
		k := strings.ToLower(m.goNames[d][:1]) // a Go name starts with an ASCII letter (claim)
		by[k] = append(by[k], d)
	}
	for _, k := range slices.Sorted(maps.Keys(by)) {
		start("models_"+k+"_gen.go", len(by[k]), func() *jen.File {
			f := newModelFile(pkg)
			for _, d := range by[k] {
				m.emit(f, d)
			}
			return f
		})
	}
	start("models_gen.go", len(defs)/10, func() *jen.File {
		f := newModelFile(pkg)
		m.addFactory(f, defs)
		return f
	})
}

func (m *models) emit(f *jen.File, d *schema.Def) {
	if d.Enum {
		m.emitEnum(f, d)
	} else {
		m.emitStruct(f, d)
	}
}

// addFactory writes the @odata.type factory Derived uses, for defs, to f.
func (m *models) addFactory(f *jen.File, defs []*schema.Def) {
	var cases, names []jen.Code
	seen := map[string]bool{}
	for _, d := range defs {
		if d.Enum || d.OData == "" || seen[strings.ToLower(d.OData)] {
			continue
		}
		seen[strings.ToLower(d.OData)] = true
		cases = append(cases, jen.Case(jen.Lit(d.OData)).Block(jen.Return(jen.New(jen.Id(m.goNames[d])))))
		names = append(names, jen.Lit(d.OData))
	}
	f.Comment("modelForODataType returns a new model for an @odata.type, for Derived.")
	if len(cases) == 0 {
		f.Func().Id("modelForODataType").Params(jen.String()).Any().Block(jen.Return(jen.Nil()))
	} else {
		f.Func().Id("modelForODataType").Params(jen.Id("odataType").String()).Any().Block(
			jen.Switch(jen.Qual("strings", "TrimPrefix").Call(jen.Id("odataType"), jen.Lit("#"))).Block(cases...),
			jen.Return(jen.Nil()),
		)
	}
	f.Line()
	// The names again, for AsBase to find a model's @odata.type: a list of
	// strings costs the build next to nothing, unlike a map keyed by Go type.
	f.Func().Id("init").Params().Block(
		jen.Id("modelFactory").Op("=").Id("modelForODataType"),
		jen.Id("modelODataTypes").Op("=").Index().String().ValuesFunc(func(g *jen.Group) {
			for _, n := range names {
				g.Line().Add(n)
			}
			if len(names) > 0 {
				g.Line()
			}
		}),
	)
}

// comment makes docs text safe for a line comment.
func comment(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for strings.HasPrefix(s, "/") {
		s = strings.TrimPrefix(s, "/")
	}
	return s
}

func (m *models) emitStruct(f *jen.File, d *schema.Def) {
	m.resolve(d)
	goName := m.goNames[d]
	doc := goName + " " + d.Doc // request bodies
	if !d.Request {
		doc = goName + " is the " + d.Name + " resource"
		if d.OData != "" {
			doc += " (" + d.OData + ")"
		}
		doc += ". " + d.Doc
	}
	f.Comment(comment(doc))
	var fields []jen.Code
	if d.Base != nil {
		fields = append(fields, jen.Id(m.goNames[d.Base]))
	}
	for _, p := range d.Props {
		t := m.ref(p.Type)
		if p.Doc != "" {
			fields = append(fields, jen.Comment(comment(p.Doc)))
		}
		// omitempty leaves out a nil pointer only, while omitzero would ask
		// the pointed-to value's IsZero (DateTimeOffset has time.Time's) and
		// drop a set zero time; slices need omitzero, to send an empty one.
		typ, omit := t.code(), ",omitzero"
		if !t.Collection && !t.Unknown && t.Prim != schema.JSON && t.Prim != schema.Binary && t.Prim != schema.Stream {
			typ, omit = jen.Op("*").Add(typ), ",omitempty"
		}
		fields = append(fields, jen.Id(m.propNames[p]).Add(typ).Tag(map[string]string{"json": p.Name + omit}))
	}
	note := "AdditionalData holds the members the docs do not declare (@odata annotations, newer properties) and declared ones that are null (see Nulls), kept on decoding and written back on encoding."
	if d.Open {
		note = "AdditionalData holds the members the docs do not declare (" + d.Name + " is an open type) and declared ones that are null (see Nulls), kept on decoding and written back on encoding."
	}
	fields = append(fields, jen.Comment(note))
	fields = append(fields, jen.Id(AdditionalDataField).Map(jen.String()).Qual("encoding/json", "RawMessage").Tag(map[string]string{"json": "-"}))
	f.Type().Id(goName).Struct(fields...)
	f.Line()
}

func (m *models) emitEnum(f *jen.File, d *schema.Def) {
	goName := m.goNames[d]
	doc := goName + " " + d.Doc // inline enums
	if !d.Inline {
		doc = goName + " is the " + d.Name + " enumeration. " + d.Doc
	}
	f.Comment(comment(doc))
	f.Type().Id(goName).String()
	var consts []jen.Code
	for i, mem := range d.Members {
		name := m.consts[d][i]
		if name == "" {
			continue
		}
		if t := docText(mem.Description); t != "" {
			consts = append(consts, jen.Comment(comment(t)))
		}
		consts = append(consts, jen.Id(name).Id(goName).Op("=").Lit(enumWireValue(mem)))
	}
	if len(consts) > 0 {
		f.Const().Defs(consts...)
	}
	f.Line()
}

// enumWireValue is what JSON carries for an enum member: OData sends the
// member's name; a numeric Value column ("| focused | 0 |") is the
// underlying integer, never sent. A non-numeric Value is kept for members
// whose name column holds something else.
func enumWireValue(mem parser.EnumMember) string {
	if _, err := strconv.ParseInt(strings.TrimSpace(mem.Value), 10, 64); err == nil || mem.Value == "" {
		return mem.Name
	}
	return mem.Value
}
