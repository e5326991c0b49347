package parser

import (
	"bytes"
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
)

func (p *pageParser) resource() *Resource {
	if p.page.Resource == nil {
		p.page.Resource = &Resource{}
	}
	return p.page.Resource
}

func (p *pageParser) resourceJSON(n ast.Node, code string, ann *Annotation) {
	r := p.resource()
	if r.JSON != "" {
		return
	}
	r.JSON = strings.TrimSpace(code)
	r.Annotation = ann
	r.Pos = p.posOf(n)
	if ann != nil {
		r.ODataType = ann.ODataType
		r.BaseType = ann.BaseType
		r.KeyProperty = ann.KeyProperty
		r.OpenType = ann.OpenType
	}
}

func (p *pageParser) resourceTable(t ast.Node) {
	r := p.resource()
	if p.section == SectionRelations {
		r.Relationships = p.parameterTable(r.Relationships, t)
		return
	}
	r.Properties = p.parameterTable(r.Properties, t)
}

func (p *pageParser) methodsTable(t ast.Node) {
	_, rows := tableRows(t)
	r := p.resource()
	for _, row := range rows {
		if len(row.cells) == 0 {
			continue
		}
		end, cells := p.rowRange(row.node)
		m := MethodEntry{Name: p.cell(row.cells, 0), Pos: p.posOf(row.node), End: end, Cells: cells}
		if links := p.links(row.cells[0], p.englishOr()); len(links) > 0 {
			m.Link = links[0].dest
		}
		r.Methods = append(r.Methods, m)
	}
}

// identifier matches the Graph type and member names headings mention.
var identifier = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.]*$`)

// enumNameFrom finds the enum a heading introduces: "### freeBusyStatus
// values" (the identifier keeps its case in any language, while the anchor
// is lower case), or for an enum page's "## Members", the page title's.
func (p *pageParser) enumNameFrom(h ast.Node, anchor string) string {
	want := strings.TrimSuffix(anchor, "-values")
	texts := []string{p.plainText(h, p.englishOr())}
	if anchor == "" {
		// "### importance values" without an anchor: the name is the
		// heading's one word before "values", whatever its case.
		if w, ok := strings.CutSuffix(slugify(texts[0]), "-values"); ok && w != "" && !strings.Contains(w, "-") {
			want = w
		}
	}
	if want == "members" || want == "" && strings.EqualFold(texts[0], "members") {
		want = ""
		texts = []string{p.page.Title.En, p.page.Title.Text}
	}
	for _, text := range texts {
		for _, w := range strings.Fields(text) {
			w = strings.Trim(w, "`*\"'«»“”")
			if !identifier.MatchString(w) {
				continue
			}
			if want == "" && strings.ToLower(w) != w || strings.EqualFold(w, want) {
				return w
			}
		}
	}
	return want
}

// enumTable reads Member | Value | Description rows.
func (p *pageParser) enumTable(t ast.Node) {
	header, rows := tableRows(t)
	e := Enum{Name: p.enumName, Pos: p.posOf(t)}
	valueCol, descCol := -1, -1
	for i := 1; i < len(header); i++ {
		h := strings.ToLower(p.cellText(header, i, p.englishOr()))
		switch {
		case strings.Contains(h, "value") && valueCol < 0:
			valueCol = i
		case descCol < 0:
			descCol = i
		}
	}
	if p.englishOr() == local && len(header) == 3 {
		valueCol, descCol = 1, 2
	}
	for _, r := range rows {
		name := strings.Trim(p.cellText(r.cells, 0, p.englishOr()), "`* ")
		if name == "" || !identifier.MatchString(name) {
			continue
		}
		end, cells := p.rowRange(r.node)
		m := EnumMember{Name: name, Pos: p.posOf(r.node), End: end, Cells: cells}
		if valueCol >= 0 {
			m.Value = p.cellText(r.cells, valueCol, local)
		}
		if descCol >= 0 {
			m.Description = p.cell(r.cells, descCol)
		}
		e.Members = append(e.Members, m)
	}
	if len(e.Members) > 0 {
		p.page.Enums = append(p.page.Enums, e)
	}
}

var inheritsFrom = regexp.MustCompile(`(?i)\b(inherits|derives|derived) from\b`)

// baseTypeParagraph notes "Inherits from [entity](entity.md)." on pages
// whose annotation does not name the base type.
func (p *pageParser) baseTypeParagraph(n ast.Node) {
	if p.englishOr() != english {
		return
	}
	// The regular expression only runs on the few paragraphs that can match.
	if en := p.plainText(n, english); !containsFold(en, " from") || !inheritsFrom.MatchString(en) {
		return
	}
	for _, ln := range p.links(n, english) {
		if ref, ok := resourceRef(ln); ok {
			r := p.resource()
			if r.InheritsFrom == "" {
				r.InheritsFrom = ref.Name
			}
			return
		}
	}
}

// finishResource names the resource and its base type once the page is read.
func (p *pageParser) finishResource() {
	r := p.page.Resource
	if r == nil {
		return
	}
	switch {
	case r.ODataType != "":
		r.Name = r.ODataType[strings.LastIndex(r.ODataType, ".")+1:]
		// The title spells the name as the docs do where the annotation
		// lower-cased it ("orgContact resource type", "microsoft.graph.orgcontact").
		for _, text := range []string{p.page.Title.En, p.page.Title.Text} {
			if f := strings.Fields(text); len(f) > 0 && f[0] != r.Name && strings.EqualFold(f[0], r.Name) {
				r.Name = f[0]
				break
			}
		}
	default:
		for _, text := range []string{p.page.Title.En, p.page.Title.Text} {
			if f := strings.Fields(text); len(f) > 0 && identifier.MatchString(f[0]) {
				r.Name = f[0]
				break
			}
		}
	}
	if r.BaseType == "" && r.InheritsFrom != "" {
		r.BaseType = "microsoft.graph." + r.InheritsFrom
	}
}

// possibleValues are the phrases, in any case, of a description that
// enumerates values.
var possibleValues = []string{"possible values", "values are", "one of the following", "supported values", "can be"}

// noteValues lists the code spans of a description that enumerates values.
func (p *pageParser) noteValues(prm *Parameter, cell ast.Node) {
	if prm.Type.Link != "" || prm.Type.Collection {
		return
	}
	en := prm.Description.En
	if en == "" {
		return
	}
	var buf [512]byte
	lower := lowerASCII(buf[:0], en)
	if !slices.ContainsFunc(possibleValues, func(phrase string) bool { return bytes.Contains(lower, []byte(phrase)) }) {
		return
	}
	query := false // after a query option: its operators follow
	for _, code := range p.codeSpans(cell, english) {
		code = strings.Trim(code, "'\" ")
		switch {
		case strings.HasPrefix(code, "$"):
			// "Supports `$filter` (`eq`, `ne`, `not`)": OData syntax, not
			// values of the property.
			query = true
			continue
		case query && filterOperators[strings.ToLower(code)]:
			continue
		}
		query = false
		if identifier.MatchString(code) && code != "true" && code != "false" && code != "null" {
			prm.Values = append(prm.Values, code)
		}
	}
	if len(prm.Values) > 0 && !slices.ContainsFunc(prm.Values, func(v string) bool { return !filterOperators[strings.ToLower(v)] }) {
		prm.Values = nil // only operators: a query capability, whatever the wording
	}
}

// filterOperators are the operators and functions of OData $filter and
// $orderby that descriptions list after the query option they support.
var filterOperators = map[string]bool{
	"eq": true, "ne": true, "not": true, "gt": true, "ge": true, "lt": true, "le": true, "in": true,
	"and": true, "or": true, "has": true, "startswith": true, "endswith": true, "contains": true,
	"any": true, "all": true, "count": true, "asc": true, "desc": true,
}

// typeRef reads a type cell: a primitive name, or a link to a resource or
// enum, possibly a collection of either.
func (p *pageParser) typeRef(cell ast.Node) TypeRef {
	l := p.englishOr()
	written := p.plainText(cell, l)
	ref := TypeRef{Written: written}
	name := written
	if links := p.links(cell, l); len(links) > 0 {
		if r, ok := resourceRef(links[0]); ok {
			ref.Link = r.Link
			name = r.Name
		} else {
			name = links[0].text
		}
	}
	lower := strings.ToLower(written)
	switch {
	case strings.HasPrefix(lower, "collection(") && strings.HasSuffix(lower, ")"):
		ref.Collection = true
		if ref.Link == "" {
			name = written[len("collection(") : len(written)-1]
		}
	case hasCollectionWord(lower) || strings.HasSuffix(lower, "[]"):
		ref.Collection = true
		if ref.Link == "" {
			name = collectionWord.ReplaceAllString(strings.TrimSuffix(written, "[]"), "")
		}
	}
	name = strings.Trim(name, " `*.")
	name = strings.TrimPrefix(name, "Edm.")
	name = strings.TrimPrefix(name, "microsoft.graph.")
	ref.Name = name
	return ref
}

// lowerASCII appends s to b with its ASCII letters lower-cased: ASCII
// phrases are then found in any case by bytes.Contains, much faster than
// containsFold when one text is searched for several.
func lowerASCII(b []byte, s string) []byte {
	start := len(b)
	b = append(b, s...)
	for i := start; i < len(b); i++ {
		if c := b[i]; 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return b
}

// containsFold reports whether s contains sub, a lower-case ASCII phrase,
// in any case, without allocating.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for j < len(sub) {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != sub[j] {
				break
			}
			j++
		}
		if j == len(sub) {
			return true
		}
	}
	return false
}

var collectionWord = regexp.MustCompile(`(?i)\s*\bcollection\b(\s+of)?\s*`)

// hasCollectionWord reports whether lower, lower-case text, holds the word
// "collection" (or "collections"), not part of a longer name: a type named
// sourceCollection or deviceLogCollectionStatus is one value.
func hasCollectionWord(lower string) bool {
	const w = "collection"
	word := func(c byte) bool { return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' }
	for i := 0; ; {
		j := strings.Index(lower[i:], w)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(w)
		if end < len(lower) && lower[end] == 's' {
			end++
		}
		if (start == 0 || !word(lower[start-1])) && (end == len(lower) || !word(lower[end])) {
			return true
		}
		i = i + j + len(w)
	}
}
