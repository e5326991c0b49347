package apidiff

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docs2go/docs2go/parser"
	"github.com/google/go-cmp/cmp"
)

// FuzzDiff: any two versions of a page compare without a panic; the
// findings are the same on a second run; a page compared with itself has
// none; and what is added one way is removed the other (paths, operations,
// permissions).
func FuzzDiff(f *testing.F) {
	var seeds [][]byte
	_ = filepath.WalkDir("../../docs-input", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") && strings.Contains(p, "/api/") {
			if src, err := os.ReadFile(p); err == nil {
				seeds = append(seeds, src)
			}
		}
		return nil
	})
	for i := range seeds {
		f.Add(seeds[i], seeds[(i+1)%len(seeds)])
		f.Add(seeds[i], []byte(strings.Replace(string(seeds[i]), "GET ", "POST ", 1)))
	}
	const file = "en-US/api-reference/v1.0/api/page.md"
	tree := func(name string, src []byte) *Tree {
		return TreeOf(name, ".", []*parser.Page{parser.Parse(file, src)})
	}
	count := func(fs []Finding, id string) int {
		n := 0
		for _, f := range fs {
			if f.Check.ID == id {
				n++
			}
		}
		return n
	}
	f.Fuzz(func(t *testing.T, a, b []byte) {
		ab := Compare(tree("old", a), tree("new", b))
		if again := Compare(tree("old", a), tree("new", b)); !cmp.Equal(briefs(ab), briefs(again)) {
			t.Fatalf("not deterministic:\n%s", cmp.Diff(briefs(ab), briefs(again)))
		}
		if same := Compare(tree("old", a), tree("new", a)); len(same) > 0 {
			t.Fatalf("a page compared with itself: %v", briefs(same))
		}
		ba := Compare(tree("old", b), tree("new", a))
		for _, kind := range []string{"path", "operation", "permission"} {
			if x, y := count(ab, kind+"-added"), count(ba, kind+"-removed"); x != y {
				t.Errorf("%s: %d added one way, %d removed the other", kind, x, y)
			}
			if x, y := count(ab, kind+"-removed"), count(ba, kind+"-added"); x != y {
				t.Errorf("%s: %d removed one way, %d added the other", kind, x, y)
			}
		}
	})
}
