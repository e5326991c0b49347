package parser

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/docs2go/docs2go/parser/sxs"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// lang picks one half of every translation pair.
type lang uint8

const (
	local lang = iota
	english
)

// visit calls fn for n and every inline node below it as seen in one
// language: inside a Pair only the chosen half is entered (the local half
// when the English one is missing). fn returns false to skip a subtree.
func visit(n ast.Node, l lang, fn func(ast.Node) bool) {
	if pair, ok := n.(*sxs.Pair); ok {
		half := ast.Node(pair.Local())
		if en := pair.English(); l == english && en != nil && en.HasChildren() {
			half = en
		}
		if half != nil {
			visit(half, l, fn)
		}
		return
	}
	if !fn(n) {
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		visit(c, l, fn)
	}
}

// plainText is the text of n in one language: markup removed, escapes and
// entities resolved, white space folded.
func (p *pageParser) plainText(n ast.Node, l lang) string {
	b := p.scratch[:0]
	src := p.body()
	visit(n, l, func(c ast.Node) bool {
		switch c := c.(type) {
		case *ast.Text:
			seg := c.Segment.Value(src)
			if c.IsRaw() {
				b = append(b, seg...)
			} else {
				b = appendUnescaped(b, seg)
			}
			if c.SoftLineBreak() || c.HardLineBreak() {
				b = append(b, ' ')
			}
		case *ast.String:
			b = append(b, c.Value...)
		case *ast.AutoLink:
			b = append(b, c.URL(src)...)
			return false
		case *ast.RawHTML:
			b = append(b, ' ')
			return false
		case *sxs.Tag:
			return false
		}
		return true
	})
	p.scratch = b
	return foldSpace(b)
}

// text is the Text of a node: both halves on side-by-side pages, the text
// as English or as localized on plain pages.
func (p *pageParser) text(n ast.Node) Text {
	t := Text{Text: p.plainText(n, local)}
	switch {
	case p.sxs:
		t.En = p.plainText(n, english)
		t.IDs, t.Pairs = p.pairs(n)
	case p.englishPlain:
		t.En = t.Text
	}
	return t
}

// pairs lists the translation pairs below n, as IDs and one by one.
func (p *pageParser) pairs(n ast.Node) ([]string, []Pair) {
	var ids []string
	var pairs []Pair
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		pair, ok := c.(*sxs.Pair)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		ids = append(ids, pair.ID)
		pr := Pair{ID: pair.ID, Pos: p.lines.pos(p.base + pair.Start), End: p.lines.end(p.base + pair.Stop)}
		if h := pair.Local(); h != nil {
			pr.Local = p.plainText(h, local)
		}
		if h := pair.English(); h != nil {
			pr.En = p.plainText(h, english)
		}
		pairs = append(pairs, pr)
		return ast.WalkContinue, nil
	})
	return ids, pairs
}

// englishOr picks the language whose words identify a section or a
// permission kind: the English half when the page has one.
func (p *pageParser) englishOr() lang {
	if p.sxs || p.englishPlain {
		return english
	}
	return local
}

// codeSpans lists the code spans of n in one language, in order.
func (p *pageParser) codeSpans(n ast.Node, l lang) []string {
	var out []string
	visit(n, l, func(c ast.Node) bool {
		if cs, ok := c.(*ast.CodeSpan); ok {
			out = append(out, p.plainText(cs, l))
			return false
		}
		return true
	})
	return out
}

// link is a markdown link found in prose.
type link struct {
	dest string
	text string
}

func (p *pageParser) links(n ast.Node, l lang) []link {
	var out []link
	visit(n, l, func(c ast.Node) bool {
		if ln, ok := c.(*ast.Link); ok {
			out = append(out, link{dest: string(ln.Destination), text: p.plainText(ln, l)})
			return false
		}
		return true
	})
	return out
}

func isInvisibleMark(r rune) bool {
	return r == '\u200b' || r == '\u200e' || r == '\u200f' || r == '\ufeff' ||
		r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069'
}

func appendUnescaped(b, seg []byte) []byte {
	if bytes.IndexByte(seg, '\\') < 0 && bytes.IndexByte(seg, '&') < 0 {
		return append(b, seg...)
	}
	seg = util.UnescapePunctuations(seg)
	seg = util.ResolveNumericReferences(seg)
	seg = util.ResolveEntityNames(seg)
	return append(b, seg...)
}

// foldSpace trims and turns every run of white space (any script's) into
// one space, and drops the invisible bidirectional and zero-width marks
// that right-to-left translations put around identifiers.
func foldSpace(b []byte) string {
	var out strings.Builder
	out.Grow(len(b))
	space := false
	for i := 0; i < len(b); {
		// ASCII, most of every page, byte by byte; the rest rune by rune.
		if c := b[i]; c < utf8.RuneSelf {
			i++
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
				space = true
				continue
			}
			if space && out.Len() > 0 {
				out.WriteByte(' ')
			}
			space = false
			out.WriteByte(c)
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		i += n
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case isInvisibleMark(r):
			continue
		}
		if space && out.Len() > 0 {
			out.WriteByte(' ')
		}
		space = false
		out.WriteRune(r)
	}
	return out.String()
}
