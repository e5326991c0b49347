package parser

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	gparser "github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// simpleTable builds the tables of reference pages, whose rows hold no
// backslash, before goldmark's table transformer sees them, and builds
// them as it does. goldmark reads every cell a byte at a time, looking for
// a pipe that a backslash escapes inside a code span, and matches four
// regular expressions against every cell of the delimiter row; without a
// backslash no pipe is escaped, so each cell ends at the next pipe, found
// with bytes.IndexByte. A table with a backslash in a row, or a row
// indented with a tab inside a container (a padded segment), is left
// alone, and goldmark's transformer, which runs next, reads it as always.
type simpleTable struct{}

func (simpleTable) Transform(node *ast.Paragraph, reader text.Reader, pc gparser.Context) {
	lines := node.Lines()
	if lines.Len() < 2 {
		return
	}
	source := reader.Source()
	for i := 1; i < lines.Len(); i++ {
		delim := lines.At(i)
		alignments := delimiterRow(delim.Value(source))
		if alignments == nil {
			continue
		}
		for j := i - 1; j < lines.Len(); j++ {
			if row := lines.At(j); bytes.IndexByte(source[row.Start:row.Stop], '\\') >= 0 || row.Padding > 0 {
				return
			}
		}
		header := simpleRow(lines.At(i-1), alignments, true, source)
		if len(alignments) != header.ChildCount() {
			return // goldmark's transformer returns here too
		}
		// What goldmark's transformer does with a table found at line i.
		table := east.NewTable()
		table.Alignments = alignments
		table.SetPos(node.Pos())
		table.AppendChild(table, east.NewTableHeader(header))
		for j := i + 1; j < lines.Len(); j++ {
			table.AppendChild(table, simpleRow(lines.At(j), alignments, false, source))
		}
		lines.SetSliced(0, i-1)
		node.Parent().InsertAfter(node.Parent(), node, table)
		if lines.Len() == 0 {
			node.Parent().RemoveChild(node.Parent(), node)
		} else {
			last := lines.At(i - 2)
			last.Stop--
			lines.Set(i-2, last)
		}
		return
	}
}

// delimiterRow reads a line as goldmark's table transformer reads a
// delimiter row: the alignments of its cells, or nil when it is not one.
func delimiterRow(line []byte) (alignments []east.Alignment) {
	if w, _ := util.IndentWidth(line, 0); w > 3 {
		return nil
	}
	allDashes := true
	for _, c := range line {
		switch c {
		case '-':
		case '|', ':', ' ', '\t', '\n', '\r': // util.IsSpace is the last four
			allDashes = false
		default:
			return nil
		}
	}
	if allDashes {
		return nil
	}
	cols := bytes.Split(line, []byte{'|'})
	if util.IsBlank(cols[0]) {
		cols = cols[1:]
	}
	if len(cols) > 0 && util.IsBlank(cols[len(cols)-1]) {
		cols = cols[:len(cols)-1]
	}
	for _, col := range cols {
		a, ok := delimiterCell(col)
		if !ok {
			return nil
		}
		alignments = append(alignments, a)
	}
	return alignments
}

// delimiterCell is goldmark's four expressions for a delimiter cell,
// `^\s*:?-+:?\s*$` read as left, right, center or none. Of the bytes \s
// matches, delimiterRow lets only these four through.
func delimiterCell(col []byte) (east.Alignment, bool) {
	col = bytes.Trim(col, " \t\n\r")
	left := len(col) > 0 && col[0] == ':'
	if left {
		col = col[1:]
	}
	right := len(col) > 0 && col[len(col)-1] == ':'
	if right {
		col = col[:len(col)-1]
	}
	if len(col) == 0 || len(bytes.Trim(col, "-")) != 0 {
		return east.AlignNone, false
	}
	switch {
	case left && right:
		return east.AlignCenter, true
	case left:
		return east.AlignLeft, true
	case right:
		return east.AlignRight, true
	}
	return east.AlignNone, true
}

// simpleRow is goldmark's parseRow for a row with no backslash.
func simpleRow(segment text.Segment, alignments []east.Alignment, isHeader bool, source []byte) *east.TableRow {
	npos := segment
	segment = segment.TrimLeftSpace(source)
	segment = segment.TrimRightSpace(source)
	line := segment.Value(source)
	pos, limit := 0, len(line)
	row := east.NewTableRow(alignments)
	row.SetPos(npos.Start)
	if len(line) > 0 && line[pos] == '|' {
		pos++
	}
	if len(line) > 0 && line[limit-1] == '|' {
		limit--
	}
	i := 0
	for ; pos < limit; i++ {
		alignment := east.AlignNone
		if i >= len(alignments) {
			if !isHeader {
				return row
			}
		} else {
			alignment = alignments[i]
		}
		cell := east.NewTableCell()
		cell.SetPos(npos.Start + pos - npos.Padding)
		cell.Alignment = alignment
		closure := limit
		if k := bytes.IndexByte(line[pos:limit], '|'); k >= 0 {
			closure = pos + k
		}
		seg := text.NewSegment(segment.Start+pos, segment.Start+closure)
		seg = seg.TrimLeftSpace(source)
		seg = seg.TrimRightSpace(source)
		cell.Lines().Append(seg)
		row.AppendChild(row, cell)
		pos = closure + 1
	}
	for ; i < len(alignments); i++ {
		row.AppendChild(row, east.NewTableCell())
	}
	return row
}
