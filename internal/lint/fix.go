package lint

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"

	"github.com/docs2go/docs2go/parser/diag"
)

// ApplyEdits applies edits to a file's bytes. Positions are 1-based lines
// and byte columns of src; an edit that overlaps one already applied, or
// points outside src, is skipped (it is reported again by the next run).
// It returns the new bytes and the number of edits applied.
func ApplyEdits(src []byte, edits []Edit) ([]byte, int) {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	offset := func(p diag.Pos) int {
		if p.Line < 1 || p.Line > len(starts) {
			return -1
		}
		o := starts[p.Line-1] + p.Col - 1
		if o < 0 || o > len(src) {
			return -1
		}
		return o
	}
	type span struct {
		start, end int
		text       string
	}
	var spans []span
	for _, e := range edits {
		s, t := offset(e.Start), offset(e.End)
		if s < 0 || t < s {
			continue
		}
		spans = append(spans, span{s, t, e.New})
	}
	slices.SortStableFunc(spans, func(a, b span) int { return a.start - b.start })
	var out bytes.Buffer
	last, n := 0, 0
	for _, sp := range spans {
		if sp.start < last {
			continue // overlaps an applied edit
		}
		if sp.start == last && n > 0 && sp.end == sp.start {
			continue // a second insertion at one place
		}
		out.Write(src[last:sp.start])
		out.WriteString(sp.text)
		last = sp.end
		n++
	}
	out.Write(src[last:])
	return out.Bytes(), n
}

// WriteFileAtomic replaces file with data through a temporary file in the
// same folder, so a reader never sees half a page; the mode is kept.
func WriteFileAtomic(file string, data []byte) error {
	mode := os.FileMode(0o644)
	if info, err := os.Stat(file); err == nil {
		mode = info.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".docs2go-fix-*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(name, mode)
	}
	if werr == nil {
		werr = os.Rename(name, file)
	}
	if werr != nil {
		os.Remove(name)
	}
	return werr
}
