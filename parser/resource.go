package parser

import (
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
	params := p.parameterTable(t)
	if p.section == SectionRelations {
		r.Relationships = append(r.Relationships, params...)
		return
	}
	r.Properties = append(r.Properties, params...)
}

func (p *pageParser) methodsTable(t ast.Node) {
	_, rows := tableRows(t)
	r := p.resource()
	for _, row := range rows {
		if len(row.cells) == 0 {
			continue
		}
		m := MethodEntry{Name: p.cell(row.cells, 0), Pos: p.posOf(row.node)}
		if links := p.links(row.cells[0], p.englishOr()); len(links) > 0 {
			m.Link = links[0].dest
		}
		r.Methods = append(r.Methods, m)
	}
}

func (p *pageParser) enumList(n ast.Node) {}

func (p *pageParser) finishResource() {}

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
	if strings.HasPrefix(lower, "collection(") {
		ref.Collection = true
		if ref.Link == "" {
			name = strings.TrimSuffix(written[len("collection("):], ")")
		}
	} else if strings.Contains(lower, "collection") {
		ref.Collection = true
		if ref.Link == "" {
			name = strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(written, "collection", ""), "Collection", ""))
		}
	}
	ref.Name = strings.Trim(name, " `*.")
	return ref
}
