package sxs_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/docs2go/docs2go/parser/sxs"
	"github.com/google/go-cmp/cmp"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

var md = goldmark.New(goldmark.WithExtensions(extension.Table, sxs.Extension))

// pair builds a well-formed side-by-side pair.
func pair(id, local, en string) string {
	return `<span data-ttu-id="` + id + `">` + local + `</span><span class="sxs-lookup"><span data-stu-id="` + id + `">` + en + `</span></span>`
}

// dump writes the inline tree of every block compactly, one block per
// line: a Pair is {ID: local | english}, with "/STUID" when the ids differ;
// emphasis, code spans and links keep their markdown shape; anything else
// is its source text, so a tag turned back into text shows as written.
func dump(doc ast.Node, src []byte) string {
	var b strings.Builder
	var inline func(n ast.Node)
	children := func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			inline(c)
		}
	}
	inline = func(n ast.Node) {
		switch n := n.(type) {
		case *sxs.Pair:
			id := n.ID
			if n.STUID != "" && n.STUID != n.ID {
				id += "/" + n.STUID
			}
			fmt.Fprintf(&b, "{%s: ", id)
			if n.Plain() {
				// The halves as the Text nodes of a folded pair show.
				local, en := n.PlainText(false), n.PlainText(true)
				b.Write(local.Value(src))
				b.WriteString(" | ")
				b.Write(en.Value(src))
				b.WriteString("}")
				return
			}
			children(n.Local())
			b.WriteString(" | ")
			children(n.English())
			b.WriteString("}")
		case *sxs.Tag:
			fmt.Fprintf(&b, "<%s %s>", n.TagKind, n.Value)
		case *ast.Text:
			b.Write(n.Segment.Value(src))
			if n.SoftLineBreak() {
				b.WriteString("⏎")
			}
		case *ast.String:
			b.Write(n.Value)
		case *ast.Emphasis:
			mark := strings.Repeat("*", n.Level)
			b.WriteString(mark)
			children(n)
			b.WriteString(mark)
		case *ast.CodeSpan:
			b.WriteString("`")
			children(n)
			b.WriteString("`")
		case *ast.Link:
			b.WriteString("[")
			children(n)
			fmt.Fprintf(&b, "](%s)", n.Destination)
		case *ast.RawHTML:
			b.WriteString("raw(")
			for i := range n.Segments.Len() {
				seg := n.Segments.At(i)
				b.Write(seg.Value(src))
			}
			b.WriteString(")")
		default:
			if n.Type() == ast.TypeInline {
				children(n)
				return
			}
			// A block: a line of its own, cells separated by " ¦ ".
			if n.Kind() == ast.KindParagraph || n.Kind() == ast.KindHeading || n.Kind() == ast.KindTextBlock {
				b.WriteString(n.Kind().String() + ": ")
				children(n)
				b.WriteString("\n")
				return
			}
			if n.Kind().String() == "TableRow" || n.Kind().String() == "TableHeader" {
				b.WriteString(n.Kind().String() + ": ")
				for c := n.FirstChild(); c != nil; c = c.NextSibling() {
					if c != n.FirstChild() {
						b.WriteString(" ¦ ")
					}
					children(c)
				}
				b.WriteString("\n")
				return
			}
			children(n)
		}
	}
	inline(doc)
	return b.String()
}

func parse(src string) (ast.Node, parser.Context) {
	pc := parser.NewContext()
	doc := md.Parser().Parse(text.NewReader([]byte(src)), parser.WithContext(pc))
	return doc, pc
}

func TestPairs(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		want     string
		pairs    int
		problems []problem
	}{
		{
			name:  "well formed",
			src:   pair("93df7-103", "Obter um usuário", "Get a user"),
			want:  "Paragraph: {93df7-103: Obter um usuário | Get a user}\n",
			pairs: 1,
		},
		{
			name:  "two pairs and text between",
			src:   pair("a-1", "Um.", "One.") + " " + pair("a-2", "Dois.", "Two."),
			want:  "Paragraph: {a-1: Um. | One.} {a-2: Dois. | Two.}\n",
			pairs: 2,
		},
		{
			name:  "merged paragraph id",
			src:   pair("93df7-p102", "Frase um. Frase dois.", "Sentence one. Sentence two."),
			want:  "Paragraph: {93df7-p102: Frase um. Frase dois. | Sentence one. Sentence two.}\n",
			pairs: 1,
		},
		{
			name:  "markdown inside halves",
			src:   pair("a-1", "**Olá**, `id` e [link](../resources/user.md)", "**Hello**, `id` and [link](../resources/user.md)"),
			want:  "Paragraph: {a-1: **Olá**, `id` e [link](../resources/user.md) | **Hello**, `id` and [link](../resources/user.md)}\n",
			pairs: 1,
		},
		{
			name:  "pair inside a link text",
			src:   "Veja [" + pair("a-1", "usuário", "user") + "](../resources/user.md).",
			want:  "Paragraph: Veja [{a-1: usuário | user}](../resources/user.md).\n",
			pairs: 1,
		},
		{
			name:  "pairs in table cells",
			src:   "| " + pair("a-1", "Tipo", "Permission type") + " | " + pair("a-2", "Permissões", "Permissions") + " |\n|:---|:---|\n| " + pair("a-3", "Aplicativo", "Application") + " | User.Read.All |\n",
			want:  "TableHeader: {a-1: Tipo | Permission type} ¦ {a-2: Permissões | Permissions}\nTableRow: {a-3: Aplicativo | Application} ¦ User.Read.All\n",
			pairs: 3,
		},
		{
			name:  "heading with anchor",
			src:   `# <a name="get-user"></a>` + pair("a-1", "Obter usuário", "Get user"),
			want:  "Heading: <anchor get-user>{a-1: Obter usuário | Get user}\n",
			pairs: 1,
		},
		{
			name:  "nested pair in the localized half",
			src:   pair("a-1", "Veja "+pair("a-2", "isto", "this"), "See this"),
			want:  "Paragraph: {a-1: Veja {a-2: isto | this} | See this}\n",
			pairs: 2,
		},
		{
			name:  "nested pair in the English half",
			src:   pair("a-1", "Veja isto", "See "+pair("a-2", "isto", "this")),
			want:  "Paragraph: {a-1: Veja isto | See {a-2: isto | this}}\n",
			pairs: 2,
		},
		{
			name:  "pair across soft line breaks",
			src:   "<span data-ttu-id=\"a-1\">Olá\nmundo</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">Hello\nworld</span></span>",
			want:  "Paragraph: {a-1: Olá⏎mundo | Hello⏎world}\n",
			pairs: 1,
		},
		{
			name:  "empty halves",
			src:   pair("a-1", "", ""),
			want:  "Paragraph: {a-1:  | }\n",
			pairs: 1,
		},
		{
			name:  "tag inside a code span is code",
			src:   "`<span data-ttu-id=\"a-1\">` " + pair("a-2", "x", "y"),
			want:  "Paragraph: `<span data-ttu-id=\"a-1\">` {a-2: x | y}\n",
			pairs: 1,
		},
		{
			name:     "mismatched ids",
			src:      `<span data-ttu-id="a-1">Olá</span><span class="sxs-lookup"><span data-stu-id="a-2">Hello</span></span>`,
			want:     "Paragraph: {a-1/a-2: Olá | Hello}\n",
			pairs:    1,
			problems: []problem{{`<span data-stu-id`, 1, `data-stu-id="a-2" does not match data-ttu-id="a-1"`}},
		},
		{
			name:     "missing English half",
			src:      `Antes <span data-ttu-id="a-1">Olá</span> depois.`,
			want:     "Paragraph: Antes {a-1: Olá | } depois.\n",
			pairs:    1,
			problems: []problem{{`<span data-ttu-id`, 1, `span data-ttu-id="a-1" has no English half (no sxs-lookup span after it)`}},
		},
		{
			name:  "lookup without a data-stu-id span",
			src:   `<span data-ttu-id="a-1">Olá</span><span class="sxs-lookup">Hello</span>`,
			want:  "Paragraph: {a-1: Olá | }<span class=\"sxs-lookup\">Hello</span>\n",
			pairs: 1,
			problems: []problem{
				{`<span class`, 1, `sxs-lookup span of data-ttu-id="a-1" does not start with a data-stu-id span`},
				{`<span class`, 1, `unexpected "<span class=\"sxs-lookup\">" outside a translation pair`},
				{`</span>`, 2, `unexpected "</span>" outside a translation pair`},
			},
		},
		{
			name:  "English half not closed twice",
			src:   `<span data-ttu-id="a-1">Olá</span><span class="sxs-lookup"><span data-stu-id="a-1">Hello</span>`,
			want:  "Paragraph: {a-1: Olá | }<span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">Hello</span>\n",
			pairs: 1,
			problems: []problem{
				{`<span data-stu-id`, 1, `English half data-stu-id="a-1" is not closed by </span></span>`},
				{`<span class`, 1, `unexpected "<span class=\"sxs-lookup\">" outside a translation pair`},
				{`<span data-stu-id`, 1, `unexpected "<span data-stu-id=\"a-1\">" outside a translation pair`},
				{`</span>`, 2, `unexpected "</span>" outside a translation pair`},
			},
		},
		{
			name:     "unclosed localized half",
			src:      `<span data-ttu-id="a-1">Olá e mais nada`,
			want:     "Paragraph: <span data-ttu-id=\"a-1\">Olá e mais nada\n",
			problems: []problem{{`<span data-ttu-id`, 1, `span data-ttu-id="a-1" is never closed`}},
		},
		{
			name:     "stray close",
			src:      "Texto </span> solto.",
			want:     "Paragraph: Texto </span> solto.\n",
			problems: []problem{{`</span>`, 1, `unexpected "</span>" outside a translation pair`}},
		},
		{
			name:  "English half without a localized one",
			src:   `<span class="sxs-lookup"><span data-stu-id="a-1">Hello</span></span>`,
			want:  "Paragraph: <span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">Hello</span></span>\n",
			pairs: 0,
			problems: []problem{
				{`<span class`, 1, `unexpected "<span class=\"sxs-lookup\">" outside a translation pair`},
				{`<span data-stu-id`, 1, `unexpected "<span data-stu-id=\"a-1\">" outside a translation pair`},
				{`</span>`, 1, `unexpected "</span>" outside a translation pair`},
				{`</span>`, 2, `unexpected "</span>" outside a translation pair`},
			},
		},
		{
			name:  "extra close after a pair",
			src:   pair("a-1", "Olá", "Hello") + "</span>",
			want:  "Paragraph: {a-1: Olá | Hello}</span>\n",
			pairs: 1,
			problems: []problem{
				{`</span>`, 4, `unexpected "</span>" outside a translation pair`},
			},
		},
		{
			name: "tag split across lines",
			// The opening tag is not one of the exact one-line shapes, so
			// goldmark reads it as raw HTML; its closing tags do not pair.
			src:  "<span\ndata-ttu-id=\"a-1\">Olá</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">Hello</span></span>",
			want: "Paragraph: raw(<span\ndata-ttu-id=\"a-1\">)Olá</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">Hello</span></span>\n",
			problems: []problem{
				{`</span>`, 1, `unexpected "</span>" outside a translation pair`},
				{`<span class`, 1, `unexpected "<span class=\"sxs-lookup\">" outside a translation pair`},
				{`<span data-stu-id`, 1, `unexpected "<span data-stu-id=\"a-1\">" outside a translation pair`},
				{`</span>`, 2, `unexpected "</span>" outside a translation pair`},
				{`</span>`, 3, `unexpected "</span>" outside a translation pair`},
			},
		},
		{
			name: "pair split over two paragraphs",
			src:  "<span data-ttu-id=\"a-1\">Olá\n\nmundo</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">Hello world</span></span>",
			want: "Paragraph: <span data-ttu-id=\"a-1\">Olá\nParagraph: mundo</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">Hello world</span></span>\n",
			problems: []problem{
				{`<span data-ttu-id`, 1, `span data-ttu-id="a-1" is never closed`},
				{`</span>`, 1, `unexpected "</span>" outside a translation pair`},
				{`<span class`, 1, `unexpected "<span class=\"sxs-lookup\">" outside a translation pair`},
				{`<span data-stu-id`, 1, `unexpected "<span data-stu-id=\"a-1\">" outside a translation pair`},
				{`</span>`, 2, `unexpected "</span>" outside a translation pair`},
				{`</span>`, 3, `unexpected "</span>" outside a translation pair`},
			},
		},
		{
			name: "other quoting is raw HTML",
			src:  `<span data-ttu-id='a-1'>Olá</span>`,
			want: "Paragraph: raw(<span data-ttu-id='a-1'>)Olá</span>\n",
			problems: []problem{
				{`</span>`, 1, `unexpected "</span>" outside a translation pair`},
			},
		},
		{
			name:  "span lines start paragraphs, list items and quotes",
			src:   pair("a-1", "Um", "One") + "\n\n- " + pair("a-2", "Dois", "Two") + "\n\n> " + pair("a-3", "Três", "Three") + "\n",
			want:  "Paragraph: {a-1: Um | One}\nTextBlock: {a-2: Dois | Two}\nParagraph: {a-3: Três | Three}\n",
			pairs: 3,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, pc := parse(tt.src)
			if diff := cmp.Diff(tt.want, dump(doc, []byte(tt.src))); diff != "" {
				t.Errorf("tree (-want +got):\n%s", diff)
			}
			if got := sxs.PairCount(pc); got != tt.pairs {
				t.Errorf("PairCount = %d, want %d", got, tt.pairs)
			}
			var want []sxs.Problem
			for _, pr := range tt.problems {
				want = append(want, pr.at(t, tt.src))
			}
			if diff := cmp.Diff(want, sxs.Problems(pc)); diff != "" {
				t.Errorf("Problems (-want +got):\n%s", diff)
			}
			for _, pr := range sxs.Problems(pc) {
				if pr.Offset < 0 || pr.Offset >= len(tt.src) {
					t.Errorf("problem %q at offset %d, outside the %d-byte source", pr.Message, pr.Offset, len(tt.src))
				}
			}
			checkNothingDropped(t, doc, tt.src)
		})
	}
}

// problem is an expected sxs.Problem whose offset is that of the n-th
// (from 1) occurrence of tag in the source.
type problem struct {
	tag string
	n   int
	msg string
}

func (p problem) at(t *testing.T, src string) sxs.Problem {
	off := -1
	for range p.n {
		i := strings.Index(src[off+1:], p.tag)
		if i < 0 {
			t.Fatalf("%q does not occur %d times in the source", p.tag, p.n)
		}
		off += 1 + i
	}
	return sxs.Problem{Offset: off, Message: p.msg}
}

// checkNothingDropped checks that every non-space byte of the source is
// covered by a node: text, a tag, a pair's halves, or markup around them.
// It does so by checking that the letters of the source all appear, in
// order, in the dump of the tree, tags included.
func checkNothingDropped(t *testing.T, doc ast.Node, src string) {
	t.Helper()
	got := dump(doc, []byte(src))
	for _, word := range strings.FieldsFunc(src, func(r rune) bool { return strings.ContainsRune(" \n<>\"=|[]()*`-:/.#", r) }) {
		if word == "span" || word == "class" || word == "sxs" || word == "lookup" || word == "data" || word == "ttu" || word == "stu" || word == "id" || word == "a" || word == "name" {
			continue // tag words, absent where a pair was folded
		}
		if !strings.Contains(got, word) {
			t.Errorf("%q of the source is missing from the tree:\n%s", word, got)
		}
	}
}

// TestSpanParagraphSameAST checks that the block parser that lets span
// lines skip goldmark's HTML block regexps leaves the tree as goldmark
// alone would build it, including where a line is only a tag (a possible
// HTML block).
func TestSpanParagraphSameAST(t *testing.T) {
	plain := goldmark.New(goldmark.WithExtensions(extension.Table))
	for _, src := range []string{
		pair("a-1", "Um", "One") + "\n" + pair("a-2", "Dois", "Two") + "\n",
		"<span data-ttu-id=\"a-1\">\nOlá\n</span>\n",
		"  </span> texto\n\n   <span class=\"sxs-lookup\">x\n",
		"    <span data-ttu-id=\"a-1\">indented code</span>\n",
		"<span data-ttu-id=\"a-1\"\n>x</span>\n",
		"Texto\n<span data-ttu-id=\"a-1\">continua</span>\n",
		"<div>\n" + pair("a-1", "Um", "One") + "\n</div>\n",
	} {
		// Compare block structure only: the inline parser differs on purpose.
		var a, b strings.Builder
		blocks(&a, plain.Parser().Parse(text.NewReader([]byte(src))), src)
		doc, _ := parse(src)
		blocks(&b, doc, src)
		if diff := cmp.Diff(a.String(), b.String()); diff != "" {
			t.Errorf("%q: blocks differ from goldmark's (-goldmark +sxs):\n%s", src, diff)
		}
	}
}

func blocks(b *strings.Builder, n ast.Node, src string) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Type() != ast.TypeBlock {
			continue
		}
		fmt.Fprintf(b, "%s[", c.Kind())
		for i := range c.Lines().Len() {
			seg := c.Lines().At(i)
			fmt.Fprintf(b, "%q", src[seg.Start:seg.Stop])
		}
		b.WriteString("]\n")
		blocks(b, c, src)
	}
}

// TestReleaseReusesNodes parses pages one after the other, releasing each,
// as Parse does: a page whose nodes come from slabs another page used must
// give the same tree, pair numbers, ids and problems as before, and the
// strings taken from a released page must stay as they were.
func TestReleaseReusesNodes(t *testing.T) {
	var big strings.Builder
	for i := range 3000 { // more nodes than the first chunks of every slab hold
		switch i % 3 {
		case 0:
			big.WriteString(pair(fmt.Sprint("a", i), "plano", "plain") + "\n\n")
		case 1:
			big.WriteString(pair(fmt.Sprint("b", i), "com *ênfase*", "with *emphasis*") + "\n\n")
		default:
			big.WriteString(`<span data-ttu-id="c` + fmt.Sprint(i) + `">aberto</span> <a name="n` + fmt.Sprint(i) + `"></a>` + "\n\n")
		}
	}
	small := pair("x1", "Um", "One") + " " + pair("x2", "`dois`", "`two`") + "\n\n" +
		`<span data-ttu-id="x3">sem fim` + "\n\n| a | b |\n|---|---|\n| " + pair("x4", "c", "c") + " | d |\n"

	type result struct {
		tree     string
		pairs    int
		problems []sxs.Problem
	}
	run := func(src string) result {
		doc, pc := parse(src)
		r := result{tree: dump(doc, []byte(src)), pairs: sxs.PairCount(pc), problems: sxs.Problems(pc)}
		sxs.Release(pc)
		if got := sxs.PairCount(pc); got != 0 {
			t.Errorf("PairCount after Release = %d, want 0", got)
		}
		return r
	}
	first := run(small)
	keptBig := run(big.String())
	for range 3 {
		if diff := cmp.Diff(first, run(small), cmp.AllowUnexported(result{})); diff != "" {
			t.Fatalf("small page after reuse (-first +now):\n%s", diff)
		}
		if diff := cmp.Diff(keptBig, run(big.String()), cmp.AllowUnexported(result{})); diff != "" {
			t.Fatalf("big page after reuse (-first +now):\n%s", diff)
		}
	}
	if first.pairs != 3 || len(first.problems) != 1 {
		t.Errorf("small page: %d pairs, problems %v; want 3 pairs and the unclosed span", first.pairs, first.problems)
	}
}
