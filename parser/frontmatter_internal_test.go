package parser

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSimpleFrontMatter checks the fast front matter reader against the
// YAML parser: wherever it accepts a header, the page gets the same front
// matter, kind and locale. It runs on hand-written headers and, when the
// corpus is unpacked, on every page's header.
func TestSimpleFrontMatter(t *testing.T) {
	cases := []string{
		"title: Get user\ndescription: Retrieve it.\nms.localizationpriority: high\n",
		"title: \"Ação: obter\"\nauthor: 'x y'\ndoc_type: apiPageType\n",
		"title: a # comment\n",
		"title: a: b\n",
		"title:\n  - x\n",
		"title: x\ntitle: y\n",
		"title: \"a\\\"b\"\n",
		"title: 'it''s'\n",
		"title: |\n  text\n",
		"title: \"\n",
		"title: '\n",
		"title: x:\n",
		"title: 12\nflag: true\nempty:\n",
		"- a\n- b\n",
		"key:value\n",
		"\ttitle: x\n",
		"title: x\n  more\n",
		"ms.contentlocale: pt-BR\ndoc_type: resourcePageType\n",
	}
	all, _ := filepath.Glob("../../shared/corpus/*/api-reference/*/*/*.md")
	var files []string
	for i := 0; i < len(all); i += 7 { // a sample keeps the test short
		files = append(files, all[i])
	}
	simple := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, string(src))
	}
	for i, c := range cases {
		body := []byte(c)
		if i < len(cases)-len(files) {
			body = []byte("---\n" + c + "---\n# T\n")
		}
		fast := &pageParser{page: &Page{}}
		fast.lines = newLineTable(body)
		fast.src = body
		fast.frontMatter()
		slow := &pageParser{page: &Page{}}
		slow.lines = newLineTable(body)
		slow.src = body
		if end := bodyEnd(body); end > 0 {
			slow.page.FrontMatter.Pos = Pos{Line: 1, Col: 1}
			slow.yamlFrontMatter(4, end)
		} else {
			slow.frontMatter()
		}
		count := &pageParser{page: &Page{}, src: body, lines: newLineTable(body)}
		if end := bodyEnd(body); end > 0 && count.simpleFrontMatter(4, end) {
			simple++
		}
		if diff := cmp.Diff(slow.page, fast.page); diff != "" {
			name := c
			if i >= len(cases)-len(files) {
				name = files[i-(len(cases)-len(files))]
			}
			t.Errorf("%.60q: fast reader differs from YAML (-yaml +fast):\n%s", name, diff)
		}
	}
	t.Logf("%d headers, %d read without the YAML parser", len(cases), simple)
}

// bodyEnd is the offset of the closing --- of a header that starts with
// "---\n", or -1.
func bodyEnd(src []byte) int {
	if len(src) < 4 || string(src[:4]) != "---\n" {
		return -1
	}
	for i := 4; i < len(src); {
		j := i
		for j < len(src) && src[j] != '\n' {
			j++
		}
		if string(src[i:j]) == "---" {
			return i
		}
		i = j + 1
	}
	return -1
}
