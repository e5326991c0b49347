package parser

import (
	"cmp"
	"slices"
	"sort"
)

// lineTable turns byte offsets into line and column, computed once per file
// (as go/token's File does) so positions cost a binary search.
type lineTable []int // offsets at which each line starts

func newLineTable(src []byte) lineTable {
	lines := make(lineTable, 1, len(src)/40+1)
	for i, b := range src {
		if b == '\n' {
			lines = append(lines, i+1)
		}
	}
	return lines
}

func (t lineTable) pos(offset int) Pos {
	if len(t) == 0 || offset < 0 {
		return Pos{Line: 1, Col: 1}
	}
	i := sort.Search(len(t), func(i int) bool { return t[i] > offset }) - 1
	i = max(i, 0)
	return Pos{Line: i + 1, Col: offset - t[i] + 1}
}

// sortDiagnostics orders diagnostics by position, as go/scanner's ErrorList
// does, keeping the order of equal positions stable, and drops exact repeats.
func sortDiagnostics(ds []Diagnostic) []Diagnostic {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col))
	})
	return slices.Compact(ds)
}

// lineStart is the offset where a 1-based line starts.
func (t lineTable) lineStart(line int) int {
	if line < 1 || line > len(t) {
		return 0
	}
	return t[line-1]
}
