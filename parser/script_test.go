package parser_test

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/docs2go/docs2go/parser"
	"github.com/google/go-cmp/cmp"
)

// latinToCyrillic rewrites prose letters in another script, as a stand-in
// for a locale the corpus does not have.
var latinToCyrillic = strings.NewReplacer(
	"a", "а", "b", "б", "c", "ц", "d", "д", "e", "е", "f", "ф", "g", "г", "h", "х", "i", "и",
	"j", "й", "k", "к", "l", "л", "m", "м", "n", "н", "o", "о", "p", "п", "q", "щ", "r", "р",
	"s", "с", "t", "т", "u", "у", "v", "в", "w", "ш", "x", "ж", "y", "ы", "z", "з",
	"A", "А", "B", "Б", "C", "Ц", "D", "Д", "E", "Е", "F", "Ф", "G", "Г", "H", "Х", "I", "И",
	"J", "Й", "K", "К", "L", "Л", "M", "М", "N", "Н", "O", "О", "P", "П", "Q", "Щ", "R", "Р",
	"S", "С", "T", "Т", "U", "У", "V", "В", "W", "Ш", "X", "Ж", "Y", "Ы", "Z", "З",
)

// otherScript turns a plain localized page into one written in Cyrillic,
// the way a translation into another script would change it: prose words
// change, while what translation leaves alone stays — front matter, code
// blocks, HTML tags, entities and comments, code spans, link targets, placeholders,
// and identifiers (camelCase, ALLCAPS, or joined to ., -, _, /, $, @, digits:
// User.Read.All, Content-Type, application/json, microsoft.graph).
func otherScript(src string) string {
	var out strings.Builder
	lines := strings.SplitAfter(src, "\n")
	inFront, inCode, inComment := false, false, false
	for i, line := range lines {
		trimmed := strings.TrimSpace(line)
		switch {
		case i == 0 && trimmed == "---":
			inFront = true
		case inFront:
			if trimmed == "---" {
				inFront = false
			}
		case strings.HasPrefix(trimmed, "```"):
			inCode = !inCode
		case inCode:
		case inComment || strings.HasPrefix(trimmed, "<!--"):
			inComment = !strings.Contains(trimmed, "-->")
		default:
			line = otherScriptLine(line)
		}
		out.WriteString(line)
	}
	return out.String()
}

func otherScriptLine(line string) string {
	var out strings.Builder
	rs := []rune(line)
	for i := 0; i < len(rs); {
		// Runs translation leaves as they are.
		for _, pair := range [][2]rune{{'<', '>'}, {'`', '`'}, {'{', '}'}, {'&', ';'}} {
			if rs[i] == pair[0] {
				if j := indexRune(rs, i+1, pair[1]); j > 0 {
					out.WriteString(string(rs[i : j+1]))
					i = j + 1
					goto next
				}
			}
		}
		if rs[i] == ']' && i+1 < len(rs) && rs[i+1] == '(' {
			if j := indexRune(rs, i+2, ')'); j > 0 {
				out.WriteString(string(rs[i : j+1]))
				i = j + 1
				goto next
			}
		}
		if unicode.IsLetter(rs[i]) {
			j := i
			for j < len(rs) && unicode.IsLetter(rs[j]) {
				j++
			}
			word := string(rs[i:j])
			joined := i > 0 && isIdentifierJoint(rs[i-1]) || j < len(rs) && isIdentifierJoint(rs[j]) ||
				// the tail of a scope name machine translation split
				// ("Group. Read. All") is an identifier too
				i > 1 && rs[i-1] == ' ' && rs[i-2] == '.' && unicode.IsUpper(rs[i])
			if joined || isIdentifierWord(word) {
				out.WriteString(word)
			} else {
				out.WriteString(latinToCyrillic.Replace(word))
			}
			i = j
			goto next
		}
		out.WriteRune(rs[i])
		i++
	next:
	}
	return out.String()
}

func indexRune(rs []rune, from int, r rune) int {
	for j := from; j < len(rs); j++ {
		if rs[j] == r {
			return j
		}
	}
	return -1
}

func isIdentifierJoint(r rune) bool {
	return strings.ContainsRune(".-_/$@\\=", r) || unicode.IsDigit(r)
}

// isIdentifierWord tells camelCase and ALLCAPS words, which translation
// keeps.
func isIdentifierWord(w string) bool {
	rs := []rune(w)
	upper := 0
	for k, r := range rs {
		if unicode.IsUpper(r) {
			upper++
			if k > 0 && upper < len(rs) {
				return true
			}
		}
	}
	return len(rs) > 1 && upper == len(rs)
}

// TestCorpusOtherScript checks that the parser reads plain localized pages
// by their structure, not by their words: every pt-BR plain page rewritten
// in Cyrillic (see otherScript) must give the same operations, permissions
// by kind, header names and success status as the page itself.
func TestCorpusOtherScript(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus test skipped in -short mode")
	}
	const folder = "pt-BR-plain"
	pages := corpusPages(t, folder)
	type result struct{ diff [4]string }
	results := make([]result, len(pages))
	work := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range work {
				file := filepath.Join(corpusDir, folder, pages[i])
				src, err := os.ReadFile(file)
				if err != nil {
					t.Error(err)
					continue
				}
				orig := fieldsOf(parser.Parse(file, src))
				other := fieldsOf(parser.Parse(file, []byte(otherScript(string(src)))))
				for k, pair := range [][2]any{
					{orig.operations, other.operations},
					{orig.permissions, other.permissions},
					{orig.headers, other.headers},
					{orig.status, other.status},
				} {
					results[i].diff[k] = cmp.Diff(pair[0], pair[1], cmp.AllowUnexported(agreementFields{}))
				}
			}
		})
	}
	for i := range pages {
		work <- i
	}
	close(work)
	wg.Wait()
	names := [4]string{"operations", "permissions", "header names", "success status"}
	for k := range 4 {
		same := 0
		var first string
		var all strings.Builder
		for i, r := range results {
			if r.diff[k] == "" {
				same++
				continue
			}
			if first == "" {
				first = pages[i] + ":\n" + r.diff[k]
			}
			all.WriteString(pages[i] + ":\n" + r.diff[k] + "\n")
		}
		if dump := os.Getenv("DOCS2GO_AGREEMENT_REPORT"); dump != "" {
			if err := os.WriteFile(dump+".script."+strings.ReplaceAll(names[k], " ", "-")+".txt", []byte(all.String()), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		pct := 100 * float64(same) / float64(len(pages))
		t.Logf("%s in Cyrillic: %s unchanged on %d of %d pages (%.2f%%)", folder, names[k], same, len(pages), pct)
		if pct < 99.5 {
			t.Errorf("%s in another script: %s unchanged on only %.2f%% of pages; first difference (-page +Cyrillic) %s", folder, names[k], pct, first)
		}
	}
}
