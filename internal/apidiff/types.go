package apidiff

import (
	"slices"
	"strings"

	"github.com/docs2go/docs2go/parser"
)

// typeIndex finds the resource pages of a tree by version and type name,
// for the properties of returned types.
type typeIndex struct {
	byName map[string]*Doc
	// enums are the enum types documented in the tree.
	enums map[string]bool
	memo  map[string]*propSet
}

// propSet is the properties of a resource type, its base types' included,
// by folded name.
type propSet struct {
	file   string
	pos    parser.Pos
	names  []string // folded, sorted
	byName map[string]propRef
}

type propRef struct {
	file  string
	param *parser.Parameter
}

func typeKey(version, name string) string {
	name = strings.TrimPrefix(strings.TrimPrefix(name, "#"), "microsoft.graph.")
	return version + " " + strings.ToLower(name)
}

func newTypeIndex(t *Tree) *typeIndex {
	ix := &typeIndex{byName: map[string]*Doc{}, memo: map[string]*propSet{}, enums: map[string]bool{}}
	for i := range t.Docs {
		d := &t.Docs[i]
		for _, e := range d.Page.Enums {
			ix.enums[typeKey(d.Page.Version, e.Name)] = true
		}
		if r := d.Page.Resource; r != nil && r.Name != "" {
			k := typeKey(d.Page.Version, r.Name)
			if ix.byName[k] == nil {
				ix.byName[k] = d
			}
		}
	}
	return ix
}

// properties returns the properties of a type, nil when the tree has no
// resource page for it.
func (ix *typeIndex) properties(version, name string) *propSet {
	return ix.resolve(typeKey(version, name), version, 0)
}

func (ix *typeIndex) resolve(k, version string, depth int) *propSet {
	if ps, ok := ix.memo[k]; ok {
		return ps
	}
	d := ix.byName[k]
	if d == nil || depth > 8 {
		return nil
	}
	ix.memo[k] = nil // a base type cycle ends here
	r := d.Page.Resource
	ps := &propSet{file: d.File, pos: sectionPos(d.Page, parser.SectionProperties), byName: map[string]propRef{}}
	for i := range r.Properties {
		p := &r.Properties[i]
		n := strings.ToLower(p.Name)
		if _, dup := ps.byName[n]; !dup {
			ps.byName[n] = propRef{file: d.File, param: p}
		}
	}
	base := r.BaseType
	if base == "" {
		base = r.InheritsFrom
	}
	if base != "" {
		if bs := ix.resolve(typeKey(version, base), version, depth+1); bs != nil {
			for n, p := range bs.byName {
				if _, own := ps.byName[n]; !own {
					ps.byName[n] = p
				}
			}
		}
	}
	for n := range ps.byName {
		ps.names = append(ps.names, n)
	}
	slices.Sort(ps.names)
	ix.memo[k] = ps
	return ps
}

// isEnum reports whether a type is an enum the tree documents: on the
// wire its values are strings.
func (ix *typeIndex) isEnum(version string, t parser.TypeRef) bool {
	return !t.Collection && (ix.enums[typeKey(version, t.Name)] || ix.enums[typeKey(version, t.Written)])
}

// sameType reports whether two documented types are one: by name, or by
// the type as written where links name it by its page (an enum moved to a
// shared page is the same enum).
func sameType(a, b parser.TypeRef) bool {
	if a.Collection != b.Collection {
		return false
	}
	if strings.EqualFold(typeName(a, false), typeName(b, false)) {
		return true
	}
	wa, wb := strings.Trim(a.Written, " `*."), strings.Trim(b.Written, " `*.")
	return a.Link != "" && b.Link != "" && wa != "" && strings.EqualFold(wa, wb)
}

// wireSame reports whether two types differ only in a way the wire does
// not show: String and an enum (a documented set of string values).
func (c *comparer) wireSame(version string, a, b parser.TypeRef) bool {
	isString := func(t parser.TypeRef) bool { return !t.Collection && strings.EqualFold(t.Name, "String") }
	return isString(a) && (c.newTypes.isEnum(version, b) || c.oldTypes.isEnum(version, b)) ||
		isString(b) && (c.oldTypes.isEnum(version, a) || c.newTypes.isEnum(version, a))
}
