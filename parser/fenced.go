package parser

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	gparser "github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// sizedFence is goldmark's fenced code block parser, which it calls for
// everything, but for one thing: when it opens a block it gives the
// block's list of lines room for the lines up to the closing fence, found
// with one search. goldmark appends the lines one by one, and the example
// bodies of reference pages run to hundreds of lines: their lists were
// reallocated and copied a dozen times each. The tree is the same.
type sizedFence struct{}

var fencedCode = gparser.NewFencedCodeBlockParser()

// maxSizedLines caps the room given: a fence never closed, or closed
// inside a container where the search does not see it, costs no more than
// a block of that many lines would.
const maxSizedLines = 1024

func (sizedFence) Trigger() []byte { return fencedCode.Trigger() }

func (sizedFence) Open(parent ast.Node, reader text.Reader, pc gparser.Context) (ast.Node, gparser.State) {
	node, state := fencedCode.Open(parent, reader, pc)
	if node == nil {
		return node, state
	}
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos+3 > len(line) || seg.Stop < 1 {
		return node, state
	}
	// The closing fence starts a line with the opening's first three bytes
	// (this search does not see one indented, or after a container's
	// marker: the room is then only a guess, capped).
	src := reader.Source()
	var closing [4]byte
	closing[0] = '\n'
	copy(closing[1:], line[pos:pos+3])
	body := src[seg.Stop-1:]
	if end := bytes.Index(body, closing[:]); end > 0 {
		if n := bytes.Count(body[1:end+1], []byte{'\n'}); n > 1 {
			lines := node.Lines()
			lines.AppendAll(make([]text.Segment, min(n, maxSizedLines)))
			lines.SetSliced(0, 0)
		}
	}
	return node, state
}

func (sizedFence) Continue(node ast.Node, reader text.Reader, pc gparser.Context) gparser.State {
	return fencedCode.Continue(node, reader, pc)
}

func (sizedFence) Close(node ast.Node, reader text.Reader, pc gparser.Context) {
	fencedCode.Close(node, reader, pc)
}

func (sizedFence) CanInterruptParagraph() bool { return fencedCode.CanInterruptParagraph() }
func (sizedFence) CanAcceptIndentedLine() bool { return fencedCode.CanAcceptIndentedLine() }
