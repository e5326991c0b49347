package parser_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/docs2go/docs2go/parser"
	"github.com/google/go-cmp/cmp"
)

// TestParseReusesNothingOfThePage parses the pages of docs-input and a few
// damaged ones in one order, then in the reverse order, keeping every page
// of the first pass: Parse reuses its working buffers and span nodes from
// page to page, so a page that kept any of them, or a buffer not emptied,
// would change a page parsed before or after it.
func TestParseReusesNothingOfThePage(t *testing.T) {
	var files []string
	err := filepath.WalkDir("../docs-input", func(path string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(path, ".md") {
			files = append(files, path)
		}
		return err
	})
	if err != nil || len(files) < 10 {
		t.Fatalf("docs-input: %d pages, %v", len(files), err)
	}
	srcs := map[string][]byte{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs[f] = src
	}
	// Damaged copies of the first page: the line table's CR and shift paths.
	first := srcs[files[0]]
	srcs["crlf.md"] = []byte(strings.ReplaceAll(string(first), "\n", "\r\n"))
	srcs["cr.md"] = []byte(strings.ReplaceAll(string(first), "\n", "\r"))
	srcs["bom-nul.md"] = append([]byte("\uFEFF"), append(slices.Clone(first[:len(first)/2]), append([]byte{0, 0xff}, first[len(first)/2:]...)...)...)
	srcs["empty.md"] = nil
	files = append(files, "crlf.md", "cr.md", "bom-nul.md", "empty.md")

	pass := func(order []string) map[string]*parser.Page {
		pages := map[string]*parser.Page{}
		for _, f := range order {
			pages[f] = parser.Parse(f, srcs[f])
		}
		return pages
	}
	forward := pass(files)
	reversed := slices.Clone(files)
	slices.Reverse(reversed)
	backward := pass(reversed)
	for _, f := range files {
		if diff := cmp.Diff(forward[f], backward[f]); diff != "" {
			t.Errorf("%s: the page differs with the pages parsed around it (-forward +backward):\n%s", f, diff)
		}
	}
}
