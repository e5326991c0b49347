package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docs2go/docs2go/parser"
	"github.com/google/go-cmp/cmp"
)

// FuzzLint: any page lints without a panic, the same way twice, with every
// finding inside the file; and applying the fixes gives a page whose
// fixable findings are gone (fixing twice changes nothing more).
func FuzzLint(f *testing.F) {
	_ = filepath.WalkDir("../../docs-input", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			if src, err := os.ReadFile(p); err == nil {
				f.Add(src)
			}
		}
		return nil
	})
	const file = "en-US/api-reference/v1.0/api/page.md"
	lint := func(src []byte) []Finding {
		return New(Options{}, []string{file}).Page(parser.Parse(file, src))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		got := lint(src)
		if again := lint(src); !cmp.Equal(got, again, cmp.AllowUnexported(Finding{})) {
			t.Fatalf("not deterministic:\n%s", cmp.Diff(got, again, cmp.AllowUnexported(Finding{})))
		}
		lines := strings.Count(string(src), "\n") + strings.Count(string(src), "\r") + 1
		var edits []Edit
		for _, fd := range got {
			if fd.Pos.Line < 1 || fd.Pos.Line > lines || fd.End.Line < fd.Pos.Line {
				t.Errorf("finding %s at %d:%d-%d:%d is outside the file (%d lines)", fd.Code, fd.Pos.Line, fd.Pos.Col, fd.End.Line, fd.End.Col, lines)
			}
			edits = append(edits, fd.Edits...)
		}
		if len(edits) == 0 {
			return
		}
		fixed, _, err := ApplyEdits(src, edits)
		if err != nil {
			t.Fatalf("the edits do not fit the page they were made for: %v", err)
		}
		var again []Edit
		for _, fd := range lint(fixed) {
			again = append(again, fd.Edits...)
		}
		if refixed, _, err := ApplyEdits(fixed, again); err != nil || string(refixed) != string(fixed) {
			t.Errorf("fixing a fixed page changes it again (%v):\n%s", err, cmp.Diff(string(fixed), string(refixed)))
		}
	})
}
