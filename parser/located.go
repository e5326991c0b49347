package parser

import (
	"bytes"
	"encoding/binary"
	"strings"

	"github.com/docs2go/docs2go/parser/diag"
	"github.com/docs2go/docs2go/parser/sxs"
	"github.com/yuin/goldmark/ast"
)

// This file records where things are written that checks point at: the
// source range of permission cells and of each permission name in them,
// the page's links to other pages, its translation pairs with their code
// spans, and the permission names a reference page defines. It reads only
// what the parse already built.

// Name is a name as written on the page, with its range.
type Name struct {
	Text string `json:"text"`
	Pos  Pos    `json:"pos"`
	End  Pos    `json:"end"`
}

// Link is a link to another page (a relative target, not a URL), as
// written in the page's own text (the localized half on side-by-side
// pages).
type Link struct {
	Dest string `json:"dest"`
	Pos  Pos    `json:"pos"`
	End  Pos    `json:"end"`
}

// TranslationPair is one span pair of a side-by-side page: its ids, both
// halves as plain text, their code spans and its range.
type TranslationPair struct {
	ID, STUID string
	Local, En string
	// Code and EnCode are the inline code spans of each half, in order.
	Code, EnCode []string
	Pos, End     Pos
	// STUPos is the position of the data-stu-id value (inside its quotes).
	STUPos Pos
}

func cellAt(cells []ast.Node, i int) []ast.Node {
	if i < len(cells) {
		return cells[i : i+1]
	}
	return nil
}

// segmentRange is the parsed-text range of a block-ish node's lines.
func (p *pageParser) segmentRange(n ast.Node) (start, end int, ok bool) {
	lines := n.Lines()
	if lines == nil || lines.Len() == 0 {
		return 0, 0, false
	}
	first, last := lines.At(0), lines.At(lines.Len()-1)
	start, end = p.base+first.Start, p.base+last.Stop
	for start < end && (p.src[start] == ' ' || p.src[start] == '\t') {
		start++
	}
	for end > start && (p.src[end-1] == ' ' || p.src[end-1] == '\t') {
		end--
	}
	return start, end, true
}

// locateCells sets the row's cell range and the range of every occurrence
// of its permission names in those cells (on side-by-side pages a name is
// written in both halves).
func (p *pageParser) locateCells(row *PermissionRow, cells []ast.Node) {
	cellStart, cellEnd := -1, -1
	for _, c := range cells {
		start, end, ok := p.segmentRange(c)
		if !ok {
			continue
		}
		if cellStart < 0 {
			cellStart = start
		}
		cellEnd = end
		raw := p.src[start:end]
		for _, s := range row.Scopes {
			for from := 0; from < len(raw); {
				i := bytes.Index(raw[from:], []byte(s))
				if i < 0 {
					break
				}
				i += from
				j := i + len(s)
				from = j
				if i > 0 && isNameByte(raw[i-1]) && raw[i-1] != '.' || j < len(raw) && isNameByte(raw[j]) && !(raw[j] == '.' && (j+1 == len(raw) || !isNameByte(raw[j+1]))) {
					continue
				}
				row.Names = append(row.Names, Name{Text: s, Pos: p.lines.pos(start + i), End: p.lines.endPos(start+i, start+j)})
			}
		}
	}
	if cellStart >= 0 {
		row.CellPos, row.CellEnd = p.lines.pos(cellStart), p.lines.endPos(cellStart, cellEnd)
	}
}

// definedPermissions records, on a page that is neither an API nor a
// resource page (the permissions reference), the first cell of each table
// row that holds exactly one permission name and nothing else but
// emphasis or a parenthesis: the names the page defines.
func (p *pageParser) definedPermissions(t ast.Node) {
	_, rows := tableRows(t)
	for _, r := range rows {
		if len(r.cells) == 0 {
			continue
		}
		text := p.cellText(r.cells, 0, local)
		if i := strings.IndexAny(text, "(（"); i >= 0 {
			text = text[:i]
		}
		text = strings.TrimSpace(text)
		names := scopeNames(text)
		if len(names) != 1 || names[0] != text {
			continue
		}
		start, end, ok := p.segmentRange(r.cells[0])
		if !ok {
			continue
		}
		n := Name{Text: text, Pos: p.lines.pos(start), End: p.lines.endPos(start, end)}
		if i := bytes.Index(p.src[start:end], []byte(text)); i >= 0 {
			n.Pos, n.End = p.lines.pos(start+i), p.lines.endPos(start+i, start+i+len(text))
		}
		p.page.DefinedPermissions = append(p.page.DefinedPermissions, n)
	}
}

// inlineFacts collects the page's links to other pages and, on
// side-by-side pages, its translation pairs, in one walk of the document.
func (p *pageParser) inlineFacts(doc ast.Node) {
	p.inlineFactsBelow(doc, p.body())
}

// inlineFactsBelow is inlineFacts for the nodes below n, in document order
// (ast.Walk's, without a closure call per node).
func (p *pageParser) inlineFactsBelow(n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if p.inlineFact(c, src) {
			p.inlineFactsBelow(c, src)
		}
	}
}

// inlineFact records what n itself says and tells whether its children
// are to be read.
func (p *pageParser) inlineFact(n ast.Node, src []byte) bool {
	switch n := n.(type) {
	case *sxs.Half:
		if n.English {
			return false
		}
	case *sxs.Pair:
		p.pair(n)
	case *ast.Link:
		dest := string(n.Destination)
		if dest == "" || strings.Contains(dest, ":") || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "/") {
			return false
		}
		start := p.offsetOf(n)
		if start < 0 {
			return false
		}
		if start > 0 && p.src[start-1] == '[' {
			start--
		}
		end := start + 1
		if i := bytes.Index(p.src[start:], n.Destination); i >= 0 && bytes.IndexByte(p.src[start:start+i], '\n') < 0 {
			end = start + i + len(n.Destination)
			if end < len(p.src) && p.src[end] == ')' {
				end++
			}
		}
		p.page.Links = append(p.page.Links, Link{Dest: dest, Pos: p.lines.pos(start), End: p.lines.endPos(start, end)})
		return false
	case *ast.HTMLBlock:
		if lines := n.Lines(); lines.Len() > 0 {
			start, stop := lines.At(0).Start, lines.At(lines.Len()-1).Stop
			if n.HasClosure() {
				stop = max(stop, n.ClosureLine.Stop)
			}
			if bytes.Contains(src[start:stop], []byte("docs2go-")) {
				first := len(p.page.Directives)
				p.directives(src[start:stop], p.base+start)
				p.blockUntil(n, p.page.Directives[first:])
			}
		}
		return false
	case *ast.RawHTML:
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			if bytes.Contains(seg.Value(src), []byte("docs2go-")) {
				p.directives(seg.Value(src), p.base+seg.Start)
			}
		}
		return false
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		return false
	}
	return true
}

// emptyHalves tells a pair with a half that holds nothing.
func emptyHalves(n *sxs.Pair) bool {
	if n.Plain() {
		local, en := n.PlainText(false), n.PlainText(true)
		return local.Len() == 0 || en.Len() == 0
	}
	empty := func(h *sxs.Half) bool { return h == nil || h.FirstChild() == nil }
	return empty(n.Local()) || empty(n.English())
}

// identifierText tells whether the text of a pair (both halves; a code
// span anywhere counts) could hold an identifier.
func (p *pageParser) identifierText(n ast.Node) bool {
	if pair, ok := n.(*sxs.Pair); ok && pair.Plain() {
		local, en := pair.PlainText(false), pair.PlainText(true)
		return identifierBytes(local.Value(p.body())) || identifierBytes(en.Value(p.body()))
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.CodeSpan:
			return true
		case *ast.Text:
			if identifierBytes(c.Segment.Value(p.body())) {
				return true
			}
		}
		if c.HasChildren() && p.identifierText(c) {
			return true
		}
	}
	return false
}

// identifierBytes tells source text with a digit, a back quote or a dot
// followed by a letter. Most prose has none, and is read eight bytes at a
// time until a word that may hold one.
func identifierBytes(b []byte) bool {
	for i := 0; i < len(b); {
		if i+8 <= len(b) && !mayHoldMark(binary.LittleEndian.Uint64(b[i:])) {
			i += 8
			continue
		}
		for end := min(i+8, len(b)); i < end; i++ {
			c := b[i]
			if !identifierMark[c] {
				continue
			}
			if c != '.' {
				return true
			}
			if i+1 < len(b) && (b[i+1] >= 'A' && b[i+1] <= 'Z' || b[i+1] >= 'a' && b[i+1] <= 'z') {
				return true
			}
		}
	}
	return false
}

// mayHoldMark tells a word of eight bytes holding a byte identifierMark
// marks: '0' to '9', '`' or '.' (hasbetween of "Bit Twiddling Hacks" for
// the digits; exact, no false positive or negative).
func mayHoldMark(x uint64) bool {
	low := x & wordLows
	digit := (wordOnes*(127+'9'+1) - low) & ^x & (low + wordOnes*(127-('0'-1))) & wordHighs
	return digit|bytesEqual(x, '`')|bytesEqual(x, '.') != 0
}

// identifierMark marks the bytes identifierBytes looks at: one test a byte.
var identifierMark = func() (t [256]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	t['`'], t['.'] = true, true
	return t
}()

// plainHalf tells a half that is one text node: no code span in it.
func plainHalf(h ast.Node) bool {
	c := h.FirstChild()
	_, text := c.(*ast.Text)
	return c == nil || text && c.NextSibling() == nil
}

// pair records a translation pair that a check comparing the halves can
// need: one whose ids differ, whose half is empty, or whose text holds a
// digit, a code span or a dotted name. Prose with none of these (most
// sentences) cannot differ in an identifier, and is not copied.
func (p *pageParser) pair(n *sxs.Pair) {
	if n.STUID == n.ID && !emptyHalves(n) && !p.identifierText(n) {
		return
	}
	tp := TranslationPair{ID: n.ID, STUID: n.STUID, Pos: p.lines.pos(p.base + n.Start)}
	// A complete pair: sxs knows where its last tag ends.
	end := p.base + n.Stop
	if n.STUID == "" {
		end = p.pairTextEnd(n)
	}
	tp.End = p.lines.endPos(p.base+n.Start, end)
	p.pairTexts(n, &tp)
}

// pairTextEnd is where an incomplete pair ends: after its last text and
// the closing tags that follow it on the line.
func (p *pageParser) pairTextEnd(n *sxs.Pair) int {
	end := p.base + n.Start
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			end = max(end, p.base+t.Segment.Stop)
		}
		return ast.WalkContinue, nil
	})
	// The pair's tags close after its last text: </span><span
	// class="sxs-lookup"><span data-stu-id="…">…</span></span>.
	if i := bytes.Index(p.src[end:], []byte("</span></span>")); i >= 0 && bytes.IndexByte(p.src[end:end+i], '\n') < 0 {
		end += i + len("</span></span>")
	}
	return end
}

// pairTexts fills the halves of tp from n.
func (p *pageParser) pairTexts(n *sxs.Pair, tp *TranslationPair) {
	// The halves' texts are those Text.Pairs has when the walk took them:
	// shared, not computed and held twice.
	var halves pairHalves
	if n.N < len(p.halves) {
		halves = p.halves[n.N]
	}
	if n.Plain() {
		// Plain text: no code spans.
		tp.Local, tp.En = halves.local, halves.en
		if !halves.known {
			tp.Local, tp.En = p.plainHalfText(n, false), p.plainHalfText(n, true)
		}
	}
	if l := n.Local(); l != nil {
		tp.Local = halves.local
		if !halves.known {
			tp.Local = p.plainText(l, local)
		}
		if !plainHalf(l) {
			tp.Code = p.codeSpans(l, local)
		}
	}
	if e := n.English(); e != nil {
		tp.En = halves.en
		if !halves.known {
			tp.En = p.plainText(e, english)
		}
		if !plainHalf(e) {
			tp.EnCode = p.codeSpans(e, english)
		}
	}
	if n.STUID != "" && n.STUID != n.ID {
		key := []byte(`data-stu-id="` + n.STUID + `"`)
		if i := bytes.Index(p.src[p.base+n.Start:], key); i >= 0 {
			tp.STUPos = p.lines.pos(p.base + n.Start + i + len(`data-stu-id="`))
		}
	}
	p.page.Pairs = append(p.page.Pairs, *tp)
}

// DirectiveKind is what a suppression comment does.
type DirectiveKind string

const (
	DirectiveDisable         DirectiveKind = "disable"
	DirectiveDisableNextLine DirectiveKind = "disable-next-line"
	DirectiveEnable          DirectiveKind = "enable"
)

// Directive is a suppression comment: `<!-- docs2go-disable RULE[,RULE…]
// -- reason -->` (from here on, until docs2go-enable), or
// `docs2go-disable-next-line` (the line after the comment). Without rules
// it covers every rule.
type Directive struct {
	Kind   DirectiveKind `json:"kind"`
	Rules  []string      `json:"rules,omitempty"`
	Reason string        `json:"reason,omitempty"`
	Pos    Pos           `json:"pos"`
	End    Pos           `json:"end"`
	// Until is the last line a disable-next-line comment covers: the
	// line after it, or when the comment stands on its own, the whole
	// block after it (a code block or table has no room for a comment
	// inside).
	Until int `json:"until,omitempty"`
}

// Covers reports whether the directive applies to a rule ID.
func (d Directive) Covers(id string) bool {
	if len(d.Rules) == 0 {
		return true
	}
	for _, r := range d.Rules {
		if strings.EqualFold(r, id) {
			return true
		}
		if rule, ok := diag.Lookup(r); ok && rule.ID == id {
			return true
		}
	}
	return false
}

// directives reads the suppression comments in a raw HTML run.
func (p *pageParser) directives(raw []byte, offset int) {
	for {
		i := bytes.Index(raw, []byte("<!--"))
		if i < 0 {
			return
		}
		j := bytes.Index(raw[i:], []byte("-->"))
		if j < 0 {
			return
		}
		body := strings.TrimSpace(string(raw[i+4 : i+j]))
		start, end := offset+i, offset+i+j+3
		raw, offset = raw[i+j+3:], end
		rest, ok := strings.CutPrefix(body, "docs2go-")
		if !ok {
			continue
		}
		var d Directive
		switch word, after, _ := strings.Cut(rest, " "); word {
		case "disable":
			d.Kind, rest = DirectiveDisable, after
		case "disable-next-line":
			d.Kind, rest = DirectiveDisableNextLine, after
		case "enable":
			d.Kind, rest = DirectiveEnable, after
		default:
			continue
		}
		rest = strings.TrimSpace(rest)
		if rules, reason, _ := strings.Cut(rest, " "); rules != "" && rules != "--" && !strings.HasPrefix(rules, ":") {
			for _, r := range strings.Split(strings.TrimSuffix(rules, ":"), ",") {
				if r = strings.TrimSpace(r); r != "" {
					d.Rules = append(d.Rules, r)
				}
			}
			rest = reason
		}
		rest = strings.TrimSpace(rest)
		rest = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(rest, "--"), ":"))
		d.Reason = rest
		d.Pos, d.End = p.lines.pos(start), p.lines.endPos(start, end)
		p.page.Directives = append(p.page.Directives, d)
	}
}

// blockUntil sets how far the disable-next-line comments of an HTML block
// reach: to the line before the block that follows the next one.
func (p *pageParser) blockUntil(n ast.Node, dirs []Directive) {
	next := n.NextSibling()
	if next == nil {
		return
	}
	until := p.lines.pos(len(p.src)).Line
	for after := next.NextSibling(); after != nil; after = after.NextSibling() {
		if off := p.offsetOf(after); off > 0 {
			until = p.lines.pos(off).Line - 1
			break
		}
	}
	for i := range dirs {
		if dirs[i].Kind == DirectiveDisableNextLine {
			dirs[i].Until = until
		}
	}
}
