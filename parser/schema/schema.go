package schema

import (
	"cmp"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/docs2go/docs2go/parser"
	"github.com/docs2go/docs2go/parser/diag"
)

// Def is a named type: a resource (struct) or an enum, from a page, or an
// action's request body (Request), or the values a property's description
// lists (Inline enum).
type Def struct {
	Key  string // lower case, namespace-qualified: "user", "callrecords.session"
	Name string // as documented: "user"
	// OData is "microsoft.graph.user", "" when no page says.
	OData string
	// Namespace is the namespace below microsoft.graph as written ("",
	// "callRecords"); NS is it in lower case.
	Namespace, NS string
	Enum          bool
	Doc           string
	File          string
	Pos           parser.Pos

	// Enums.
	Members []parser.EnumMember
	// Inline is set for an enum made from a property's listed values:
	// Owner's property OwnerProp.
	Inline    bool
	Owner     *Def
	OwnerProp string

	// Structs.
	BaseRef string // the base type as written
	Base    *Def   // resolved by Resolve; nil if none or unknown
	Derived []*Def
	Props   []*Prop // its own, after Resolve: inherited ones removed
	Open    bool
	// Request is set for an action's request body struct.
	Request bool

	resolved bool
	// members and folded are allMembers(d), made by ResolveAll for the
	// checks that run on many goroutines after it.
	members, folded map[string]*Prop
}

// Prop is a property or relationship of a struct.
type Prop struct {
	Name   string // the JSON member, exactly as documented
	Ref    parser.TypeRef
	Values []string // possible values of a string property
	Doc    string
	File   string
	Pos    parser.Pos
	Type   Type // resolved by Resolve
}

// Type is a documented type resolved: a primitive, a named type, or
// unknown (kept as raw JSON by a client), maybe a collection of it.
type Type struct {
	Prim       Primitive
	Def        *Def
	Collection bool
	// Unknown is set when the reference names no documented type.
	Unknown bool
}

// IsModel reports whether t (an item, not a collection) is a struct.
func (t Type) IsModel() bool { return !t.Unknown && t.Def != nil && !t.Def.Enum }

// IsBytes reports whether t is sent and received as bytes.
func (t Type) IsBytes() bool {
	return !t.Unknown && t.Def == nil && (t.Prim == Binary || t.Prim == Stream)
}

// IsRaw reports whether t is raw JSON: unknown, or documented as JSON.
func (t Type) IsRaw() bool { return t.Unknown || t.Def == nil && t.Prim == JSON }

// Item is t without its collection.
func (t Type) Item() Type { t.Collection = false; return t }

// String is the documented name of t, for messages.
func (t Type) String() string {
	n := "JSON"
	switch {
	case t.Def != nil:
		n = t.Def.Name
	case !t.Unknown && t.Prim != None:
		n = t.Prim.Name()
	}
	if t.Collection {
		n = "collection of " + n
	}
	return n
}

// Schema is the type graph of one API version.
type Schema struct {
	Version string
	// Order lists the page-documented types sorted by key.
	Order []*Def

	defs     map[string]*Def // by key
	byFile   map[string]*Def // by page base name ("message")
	byName   map[string]*Def // by lower-case documented name, microsoft.graph first
	enumsBy  map[string]*Def // enums by lower-case name, for links to "#x-values"
	inline   []*Def          // property value enums, in creation order
	requests []*Def          // request body structs, in creation order

	diags    []diag.Diagnostic
	seenDiag map[string]bool
}

// New indexes the pages of version ("v1.0", "beta"; "" takes all) into a
// type graph. Nothing is resolved yet.
func New(pages []*parser.Page, version string) *Schema {
	s := &Schema{
		Version: version, defs: map[string]*Def{}, byFile: map[string]*Def{},
		byName: map[string]*Def{}, enumsBy: map[string]*Def{}, seenDiag: map[string]bool{},
	}
	sorted := slices.Clone(pages)
	slices.SortStableFunc(sorted, func(a, b *parser.Page) int { return cmp.Compare(a.File, b.File) })
	for _, p := range sorted {
		if p == nil || (version != "" && p.Version != version) {
			continue
		}
		s.addPage(p)
	}
	for _, d := range s.defs {
		s.Order = append(s.Order, d)
	}
	slices.SortFunc(s.Order, func(a, b *Def) int { return cmp.Compare(a.Key, b.Key) })
	for _, d := range s.Order {
		if prev, ok := s.byName[strings.ToLower(d.Name)]; !ok || (prev.NS != "" && d.NS == "") || (prev.Enum && !d.Enum) {
			s.byName[strings.ToLower(d.Name)] = d
		}
		if d.Enum {
			if _, ok := s.enumsBy[strings.ToLower(d.Name)]; !ok || d.NS == "" {
				s.enumsBy[strings.ToLower(d.Name)] = d
			}
		}
	}
	return s
}

// Keep returns the part of p that New reads: for a caller that collects
// the pages documenting types over a long run (lint reads every page
// first), so it holds a few kilobytes per page rather than the whole model
// (texts per translation pair, sections, examples, positions of cells).
func Keep(p *parser.Page) *parser.Page {
	k := &parser.Page{File: c(p.File), Kind: p.Kind, Version: c(p.Version), Namespace: c(p.Namespace),
		Description: keepText(p.Description), Enums: keepEnums(p.Enums)}
	if r := p.Resource; r != nil {
		k.Resource = &parser.Resource{Name: c(r.Name), ODataType: c(r.ODataType), BaseType: c(r.BaseType),
			InheritsFrom: c(r.InheritsFrom), OpenType: r.OpenType, Pos: r.Pos,
			Properties: keepParameters(r.Properties), Relationships: keepParameters(r.Relationships)}
	}
	return k
}

// c copies a string: the parser carves a page's texts out of shared
// blocks, and one string kept would hold its whole block.
func c(s string) string { return strings.Clone(s) }

// keepText is t as docText reads it.
func keepText(t parser.Text) parser.Text { return parser.Text{Text: c(t.Text), En: c(t.En)} }

// cloneText is t whole, copied (enum members keep their descriptions'
// pairs: Def.Members is what the page says).
func cloneText(t parser.Text) parser.Text {
	out := parser.Text{Text: c(t.Text), En: c(t.En), IDs: keepStrings(t.IDs)}
	if t.Pairs != nil {
		out.Pairs = make([]parser.Pair, len(t.Pairs))
		for i, pr := range t.Pairs {
			pr.ID, pr.Local, pr.En = c(pr.ID), c(pr.Local), c(pr.En)
			out.Pairs[i] = pr
		}
	}
	return out
}

func keepParameters(list []parser.Parameter) []parser.Parameter {
	out := make([]parser.Parameter, len(list))
	for i, prm := range list {
		out[i] = parser.Parameter{Name: c(prm.Name), Type: keepTypeRef(prm.Type), Description: keepText(prm.Description), Values: keepStrings(prm.Values), Pos: prm.Pos}
	}
	return out
}

func keepTypeRef(t parser.TypeRef) parser.TypeRef {
	t.Name, t.Link, t.Written = c(t.Name), c(t.Link), c(t.Written)
	return t
}

func keepStrings(list []string) []string {
	if list == nil {
		return nil
	}
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = c(s)
	}
	return out
}

func keepEnums(list []parser.Enum) []parser.Enum {
	if list == nil {
		return nil
	}
	out := make([]parser.Enum, len(list))
	for i, e := range list {
		out[i] = parser.Enum{Name: c(e.Name), Pos: e.Pos, Members: make([]parser.EnumMember, len(e.Members))}
		for j, m := range e.Members {
			m.Name, m.Value = c(m.Name), c(m.Value)
			m.Description = cloneText(m.Description)
			out[i].Members[j] = m
		}
	}
	return out
}

func docText(t parser.Text) string {
	return strings.Join(strings.Fields(cmp.Or(t.En, t.Text)), " ")
}

// addPage indexes a page's resource and enums.
func (s *Schema) addPage(p *parser.Page) {
	base := strings.ToLower(strings.TrimSuffix(path.Base(p.File), ".md"))
	pns := PageNamespace(p)
	// A page under resources/ that the parser took for an API page (it has
	// no Methods table) still documents its type.
	isResource := p.Kind == parser.ResourcePage || (p.Kind == parser.APIPage && strings.Contains(p.File, "/resources/"))
	if r := p.Resource; r != nil && isResource && r.Name != "" {
		ns := pns
		if r.ODataType != "" {
			ns, _ = NamespaceOf(r.ODataType)
		}
		key := qualify(ns, r.Name)
		if r.ODataType != "" {
			key = qualify(NamespaceOf(r.ODataType))
		}
		d := s.defs[key]
		if d == nil || d.Enum {
			d = &Def{Key: key, Name: r.Name, OData: r.ODataType, Namespace: ns, NS: strings.ToLower(ns), File: p.File, Pos: r.Pos, Doc: docText(p.Description)}
			s.defs[key] = d
		}
		d.BaseRef = cmp.Or(d.BaseRef, r.BaseType, r.InheritsFrom)
		d.OData = cmp.Or(d.OData, r.ODataType)
		d.Open = d.Open || r.OpenType
		for _, list := range [][]parser.Parameter{r.Properties, r.Relationships} {
			for _, prm := range list {
				s.addProp(d, p.File, prm)
			}
		}
		if _, ok := s.byFile[base]; !ok {
			s.byFile[base] = d
		}
	}
	for _, e := range p.Enums {
		if e.Name == "" {
			continue
		}
		ns, name := NamespaceOf(e.Name)
		if ns == "" {
			ns = pns
		}
		key := qualify(ns, name)
		if d := s.defs[key]; d != nil {
			if !d.Enum {
				key += "#enum" // a resource and an enum share the name
			} else {
				for _, mem := range e.Members {
					if !slices.ContainsFunc(d.Members, func(x parser.EnumMember) bool { return x.Name == mem.Name }) {
						d.Members = append(d.Members, mem)
					}
				}
				continue
			}
		}
		d := &Def{Key: key, Name: name, Namespace: ns, NS: strings.ToLower(ns), Enum: true, Members: slices.Clone(e.Members), File: p.File, Pos: e.Pos}
		if p.Resource == nil && len(p.Enums) == 1 {
			d.Doc = docText(p.Description)
		}
		s.defs[key] = d
		if p.Resource == nil && len(p.Enums) == 1 {
			if _, ok := s.byFile[base]; !ok {
				s.byFile[base] = d
			}
		}
	}
}

var jsonMemberName = regexp.MustCompile(`^[A-Za-z_@$][A-Za-z0-9_.@$:\-]*$`)

// addProp adds a documented property to d unless d already has it.
func (s *Schema) addProp(d *Def, file string, prm parser.Parameter) {
	name := strings.TrimSpace(prm.Name)
	if !jsonMemberName.MatchString(name) {
		s.report(file, prm.Pos, ruleBadProperty, "property %q of %s cannot be a JSON member name; it is kept in AdditionalData", name, d.Name)
		return
	}
	for _, p := range d.Props {
		if p.Name == name {
			return // documented on two pages (Intune splits types); the first wins
		}
	}
	d.Props = append(d.Props, &Prop{Name: name, Ref: prm.Type, Values: prm.Values, Doc: docText(prm.Description), File: file, Pos: prm.Pos})
}

func (s *Schema) report(file string, pos parser.Pos, rule *diag.Rule, format string, args ...any) {
	d := rule.Diag(file, pos, pos, format, args...)
	if k := d.String(); !s.seenDiag[k] {
		s.seenDiag[k] = true
		s.diags = append(s.diags, d)
	}
}

// Diagnostics returns the problems found so far, sorted by position.
func (s *Schema) Diagnostics() []diag.Diagnostic {
	out := slices.Clone(s.diags)
	slices.SortFunc(out, diag.Compare)
	return out
}

// Lookup finds the type a documented reference names: by link (page name,
// or "#x-values" heading for enums), then by name in namespace ns, then in
// microsoft.graph, then anywhere. nil when none.
func (s *Schema) Lookup(ref parser.TypeRef, ns string) *Def {
	ns = strings.ToLower(ns)
	if ref.Link != "" {
		file, anchor := LinkKeys(ref.Link)
		if anchor != "" {
			if d := s.enumsBy[anchor]; d != nil {
				return d
			}
		}
		if d := s.byFile[file]; d != nil && anchor == "" {
			return d
		}
	}
	n, _ := NormalizeTypeName(ref.Name)
	if n == "" {
		return nil
	}
	if d := s.defs[n]; d != nil {
		return d
	}
	if ns != "" {
		if d := s.defs[ns+"."+n]; d != nil {
			return d
		}
	}
	if d := s.byName[n]; d != nil {
		return d
	}
	// A qualified name in an unknown namespace, or a link whose file name
	// is a type: last resort.
	if _, last := NamespaceOf(n); last != n {
		if d := s.byName[last]; d != nil {
			return d
		}
	}
	if ref.Link != "" {
		file, _ := LinkKeys(ref.Link)
		return s.byFile[file]
	}
	return nil
}

// ResolveRef resolves ref as seen from namespace ns, reporting (at file and
// pos) a named type no page documents.
func (s *Schema) ResolveRef(ref parser.TypeRef, ns, file string, pos parser.Pos) Type {
	t := Type{Collection: IsCollection(ref)}
	n, _ := NormalizeTypeName(ref.Name)
	if p := primitives[n]; p != None {
		t.Prim = p
		return t
	}
	if t.Def = s.Lookup(ref, ns); t.Def != nil {
		return t
	}
	t.Unknown = true
	if n == "" && ref.Link == "" {
		s.report(file, pos, ruleUntyped, "no documented type; json.RawMessage is used")
	} else {
		s.report(file, pos, ruleUnknownType, "type %q is not documented by any %s page; json.RawMessage is used", cmp.Or(ref.Written, ref.Name, ref.Link), cmp.Or(s.Version, "resource"))
	}
	return t
}

// Response is the type of an operation's documented response, ok false
// when the page names none.
func (s *Schema) Response(p *parser.Page, op parser.Operation) (Type, bool) {
	rt := op.Response.Type
	if rt == nil {
		return Type{}, false
	}
	t := s.ResolveRef(*rt, PageNamespace(p), p.File, op.Response.Pos)
	t.Collection = t.Collection || op.Response.Collection
	return t, true
}

// RequestBody is the type of a page's request body for an operation whose
// body struct (an action's) is to be called name: the resource for a body
// documented as a resource (create) or as the properties of the page's
// own resource (update), otherwise the action's request struct. ok is
// false when the page documents no typed body (none, raw JSON).
func (s *Schema) RequestBody(p *parser.Page, name string) (Type, bool) {
	rb := p.RequestBody
	switch rb.Kind {
	case parser.BodyResource:
		if rb.Resource == nil {
			return Type{}, false
		}
		return s.ResolveRef(*rb.Resource, PageNamespace(p), p.File, rb.Pos), true
	case parser.BodyParameters:
		if len(rb.Parameters) == 0 {
			return Type{}, false
		}
		if d := s.updatedResource(p); d != nil {
			return Type{Def: d}, true
		}
		return Type{Def: s.requestDef(p, name)}, true
	}
	return Type{}, false
}

// updatedResource is the resource a PATCH/PUT page's parameter table
// documents properties of: the page is "<resource>-update.md" and most
// parameters are that resource's properties (its own or inherited).
func (s *Schema) updatedResource(p *parser.Page) *Def {
	base := strings.ToLower(strings.TrimSuffix(path.Base(p.File), ".md"))
	res, ok := strings.CutSuffix(base, "-update")
	if !ok || len(p.Operations) == 0 || (p.Operations[0].Method != "PATCH" && p.Operations[0].Method != "PUT") {
		return nil
	}
	d := s.byFile[res]
	if d == nil || d.Enum {
		return nil
	}
	known := 0
	for _, prm := range p.RequestBody.Parameters {
		for c := d; c != nil; c = s.BaseOf(c) {
			if slices.ContainsFunc(c.Props, func(x *Prop) bool { return strings.EqualFold(x.Name, prm.Name) }) {
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

// requestDef declares (once per page and name) the body struct of an
// action.
func (s *Schema) requestDef(p *parser.Page, name string) *Def {
	for _, d := range s.requests {
		if d.File == p.File && d.Name == name {
			return d
		}
	}
	ns := PageNamespace(p)
	d := &Def{Key: "request:" + name, Name: name, Namespace: ns, NS: strings.ToLower(ns), File: p.File, Pos: p.RequestBody.Pos, Request: true}
	d.Doc = "is the request body of " + name + "."
	for _, prm := range p.RequestBody.Parameters {
		s.addProp(d, p.File, prm)
	}
	s.requests = append(s.requests, d)
	return d
}

// Requests lists the request body structs declared so far, in order.
func (s *Schema) Requests() []*Def { return s.requests }

// Inline lists the property value enums declared so far, in the order
// they were made.
func (s *Schema) Inline() []*Def { return s.inline }

// ResolveAll resolves every page-documented type. Afterwards Check and
// CheckResponse, on types from Lookup or ResolveRef, only read the schema,
// so they may run on many goroutines at once (ResolveRef itself may still
// record a diagnostic: call it on one).
func (s *Schema) ResolveAll() {
	for _, d := range s.Order {
		s.Resolve(d)
	}
	for _, d := range s.Order {
		if !d.Enum {
			d.members, d.folded = s.allMembers(d)
		}
	}
}

// BaseOf resolves d and returns its base type, nil if none.
func (s *Schema) BaseOf(d *Def) *Def {
	s.Resolve(d)
	return d.Base
}

// Resolve resolves d's base type (reporting an unknown one or a cycle)
// and its properties' types once; inherited properties are dropped from
// d.Props. A string property whose description lists two or more values
// gets an Inline enum.
func (s *Schema) Resolve(d *Def) {
	if d == nil || d.resolved || d.Enum {
		return
	}
	d.resolved = true
	if d.BaseRef != "" {
		ref := parser.TypeRef{Name: d.BaseRef}
		n, _ := NormalizeTypeName(d.BaseRef)
		if b := s.Lookup(ref, d.NS); b != nil && !b.Enum && b != d {
			// Refuse a base that would make embedding cyclic.
			cyclic := false
			for c := b; c != nil; c = c.Base {
				if c == d {
					cyclic = true
					break
				}
				if !c.resolved {
					s.Resolve(c)
				}
			}
			if cyclic {
				s.report(d.File, d.Pos, ruleBaseCycle, "base type %q of %s leads back to it; it is not embedded", d.BaseRef, d.Name)
			} else {
				d.Base = b
				if !slices.Contains(b.Derived, d) {
					b.Derived = append(b.Derived, d)
				}
			}
		} else if n != "" && b == nil {
			s.report(d.File, d.Pos, ruleUnknownBase, "base type %q of %s is not documented by any %s page; its properties are not included", d.BaseRef, d.Name, cmp.Or(s.Version, "resource"))
		}
	}
	inherited := map[string]bool{}
	for c := d.Base; c != nil; c = c.Base {
		for _, p := range c.Props {
			inherited[p.Name] = true
		}
	}
	props := d.Props[:0]
	for _, p := range d.Props {
		if inherited[p.Name] {
			continue
		}
		p.Type = s.ResolveRef(p.Ref, d.NS, p.File, p.Pos)
		if p.Type.Prim == String && len(p.Values) >= 2 {
			p.Type.Def = s.inlineEnum(d, p)
		}
		props = append(props, p)
	}
	d.Props = props
}

// inlineEnum declares the enum of a property whose description lists its
// possible values ("importance": low, normal, high).
func (s *Schema) inlineEnum(owner *Def, p *Prop) *Def {
	key := owner.Key + "." + strings.ToLower(p.Name) + "#values"
	if d := s.defs[key]; d != nil {
		return d
	}
	d := &Def{Key: key, Name: owner.Name + "." + p.Name, Namespace: owner.Namespace, NS: owner.NS, Enum: true, Inline: true, Owner: owner, OwnerProp: p.Name, File: p.File, Pos: p.Pos}
	d.Doc = "lists the documented values of " + owner.Name + "." + p.Name + "."
	for _, v := range p.Values {
		d.Members = append(d.Members, parser.EnumMember{Name: v, Pos: p.Pos})
	}
	s.defs[key] = d
	s.inline = append(s.inline, d)
	return d
}
