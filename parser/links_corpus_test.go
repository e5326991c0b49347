package parser_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docs2go/docs2go/parser"
	"github.com/google/go-cmp/cmp"
)

// TestPlainLinkSameASTCorpus is TestPlainLinkSameAST on every eighth page
// of each corpus folder: real links, in both page shapes.
func TestPlainLinkSameASTCorpus(t *testing.T) {
	for _, folder := range []string{"pt-BR", "es-ES", "pt-BR-plain", "en-US"} {
		pages := corpusPages(t, folder)
		links := 0
		for i := 0; i < len(pages); i += 8 {
			src, err := os.ReadFile(filepath.Join(corpusDir, folder, pages[i]))
			if err != nil {
				t.Fatal(err)
			}
			want, got := parser.FullTree(parser.WithoutPlainLink, src), parser.FullTree(parser.Markdown, src)
			if want != got {
				t.Errorf("%s/%s: trees differ (-goldmark +with plainLink):\n%s", folder, pages[i], cmp.Diff(want, got))
				continue
			}
			links += strings.Count(got, " Link@")
		}
		if links == 0 {
			t.Errorf("%s: no link in the pages compared", folder)
		}
	}
}
