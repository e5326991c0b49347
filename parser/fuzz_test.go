package parser_test

// Fuzz targets, as goldmark's fuzz/fuzz_test.go: seeded from the pages in
// docs-input/ and parser/testdata/, they check that Parse never panics,
// that every position it reports is inside the input, and that parsing the
// same bytes twice gives the same model. Crashers found are kept as seeds
// under testdata/fuzz/.
//
//	go test ./parser -run '^$' -fuzz FuzzParse -fuzztime 3m
//	go test ./parser -run '^$' -fuzz FuzzSpanPairs -fuzztime 3m

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docs2go/docs2go/parser"
	"github.com/docs2go/docs2go/parser/sxs"
	"github.com/google/go-cmp/cmp"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gparser "github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// seedPages returns the hand-written pages of the repository.
func seedPages(f *testing.F) [][]byte {
	var pages [][]byte
	for _, root := range []string{"../docs-input", "testdata"} {
		err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && d.Name() == "fuzz" {
				return filepath.SkipDir
			}
			if !d.IsDir() && strings.HasSuffix(path, ".md") {
				src, err := os.ReadFile(path)
				if err != nil {
					return err
				}
				pages = append(pages, src)
			}
			return nil
		})
		if err != nil {
			f.Fatal(err)
		}
	}
	if len(pages) == 0 {
		f.Fatal("no seed pages found")
	}
	return pages
}

func checkPage(t *testing.T, src []byte) {
	t.Helper()
	page := parser.Parse("fuzz.md", src)
	for _, e := range positionErrors(page, src) {
		t.Error(e)
	}
	again := parser.Parse("fuzz.md", bytes.Clone(src))
	if diff := cmp.Diff(page, again); diff != "" {
		t.Errorf("parsing twice gives different models (-first +second):\n%s", diff)
	}
}

func FuzzParse(f *testing.F) {
	for _, src := range seedPages(f) {
		f.Add(src)
	}
	f.Add([]byte("\uFEFF---\r\ntitle: x\r\n---\r\n# T\xff\r\n"))
	f.Add([]byte("---\ntitle: [\n---\n## HTTP request\n```http\nGET\n```\n"))
	f.Fuzz(checkPage)
}

// spanMarkdown is the sxs extension alone, as parser.Parse configures it.
var spanMarkdown = goldmark.New(goldmark.WithExtensions(extension.Table, sxs.Extension))

func FuzzSpanPairs(f *testing.F) {
	pair := func(id, local, en string) string {
		return `<span data-ttu-id="` + id + `">` + local + `</span><span class="sxs-lookup"><span data-stu-id="` + id + `">` + en + `</span></span>`
	}
	for _, s := range []string{
		pair("a-1", "Olá", "Hello"),
		pair("a-p101", "**Olá** `x` [l](u.md)", "**Hello** `x` [l](u.md)"),
		"[" + pair("a-1", "usuário", "user") + "](user.md)",
		"| " + pair("a-1", "Tipo", "Type") + " | x |\n|---|---|\n| " + pair("a-2", "Aplicativo", "Application") + " | y |\n",
		pair("a-1", "Veja "+pair("a-2", "isto", "this"), "See this"),
		`<span data-ttu-id="a-1">Olá</span><span class="sxs-lookup"><span data-stu-id="a-2">Hello</span></span>`,
		`<span data-ttu-id="a-1">Olá</span> resto`,
		`<span data-ttu-id="a-1">Olá`,
		"texto </span> solto",
		"<span\ndata-ttu-id=\"a-1\">Olá</span>",
		"# <a name=\"x\"></a>" + pair("a-1", "Título", "Title"),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		src := []byte(s)
		pc := gparser.NewContext()
		spanMarkdown.Parser().Parse(text.NewReader(src), gparser.WithContext(pc))
		for _, pr := range sxs.Problems(pc) {
			if pr.Offset < 0 || pr.Offset >= len(src) {
				t.Errorf("problem %q at offset %d, outside the %d-byte input", pr.Message, pr.Offset, len(src))
			}
		}
		if n := sxs.PairCount(pc); n < 0 || n > strings.Count(s, "data-ttu-id") {
			t.Errorf("PairCount = %d for %d data-ttu-id tags", n, strings.Count(s, "data-ttu-id"))
		}
		// The same text as a page: front matter, a heading and the spans.
		checkPage(t, []byte("---\nms.contentlocale: pt-BR\n---\n# "+s+"\n\n"+s+"\n"))
	})
}
