package parser

import (
	"bytes"
	"sort"
)

// lineTable turns byte offsets into line and column, computed once per file
// (as go/token's File does) so positions cost a binary search. Lines and
// columns are those of the file as read; offsets are those of the text the
// parser reads, which differs from the file where a BOM was dropped, CRLF
// folded or invalid UTF-8 replaced: shifts map one to the other.
type lineTable struct {
	starts []int   // file offsets at which each line starts
	shifts []shift // in increasing order of at
	// last is the line index pos found last: positions are asked for
	// mostly in page order, so the next one is often on it or after it.
	last int
}

// shift says that from parsed offset at on, the file offset is at+delta.
type shift struct{ at, delta int }

// newLineTable makes the line table of src in starts, a buffer an earlier
// page used (nil for none); hasCR tells that src holds a CR byte.
func newLineTable(src []byte, starts []int, hasCR bool) lineTable {
	starts = append(starts[:0], 0)
	if hasCR {
		// A lone CR (one not followed by LF) ends a line too, as it does
		// in editors.
		for i, c := range src {
			if c == '\n' || c == '\r' && (i+1 == len(src) || src[i+1] != '\n') {
				starts = append(starts, i+1)
			}
		}
		return lineTable{starts: starts}
	}
	for off := 0; ; {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return lineTable{starts: starts}
		}
		off += i + 1
		starts = append(starts, off)
	}
}

// loneCR is the offset of the first CR not followed by LF, or -1.
func loneCR(src []byte) int {
	for off := 0; ; {
		i := bytes.IndexByte(src[off:], '\r')
		if i < 0 {
			return -1
		}
		off += i
		if off+1 == len(src) || src[off+1] != '\n' {
			return off
		}
		off++
	}
}

// fileOffset maps an offset of the parsed text to the file.
// A byte of a replacement (U+FFFD for an invalid byte or a NUL: three
// bytes for one) maps to the byte it replaces, never past it.
func (t lineTable) fileOffset(offset int) int {
	if len(t.shifts) == 0 {
		return offset
	}
	i := sort.Search(len(t.shifts), func(i int) bool { return t.shifts[i].at > offset }) - 1
	f := offset
	if i >= 0 {
		f += t.shifts[i].delta
	}
	if i+1 < len(t.shifts) {
		f = min(f, t.shifts[i+1].at+t.shifts[i+1].delta-1)
	}
	return f
}

// parsedOffset maps a file offset to the parsed text (the inverse of
// fileOffset).
func (t lineTable) parsedOffset(offset int) int {
	i := sort.Search(len(t.shifts), func(i int) bool { return t.shifts[i].at+t.shifts[i].delta > offset }) - 1
	if i < 0 {
		return offset
	}
	return max(offset-t.shifts[i].delta, t.shifts[i].at)
}

// pos is the file position of an offset of the parsed text. Offset 0, where
// page-level diagnostics point, is always 1:1, even after a BOM.
func (t *lineTable) pos(offset int) Pos {
	if len(t.starts) == 0 || offset <= 0 {
		return Pos{Line: 1, Col: 1}
	}
	offset = t.fileOffset(offset)
	// sort.Search for the first line starting after offset, without a
	// closure call per step: positions are asked for all the time. The
	// search starts from the line found last when offset is at or after
	// it, and gallops forward from there (1, 2, 4… lines on) before it
	// bisects: the next position asked for is most often a few lines on.
	lo, hi := 0, len(t.starts)
	if l := t.last; l < len(t.starts) && t.starts[l] <= offset {
		lo = l + 1
		for step := 0; lo+step < hi; step = 2*step + 1 {
			if t.starts[lo+step] > offset {
				hi = lo + step
				break
			}
			lo += step + 1
		}
	}
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if t.starts[m] > offset {
			hi = m
		} else {
			lo = m + 1
		}
	}
	i := max(lo-1, 0)
	t.last = i
	return Pos{Line: i + 1, Col: offset - t.starts[i] + 1}
}

// endPos is the file position just after the range [start, end) of the
// parsed text: one past its last byte, so a CR folded away or a BOM at the
// end of the range never moves it.
func (t *lineTable) endPos(start, end int) Pos {
	if end <= start {
		return t.pos(start)
	}
	p := t.pos(end - 1)
	p.Col++
	return p
}

// lineStart is the offset where a 1-based line starts.
// The offset is in the parsed text, like every offset passed to pos.
func (t lineTable) lineStart(line int) int {
	if line < 1 || line > len(t.starts) {
		return 0
	}
	return t.parsedOffset(t.starts[line-1])
}

// end is the file position just after an item whose text ends at offset
// (exclusive): endPos of its last byte.
func (t *lineTable) end(offset int) Pos {
	return t.endPos(max(offset-1, 0), offset)
}
