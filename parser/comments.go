package parser

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	gparser "github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// commentBlock opens the HTML blocks that are comments: the annotations
// and markers on every page. goldmark's HTML block parser finds a comment
// only after a regular expression for script, pre, style and textarea
// blocks and another for the comment itself; this parser runs just before
// it, recognises `<!--` (after at most three spaces, as CommonMark says)
// with a byte comparison, and hands the rest of the block to goldmark's
// parser, so the AST is the same.
type commentBlock struct{}

var htmlBlock = gparser.NewHTMLBlockParser()

func (commentBlock) Trigger() []byte { return []byte{'<'} }

func (commentBlock) Open(parent ast.Node, reader text.Reader, pc gparser.Context) (ast.Node, gparser.State) {
	line, segment := reader.PeekLine()
	indent := 0
	for indent < 3 && indent < len(line) && line[indent] == ' ' {
		indent++
	}
	if !bytes.HasPrefix(line[indent:], []byte("<!--")) {
		return nil, gparser.NoChildren
	}
	node := ast.NewHTMLBlock(ast.HTMLBlockType2)
	reader.AdvanceToEOL()
	node.Lines().Append(segment)
	return node, gparser.NoChildren
}

func (commentBlock) Continue(node ast.Node, reader text.Reader, pc gparser.Context) gparser.State {
	return htmlBlock.Continue(node, reader, pc)
}

func (commentBlock) Close(node ast.Node, reader text.Reader, pc gparser.Context) {
	htmlBlock.Close(node, reader, pc)
}

func (commentBlock) CanInterruptParagraph() bool { return htmlBlock.CanInterruptParagraph() }
func (commentBlock) CanAcceptIndentedLine() bool { return false }
