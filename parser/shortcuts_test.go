package parser

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/docs2go/docs2go/parser/sxs"
	"github.com/google/go-cmp/cmp"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	gparser "github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// withoutShortcuts is Parse's goldmark without the parsers that take
// common shapes in one step (commentBlock, plainLink, simpleTable,
// sizedFence): what they build must be what goldmark builds on its own.
var withoutShortcuts = goldmark.New(goldmark.WithExtensions(extension.Table, sxs.Extension))

// fullTree writes every node of the document, inline ones included, with
// its position and what it holds: two parses that write the same built
// the same tree.
func fullTree(md goldmark.Markdown, src []byte) string {
	var b strings.Builder
	pc := gparser.NewContext()
	doc := md.Parser().Parse(text.NewReader(src), gparser.WithContext(pc))
	depth := 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			depth--
			return ast.WalkContinue, nil
		}
		depth++
		fmt.Fprintf(&b, "%*s%s@%d", depth, "", n.Kind(), n.Pos())
		switch n := n.(type) {
		case *ast.Text:
			fmt.Fprintf(&b, " %d-%d %q soft=%v hard=%v raw=%v", n.Segment.Start, n.Segment.Stop, n.Segment.Value(src), n.SoftLineBreak(), n.HardLineBreak(), n.IsRaw())
		case *ast.Link:
			fmt.Fprintf(&b, " dest=%q title=%q ref=%v", n.Destination, n.Title, n.Reference != nil)
		case *ast.Image:
			fmt.Fprintf(&b, " dest=%q title=%q", n.Destination, n.Title)
		case *ast.String:
			fmt.Fprintf(&b, " %q", n.Value)
		case *ast.Emphasis:
			fmt.Fprintf(&b, " level=%d", n.Level)
		case *ast.HTMLBlock:
			fmt.Fprintf(&b, " type=%d", n.HTMLBlockType)
			if n.HasClosure() {
				fmt.Fprintf(&b, " closure %q", n.ClosureLine.Value(src))
			}
		case *east.Table:
			fmt.Fprintf(&b, " %v", n.Alignments)
		case *east.TableRow:
			fmt.Fprintf(&b, " %v", n.Alignments)
		case *east.TableCell:
			fmt.Fprintf(&b, " %v", n.Alignment)
		case *sxs.Pair:
			fmt.Fprintf(&b, " %s/%s n=%d %d-%d plain=%v", n.ID, n.STUID, n.N, n.Start, n.Stop, n.Plain())
			if n.Plain() {
				fmt.Fprintf(&b, " %q|%q", pairHalfBytes(n, false, src), pairHalfBytes(n, true, src))
			}
		}
		if n.Type() == ast.TypeBlock {
			for i := range n.Lines().Len() {
				seg := n.Lines().At(i)
				fmt.Fprintf(&b, " %q", seg.Value(src))
			}
		}
		b.WriteString("\n")
		return ast.WalkContinue, nil
	})
	fmt.Fprintf(&b, "pairs=%d problems=%v\n", sxs.PairCount(pc), sxs.Problems(pc))
	return b.String()
}

func pairHalfBytes(n *sxs.Pair, english bool, src []byte) []byte {
	seg := n.PlainText(english)
	return seg.Value(src)
}

var linkCases = []string{
	"See [Get user](../api/user-get.md) for more.\n",
	"[a](b) [c](d)\n",
	"[a](b)\n[c](d)\n",
	"[Um *dois*](x) [três](y \"title\") [quatro](<z>) [cinco](a b) [seis](a(b)c) [sete](a\\)b)\n",
	"[a [b](c) d](e)\n", "[a](b](c)\n", "[[a](b)](c)\n", "*[a](b)*\n", "*x [a*](b) y*\n", "_[a](b)_ and *[c](d)\n",
	"![alt](img.png) and [link](dest)\n", "\\[a](b)\n", "[a](b\n", "[a]\n(b)\n", "[](b)\n", "[a]()\n", "[ a ](b)\n",
	"[a] (b)\n", "[a](b )\n", "[a]( b)\n", "[foo]: /url\n\n[foo](bar) [foo]\n", "[`code`](x)\n", "[a\nb](c)\n",
	"[a](b)`c`\n", "`[a](b)`\n", "[a](b`)`\n", "[a &amp; b](c&amp;d)\n", "[é](ü)\n", "[a](b)\\\n", "[a](b)  \nnext\n",
	"| h | i |\n|---|---|\n| [a](b) | [c](d) |\n", "> [a](b)\n", "- [a](b)\n  - [c](d)\n", "# [a](b)\n",
	"<span data-ttu-id=\"a-1\">Veja [usuário](user.md)</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">See [user](user.md)</span></span>\n",
	"[" + strings.Repeat("x", 998) + "](y)\n", "[" + strings.Repeat("x", 1000) + "](y)\n", "[a](" + strings.Repeat("/", 2000) + ")\n",
	// Labels left open before a link: goldmark refuses it when they span
	// more than 998 bytes (the fuzz target found this).
	strings.Repeat("[", 1000) + "[a](b)\n", strings.Repeat("[x", 480) + "[a](b)\n", strings.Repeat("[x", 520) + "[a](b)\n",
	"![" + strings.Repeat("x", 990) + " [a](b)\n", "[x\n\n" + strings.Repeat("y", 1200) + " [a](b)\n", "[x] " + strings.Repeat("y", 1200) + " [a](b)\n",
	"[a](b\x7fc)\n", "[a](b\tc)\n", "[a](b\x00c)\n", "[a\x00](b)\n", "<a href=\"x\">[a](b)</a>\n", "[<b>](c)\n", "[a](b)<!-- c -->\n",
}

var fenceCases = []string{
	"```json\n{\n  \"a\": 1\n}\n```\n", "```\n```\n", "```\nx\n```\n", "~~~\na\nb\n~~~\n", "````\na\n```\nb\n````\n",
	"```\nnever closed\nlines\n", "- item\n  ```\n  a\n  b\n  ```\n", "> ```\n> a\n> b\n> ```\n", "  ```\n  a\n b\n  ```\n",
	"```\n\ta\n\tb\n```\n", "\t```\na\n```\n", "``` `x`\na\n```\n", "```go\r\na\r\nb\r\n```\r\n", "```\n" + strings.Repeat("x\n", 2000) + "```\n",
	"~~~\n```\n~~~\n", "```\na\n~~~\nb\n```\n", "text\n```\na\nb\n```\n",
}

var tableCases = []string{
	"| a | b |\n|---|:-:|\n| c | d |\n",
	"a | b\n- | -\nc | d\n", "|a|b|\n|-|-|\n|c|d|e|\n|f|\n", "| a |\n|---|\n|   |\n||\n",
	"text\nmore\n| a | b |\n| --- | --- |\n| c | d |\n", "| a | b |\n| --- |\n| c | d |\n",
	"| a |\n| :-- |\n", "| a |\n| --: |\n", "| a |\n| ::- |\n", "| a |\n| - - |\n", "| a |\n| : |\n",
	"| a |\n|-\v-|\n", "| a |\n|-\f|\n", "| a |\n|\t-\t|\n", "| a |\n    |---|\n", "| a |\n   |---|\n",
	"| a |\n---\n", "| a |\n|\n", "| a |\n||\n", "| a |\n:-\n", "| `a\\|b` | c |\n|---|---|\n| `d\\|e` | f |\n",
	"| a\\| | b |\n|---|---|\n", "| a | b |\n|---|---|\n| c\\|d | e |\n", "| [a](b) | *c* |\n|---|---|\n| `d` | <span>e</span> |\n",
	"> | a | b |\n> |---|---|\n> | c | d |\n", "- | a | b |\n  |---|---|\n  | c | d |\n", "\t| a |\n\t|---|\n",
	"- x\n\t| a |\n\t|---|\n\t| b |\n", "| a |\r\n|---|\r\n| b |\r\n", "[ref]: /u\n| a |\n|---|\n", "| a |\n|---|\n| b |\n|---|\n| c |\n",
	"| " + pair("t-1", "Permissão", "Permission") + " | " + pair("t-2", "Tipo", "Type") + " |\n|:---|:---|\n| User.Read | " + pair("t-3", "Delegado", "Delegated") + " |\n",
}

// pair is a well-formed side-by-side pair.
func pair(id, local, en string) string {
	return `<span data-ttu-id="` + id + `">` + local + `</span><span class="sxs-lookup"><span data-stu-id="` + id + `">` + en + `</span></span>`
}

// TestShortcutsSameAST checks that the parsers that take common shapes in
// one step build the tree goldmark alone builds.
func TestShortcutsSameAST(t *testing.T) {
	for _, c := range slices.Concat(linkCases, tableCases, fenceCases, commentCases) {
		if diff := cmp.Diff(fullTree(withoutShortcuts, []byte(c)), fullTree(markdown, []byte(c))); diff != "" {
			t.Errorf("%q: trees differ (-goldmark +with shortcuts):\n%s", c, diff)
		}
	}
}

func FuzzShortcutsSameAST(f *testing.F) {
	for _, c := range slices.Concat(linkCases, tableCases, fenceCases, commentCases) {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if diff := cmp.Diff(fullTree(withoutShortcuts, []byte(s)), fullTree(markdown, []byte(s))); diff != "" {
			t.Errorf("%q: trees differ (-goldmark +with shortcuts):\n%s", s, diff)
		}
	})
}
