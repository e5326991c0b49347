package gen

import (
	"cmp"
	"fmt"
	"github.com/docs2go/docs2go/parser/diag"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/docs2go/docs2go/parser"
)

// This file builds the model types of one API version from its pages
// (resource pages' properties, relationships, base types and @odata.type;
// enum tables; possible values listed for string properties) and emits
// those that the generated operations reach.
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

// modelDiag is a problem the model builder found in the pages: a reference
// to a type that no page of the version documents, or a property it cannot
// represent. The model still compiles, with json.RawMessage in its place.
type modelDiag = diag.Diagnostic

// modelDef is a resource (struct) or enum type.
type modelDef struct {
	key    string // lower case, namespace-qualified: "user", "callrecords.session"
	name   string // as documented: "user"
	odata  string // "microsoft.graph.user", "" when no page says
	ns     string // lower-case namespace below microsoft.graph: "", "callrecords"
	nsGo   string // its Go prefix: "", "CallRecords"
	goName string
	enum   bool
	doc    string
	file   string
	pos    parser.Pos

	// enums
	members []parser.EnumMember

	// structs
	baseRef string
	base    *modelDef
	derived []*modelDef
	props   []*modelProp
	open    bool

	reached  bool
	resolved bool // base and property types resolved
}

// modelProp is a property or relationship of a struct.
type modelProp struct {
	name   string // the JSON member, exactly as documented
	goName string
	ref    parser.TypeRef
	values []string // possible values of a string property
	doc    string
	file   string
	pos    parser.Pos

	// resolved
	prim primitive
	def  *modelDef // named model, or an inline enum
	coll bool
	raw  bool
}

// models is the model type graph of one API version. Operations ask it for
// the Go types of their bodies and results, which marks those types (and
// what they reach) for emission.
type models struct {
	version string
	all     bool // emit every model, reached or not

	defs    map[string]*modelDef // by key
	byFile  map[string]*modelDef // by page base name ("message")
	byName  map[string]*modelDef // by lower-case documented name, microsoft.graph first
	enumsBy map[string]*modelDef // enums by lower-case name, for links to "#x-values"
	order   []*modelDef          // sorted by key

	used     map[string]bool // package-level Go names taken
	requests []*modelDef     // request body structs, in creation order
	diags    []modelDiag
	seenDiag map[string]bool
}

// newModels indexes the pages of version ("v1.0", "beta"; "" takes all)
// into a model graph. reserved are package-level names models must not
// take (the runtime's, see runtimeNames). Nothing is reached yet.
func newModels(pages []*parser.Page, version string, reserved map[string]bool) *models {
	m := &models{
		version: version, defs: map[string]*modelDef{}, byFile: map[string]*modelDef{},
		byName: map[string]*modelDef{}, enumsBy: map[string]*modelDef{},
		used: map[string]bool{}, seenDiag: map[string]bool{},
	}
	for n := range reserved {
		m.used[n] = true
	}
	sorted := slices.Clone(pages)
	slices.SortStableFunc(sorted, func(a, b *parser.Page) int { return cmp.Compare(a.File, b.File) })
	for _, p := range sorted {
		if p == nil || (version != "" && p.Version != version) {
			continue
		}
		m.addPage(p)
	}
	for _, d := range m.defs {
		m.order = append(m.order, d)
	}
	slices.SortFunc(m.order, func(a, b *modelDef) int { return cmp.Compare(a.key, b.key) })
	for _, d := range m.order {
		if prev, ok := m.byName[strings.ToLower(d.name)]; !ok || (prev.ns != "" && d.ns == "") || (prev.enum && !d.enum) {
			m.byName[strings.ToLower(d.name)] = d
		}
		if d.enum {
			if _, ok := m.enumsBy[strings.ToLower(d.name)]; !ok || d.ns == "" {
				m.enumsBy[strings.ToLower(d.name)] = d
			}
		}
	}
	// Go names depend on the page set only, never on what is reached, so
	// that using one more type never renames another. Structs first, so
	// that an enum of the same name is the one renamed.
	for _, enums := range []bool{false, true} {
		for _, d := range m.order {
			if d.enum == enums {
				d.goName = m.claim(d.nsGo + pascal(d.name))
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
	name := want
	for i := 1; m.used[name]; i++ {
		name = want + "Model"
		if i > 1 {
			name += fmt.Sprint(i)
		}
	}
	m.used[name] = true
	return name
}

func isLetter(c byte) bool { return isUpper(rune(c)) || isLower(rune(c)) }

// namespaceOf returns the lower-case namespace below microsoft.graph of a
// qualified name or namespace ("microsoft.graph.callRecords.session" →
// "callrecords"), and the last name.
// Both keep their case.
func namespaceOf(qualified string) (ns, name string) {
	q := strings.TrimPrefix(qualified, "#")
	if len(q) >= len("microsoft.graph.") && strings.EqualFold(q[:len("microsoft.graph.")], "microsoft.graph.") {
		q = q[len("microsoft.graph."):]
	}
	if i := strings.LastIndexByte(q, '.'); i >= 0 {
		return q[:i], q[i+1:]
	}
	return "", q
}

func pageNamespace(p *parser.Page) string {
	ns, name := namespaceOf(p.Namespace)
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

func docText(t parser.Text) string {
	s := cmp.Or(t.En, t.Text)
	return strings.Join(strings.Fields(s), " ")
}

// addPage indexes a page's resource and enums.
func (m *models) addPage(p *parser.Page) {
	base := strings.ToLower(strings.TrimSuffix(path.Base(p.File), ".md"))
	pns := pageNamespace(p)
	// A page under resources/ that the parser took for an API page (it has
	// no Methods table) still documents its type.
	isResource := p.Kind == parser.ResourcePage || (p.Kind == parser.APIPage && strings.Contains(p.File, "/resources/"))
	if r := p.Resource; r != nil && isResource && r.Name != "" {
		ns := pns
		if r.ODataType != "" {
			ns, _ = namespaceOf(r.ODataType)
		}
		key := qualify(ns, r.Name)
		if r.ODataType != "" {
			key = qualify(namespaceOf(r.ODataType))
		}
		d := m.defs[key]
		if d == nil || d.enum {
			d = &modelDef{key: key, name: r.Name, odata: r.ODataType, ns: strings.ToLower(ns), nsGo: pascal(ns), file: p.File, pos: r.Pos, doc: docText(p.Description)}
			m.defs[key] = d
		}
		d.baseRef = cmp.Or(d.baseRef, r.BaseType, r.InheritsFrom)
		d.odata = cmp.Or(d.odata, r.ODataType)
		d.open = d.open || r.OpenType
		for _, list := range [][]parser.Parameter{r.Properties, r.Relationships} {
			for _, prm := range list {
				m.addProp(d, p.File, prm)
			}
		}
		if _, ok := m.byFile[base]; !ok {
			m.byFile[base] = d
		}
	}
	for _, e := range p.Enums {
		if e.Name == "" {
			continue
		}
		ns, name := namespaceOf(e.Name)
		if ns == "" {
			ns = pns
		}
		key := qualify(ns, name)
		nsGo := pascal(ns)
		ns = strings.ToLower(ns)
		if d := m.defs[key]; d != nil {
			if !d.enum {
				key += "#enum" // a resource and an enum share the name
			} else {
				for _, mem := range e.Members {
					if !slices.ContainsFunc(d.members, func(x parser.EnumMember) bool { return x.Name == mem.Name }) {
						d.members = append(d.members, mem)
					}
				}
				continue
			}
		}
		d := &modelDef{key: key, name: name, ns: ns, nsGo: nsGo, enum: true, members: slices.Clone(e.Members), file: p.File, pos: e.Pos}
		if p.Resource == nil && len(p.Enums) == 1 {
			d.doc = docText(p.Description)
		}
		m.defs[key] = d
		if p.Resource == nil && len(p.Enums) == 1 {
			if _, ok := m.byFile[base]; !ok {
				m.byFile[base] = d
			}
		}
	}
}

var jsonMemberName = regexp.MustCompile(`^[A-Za-z_@$][A-Za-z0-9_.@$:\-]*$`)

// addProp adds a documented property to d unless d already has it.
func (m *models) addProp(d *modelDef, file string, prm parser.Parameter) {
	name := strings.TrimSpace(prm.Name)
	if !jsonMemberName.MatchString(name) {
		m.report(file, prm.Pos, ruleBadProperty, "property %q of %s cannot be a JSON member name; it is kept in AdditionalData", name, d.name)
		return
	}
	for _, p := range d.props {
		if p.name == name {
			return // documented on two pages (Intune splits types); the first wins
		}
	}
	d.props = append(d.props, &modelProp{name: name, ref: prm.Type, values: prm.Values, doc: docText(prm.Description), file: file, pos: prm.Pos})
}

func (m *models) report(file string, pos parser.Pos, rule *diag.Rule, format string, args ...any) {
	d := rule.Diag(file, pos, pos, format, args...)
	if k := d.String(); !m.seenDiag[k] {
		m.seenDiag[k] = true
		m.diags = append(m.diags, d)
	}
}

// diagnostics returns the problems found so far, sorted by position.
func (m *models) diagnostics() []modelDiag {
	out := slices.Clone(m.diags)
	slices.SortFunc(out, func(a, b modelDiag) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col), cmp.Compare(a.Message, b.Message))
	})
	return out
}

// lookup finds the model a documented type refers to: by link (page name,
// or "#x-values" heading for enums), then by name in ns, then by name in
// microsoft.graph, then by name anywhere.
func (m *models) lookup(ref parser.TypeRef, ns string) *modelDef {
	ns = strings.ToLower(ns)
	if ref.Link != "" {
		file, anchor := linkKeys(ref.Link)
		if anchor != "" {
			if d := m.enumsBy[anchor]; d != nil {
				return d
			}
		}
		if d := m.byFile[file]; d != nil && anchor == "" {
			return d
		}
	}
	n, _ := normalizeTypeName(ref.Name)
	if n == "" {
		return nil
	}
	if d := m.defs[n]; d != nil {
		return d
	}
	if ns != "" {
		if d := m.defs[ns+"."+n]; d != nil {
			return d
		}
	}
	if d := m.byName[n]; d != nil {
		return d
	}
	// A qualified name in an unknown namespace, or a link whose file name
	// is a type: last resort.
	if _, last := namespaceOf(n); last != n {
		if d := m.byName[last]; d != nil {
			return d
		}
	}
	if ref.Link != "" {
		file, _ := linkKeys(ref.Link)
		return m.byFile[file]
	}
	return nil
}

// typeRef is a documented type resolved to Go.
type typeRef struct {
	prim primitive
	def  *modelDef
	coll bool
	raw  bool // unresolved: json.RawMessage
}

// resolveRef resolves ref as seen from file (for diagnostics) and namespace
// ns, reporting a named type that no page documents.
func (m *models) resolveRef(ref parser.TypeRef, ns, file string, pos parser.Pos) typeRef {
	t := typeRef{coll: refCollection(ref)}
	n, _ := normalizeTypeName(ref.Name)
	if p := primitives[n]; p != primNone {
		t.prim = p
		return t
	}
	if t.def = m.lookup(ref, ns); t.def != nil {
		return t
	}
	t.raw = true
	if n == "" && ref.Link == "" {
		m.report(file, pos, ruleUntyped, "no documented type; json.RawMessage is used")
	} else {
		m.report(file, pos, ruleUnknownType, "type %q is not documented by any %s page; json.RawMessage is used", cmp.Or(ref.Written, ref.Name, ref.Link), cmp.Or(m.version, "resource"))
	}
	return t
}

// code is the Go type of t.
func (t typeRef) code() jen.Code {
	var item jen.Code
	switch {
	case t.raw:
		item = rawJSON()
	case t.def != nil:
		item = jen.Id(t.def.goName)
	default:
		item = t.prim.code()
	}
	if t.coll {
		return jen.Index().Add(item)
	}
	return item
}

// goType is the Go type of a documented type used by an operation (a body
// parameter, a function parameter, a result): a named model or a slice of
// one, a primitive, or json.RawMessage (reported) when no page documents
// it. It marks the model reached. file and pos locate the reference.
func (m *models) goType(ref parser.TypeRef, file string, pos parser.Pos) jen.Code {
	t := m.resolveRef(ref, "", file, pos)
	m.reach(t.def)
	return t.code()
}

// responseItem is the Go type of what an operation's documented response holds:
// the item type for a collection (a *Seq2 of it, or []it for a
// non-paged array, is the method's business), the document type otherwise.
// ok is false when the page documents no response type.
func (m *models) responseItem(p *parser.Page, op parser.Operation) (item jen.Code, collection, ok bool) {
	t, ok := m.responseRef(p, op)
	if !ok {
		return nil, false, false
	}
	m.reach(t.def)
	coll := t.coll
	t.coll = false
	return t.code(), coll, true
}

func (m *models) responseRef(p *parser.Page, op parser.Operation) (typeRef, bool) {
	rt := op.Response.Type
	if rt == nil {
		return typeRef{}, false
	}
	t := m.resolveRef(*rt, pageNamespace(p), p.File, op.Response.Pos)
	t.coll = t.coll || op.Response.Collection
	return t, true
}

// requestBody is the Go type of a page's request body, for an operation
// whose Go name is opName: the resource for a body documented as a
// resource (create) or as the properties of the page's own resource
// (update: "user-update.md" with user's properties), otherwise a struct
// named opName+"Request" with the parameters as fields (actions).
// ok is false when the page documents no typed body (none, raw JSON).
func (m *models) requestBody(p *parser.Page, opName string) (jen.Code, bool) {
	t, ok := m.requestRef(p, opName)
	if !ok {
		return nil, false
	}
	m.reach(t.def)
	return t.code(), true
}

func (m *models) requestRef(p *parser.Page, opName string) (typeRef, bool) {
	rb := p.RequestBody
	switch rb.Kind {
	case parser.BodyResource:
		if rb.Resource == nil {
			return typeRef{}, false
		}
		return m.resolveRef(*rb.Resource, pageNamespace(p), p.File, rb.Pos), true
	case parser.BodyParameters:
		if len(rb.Parameters) == 0 {
			return typeRef{}, false
		}
		if d := m.updatedResource(p); d != nil {
			return typeRef{def: d}, true
		}
		return typeRef{def: m.requestStruct(p, opName)}, true
	}
	return typeRef{}, false
}

// updatedResource is the resource a PATCH/PUT page's parameter table
// documents properties of: the page is "<resource>-update.md" and most
// parameters are that resource's properties (its own or inherited).
func (m *models) updatedResource(p *parser.Page) *modelDef {
	base := strings.ToLower(strings.TrimSuffix(path.Base(p.File), ".md"))
	res, ok := strings.CutSuffix(base, "-update")
	if !ok || len(p.Operations) == 0 || (p.Operations[0].Method != "PATCH" && p.Operations[0].Method != "PUT") {
		return nil
	}
	d := m.byFile[res]
	if d == nil || d.enum {
		return nil
	}
	known := 0
	for _, prm := range p.RequestBody.Parameters {
		for c := d; c != nil; c = m.baseOf(c) {
			if slices.ContainsFunc(c.props, func(x *modelProp) bool { return strings.EqualFold(x.name, prm.Name) }) {
				known++
				break
			}
		}
	}
	if known*2 < len(p.RequestBody.Parameters) {
		return nil
	}
	return d
}

// requestStruct declares (once per name) the body struct of an action.
func (m *models) requestStruct(p *parser.Page, opName string) *modelDef {
	for _, d := range m.requests {
		if d.file == p.File && d.name == opName {
			return d
		}
	}
	d := &modelDef{key: "request:" + opName, name: opName, ns: strings.ToLower(pageNamespace(p)), file: p.File, pos: p.RequestBody.Pos}
	d.goName = m.claim(opName + "Request")
	d.doc = "is the request body of " + opName + "."
	for _, prm := range p.RequestBody.Parameters {
		m.addProp(d, p.File, prm)
	}
	m.requests = append(m.requests, d)
	return d
}

// baseOf resolves and returns d's base type, nil if none.
func (m *models) baseOf(d *modelDef) *modelDef {
	m.resolve(d)
	return d.base
}

// resolve resolves d's base type and property types once.
func (m *models) resolve(d *modelDef) {
	if d == nil || d.resolved || d.enum {
		return
	}
	d.resolved = true
	if d.baseRef != "" {
		ref := parser.TypeRef{Name: d.baseRef}
		n, _ := normalizeTypeName(d.baseRef)
		if b := m.lookup(ref, d.ns); b != nil && !b.enum && b != d {
			// Refuse a base that would make embedding cyclic.
			cyclic := false
			for c := b; c != nil; c = c.base {
				if c == d {
					cyclic = true
					break
				}
				if !c.resolved {
					m.resolve(c)
				}
			}
			if cyclic {
				m.report(d.file, d.pos, ruleBaseCycle, "base type %q of %s leads back to it; it is not embedded", d.baseRef, d.name)
			} else {
				d.base = b
				if !slices.Contains(b.derived, d) {
					b.derived = append(b.derived, d)
				}
			}
		} else if n != "" && b == nil {
			m.report(d.file, d.pos, ruleUnknownBase, "base type %q of %s is not documented by any %s page; its properties are not included", d.baseRef, d.name, cmp.Or(m.version, "resource"))
		}
	}
	// Properties the base chain declares are inherited, not repeated.
	inherited := map[string]bool{}
	taken := map[string]bool{AdditionalDataField: true}
	for c := d.base; c != nil; c = c.base {
		for _, p := range c.props {
			inherited[p.name] = true
		}
		taken[c.goName] = true // the embedded field's name
	}
	props := d.props[:0]
	for _, p := range d.props {
		if inherited[p.name] {
			continue
		}
		t := m.resolveRef(p.ref, d.ns, p.file, p.pos)
		p.prim, p.def, p.coll, p.raw = t.prim, t.def, t.coll, t.raw
		if p.prim == primString && len(p.values) >= 2 {
			p.def = m.inlineEnum(d, p)
		}
		p.goName = pascal(p.name)
		if p.goName == "" || !isLetter(p.goName[0]) {
			p.goName = "P" + p.goName
		}
		for base, i := p.goName, 2; taken[p.goName]; i++ {
			p.goName = fmt.Sprintf("%s%d", base, i)
		}
		taken[p.goName] = true
		props = append(props, p)
	}
	d.props = props
}

// AdditionalDataField is the runtime's name for the unknown-members field.
const AdditionalDataField = "AdditionalData"

// inlineEnum declares the string type of a property whose description lists
// its possible values ("importance": low, normal, high → MessageImportance).
func (m *models) inlineEnum(owner *modelDef, p *modelProp) *modelDef {
	key := owner.key + "." + strings.ToLower(p.name) + "#values"
	if d := m.defs[key]; d != nil {
		return d
	}
	d := &modelDef{key: key, name: owner.name + "." + p.name, ns: owner.ns, enum: true, file: p.file, pos: p.pos}
	// userType on User is UserType, not UserUserType, unless that name is
	// taken; then the owner prefix keeps it unique.
	want := owner.goName + pascal(p.name)
	if trimmed := pascal(p.name); strings.HasPrefix(trimmed, owner.goName) && len(trimmed) > len(owner.goName) && !m.used[trimmed] {
		want = trimmed
	}
	d.goName = m.claim(want)
	d.doc = "lists the documented values of " + owner.name + "." + p.name + "."
	for _, v := range p.values {
		d.members = append(d.members, parser.EnumMember{Name: v, Pos: p.pos})
	}
	m.defs[key] = d
	return d
}

// reach marks d and everything it needs for emission: its base chain, its
// properties' types and, so that Derived can pick them, the types derived
// from it (except from the roots entity and directoryObject's peers, which
// would be every type).
func (m *models) reach(d *modelDef) {
	if d == nil || d.reached {
		return
	}
	d.reached = true
	m.resolve(d)
	m.reach(d.base)
	for _, p := range d.props {
		m.reach(p.def)
	}
}

// reachDerived adds the models derived from reached ones, for Derived, until
// nothing changes; entity, the root of nearly every type, is left out.
func (m *models) reachDerived() {
	for _, d := range m.order {
		m.resolve(d) // links derived types to their bases
	}
	for changed := true; changed; {
		changed = false
		for _, d := range m.order {
			if d.reached || d.enum || d.base == nil || !d.base.reached || d.base.key == "entity" {
				continue
			}
			m.reach(d)
			changed = true
		}
	}
}

// emitted lists the models to write, in key order: reached ones, or all
// with m.all, then the request bodies.
func (m *models) emitted() []*modelDef {
	if m.all {
		for _, d := range m.order {
			m.reach(d)
		}
	}
	m.reachDerived()
	var out []*modelDef
	for _, d := range m.order {
		if d.reached {
			out = append(out, d)
		}
	}
	// inline enums were added to defs after order was built
	var extra []*modelDef
	for k, d := range m.defs {
		if strings.HasSuffix(k, "#values") && d.reached {
			extra = append(extra, d)
		}
	}
	slices.SortFunc(extra, func(a, b *modelDef) int { return cmp.Compare(a.key, b.key) })
	out = append(out, extra...)
	for _, d := range m.requests {
		m.reach(d)
		out = append(out, d)
	}
	return out
}

// file returns the models file of package pkg.
func (m *models) file(pkg string) *jen.File {
	f := jen.NewFile(pkg)
	f.HeaderComment("Code generated by docs2go. DO NOT EDIT.")
	m.addTo(f)
	return f
}

// addTo writes the reached models, and the @odata.type factory Derived
// uses, to f.
func (m *models) addTo(f *jen.File) {
	defs := m.emitted()
	for _, d := range defs {
		if d.enum {
			m.emitEnum(f, d)
		} else {
			m.emitStruct(f, d)
		}
	}
	var cases []jen.Code
	seen := map[string]bool{}
	for _, d := range defs {
		if d.enum || d.odata == "" || seen[strings.ToLower(d.odata)] {
			continue
		}
		seen[strings.ToLower(d.odata)] = true
		cases = append(cases, jen.Case(jen.Lit(d.odata)).Block(jen.Return(jen.New(jen.Id(d.goName)))))
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
	f.Func().Id("init").Params().Block(jen.Id("modelFactory").Op("=").Id("modelForODataType"))
}

// comment makes docs text safe for a line comment.
func comment(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for strings.HasPrefix(s, "/") {
		s = strings.TrimPrefix(s, "/")
	}
	return s
}

func (m *models) emitStruct(f *jen.File, d *modelDef) {
	m.resolve(d)
	doc := d.goName + " " + d.doc // request bodies
	if !strings.HasPrefix(d.key, "request:") {
		doc = d.goName + " is the " + d.name + " resource"
		if d.odata != "" {
			doc += " (" + d.odata + ")"
		}
		doc += ". " + d.doc
	}
	f.Comment(comment(doc))
	var fields []jen.Code
	if d.base != nil {
		fields = append(fields, jen.Id(d.base.goName))
	}
	for _, p := range d.props {
		t := typeRef{prim: p.prim, def: p.def, coll: p.coll, raw: p.raw}
		if p.doc != "" {
			fields = append(fields, jen.Comment(comment(p.doc)))
		}
		// omitempty leaves out a nil pointer only, while omitzero would ask
		// the pointed-to value's IsZero (DateTimeOffset has time.Time's) and
		// drop a set zero time; slices need omitzero, to send an empty one.
		typ, omit := t.code(), ",omitzero"
		if !t.coll && !t.raw && t.prim != primJSON && t.prim != primBinary && t.prim != primStream {
			typ, omit = jen.Op("*").Add(typ), ",omitempty"
		}
		fields = append(fields, jen.Id(p.goName).Add(typ).Tag(map[string]string{"json": p.name + omit}))
	}
	note := "AdditionalData holds the members the docs do not declare (@odata annotations, newer properties) and declared ones that are null (see Nulls), kept on decoding and written back on encoding."
	if d.open {
		note = "AdditionalData holds the members the docs do not declare (" + d.name + " is an open type) and declared ones that are null (see Nulls), kept on decoding and written back on encoding."
	}
	fields = append(fields, jen.Comment(note))
	fields = append(fields, jen.Id(AdditionalDataField).Map(jen.String()).Qual("encoding/json", "RawMessage").Tag(map[string]string{"json": "-"}))
	f.Type().Id(d.goName).Struct(fields...)
	f.Line()
}

func (m *models) emitEnum(f *jen.File, d *modelDef) {
	doc := d.goName + " " + d.doc // inline enums
	if !strings.HasSuffix(d.key, "#values") {
		doc = d.goName + " is the " + d.name + " enumeration. " + d.doc
	}
	f.Comment(comment(doc))
	f.Type().Id(d.goName).String()
	var consts []jen.Code
	for _, mem := range d.members {
		words := pascal(mem.Name)
		if words == "" {
			continue
		}
		name := d.goName + words
		if m.used[name] {
			continue // a duplicate or a clash with another type; the value stays usable as a string
		}
		m.used[name] = true
		if t := docText(mem.Description); t != "" {
			consts = append(consts, jen.Comment(comment(t)))
		}
		consts = append(consts, jen.Id(name).Id(d.goName).Op("=").Lit(cmp.Or(mem.Value, mem.Name)))
	}
	if len(consts) > 0 {
		f.Const().Defs(consts...)
	}
	f.Line()
}
