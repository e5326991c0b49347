// Package sxs is a goldmark extension for Microsoft's machine-translated
// side-by-side pages, where every sentence is written as a pair
//
//	<span data-ttu-id="ID">localized</span><span class="sxs-lookup"><span data-stu-id="ID">English</span></span>
//
// Stock goldmark sends each of those tags through its generic raw-HTML path
// (a regular expression per tag), which dominates parse time on such pages.
// This extension recognises the few fixed tag shapes with a byte comparison,
// emits a Tag node for each, and an AST transformer then folds every
// well-formed pair into a Pair node with two Half children, so the markdown
// inside each half (emphasis, code, links) is parsed as usual. Tags that do
// not pair up are turned back into literal text and reported as Problems;
// nothing is dropped.
package sxs

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// TagKind tells which of the recognised tags a Tag node stands for.
type TagKind uint8

const (
	// TTUOpen is `<span data-ttu-id="ID">`, opening the localized half.
	TTUOpen TagKind = iota + 1
	// LookupOpen is `<span class="sxs-lookup">`, wrapping the English half.
	LookupOpen
	// STUOpen is `<span data-stu-id="ID">`, opening the English half.
	STUOpen
	// Close is `</span>`.
	Close
	// Anchor is `<a name="NAME"></a>`, the heading anchor localized pages carry.
	Anchor
)

func (k TagKind) String() string {
	switch k {
	case TTUOpen:
		return "ttu-open"
	case LookupOpen:
		return "lookup-open"
	case STUOpen:
		return "stu-open"
	case Close:
		return "close"
	case Anchor:
		return "anchor"
	}
	return "unknown"
}

// KindTag is the node kind of Tag.
var KindTag = ast.NewNodeKind("SxsTag")

// Tag is one recognised HTML tag. Before the transformer runs every tag is a
// Tag node; afterwards only anchors remain (paired tags are folded into Pair,
// unpaired ones become text).
type Tag struct {
	ast.BaseInline
	TagKind TagKind
	// Value is the id of TTUOpen/STUOpen or the name of an Anchor.
	Value string
	// Segment is the tag's own bytes in the source.
	Segment text.Segment
	// match is the Close that balances an opening tag among its siblings,
	// set by matchTags.
	match *Tag
}

// Kind implements ast.Node.
func (n *Tag) Kind() ast.NodeKind { return KindTag }

// Dump implements ast.Node.
func (n *Tag) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"TagKind": n.TagKind.String(), "Value": n.Value}, nil)
}

// KindPair is the node kind of Pair.
var KindPair = ast.NewNodeKind("SxsPair")

// Pair is one translated sentence (or merged paragraph): its first child is
// the localized Half, its second the English Half.
type Pair struct {
	ast.BaseInline
	// ID is the data-ttu-id; STUID the data-stu-id, equal to ID when well formed.
	ID, STUID string
	// Start is the offset of the opening tag, Stop the offset just after
	// the pair's last closing tag (after the local half's when the English
	// half is missing or broken), for ranges.
	Start, Stop int
}

// Kind implements ast.Node.
func (n *Pair) Kind() ast.NodeKind { return KindPair }

// Dump implements ast.Node.
func (n *Pair) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"ID": n.ID, "STUID": n.STUID}, nil)
}

// Local returns the localized half.
func (n *Pair) Local() *Half { h, _ := n.FirstChild().(*Half); return h }

// English returns the English half (may be empty when the page lacked it).
func (n *Pair) English() *Half { h, _ := n.LastChild().(*Half); return h }

// KindHalf is the node kind of Half.
var KindHalf = ast.NewNodeKind("SxsHalf")

// Half holds the inline content of one language of a Pair.
type Half struct {
	ast.BaseInline
	English bool
}

// Kind implements ast.Node.
func (n *Half) Kind() ast.NodeKind { return KindHalf }

// Dump implements ast.Node.
func (n *Half) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"English": fmt.Sprint(n.English)}, nil)
}

// Problem is a span that did not pair up; Offset points into the source.
type Problem struct {
	Offset  int
	Message string
}

var (
	problemsKey = parser.NewContextKey()
	pairsKey    = parser.NewContextKey()
)

// PairCount returns how many pairs the transformer folded in the document
// parsed with pc: a page with none is a plain page.
func PairCount(pc parser.Context) int {
	v, _ := pc.Get(pairsKey).(int)
	return v
}

// Problems returns what the transformer reported for the document parsed
// with pc, in source order.
func Problems(pc parser.Context) []Problem {
	v, _ := pc.Get(problemsKey).([]Problem)
	return v
}

func addProblem(pc parser.Context, offset int, format string, args ...any) {
	v, _ := pc.Get(problemsKey).([]Problem)
	pc.Set(problemsKey, append(v, Problem{Offset: offset, Message: fmt.Sprintf(format, args...)}))
}

type tagParser struct{}

var (
	prefixTTU    = []byte(`<span data-ttu-id="`)
	prefixSTU    = []byte(`<span data-stu-id="`)
	tagLookup    = []byte(`<span class="sxs-lookup">`)
	tagClose     = []byte(`</span>`)
	prefixAnchor = []byte(`<a name="`)
	anchorClose  = []byte(`</a>`)
)

func (tagParser) Trigger() []byte { return []byte{'<'} }

// Parse recognises only the exact shapes the translation pipeline writes;
// anything else returns nil and goes on to goldmark's raw-HTML parser.
func (tagParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 4 {
		return nil
	}
	var node *Tag
	switch {
	case bytes.HasPrefix(line, tagClose):
		node = &Tag{TagKind: Close, Segment: seg.WithStop(seg.Start + len(tagClose))}
	case bytes.HasPrefix(line, prefixTTU):
		node = quoted(line, seg, TTUOpen, len(prefixTTU), nil)
	case bytes.HasPrefix(line, prefixSTU):
		node = quoted(line, seg, STUOpen, len(prefixSTU), nil)
	case bytes.HasPrefix(line, tagLookup):
		node = &Tag{TagKind: LookupOpen, Segment: seg.WithStop(seg.Start + len(tagLookup))}
	case bytes.HasPrefix(line, prefixAnchor):
		node = quoted(line, seg, Anchor, len(prefixAnchor), anchorClose)
	}
	if node == nil {
		return nil
	}
	block.Advance(node.Segment.Len())
	return node
}

// quoted reads `VALUE">` (plus suffix, if any) after a prefix of n bytes.
func quoted(line []byte, seg text.Segment, kind TagKind, n int, suffix []byte) *Tag {
	end := bytes.IndexByte(line[n:], '"')
	if end < 0 || end > 200 {
		return nil
	}
	value := line[n : n+end]
	rest := n + end + 1
	if rest >= len(line) || line[rest] != '>' {
		return nil
	}
	rest++
	if suffix != nil {
		if !bytes.HasPrefix(line[rest:], suffix) {
			return nil
		}
		rest += len(suffix)
	}
	if bytes.ContainsAny(value, "<>") {
		return nil
	}
	return &Tag{TagKind: kind, Value: string(value), Segment: seg.WithStop(seg.Start + rest)}
}

// pairer folds Tag runs into Pair nodes once the whole document is parsed,
// because a pair's halves contain inline markup that is only known then.
type pairer struct{}

func (pairer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var visit func(n ast.Node)
	visit = func(n ast.Node) {
		hasTag := false
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if c.HasChildren() {
				visit(c)
			}
			if _, ok := c.(*Tag); ok {
				hasTag = true
			}
		}
		if hasTag {
			pairChildren(n, src, pc)
		}
	}
	visit(doc)
}

// pairChildren rewrites one list of siblings. A well-formed pair is the run
// TTUOpen … Close LookupOpen STUOpen … Close Close, where each "…" may itself
// contain balanced spans.
func pairChildren(parent ast.Node, src []byte, pc parser.Context) {
	matchTags(parent)
	for c := parent.FirstChild(); c != nil; {
		tag, ok := c.(*Tag)
		if !ok || tag.TagKind == Anchor {
			c = c.NextSibling()
			continue
		}
		if tag.TagKind != TTUOpen {
			next := c.NextSibling()
			addProblem(pc, tag.Segment.Start, "unexpected %s outside a translation pair", describe(tag, src))
			literal(parent, tag, src)
			c = next
			continue
		}
		c = foldPair(parent, tag, src, pc)
	}
}

// foldPair folds the pair starting at open and returns the node after it.
func foldPair(parent ast.Node, open *Tag, src []byte, pc parser.Context) ast.Node {
	localEnd := matchingClose(open)
	if localEnd == nil {
		addProblem(pc, open.Segment.Start, "span data-ttu-id=%q is never closed", open.Value)
		next := open.NextSibling()
		literal(parent, open, src)
		return next
	}
	pair := &Pair{ID: open.Value, Start: open.Segment.Start, Stop: localEnd.Segment.Stop}
	count, _ := pc.Get(pairsKey).(int)
	pc.Set(pairsKey, count+1)
	local := &Half{}
	english := &Half{English: true}
	parent.InsertBefore(parent, open, pair)
	pair.AppendChild(pair, local)
	pair.AppendChild(pair, english)
	moveBetween(local, open, localEnd, src, pc)
	parent.RemoveChild(parent, open)
	after := localEnd.NextSibling()
	parent.RemoveChild(parent, localEnd)

	lookup, _ := after.(*Tag)
	if lookup == nil || lookup.TagKind != LookupOpen {
		addProblem(pc, open.Segment.Start, "span data-ttu-id=%q has no English half (no sxs-lookup span after it)", open.Value)
		return after
	}
	stu, _ := lookup.NextSibling().(*Tag)
	if stu == nil || stu.TagKind != STUOpen {
		addProblem(pc, lookup.Segment.Start, "sxs-lookup span of data-ttu-id=%q does not start with a data-stu-id span", open.Value)
		return after
	}
	enEnd := matchingClose(stu)
	var outer *Tag
	if enEnd != nil {
		outer, _ = enEnd.NextSibling().(*Tag)
	}
	if enEnd == nil || outer == nil || outer.TagKind != Close {
		addProblem(pc, stu.Segment.Start, "English half data-stu-id=%q is not closed by </span></span>", stu.Value)
		return after
	}
	pair.STUID = stu.Value
	pair.Stop = outer.Segment.Stop
	if stu.Value != open.Value {
		addProblem(pc, stu.Segment.Start, "data-stu-id=%q does not match data-ttu-id=%q", stu.Value, open.Value)
	}
	moveBetween(english, stu, enEnd, src, pc)
	next := outer.NextSibling()
	for _, t := range []ast.Node{lookup, stu, enEnd, outer} {
		parent.RemoveChild(parent, t)
	}
	return next
}

// matchTags sets the match of every opening tag among the children of
// parent to the Close that balances it, in one pass with a stack, so that
// pairing a list of n tags costs O(n) even when none of them closes.
// Folding a pair moves only balanced runs, so the matches of the siblings
// left behind stay right.
func matchTags(parent ast.Node) {
	var stack []*Tag
	for c := parent.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*Tag)
		if !ok {
			continue
		}
		switch t.TagKind {
		case TTUOpen, STUOpen, LookupOpen:
			t.match = nil
			stack = append(stack, t)
		case Close:
			if len(stack) > 0 {
				stack[len(stack)-1].match = t
				stack = stack[:len(stack)-1]
			}
		}
	}
}

// matchingClose is the Close that balances open among its siblings.
func matchingClose(open *Tag) *Tag { return open.match }

// moveBetween moves the siblings strictly between from and to into dst,
// pairing any nested spans on the way.
func moveBetween(dst ast.Node, from, to ast.Node, src []byte, pc parser.Context) {
	nested := false
	for c := from.NextSibling(); c != nil && c != to; {
		next := c.NextSibling()
		if _, ok := c.(*Tag); ok {
			nested = true
		}
		dst.AppendChild(dst, c)
		c = next
	}
	if nested {
		pairChildren(dst, src, pc)
	}
}

// literal replaces a tag that did not pair with its source text.
func literal(parent ast.Node, tag *Tag, src []byte) {
	t := ast.NewTextSegment(tag.Segment)
	parent.ReplaceChild(parent, tag, t)
}

func describe(tag *Tag, src []byte) string {
	return fmt.Sprintf("%q", tag.Segment.Value(src))
}

// spanParagraph opens a paragraph for a line that starts with one of the
// span tags followed by text. Such a line can never start an HTML block (a
// span is not a block tag, and a type-7 block needs nothing after the tag
// on its line), but goldmark's HTML block parser only finds that out after
// trying seven regular expressions on it; on side-by-side pages that is
// every paragraph, list item and table row. This parser runs just before it
// and hands such lines to the ordinary paragraph parser, which they would
// reach anyway, so the AST is the same.
type spanParagraph struct{}

var paragraph = parser.NewParagraphParser()

func (spanParagraph) Trigger() []byte { return []byte{'<'} }

func (spanParagraph) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	line = bytes.TrimLeft(line, " ")
	var n int
	switch {
	case bytes.HasPrefix(line, prefixTTU), bytes.HasPrefix(line, prefixSTU):
		end := bytes.IndexByte(line[len(prefixTTU):], '"')
		if end < 0 || len(prefixTTU)+end+1 >= len(line) || line[len(prefixTTU)+end+1] != '>' {
			return nil, parser.NoChildren
		}
		n = len(prefixTTU) + end + 2
	case bytes.HasPrefix(line, tagLookup):
		n = len(tagLookup)
	case bytes.HasPrefix(line, tagClose):
		n = len(tagClose)
	default:
		return nil, parser.NoChildren
	}
	if util.IsBlank(line[n:]) {
		return nil, parser.NoChildren // could be a type-7 HTML block
	}
	return paragraph.Open(parent, reader, pc)
}

func (spanParagraph) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	return paragraph.Continue(node, reader, pc)
}

func (spanParagraph) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	paragraph.Close(node, reader, pc)
}

func (spanParagraph) CanInterruptParagraph() bool { return false }
func (spanParagraph) CanAcceptIndentedLine() bool { return false }

type extender struct{}

// Extension adds the span-pair parser and transformer to a goldmark.Markdown.
var Extension goldmark.Extender = extender{}

// Priority 190 puts the tag parser before goldmark's link (200), autolink
// (300) and raw-HTML (400) parsers, which would otherwise claim '<' first.
const parserPriority = 190

func (extender) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithInlineParsers(util.Prioritized(tagParser{}, parserPriority)),
		// Just before goldmark's HTML block parser (900).
		parser.WithBlockParsers(util.Prioritized(spanParagraph{}, 890)),
		parser.WithASTTransformers(util.Prioritized(pairer{}, 100)),
	)
}
