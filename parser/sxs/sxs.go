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
// inside each half (emphasis, code, links) is parsed as usual. A pair
// written on one line whose halves are plain text, most of them, is
// recognised whole at its first tag instead and becomes a plain Pair. Tags that do
// not pair up are turned back into literal text and reported as Problems;
// nothing is dropped.
package sxs

import (
	"bytes"
	"cmp"
	"fmt"
	"hash/maphash"
	"math/bits"
	"slices"
	"sync"
	"unsafe"

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
	// joinHalves is `</span><span class="sxs-lookup"><span data-stu-id="ID">`
	// and endHalves `</span></span>`, in one node each, where the data-ttu-id
	// tag before them opened a pair checked whole on its line (see
	// wholePair). The transformer folds such a pair at once, or splits them
	// back into the tags they are made of; none is left in the tree.
	joinHalves
	endHalves
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
	case joinHalves:
		return "join"
	case endHalves:
		return "end"
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
	// Value is the name of an Anchor.
	Value string
	// ID is where the id of TTUOpen/STUOpen is in the source: it becomes a
	// string only once, when the tag is folded into a Pair.
	ID text.Segment
	// Segment is the tag's own bytes in the source.
	Segment text.Segment
	// match is the Close that balances an opening tag among its siblings,
	// set by matchTags; for the TTUOpen of a pair checked whole, its
	// joinHalves tag, and for that, its endHalves tag.
	match *Tag
	// whole marks the TTUOpen of a pair checked whole on its line.
	whole bool
}

// Kind implements ast.Node.
func (n *Tag) Kind() ast.NodeKind { return KindTag }

// Dump implements ast.Node.
func (n *Tag) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"TagKind": n.TagKind.String(), "Value": n.Value, "ID": string(n.ID.Value(source))}, nil)
}

// KindPair is the node kind of Pair.
var KindPair = ast.NewNodeKind("SxsPair")

// Pair is one translated sentence (or merged paragraph), in one of two
// shapes. Most sentences are plain text in both languages: such a pair is
// recognised whole as it is met and holds its halves as two source
// segments, with no children (Plain reports it; PlainText gives the
// halves). A pair whose halves carry markup (emphasis, code, links, nested
// spans) has two Half children instead: first the localized one, then the
// English one. Readers ask Plain first; the text is the same either way.
type Pair struct {
	ast.BaseInline
	// ID is the data-ttu-id; STUID the data-stu-id, equal to ID when well formed.
	ID, STUID string
	// N numbers the pairs of a page from 0 in the order they were made, so
	// a caller can keep what it learns of each pair in a slice.
	N int
	// Start is the offset of the opening tag, Stop the offset just after
	// the pair's last closing tag (after the local half's when the English
	// half is missing or broken), for ranges.
	Start, Stop int
	// localText and enText are the halves of a plain pair.
	localText, enText text.Segment
	plain             bool
}

// Kind implements ast.Node.
func (n *Pair) Kind() ast.NodeKind { return KindPair }

// Dump implements ast.Node.
func (n *Pair) Dump(source []byte, level int) {
	kv := map[string]string{"ID": n.ID, "STUID": n.STUID}
	if n.plain {
		kv["Local"], kv["English"] = string(n.localText.Value(source)), string(n.enText.Value(source))
	}
	ast.DumpHelper(n, source, level, kv, nil)
}

// Pos implements ast.Node. A pair is where its text starts, as goldmark
// places a Text: a plain pair's first non-empty half; a pair with Half
// children has no position of its own (Start is where its opening tag is),
// and positions inside it come from its children.
func (n *Pair) Pos() int {
	switch {
	case !n.plain:
		return -1
	case n.localText.Len() > 0:
		return n.localText.Start
	case n.enText.Len() > 0:
		return n.enText.Start
	}
	return -1
}

// Plain tells a pair whose halves are plain text, held as segments
// (PlainText), with no children.
func (n *Pair) Plain() bool { return n.plain }

// PlainText returns a plain pair's localized half, or its English one.
// The text is source text as goldmark's inline parser would leave it in a
// Text node: entities not yet resolved, no escapes, no line break.
func (n *Pair) PlainText(english bool) text.Segment {
	if english {
		return n.enText
	}
	return n.localText
}

// Local returns the localized half of a pair with children (nil for a
// plain pair).
func (n *Pair) Local() *Half { h, _ := n.FirstChild().(*Half); return h }

// English returns the English half of a pair with children (nil for a
// plain pair); it may be empty when the page lacked it.
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

// state is what the extension keeps for one document, under one context
// key: looked up once per tag, not once per value. Its node slabs outlive
// the document: Release hands them to the next one (see statePool).
type state struct {
	pairs    int
	problems []Problem
	// tags, plain and folded hand out the page's nodes from slabs, so its
	// thousands of tags and pairs cost a few allocations, and none once the
	// slabs are reused.
	tags   slab[Tag]
	plain  slab[Pair]
	folded slab[foldedPair]
	// ids are the data-ttu-ids of the pairs so far, with where each is.
	ids []pairID
	// blocks are the blocks whose inline content has tags, in order.
	blocks []ast.Node
	// pending is the TTUOpen of the last pair checked whole, and joinAt and
	// endAt where its joinHalves and endHalves tags start.
	pending                *Tag
	joinAt, joinLen, endAt int
	// names holds the ids and anchor names of the page's pairs and tags.
	// Unlike the slabs it is never reused: the model keeps those strings.
	names []byte
}

// slab hands out zeroed values of T from chunks that double in size, so
// that a page's nodes cost a few allocations; reset keeps the chunks for
// the next page.
type slab[T any] struct {
	chunks [][]T
	cur    int // the chunk being filled
}

// maxChunk caps a chunk's length: a huge page adds chunks, not one block
// that is never freed.
const maxChunk = 4096

func (s *slab[T]) next() *T {
	for s.cur < len(s.chunks) {
		c := s.chunks[s.cur]
		if len(c) < cap(c) {
			c = c[:len(c)+1]
			s.chunks[s.cur] = c
			return &c[len(c)-1]
		}
		s.cur++
	}
	size := 16
	if n := len(s.chunks); n > 0 {
		size = min(2*cap(s.chunks[n-1]), maxChunk)
	}
	s.chunks = append(s.chunks, make([]T, 1, size))
	return &s.chunks[len(s.chunks)-1][0]
}

// keptChunks is how many chunks reset keeps (16 up to 4,096 values): the
// slabs of a huge page are not held on to for the pages after it.
const keptChunks = 9

// reset zeroes what was handed out, so no node of the page before keeps
// its tree alive, and starts over from the first chunk.
func (s *slab[T]) reset() {
	for i, c := range s.chunks {
		clear(c)
		s.chunks[i] = c[:0]
	}
	if len(s.chunks) > keptChunks {
		clear(s.chunks[keptChunks:])
		s.chunks = s.chunks[:keptChunks]
	}
	s.cur = 0
}

type pairID struct {
	hash   uint64 // of id, for the table duplicates keeps
	id     string
	offset int
}

// idSeed seeds the hashes of ids. Hashes only bring equal ids together, so
// a seed that differs from run to run changes no result.
var idSeed = maphash.MakeSeed()

// foldedPair is a pair with Half children and its halves, allocated
// together.
type foldedPair struct {
	pair           Pair
	local, english Half
}

// keep returns b as a string cut from the page's chunks of ids and names:
// a page's thousands of them cost a few allocations, not one each. The
// bytes a string was made of are never written again, so the strings are
// as immutable as any.
func (s *state) keep(b []byte) string {
	if cap(s.names)-len(s.names) < len(b) {
		s.names = make([]byte, 0, max(len(b), 1024))
	}
	start := len(s.names)
	s.names = append(s.names, b...)
	kept := s.names[start:]
	return unsafe.String(unsafe.SliceData(kept), len(kept))
}

var stateKey = parser.NewContextKey()

func stateOf(pc parser.Context) *state {
	if s, ok := pc.Get(stateKey).(*state); ok {
		return s
	}
	s := statePool.Get().(*state)
	pc.Set(stateKey, s)
	return s
}

// statePool keeps the states of released documents: a page's tags and
// pairs are then cut from memory the page before used and left warm in
// the cache, rather than from fresh memory the collector must sweep.
var statePool = sync.Pool{New: func() any { return new(state) }}

// Release ends the use of the document parsed with pc: its Tag and Pair
// nodes are handed to the next document parsed. Call it once nothing holds
// a node of that document's tree any more; strings taken from the nodes
// (ids, anchor names, problems) stay valid. A document never released is
// simply collected.
func Release(pc parser.Context) {
	s, ok := pc.Get(stateKey).(*state)
	if !ok {
		return
	}
	pc.Set(stateKey, nil)
	s.tags.reset()
	s.plain.reset()
	s.folded.reset()
	clear(s.blocks)
	clear(s.ids)
	// problems and names are not reused: the caller may keep them.
	*s = state{tags: s.tags, plain: s.plain, folded: s.folded, ids: s.ids[:0], blocks: s.blocks[:0]}
	statePool.Put(s)
}

// PairCount returns how many pairs the transformer folded in the document
// parsed with pc: a page with none is a plain page.
func PairCount(pc parser.Context) int {
	if s, ok := pc.Get(stateKey).(*state); ok {
		return s.pairs
	}
	return 0
}

// Problems returns what the transformer reported for the document parsed
// with pc, in source order.
func Problems(pc parser.Context) []Problem {
	if s, ok := pc.Get(stateKey).(*state); ok {
		return s.problems
	}
	return nil
}

// seen records a pair's id; duplicates reports, once the page is parsed,
// each id an earlier pair already had: each sentence of a translated page
// has its own id, so a repeated one means a bad merge or a copied block.
// (A table of the few dozen ids of a page, by their hashes, costs less than
// a map insert per pair or a sort: ids share long prefixes, so comparing
// them was the cost.)
func (s *state) seen(id string, offset int) {
	if s.ids == nil {
		s.ids = make([]pairID, 0, 64) // a page has dozens
	}
	s.ids = append(s.ids, pairID{hash: maphash.String(idSeed, id), id: id, offset: offset})
}

func (s *state) duplicates() {
	if len(s.ids) < 2 {
		return
	}
	// An open-addressing table of the ids met so far, by hash: each slot
	// holds an index into s.ids plus one, that of the earliest pair with
	// that id. Of two pairs with one id, the later is reported.
	slots := make([]int32, 1<<bits.Len(uint(2*len(s.ids))))
	mask := uint64(len(slots) - 1)
	found := false
	for i := range s.ids {
		id := &s.ids[i]
		for j := id.hash & mask; ; j = (j + 1) & mask {
			k := slots[j]
			if k == 0 {
				slots[j] = int32(i + 1)
				break
			}
			if first := &s.ids[k-1]; first.hash != id.hash || first.id != id.id {
				continue
			} else if id.offset < first.offset {
				slots[j] = int32(i + 1)
				id = first
			}
			s.problems = append(s.problems, Problem{Offset: id.offset, Message: fmt.Sprintf("data-ttu-id=%q is used by an earlier pair of the page too", id.id)})
			found = true
			break
		}
	}
	if found {
		slices.SortStableFunc(s.problems, func(a, b Problem) int { return cmp.Compare(a.Offset, b.Offset) })
	}
}

func addProblem(pc parser.Context, offset int, format string, args ...any) {
	s := stateOf(pc)
	s.problems = append(s.problems, Problem{Offset: offset, Message: fmt.Sprintf(format, args...)})
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
	var whole pairShape
	if line[1] == 's' && bytes.HasPrefix(line, prefixTTU) {
		whole = wholePair(line)
		if whole.plain {
			pair := plainPair(seg, whole, pc)
			advance(block, whole.stop)
			return pair
		}
	}
	var st *state // looked up once, and only for a tag
	var kind TagKind
	var value text.Segment
	n := 0
	switch {
	case bytes.HasPrefix(line, tagClose):
		kind, n = Close, len(tagClose)
		if st = stateOf(pc); st.pending != nil {
			switch {
			case seg.Start == st.joinAt && st.pending.match == nil:
				kind, n = joinHalves, st.joinLen
				value = text.NewSegment(seg.Start+len(midTag), seg.Start+n-len(`">`))
			case seg.Start == st.endAt && st.pending.match != nil:
				kind, n = endHalves, len(endTag)
			}
		}
	case bytes.HasPrefix(line, prefixTTU):
		kind, value, n = quoted(line, seg, TTUOpen, len(prefixTTU), nil)
	case bytes.HasPrefix(line, prefixSTU):
		kind, value, n = quoted(line, seg, STUOpen, len(prefixSTU), nil)
	case bytes.HasPrefix(line, tagLookup):
		kind, n = LookupOpen, len(tagLookup)
	case bytes.HasPrefix(line, prefixAnchor):
		kind, value, n = quoted(line, seg, Anchor, len(prefixAnchor), anchorClose)
	}
	if kind == 0 {
		return nil
	}
	if st == nil {
		st = stateOf(pc)
	}
	if n := len(st.blocks); n == 0 || st.blocks[n-1] != parent {
		st.blocks = append(st.blocks, parent)
	}
	node := st.tags.next()
	node.TagKind, node.ID, node.Segment = kind, value, seg.WithStop(seg.Start+n)
	switch kind {
	case Anchor:
		node.Value = st.keep(value.Value(block.Source()))
		node.ID = text.Segment{}
	case TTUOpen:
		if whole.stop > 0 && joinWhole {
			// The halves hold markup for goldmark to parse, but no tag: the
			// tags that join and end them can be taken one node each.
			node.whole = true
			st.pending = node
			st.joinAt, st.joinLen, st.endAt = seg.Start+whole.localEnd, whole.enStart-whole.localEnd, seg.Start+whole.enEnd
		}
	case joinHalves:
		st.pending.match = node
	case endHalves:
		st.pending.match.match = node
		st.pending = nil
	}
	advance(block, n)
	return node
}

// joinWhole lets the tags that join and end the halves of a pair checked
// whole be taken one node each; tests turn it off to compare the tree with
// the one the general way builds.
var joinWhole = true

// advance is block.Advance(n) for n bytes on the current line. goldmark
// takes a byte at a time when n reaches the end of the line, as a pair at
// the end of a paragraph or a table cell does; all but the last byte in one
// step is the same move.
func advance(block text.Reader, n int) {
	if n > 1 {
		block.Advance(n - 1)
		n = 1
	}
	block.Advance(n)
}

// midTag is what joins the halves of a pair, before the data-stu-id value.
var midTag = []byte(`</span><span class="sxs-lookup"><span data-stu-id="`)

// endTag closes the English half and the sxs-lookup span.
var endTag = []byte(`</span></span>`)

// pairShape is where the parts of a pair written whole on one line are,
// as offsets into the line; stop is 0 when the line does not start so.
type pairShape struct {
	id                                   []byte
	localStart, localEnd, enStart, enEnd int
	stop                                 int
	// plain tells halves that are plain text: nothing goldmark's inline
	// parsers would act on.
	plain bool
}

// wholePair reads, at a data-ttu-id tag, a well-formed pair written on
// one line whose halves hold no tag (no '<' at all): most sentences of a
// side-by-side page.
//
// When the halves are plain text too, the tag parser makes a plain Pair of
// it at once, so goldmark never scans the halves, nothing is left to fold,
// and no node is made for them. Otherwise goldmark parses the markup in
// the halves as usual, and the tags that join and end them are taken one
// node each, which the transformer folds without searching. Anything else
// goes the general way: a node per tag, then the transformer pairs them up;
// the text is the same every way.
func wholePair(line []byte) pairShape {
	i := len(prefixTTU)
	q := bytes.IndexByte(line[i:], '"')
	if q < 0 || q > 200 || i+q+1 >= len(line) || line[i+q+1] != '>' {
		return pairShape{}
	}
	sh := pairShape{id: line[i : i+q], localStart: i + q + 2}
	lt := bytes.IndexByte(line[sh.localStart:], '<')
	if lt < 0 {
		return pairShape{}
	}
	sh.localEnd = sh.localStart + lt
	if !bytes.HasPrefix(line[sh.localEnd:], midTag) {
		return pairShape{}
	}
	j := sh.localEnd + len(midTag)
	if !bytes.HasPrefix(line[j:], sh.id) || j+len(sh.id)+1 >= len(line) || line[j+len(sh.id)] != '"' || line[j+len(sh.id)+1] != '>' {
		return pairShape{}
	}
	sh.enStart = j + len(sh.id) + 2
	et := bytes.IndexByte(line[sh.enStart:], '<')
	if et < 0 {
		return pairShape{}
	}
	sh.enEnd = sh.enStart + et
	if !bytes.HasPrefix(line[sh.enEnd:], endTag) || bytes.ContainsAny(sh.id, "<>") {
		return pairShape{}
	}
	sh.stop = sh.enEnd + len(endTag)
	sh.plain = plainRun(line[sh.localStart:sh.localEnd]) == sh.localEnd-sh.localStart &&
		plainRun(line[sh.enStart:sh.enEnd]) == sh.enEnd-sh.enStart
	return sh
}

// plainPair makes the plain Pair of a line that starts with pair sh.
func plainPair(seg text.Segment, sh pairShape, pc parser.Context) *Pair {
	st := stateOf(pc)
	pair := st.plain.next()
	pair.N = st.pairs
	st.pairs++
	pair.ID, pair.Start, pair.Stop = st.keep(sh.id), seg.Start, seg.Start+sh.stop
	pair.STUID = pair.ID
	st.seen(pair.ID, seg.Start)
	pair.plain = true
	pair.localText = text.NewSegment(seg.Start+sh.localStart, seg.Start+sh.localEnd)
	pair.enText = text.NewSegment(seg.Start+sh.enStart, seg.Start+sh.enEnd)
	return pair
}

// plainRun is the length of the prefix of b that goldmark's inline parsing
// would turn into one Text node: up to the first byte that can start inline
// markup (code span, link, image, emphasis, HTML, autolink), an escape or the
// end of the line.
func plainRun(b []byte) int {
	for i, c := range b {
		if inlineStart[c] {
			return i
		}
	}
	return len(b)
}

// inlineStart marks the bytes plainRun stops at.
var inlineStart = [256]bool{'<': true, '`': true, '[': true, ']': true, '!': true, '*': true, '_': true, '\\': true, '\n': true, '\r': true}

// quoted reads `VALUE">` (plus suffix, if any) after a prefix of n bytes and
// returns where the value is and the length of the whole tag; kind is 0 if
// the tag is not of that shape.
func quoted(line []byte, seg text.Segment, kind TagKind, n int, suffix []byte) (TagKind, text.Segment, int) {
	end := bytes.IndexByte(line[n:], '"')
	if end < 0 || end > 200 {
		return 0, text.Segment{}, 0
	}
	value := line[n : n+end]
	rest := n + end + 1
	if rest >= len(line) || line[rest] != '>' {
		return 0, text.Segment{}, 0
	}
	rest++
	if suffix != nil {
		if !bytes.HasPrefix(line[rest:], suffix) {
			return 0, text.Segment{}, 0
		}
		rest += len(suffix)
	}
	if bytes.ContainsAny(value, "<>") {
		return 0, text.Segment{}, 0
	}
	return kind, text.NewSegment(seg.Start+n, seg.Start+n+end), rest
}

// pairer folds Tag runs into Pair nodes once the whole document is parsed,
// because a pair's halves contain inline markup that is only known then.
type pairer struct{}

// Only the blocks whose inline parsing produced a Tag are walked; a pair
// fastPair built holds no tags and is not entered.
func (pairer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, ok := pc.Get(stateKey).(*state)
	if !ok {
		return
	}
	defer st.duplicates()
	if len(st.blocks) == 0 {
		return
	}
	src := reader.Source()
	var visit func(n ast.Node)
	visit = func(n ast.Node) {
		hasTag := false
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if c.HasChildren() && c.Kind() != KindPair {
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
	for _, b := range st.blocks {
		visit(b)
	}
}

// pairChildren rewrites one list of siblings. A well-formed pair is the run
// TTUOpen … Close LookupOpen STUOpen … Close Close, where each "…" may itself
// contain balanced spans. The pairs checked whole as they were parsed are
// folded first, each at once; where the markup of their halves moved one of
// their tags elsewhere (emphasis or a link across two halves), their tags
// are split back into the ones they are made of, and all go the general
// way, as if they had never been checked.
func pairChildren(parent ast.Node, src []byte, pc parser.Context) {
	general := false
	for c := parent.FirstChild(); c != nil; {
		tag, ok := c.(*Tag)
		switch {
		case !ok || tag.TagKind == Anchor:
			c = c.NextSibling()
		case tag.whole && foldable(parent, tag):
			c = foldWhole(parent, tag, src, pc)
		case tag.TagKind == joinHalves || tag.TagKind == endHalves:
			c = split(parent, tag, pc)
			general = true
		default:
			tag.whole, tag.match = false, nil
			c = c.NextSibling()
			general = true
		}
	}
	if general {
		pairTags(parent, src, pc)
	}
}

// foldable tells the TTUOpen of a pair checked whole whose joinHalves and
// endHalves tags are still its siblings: its halves hold no tag, so only
// its halves' nodes lie between them.
func foldable(parent ast.Node, open *Tag) bool {
	join := open.match
	return join != nil && join.Parent() == parent && join.match != nil && join.match.Parent() == parent
}

// foldWhole folds the pair checked whole that open starts, as foldPair
// would, and returns the node after it.
func foldWhole(parent ast.Node, open *Tag, src []byte, pc parser.Context) ast.Node {
	join, end := open.match, open.match.match
	st := stateOf(pc)
	id := st.keep(open.ID.Value(src))
	fp := st.folded.next()
	fp.pair = Pair{ID: id, STUID: id, N: st.pairs, Start: open.Segment.Start, Stop: end.Segment.Stop}
	st.pairs++
	st.seen(id, open.Segment.Start)
	pair := &fp.pair
	fp.english.English = true
	parent.InsertBefore(parent, open, pair)
	pair.AppendChild(pair, &fp.local)
	pair.AppendChild(pair, &fp.english)
	moveBetween(&fp.local, open, join, src, pc)
	moveBetween(&fp.english, join, end, src, pc)
	next := end.NextSibling()
	for _, t := range []ast.Node{open, join, end} {
		parent.RemoveChild(parent, t)
	}
	return next
}

// split replaces a joinHalves or endHalves tag with the tags it is made
// of, as the general way makes them, and returns the node after them.
func split(parent ast.Node, t *Tag, pc parser.Context) ast.Node {
	st := stateOf(pc)
	start := t.Segment.Start
	add := func(kind TagKind, n int, id text.Segment) {
		part := st.tags.next()
		part.TagKind, part.ID, part.Segment = kind, id, text.NewSegment(start, start+n)
		parent.InsertBefore(parent, t, part)
		start += n
	}
	add(Close, len(tagClose), text.Segment{})
	if t.TagKind == joinHalves {
		add(LookupOpen, len(tagLookup), text.Segment{})
		add(STUOpen, t.Segment.Stop-start, t.ID)
	} else {
		add(Close, len(tagClose), text.Segment{})
	}
	next := t.NextSibling()
	parent.RemoveChild(parent, t)
	return next
}

// pairTags pairs up the tags among the children of parent the general way.
func pairTags(parent ast.Node, src []byte, pc parser.Context) {
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
	openID := open.ID.Value(src)
	if localEnd == nil {
		addProblem(pc, open.Segment.Start, "span data-ttu-id=%q is never closed", openID)
		next := open.NextSibling()
		literal(parent, open, src)
		return next
	}
	st := stateOf(pc)
	fp := st.folded.next()
	fp.pair = Pair{ID: st.keep(openID), Start: open.Segment.Start, Stop: localEnd.Segment.Stop, N: st.pairs}
	pair := &fp.pair
	st.pairs++
	st.seen(pair.ID, pair.Start)
	local := &fp.local
	english := &fp.english
	english.English = true
	parent.InsertBefore(parent, open, pair)
	pair.AppendChild(pair, local)
	pair.AppendChild(pair, english)
	moveBetween(local, open, localEnd, src, pc)
	parent.RemoveChild(parent, open)
	after := localEnd.NextSibling()
	parent.RemoveChild(parent, localEnd)

	lookup, _ := after.(*Tag)
	if lookup == nil || lookup.TagKind != LookupOpen {
		addProblem(pc, open.Segment.Start, "span data-ttu-id=%q has no English half (no sxs-lookup span after it)", pair.ID)
		return after
	}
	stu, _ := lookup.NextSibling().(*Tag)
	if stu == nil || stu.TagKind != STUOpen {
		addProblem(pc, lookup.Segment.Start, "sxs-lookup span of data-ttu-id=%q does not start with a data-stu-id span", pair.ID)
		return after
	}
	enEnd := matchingClose(stu)
	var outer *Tag
	if enEnd != nil {
		outer, _ = enEnd.NextSibling().(*Tag)
	}
	if enEnd == nil || outer == nil || outer.TagKind != Close {
		addProblem(pc, stu.Segment.Start, "English half data-stu-id=%q is not closed by </span></span>", stu.ID.Value(src))
		return after
	}
	pair.Stop = outer.Segment.Stop
	if stuID := stu.ID.Value(src); string(stuID) == pair.ID {
		pair.STUID = pair.ID
	} else {
		pair.STUID = st.keep(stuID)
		addProblem(pc, stu.Segment.Start, "data-stu-id=%q does not match data-ttu-id=%q", pair.STUID, pair.ID)
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
