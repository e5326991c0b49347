package parser

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// blockTree writes every block of the document with its lines, and what an
// HTML block holds: two parses that write the same built the same blocks.
func blockTree(md goldmark.Markdown, src string) string {
	var b strings.Builder
	doc := md.Parser().Parse(text.NewReader([]byte(src)))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		fmt.Fprintf(&b, "%s%d[", n.Kind(), n.ChildCount())
		for i := range n.Lines().Len() {
			seg := n.Lines().At(i)
			fmt.Fprintf(&b, "%q", src[seg.Start:seg.Stop])
		}
		if h, ok := n.(*ast.HTMLBlock); ok {
			fmt.Fprintf(&b, " type %d", h.HTMLBlockType)
			if h.HasClosure() {
				fmt.Fprintf(&b, " closure %q", h.ClosureLine.Value([]byte(src)))
			}
		}
		b.WriteString("]\n")
		return ast.WalkContinue, nil
	})
	return b.String()
}

var commentCases = []string{
	"<!-- a -->\n",
	"<!-- {\"blockType\": \"request\", \"name\": \"get_me\"} -->\n```http\nGET /me\n```\n",
	"  <!-- two spaces -->\n", "   <!-- three spaces -->\n", "    <!-- four spaces: code -->\n",
	"\t<!-- a tab -->\n", " \t<!-- a space and a tab -->\n",
	"<!--\nmany\nlines\n-->\nafter\n", "<!-- never closed\n\ntext\n", "text\n<!-- interrupts the paragraph -->\nmore\n",
	"<!---->\n", "<!-->\n", "<!--->\n", "<!-- a --> then text\n", "<!--x--> <!--y-->\n", "<!--\n",
	"- item\n  <!-- in a list -->\n- next\n", "> <!-- in a quote -->\n> more\n",
	"| a | b |\n|---|---|\n| <!-- c --> | d |\n", "<!-- crlf -->\r\nx\r\n", "<!- not a comment -->\n", "<!DOCTYPE html>\n",
	"<span data-ttu-id=\"a-1\">um</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">one</span></span>\n<!-- b -->\n",
}

// TestCommentBlockSameAST checks that letting comments skip goldmark's
// regular expressions builds the blocks goldmark alone builds.
func TestCommentBlockSameAST(t *testing.T) {
	for _, c := range commentCases {
		if diff := cmp.Diff(blockTree(withoutShortcuts, c), blockTree(markdown, c)); diff != "" {
			t.Errorf("%q: blocks differ (-goldmark +with commentBlock):\n%s", c, diff)
		}
	}
}

func FuzzCommentBlockSameAST(f *testing.F) {
	for _, c := range commentCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if diff := cmp.Diff(blockTree(withoutShortcuts, s), blockTree(markdown, s)); diff != "" {
			t.Errorf("%q: blocks differ (-goldmark +with commentBlock):\n%s", s, diff)
		}
	})
}
