package parser

import (
	"bytes"
	"encoding/binary"
	"slices"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/docs2go/docs2go/parser/sxs"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
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
		if pair.Plain() {
			fn(pair) // its text is chosenText's
			return
		}
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

// chosenText is the half of a plain pair that visit would enter for l.
func chosenText(pair *sxs.Pair, l lang) text.Segment {
	if en := pair.PlainText(true); l == english && en.Len() > 0 {
		return en
	}
	return pair.PlainText(false)
}

// plainHalfText is the text of one half of a plain pair, even an empty
// one (where visit would take the other).
func (p *pageParser) plainHalfText(pair *sxs.Pair, english bool) string {
	seg := pair.PlainText(english)
	p.scratch = appendUnescaped(p.scratch[:0], seg.Value(p.body()))
	return p.strs.fold(p.scratch)
}

// plainText is the text of n in one language: markup removed, escapes and
// entities resolved, white space folded.
func (p *pageParser) plainText(n ast.Node, l lang) string {
	if p.memo.node == n && n != nil {
		if l == english && p.sxs {
			return p.memo.text.En
		}
		return p.memo.text.Text
	}
	return p.strs.fold(p.rawText(n, l))
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
		case *sxs.Pair: // a plain one
			seg := chosenText(c, l)
			b = appendUnescaped(b, seg.Value(src))
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
	return p.foldedAs(p.rawText(n, l), same)
}

// foldedAs is the folded text of raw, returning same (no new string) when
// they are equal.
func (p *pageParser) foldedAs(raw []byte, same string) string {
	return p.strs.foldAs(raw, same)
}

// text is the Text of a node: both halves on side-by-side pages, the text
// as English or as localized on plain pages. It walks n once, gathering
// both languages and every pair's halves as it goes; the last node's Text
// is kept, since a section's reader often asks again for the text of the
// node it just read (plainText).
func (p *pageParser) text(n ast.Node) Text {
	if p.memo.node == n && n != nil {
		return p.memo.text
	}
	w := &p.textWalk
	w.local, w.en, w.pairs = w.local[:0], w.en[:0], w.pairs[:0]
	w.src = p.body()
	w.walk(n, true, p.sxs)
	t := Text{Text: p.strs.fold(w.local)}
	switch {
	case p.sxs:
		t.En = p.strs.fold(w.en)
		t.IDs, t.Pairs = p.pairsOf(t)
	case p.englishPlain:
		t.En = t.Text
	}
	p.memo.node, p.memo.text = n, t
	return t
}

// textWalk gathers the raw (unfolded) text of a node in both languages in
// one walk, and where each pair's halves are in it.
type textWalk struct {
	src       []byte
	local, en []byte
	pairs     []pairSpan
}

// pairSpan is one pair met by textWalk: where its local half's text is in
// the local buffer and its English half's in the English one; -1 when the
// walk did not gather that half (a pair inside the other language's half),
// which is then read on its own.
type pairSpan struct {
	pair                 *sxs.Pair
	localStart, localEnd int
	enStart, enEnd       int
	enEmpty              bool // the English half is missing or has no content
}

// walk appends the text of n to the local buffer when inLocal and to the
// English one when inEn, as visit and rawText would for each language, and
// lists the pairs below n in document order, as ast.Walk meets them.
func (w *textWalk) walk(n ast.Node, inLocal, inEn bool) {
	if pair, ok := n.(*sxs.Pair); ok {
		if pair.Plain() {
			w.plainPair(pair, inLocal, inEn)
			return
		}
		lh, eh := pair.Local(), pair.English()
		enChosen := eh != nil && eh.HasChildren()
		k := len(w.pairs)
		w.pairs = append(w.pairs, pairSpan{pair: pair, localStart: -1, enStart: -1, enEmpty: !enChosen})
		if lh != nil {
			l0 := len(w.local)
			w.walk(lh, inLocal, inEn && !enChosen)
			if inLocal {
				w.pairs[k].localStart, w.pairs[k].localEnd = l0, len(w.local)
			}
		}
		if eh != nil {
			e0 := len(w.en)
			w.walk(eh, false, inEn && enChosen)
			if inEn && enChosen {
				w.pairs[k].enStart, w.pairs[k].enEnd = e0, len(w.en)
			}
		}
		return
	}
	if !inLocal && !inEn {
		// Only pairs are still wanted here.
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			w.walk(c, false, false)
		}
		return
	}
	switch c := n.(type) {
	case *ast.Text:
		seg := c.Segment.Value(w.src)
		brk := c.SoftLineBreak() || c.HardLineBreak()
		if inLocal {
			w.local = appendText(w.local, seg, c.IsRaw(), brk)
		}
		if inEn {
			w.en = appendText(w.en, seg, c.IsRaw(), brk)
		}
		return
	case *ast.String:
		if inLocal {
			w.local = append(w.local, c.Value...)
		}
		if inEn {
			w.en = append(w.en, c.Value...)
		}
		return
	case *ast.AutoLink:
		if inLocal {
			w.local = append(w.local, c.URL(w.src)...)
		}
		if inEn {
			w.en = append(w.en, c.URL(w.src)...)
		}
		return
	case *ast.RawHTML:
		if inLocal {
			w.local = append(w.local, ' ')
		}
		if inEn {
			w.en = append(w.en, ' ')
		}
		return
	case *sxs.Tag:
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.walk(c, inLocal, inEn)
	}
}

// plainPair is walk for a plain pair: its halves' text as the Text nodes
// of a folded pair would give it.
func (w *textWalk) plainPair(pair *sxs.Pair, inLocal, inEn bool) {
	localText, enText := pair.PlainText(false), pair.PlainText(true)
	enChosen := enText.Len() > 0
	ps := pairSpan{pair: pair, localStart: -1, enStart: -1, enEmpty: !enChosen}
	if inLocal {
		ps.localStart = len(w.local)
		w.local = appendUnescaped(w.local, localText.Value(w.src))
		ps.localEnd = len(w.local)
	}
	if inEn {
		if enChosen {
			ps.enStart = len(w.en)
			w.en = appendUnescaped(w.en, enText.Value(w.src))
			ps.enEnd = len(w.en)
		} else {
			w.en = appendUnescaped(w.en, localText.Value(w.src))
		}
	}
	w.pairs = append(w.pairs, ps)
}

// appendText appends a Text node's bytes as rawText does.
func appendText(b, seg []byte, raw, lineBreak bool) []byte {
	if raw {
		b = append(b, seg...)
	} else {
		b = appendUnescaped(b, seg)
	}
	if lineBreak {
		b = append(b, ' ')
	}
	return b
}

// pairsOf lists the pairs the last textWalk met, as IDs and one by one.
// A half whose text is t's (a node that is one pair) shares t's string.
func (p *pageParser) pairsOf(t Text) ([]string, []Pair) {
	w := &p.textWalk
	if len(w.pairs) == 0 {
		return nil, nil
	}
	// Chunks as big as the page has pairs: nearly every pair is in one
	// Text, so the first chunk is most often the only one, and no bigger.
	chunk := max(p.pairCount, 16)
	ids := carve(&p.idSlab, len(w.pairs), chunk)
	pairs := carve(&p.pairSlab, len(w.pairs), chunk)
	for _, ps := range w.pairs {
		pair := ps.pair
		ids = append(ids, pair.ID)
		pr := Pair{ID: pair.ID, Pos: p.lines.pos(p.base + pair.Start), End: p.lines.end(p.base + pair.Stop)}
		switch {
		case ps.localStart == 0 && ps.localEnd == len(w.local):
			pr.Local = t.Text // the node is this pair
		case ps.localStart >= 0:
			pr.Local = p.foldedAs(w.local[ps.localStart:ps.localEnd], t.Text)
		default:
			pr.Local = p.plainTextAs(pair, local, t.Text) // visit enters the local half
		}
		switch {
		case ps.enEmpty:
		case ps.enStart == 0 && ps.enEnd == len(w.en):
			pr.En = t.En
		case ps.enStart >= 0:
			pr.En = p.foldedAs(w.en[ps.enStart:ps.enEnd], t.En)
		default:
			pr.En = p.plainTextAs(pair, english, t.En) // the English half: it is not empty
		}
		p.keepHalves(pair, pr.Local, pr.En)
		pairs = append(pairs, pr)
	}
	return ids, pairs
}

// carve returns an empty slice with room for n values, cut from *slab
// (which gets a new chunk of at least chunk values when it is short): the
// few IDs and Pairs of each Text cost a few allocations per page, not two
// per text. The slice's capacity is n, so an append to it never writes
// into its neighbour's values.
func carve[T any](slab *[]T, n, chunk int) []T {
	if cap(*slab)-len(*slab) < n {
		*slab = make([]T, 0, max(n, chunk))
	}
	k := len(*slab)
	*slab = (*slab)[:k+n]
	return (*slab)[k : k : k+n]
}

// keepHalves records the texts of a pair's halves for Page.Pairs.
func (p *pageParser) keepHalves(pair *sxs.Pair, local, en string) {
	if len(p.halves) == 0 {
		p.halves = slices.Grow(p.halves[:0], p.pairCount)[:p.pairCount] // zeroed by recycle
	}
	if pair.N < len(p.halves) {
		p.halves[pair.N] = pairHalves{local: local, en: en, known: true}
	}
}

// pairHalves are the texts of one pair's halves, once known.
type pairHalves struct {
	local, en string
	known     bool
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

// stringArena packs a page's folded texts into shared blocks, a few
// allocations per page instead of one per text. Bytes a string was made of
// are never written again, so the strings are as immutable as any (the
// same thing strings.Builder does).
type stringArena struct {
	buf []byte
}

// fold returns b trimmed, every run of white space (any script's) turned
// into one space, and the invisible bidirectional and zero-width marks that
// right-to-left translations put around identifiers dropped.
func (a *stringArena) fold(b []byte) string {
	return a.foldAs(b, "")
}

// foldAs is fold, returning same (and keeping nothing in the arena) when
// the folded text equals it.
func (a *stringArena) foldAs(b []byte, same string) string {
	if len(b) == 0 {
		return ""
	}
	if cap(a.buf)-len(a.buf) < len(b) {
		a.buf = make([]byte, 0, max(len(b), arenaBlock))
	}
	start := len(a.buf)
	a.buf = appendFolded(a.buf, b)
	s := a.buf[start:]
	if string(s) == same {
		a.buf = a.buf[:start]
		return same
	}
	return unsafe.String(unsafe.SliceData(s), len(s))
}

// arenaBlock is the size of a stringArena block.
const arenaBlock = 4096

// appendFolded appends the folded text of b to out (see stringArena.fold).
func appendFolded(out, b []byte) []byte {
	start := len(out)
	space := false
	for i := 0; i < len(b); {
		// Runs of ordinary text, most of every page, are copied at once: ASCII
		// but white space, and the two-byte letters of Latin, Greek,
		// Cyrillic, Hebrew and Arabic; the rest goes rune by rune.
		if j := i + ordinaryRun(b[i:]); j > i {
			if space && len(out) > start {
				out = append(out, ' ')
			}
			space = false
			out = append(out, b[i:j]...)
			i = j
			continue
		}
		if c := b[i]; c < utf8.RuneSelf { // ASCII white space
			space = true
			i++
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

// ordinaryRun is the length of the prefix of b that folding copies as it
// is: ASCII other than white space, whole two-byte characters from U+00C0
// to U+07FF (none is white space or an invisible mark; U+0080 to U+00BF
// holds U+0085 and U+00A0, and three-byte ones the rest), and single
// spaces between them.
func ordinaryRun(b []byte) int {
	i, bytewise := 0, 0
	for i < len(b) {
		// Eight bytes at a time while they are plain ASCII and single
		// spaces; a word that is not (a letter beyond ASCII, a space at
		// its end or at the start of the run) goes byte by byte.
		if i >= bytewise && i+8 <= len(b) {
			if plainWord(binary.LittleEndian.Uint64(b[i:])) && (i > 0 || b[0] != ' ') {
				i += 8
				continue
			}
			bytewise = i + 8
		}
		switch foldClass[b[i]] {
		case foldPlain:
			i++
			continue
		case foldLead2:
			if i+1 < len(b) && b[i+1]&0xC0 == 0x80 {
				i += 2
				continue
			}
		case foldSpace:
			if i > 0 && i+1 < len(b) && foldClass[b[i+1]] == foldPlain {
				i += 2
				continue
			}
		}
		return i
	}
	return i
}

// plainWord tells eight bytes of ASCII from ' ' up, whose spaces are single
// and not the last byte.
func plainWord(x uint64) bool {
	if x&wordHighs != 0 || (x-wordOnes*' ')&^x&wordHighs != 0 {
		return false // not ASCII, or a byte below ' '
	}
	spaces := bytesEqual(x, ' ')
	return spaces&(spaces>>8) == 0 && spaces>>63 == 0
}

// Eight bytes read as one word: the constants of the bit tests of "Bit
// Twiddling Hacks".
const wordOnes, wordHighs, wordLows = 0x0101010101010101, 0x8080808080808080, 0x7f7f7f7f7f7f7f7f

// bytesEqual has the high bit of each byte of x that is c set, and no
// other bit (the exact zero-byte test: no carry crosses bytes).
func bytesEqual(x uint64, c byte) uint64 {
	v := x ^ wordOnes*uint64(c)
	return ^((v&wordLows + wordLows) | v | wordLows)
}

// Classes of bytes for ordinaryRun.
const (
	foldOther = iota
	foldPlain // ASCII other than white space
	foldLead2 // the first byte of a character from U+00C0 to U+07FF
	foldSpace // ' '
)

var foldClass = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c == ' ':
			t[c] = foldSpace
		case c < utf8.RuneSelf && c != '\t' && c != '\n' && c != '\r':
			t[c] = foldPlain
		case c >= 0xC3 && c <= 0xDF:
			t[c] = foldLead2
		}
	}
	return t
}()
