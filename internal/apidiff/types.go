package apidiff

import (
	"slices"
	"strings"

	"github.com/docs2go/docs2go/parser"
	"github.com/docs2go/docs2go/parser/schema"
)

// This file compares documented types through parser/schema, the one
// place types are resolved (links, namespaces, primitives and their
// spellings, enums, base types): diff asks it what a reference names on
// each side and compares what it answers.

// schemas is a tree's type graph per API version, built when first asked.
type schemas struct {
	pages  []*parser.Page
	byFile map[string]*parser.Page
	// shownAs is the file name a page has in this tree: a page shared
	// with the other tree (same bytes) was parsed under that tree's name.
	shownAs   map[string]string
	byVersion map[string]*schema.Schema
	// relationships are the rows of the Relationships tables (by file and
	// line): navigation properties, which a response does not carry
	// unless expanded, so they are not compared as response properties.
	relationships map[string]bool
}

func rowKey(file string, pos parser.Pos) string { return file + "\x00" + pos.String() }

func newSchemas(t *Tree) *schemas {
	s := &schemas{byVersion: map[string]*schema.Schema{}, byFile: map[string]*parser.Page{}, shownAs: map[string]string{},
		relationships: map[string]bool{}}
	for _, d := range t.Docs {
		if s.byFile[d.Page.File] == nil {
			s.shownAs[d.Page.File] = d.File
			if r := d.Page.Resource; r != nil {
				for _, rel := range r.Relationships {
					s.relationships[rowKey(d.Page.File, rel.Pos)] = true
				}
			}
			s.byFile[d.Page.File] = d.Page
			s.pages = append(s.pages, d.Page)
		}
	}
	return s
}

func (s *schemas) of(version string) *schema.Schema {
	sch := s.byVersion[version]
	if sch == nil {
		sch = schema.New(s.pages, version)
		s.byVersion[version] = sch
	}
	return sch
}

// resolve is what a documented type reference names, seen from a page.
func (s *schemas) resolve(p *parser.Page, ref parser.TypeRef, pos parser.Pos) schema.Type {
	return s.of(p.Version).ResolveRef(ref, schema.PageNamespace(p), p.File, pos)
}

// typeID is a resolved type as compared: the named type's key or the
// primitive, and whether it is a collection.
func typeID(t schema.Type) (string, bool) {
	switch {
	case t.Def != nil:
		return t.Def.Key, t.Collection
	case t.Unknown:
		return "", t.Collection
	}
	return t.Prim.Name(), t.Collection
}

// stringLike reports whether values of t are JSON strings: String (Guid,
// Url, …) or an enum (a documented set of string values).
func stringLike(t schema.Type) bool {
	return !t.Collection && !t.Unknown && (t.Def == nil && t.Prim == schema.String || t.Def != nil && t.Def.Enum)
}

// propSame compares two properties' types: sameOnWire, where a property
// whose type no page documents but whose description lists its string
// values counts as a string.
func propSame(a, b *schema.Prop) bool {
	listed := func(p *schema.Prop) bool {
		return stringLike(p.Type) || p.Type.Unknown && !p.Type.Collection && len(p.Values) > 0
	}
	return listed(a) && listed(b) || sameOnWire(a.Type, b.Type, a.Ref, b.Ref)
}

// sameOnWire reports whether two documented types are one for a caller:
// the same named type or primitive, or both strings on the wire (String
// and an enum of string values). Types no page documents compare by the
// references as written.
func sameOnWire(a, b schema.Type, aRef, bRef parser.TypeRef) bool {
	if stringLike(a) && stringLike(b) {
		return true
	}
	if a.Unknown || b.Unknown {
		// One side's type has no page in its tree: compare what the
		// references name.
		if a.Collection != b.Collection {
			return false
		}
		an, bn := names(a, aRef), names(b, bRef)
		return slices.ContainsFunc(an, func(x string) bool { return slices.Contains(bn, x) })
	}
	ak, ac := typeID(a)
	bk, bc := typeID(b)
	return ac == bc && strings.EqualFold(ak, bk)
}

// names are the names a type goes by, folded: its page's type name and
// key, the reference's name, the type as written, the linked page's name.
func names(t schema.Type, ref parser.TypeRef) []string {
	var out []string
	add := func(s string) {
		if n, _ := schema.NormalizeTypeName(s); n != "" {
			out = append(out, strings.ToLower(n))
		}
	}
	if t.Def != nil {
		add(t.Def.Name)
		add(t.Def.Key)
	}
	add(ref.Name)
	add(ref.Written)
	if ref.Link != "" {
		file, _ := schema.LinkKeys(ref.Link)
		add(file)
	}
	return out
}

// shown is a resolved type as a finding shows it.
func shown(t schema.Type, ref parser.TypeRef) string {
	if t.Unknown {
		return typeName(ref, t.Collection)
	}
	name := t.Prim.Name()
	if t.Def != nil {
		name = t.Def.Name
	}
	if t.Collection {
		return "Collection(" + name + ")"
	}
	return name
}

// file is the name a page of the type graph has in this tree.
func (s *schemas) file(pageFile string) string {
	if f, ok := s.shownAs[pageFile]; ok {
		return f
	}
	return pageFile
}

// propSet is the properties of a struct type, its base types' included,
// by folded name.
type propSet struct {
	file   string
	pos    parser.Pos
	names  []string // folded, sorted
	byName map[string]*schema.Prop
}

// properties lists a struct type's properties with its base types'; nil
// for a type that is not a documented struct.
func (s *schemas) properties(version string, t schema.Type) *propSet {
	if !t.IsModel() {
		return nil
	}
	sch := s.of(version)
	d := t.Def
	ps := &propSet{file: s.file(d.File), pos: d.Pos, byName: map[string]*schema.Prop{}}
	if p := s.byFile[d.File]; p != nil {
		ps.pos = sectionPos(p, parser.SectionProperties)
	}
	for depth := 0; d != nil && depth < 16; depth++ {
		sch.Resolve(d)
		for _, p := range d.Props {
			if s.relationships[rowKey(p.File, p.Pos)] {
				continue
			}
			n := strings.ToLower(p.Name)
			if _, own := ps.byName[n]; !own {
				ps.byName[n] = p
				ps.names = append(ps.names, n)
			}
		}
		d = d.Base
	}
	slices.Sort(ps.names)
	return ps
}
