package sxs

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

var wholeMarkdown = goldmark.New(goldmark.WithExtensions(extension.Table, Extension))

// tree writes every node of the document with what it holds, and the
// problems reported: two parses that write the same are the same to every
// reader. Pair numbers are left out: they follow the order pairs are made.
func tree(src []byte, general bool) string {
	joinWhole = !general
	defer func() { joinWhole = true }()
	pc := parser.NewContext()
	doc := wholeMarkdown.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	var b strings.Builder
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			b.WriteString(")")
			return ast.WalkContinue, nil
		}
		fmt.Fprintf(&b, "(%s", n.Kind())
		switch n := n.(type) {
		case *ast.Text:
			fmt.Fprintf(&b, " %q %d", n.Segment.Value(src), n.Segment.Padding)
			fmt.Fprint(&b, n.SoftLineBreak(), n.HardLineBreak(), n.IsRaw())
		case *ast.String:
			fmt.Fprintf(&b, " %q", n.Value)
		case *ast.Link:
			fmt.Fprintf(&b, " %q", n.Destination)
		case *ast.Emphasis:
			fmt.Fprintf(&b, " %d", n.Level)
		case *Pair:
			fmt.Fprintf(&b, " %q %q %d-%d plain=%v", n.ID, n.STUID, n.Start, n.Stop, n.Plain())
			local, en := n.PlainText(false), n.PlainText(true)
			fmt.Fprintf(&b, " %q %q", local.Value(src), en.Value(src))
		case *Half:
			fmt.Fprint(&b, " english=", n.English)
		case *Tag:
			fmt.Fprintf(&b, " %s %q %v-%v", n.TagKind, n.Value, n.Segment, n.ID)
		}
		return ast.WalkContinue, nil
	})
	for _, p := range Problems(pc) {
		fmt.Fprintf(&b, "\n%d: %s", p.Offset, p.Message)
	}
	fmt.Fprintf(&b, "\npairs: %d", PairCount(pc))
	return b.String()
}

// wholeCases are pairs checked whole whose halves hold markup, including
// markup that reaches across the tags joining the halves, so that those
// tags end up inside another node or are never parsed as tags.
var wholeCases = []string{
	whole("a-1", "Use **isto** `x`", "Use **this** `x`"),
	whole("a-1", "Veja [a página](p.md)", "See [the page](p.md)"),
	whole("a-1", "um *dois", "one* two"),
	whole("a-1", "um **dois", "one** two"),
	whole("a-1", "um `dois", "one` two"),
	whole("a-1", "um ``dois", "one`` two"),
	whole("a-1", "um [dois", "one](x.md) two"),
	whole("a-1", "um [dois](", "one) two"),
	whole("a-1", "texto\\", "text\\"),
	whole("a-1", "_a", "b_"),
	"*" + whole("a-1", "um", "one*"),
	"[" + whole("a-1", "um", "one") + "](x.md)",
	"[x " + whole("a-1", "um](y.md)", "one"),
	"**" + whole("a-1", "um", "one") + " " + whole("a-2", "dois**", "two"),
	whole("a-1", "um", "one") + whole("a-1", "de novo `x`", "again `x`"),
	"<span data-ttu-id=\"o\">fora " + whole("a-1", "um `x`", "one `x`") + " </span>",
	"<span data-ttu-id=\"o\">fora " + whole("a-1", "um `x`", "one `x`") + "</span><span class=\"sxs-lookup\"><span data-stu-id=\"o\">out</span></span>",
	"| " + whole("a-1", "Tipo `x`", "Type `x`") + " | " + whole("a-2", "b | c", "d") + " |\n|---|---|\n| " + whole("a-3", "*x*", "*y*") + " | z |\n",
	"# <a name=\"t\"></a>" + whole("a-1", "Título `x`", "Title `x`"),
	"- " + whole("a-1", "item `um`", "item `one`") + "\n- " + whole("a-2", "item *dois*", "item *two*"),
	"<span data-ttu-id=\"a-1\">um `x`</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-2\">one `x`</span></span>",
	"<span data-ttu-id=\"a-1\">um `x`</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">one `x`</span>",
}

func whole(id, local, en string) string {
	return `<span data-ttu-id="` + id + `">` + local + `</span><span class="sxs-lookup"><span data-stu-id="` + id + `">` + en + `</span></span>`
}

// TestWholeSameAsGeneral checks that taking the joining and ending tags of
// a pair checked whole one node each builds the tree, the problems and the
// pair count the general way builds, however the markup of the halves
// falls.
func TestWholeSameAsGeneral(t *testing.T) {
	joined := 0
	for _, c := range wholeCases {
		src := []byte(c + "\n")
		if diff := cmp.Diff(tree(src, true), tree(src, false)); diff != "" {
			t.Errorf("%q: the tree differs from the general way's (-general +whole):\n%s", c, diff)
		}
		if strings.Contains(tree(src, false), "plain=false") {
			joined++
		}
	}
	if joined == 0 {
		t.Error("no case folded a pair with markup in its halves")
	}
}

func FuzzWholeSameAsGeneral(f *testing.F) {
	for _, c := range wholeCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, s string) {
		src := []byte(s)
		if diff := cmp.Diff(tree(src, true), tree(src, false)); diff != "" {
			t.Errorf("%q: the tree differs from the general way's (-general +whole):\n%s", s, diff)
		}
	})
}

// TestDuplicatesHashCollision checks that ids whose hashes collide are
// still told apart, and that every later use of an id is reported once,
// in page order.
func TestDuplicatesHashCollision(t *testing.T) {
	s := &state{ids: []pairID{
		{hash: 1, id: "a", offset: 10}, {hash: 1, id: "b", offset: 20}, {hash: 1, id: "a", offset: 30},
		{hash: 2, id: "c", offset: 40}, {hash: 2, id: "c", offset: 5}, {hash: 1, id: "b", offset: 50}, {hash: 3, id: "d", offset: 1},
	}}
	s.duplicates()
	var got []string
	for _, p := range s.problems {
		got = append(got, fmt.Sprintf("%d %s", p.Offset, p.Message))
	}
	want := []string{
		`30 data-ttu-id="a" is used by an earlier pair of the page too`,
		`40 data-ttu-id="c" is used by an earlier pair of the page too`,
		`50 data-ttu-id="b" is used by an earlier pair of the page too`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}
