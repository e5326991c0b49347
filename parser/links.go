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
// or angle brackets in the destination, a reference) returns nil here and
// goes to goldmark's parser, so the tree is the same either way.
type plainLink struct{}

func (plainLink) Trigger() []byte { return []byte{'['} }

func (plainLink) Parse(parent ast.Node, block text.Reader, pc gparser.Context) ast.Node {
	line, seg := block.PeekLine()
	label := plainLabel(line[1:])
	if label == 0 || 1+label+1 >= len(line) || line[1+label] != ']' || line[1+label+1] != '(' {
		return nil
	}
	destStart := 1 + label + 2
	dest := bareDestination(line[destStart:])
	if dest == 0 || destStart+dest >= len(line) || line[destStart+dest] != ')' {
		return nil
	}
	link := ast.NewLink()
	link.Destination = line[destStart : destStart+dest]
	link.AppendChild(link, ast.NewTextSegment(text.NewSegment(seg.Start+1, seg.Start+1+label)))
	link.SetPos(seg.Start)
	block.Advance(destStart + dest + 1)
	return link
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
