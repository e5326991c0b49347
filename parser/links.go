package parser

import (
	"github.com/yuin/goldmark/ast"
	gparser "github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// plainLink reads the links reference pages are full of, `[label](dest)`
// written on one line with a label of plain text and a bare destination,
// in one step. goldmark's link parser takes three: at '[' it records a
// label opener and a delimiter bottom, goldmark then reads the label a
// byte at a time, and at ']' it looks the opener up again, reads the
// destination and moves the label's nodes into the link. Any other link
// (markup or brackets in the label, a title, spaces, parentheses, escapes
// or angle brackets in the destination, a reference, a link after labels
// left open far before it in its block) returns nil here and goes to
// goldmark's parser, so the tree is the same either way.
type plainLink struct{}

func (plainLink) Trigger() []byte { return []byte{'[', '!'} }

// openLabels is where, in the block being read, the first '[' or "![" that
// went to goldmark's link parser is: goldmark refuses a link while the
// labels still open before it span more than 998 bytes (its reading of
// CommonMark's limit on a label's length), so plainLink leaves a link to it
// when that could be so.
type openLabels struct {
	block ast.Node
	first int
}

var openLabelsKey = gparser.NewContextKey()

// maxOpenSpan keeps plainLink well inside goldmark's 998 bytes.
const maxOpenSpan = 900

func (plainLink) Parse(parent ast.Node, block text.Reader, pc gparser.Context) ast.Node {
	line, seg := block.PeekLine()
	if line[0] == '!' {
		if len(line) > 1 && line[1] == '[' {
			goldmarkLabel(parent, seg.Start, pc)
		}
		return nil
	}
	label, dest, ok := plainLinkShape(line)
	if open, _ := pc.Get(openLabelsKey).(*openLabels); ok && open != nil && open.block == parent && seg.Start-open.first >= maxOpenSpan {
		ok = false
	}
	if !ok {
		goldmarkLabel(parent, seg.Start, pc)
		return nil
	}
	destStart := 1 + label + 2
	link := ast.NewLink()
	link.Destination = line[destStart : destStart+dest]
	link.AppendChild(link, ast.NewTextSegment(text.NewSegment(seg.Start+1, seg.Start+1+label)))
	link.SetPos(seg.Start)
	block.Advance(destStart + dest + 1)
	return link
}

// plainLinkShape reads `[label](dest)` at the start of line: the lengths
// of a plain label and a bare destination, ok when the link is of that
// shape.
func plainLinkShape(line []byte) (label, dest int, ok bool) {
	label = plainLabel(line[1:])
	if label == 0 || 1+label+1 >= len(line) || line[1+label] != ']' || line[1+label+1] != '(' {
		return 0, 0, false
	}
	destStart := 1 + label + 2
	dest = bareDestination(line[destStart:])
	if dest == 0 || destStart+dest >= len(line) || line[destStart+dest] != ')' {
		return 0, 0, false
	}
	return label, dest, true
}

// maxPlainLabel keeps plainLink well inside CommonMark's 999-byte limit on
// link labels, which goldmark's parser enforces.
const maxPlainLabel = 500

// plainLabel is the length of the label at the start of b when it is plain
// text up to a ']': no byte that starts inline markup for the parser
// (markdown's inline triggers: '<', '`', '[', '!', ']', '*', '_'), no
// escape, no line end. It is 0 for anything else.
func plainLabel(b []byte) int {
	for i, c := range b[:min(len(b), maxPlainLabel)] {
		if labelStop[c] {
			if c == ']' {
				return i
			}
			return 0
		}
	}
	return 0
}

var labelStop = [256]bool{'<': true, '`': true, '[': true, ']': true, '!': true, '*': true, '_': true, '\\': true, '\n': true, '\r': true}

// bareDestination is the length of a link destination at the start of b
// that goldmark's parser reads up to the next ')' with no other rule
// applying: no space or control byte, no parenthesis, escape or angle
// bracket. It is 0 for anything else.
func bareDestination(b []byte) int {
	for i, c := range b {
		if c == ')' {
			return i
		}
		if c <= ' ' || c == '(' || c == '\\' || c == '<' || c == '>' || c == 0x7f {
			return 0
		}
	}
	return 0
}

// goldmarkLabel records that goldmark's link parser opens a label at
// offset in block.
func goldmarkLabel(block ast.Node, offset int, pc gparser.Context) {
	open, _ := pc.Get(openLabelsKey).(*openLabels)
	switch {
	case open == nil:
		pc.Set(openLabelsKey, &openLabels{block: block, first: offset})
	case open.block != block:
		open.block, open.first = block, offset
	}
}
