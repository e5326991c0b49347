package parser_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docs2go/docs2go/parser"
	"github.com/google/go-cmp/cmp"
)

// TestShortcutsSameASTCorpus is TestShortcutsSameAST on every eighth page
// of each corpus folder: real links and tables, in both page shapes.
func TestShortcutsSameASTCorpus(t *testing.T) {
	for _, folder := range []string{"pt-BR", "es-ES", "pt-BR-plain", "en-US"} {
		pages := corpusPages(t, folder)
		links, tables := 0, 0
		for i := 0; i < len(pages); i += 8 {
			src, err := os.ReadFile(filepath.Join(corpusDir, folder, pages[i]))
			if err != nil {
				t.Fatal(err)
			}
			want, got := parser.FullTree(parser.WithoutShortcuts, src), parser.FullTree(parser.Markdown, src)
			if want != got {
				t.Errorf("%s/%s: trees differ (-goldmark +with shortcuts):\n%s", folder, pages[i], cmp.Diff(want, got))
				continue
			}
			links += strings.Count(got, " Link@")
			tables += strings.Count(got, " Table@")
		}
		if links == 0 || tables == 0 {
			t.Errorf("%s: %d links and %d tables in the pages compared; want some of each", folder, links, tables)
		}
	}
}
