package parser

import (
	"bytes"
	"unicode"
	"unicode/utf8"
	"unsafe"

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
	return foldSpace(p.rawText(n, l))
}

// rawText gathers the text of n in one language into p.scratch, unfolded.
// The result is valid until the next call.
func (p *pageParser) rawText(n ast.Node, l lang) []byte {
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
	return b
}

// plainTextAs is plainText, returning same (no new string) when the text
// equals it.
func (p *pageParser) plainTextAs(n ast.Node, l lang, same string) string {
	p.folded = appendFolded(p.folded[:0], p.rawText(n, l))
	if string(p.folded) == same {
		return same
	}
	return string(p.folded)
}

// text is the Text of a node: both halves on side-by-side pages, the text
// as English or as localized on plain pages.
func (p *pageParser) text(n ast.Node) Text {
	t := Text{Text: p.plainText(n, local)}
	switch {
	case p.sxs:
		t.En = p.plainText(n, english)
		t.IDs, t.Pairs = p.pairs(n, t)
	case p.englishPlain:
		t.En = t.Text
	}
	return t
}

// pairs lists the translation pairs below n, as IDs and one by one. The
// halves of a node that is one pair are t's texts, shared, not copied.
func (p *pageParser) pairs(n ast.Node, t Text) ([]string, []Pair) {
	count := 0
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if _, ok := c.(*sxs.Pair); ok && entering {
			count++
		}
		return ast.WalkContinue, nil
	})
	if count == 0 {
		return nil, nil
	}
	ids := make([]string, 0, count)
	pairs := make([]Pair, 0, count)
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		pair, ok := c.(*sxs.Pair)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		ids = append(ids, pair.ID)
		pr := Pair{ID: pair.ID, Pos: p.lines.pos(p.base + pair.Start), End: p.lines.end(p.base + pair.Stop)}
		if h := pair.Local(); h != nil {
			pr.Local = p.plainTextAs(h, local, t.Text)
		}
		if h := pair.English(); h != nil {
			pr.En = p.plainTextAs(h, english, t.En)
		}
		if p.halves == nil {
			p.halves = map[*sxs.Pair][2]string{}
		}
		p.halves[pair] = [2]string{pr.Local, pr.En}
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
	out := appendFolded(make([]byte, 0, len(b)), b)
	// out is not used again: the string can share its bytes, as
	// strings.Builder's does.
	return unsafe.String(unsafe.SliceData(out), len(out))
}

// appendFolded appends the folded text of b to out (see foldSpace).
func appendFolded(out, b []byte) []byte {
	start := len(out)
	space := false
	for i := 0; i < len(b); {
		// ASCII, most of every page, a run of ordinary bytes at a time; the
		// rest rune by rune.
		if c := b[i]; c < utf8.RuneSelf {
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
				space = true
				i++
				continue
			}
			j := i + 1
			for j < len(b) && b[j] < utf8.RuneSelf && b[j] != ' ' && b[j] != '\t' && b[j] != '\n' && b[j] != '\r' {
				j++
			}
			if space && len(out) > start {
				out = append(out, ' ')
			}
			space = false
			out = append(out, b[i:j]...)
			i = j
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		switch {
		case unicode.IsSpace(r):
			space = true
			i += n
			continue
		case isInvisibleMark(r):
			i += n
			continue
		}
		if space && len(out) > start {
			out = append(out, ' ')
		}
		space = false
		if r == utf8.RuneError && n == 1 {
			out = append(out, "\uFFFD"...)
		} else {
			out = append(out, b[i:i+n]...)
		}
		i += n
	}
	return out
}
