package parser_test

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
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

// script is a rewrite of prose into another writing system.
type script struct {
	name    string
	letters func(word string) string
	// cjk rewrites prose punctuation the way Chinese and Japanese pages
	// write it: 、 between listed names and ， elsewhere for commas, 。
	// for full stops, ：, ；, and （…）, with no space around them.
	cjk bool
}

var (
	cyrillic = script{name: "Cyrillic", letters: latinToCyrillic.Replace}
	hanCJK   = script{name: "Han with CJK punctuation", letters: toHan, cjk: true}
)

// hanLetters stand in for the letters of a word rewritten in Han.
var hanLetters = []rune("阿贝西德俄弗格赫伊杰克勒姆恩欧佩丘尔斯特乌维瓦克希泽")

func toHan(word string) string {
	var b strings.Builder
	for _, r := range word {
		b.WriteRune(hanLetters[int(unicode.ToLower(r))%len(hanLetters)])
	}
	return b.String()
}

// otherScript turns a localized page into one written in another script,
// the way a translation into it would change the page: prose words change
// (and, for CJK, prose punctuation), while what translation leaves alone
// stays — front matter, code blocks, HTML tags, entities and comments,
// code spans, link targets, placeholders, the English halves of
// side-by-side pairs, and identifiers (camelCase, ALLCAPS, or joined to .,
// -, _, /, $, @, digits: User.Read.All, Content-Type, application/json,
// microsoft.graph).
func otherScript(src string, sc script) string {
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
			line = otherScriptLine(line, sc)
		}
		out.WriteString(line)
	}
	return out.String()
}

func otherScriptLine(line string, sc script) string {
	var out strings.Builder
	rs := []rune(line)
	lastKept := false // the last word was kept as written (an identifier)
	for i := 0; i < len(rs); {
		// The English half of a side-by-side pair stays as it is.
		if hasPrefixAt(rs, i, sxsLookup) {
			if j := indexString(rs, i, "</span></span>"); j > 0 {
				out.WriteString(string(rs[i:j]))
				i = j
				goto next
			}
		}
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
			lastKept = joined || isIdentifierWord(word)
			if lastKept {
				out.WriteString(word)
			} else {
				out.WriteString(sc.letters(word))
			}
			i = j
			goto next
		}
		if sc.cjk {
			if p, ok := cjkPunctuation(rs, i, lastKept); ok {
				if p == '（' {
					trimTrailingSpace(&out)
				}
				out.WriteRune(p)
				i++
				if p != '（' {
					for i < len(rs) && rs[i] == ' ' {
						i++
					}
				}
				goto next
			}
		}
		out.WriteRune(rs[i])
		i++
	next:
	}
	return out.String()
}

const sxsLookup = `<span class="sxs-lookup">`

// cjkPunctuation is the CJK mark for the prose punctuation at rs[i], if
// it has one. Commas between listed names become 、, other commas ，. A
// full stop stays when it is not one: in a number or list marker ("1."),
// or inside a name machine translation split ("Group. Read. All").
func cjkPunctuation(rs []rune, i int, lastKept bool) (rune, bool) {
	at := func(k int) rune {
		if k < 0 || k >= len(rs) {
			return 0
		}
		return rs[k]
	}
	switch rs[i] {
	case ',':
		if lastKept && at(i-1) != ' ' {
			return '、', true
		}
		return '，', true
	case ';':
		return '；', true
	case ':':
		if at(i+1) == ' ' || at(i+1) == 0 || at(i+1) == '\n' {
			return '：', true
		}
	case '(':
		return '（', true
	case ')':
		return '）', true
	case '.':
		next := at(i + 1)
		if unicode.IsDigit(at(i-1)) || !(next == 0 || next == ' ' || next == '\n' || next == '|' || next == '<' || next == '*') {
			return 0, false
		}
		if lastKept && next == ' ' && at(i+2) >= 'A' && at(i+2) <= 'Z' {
			return 0, false
		}
		return '。', true
	}
	return 0, false
}

func trimTrailingSpace(b *strings.Builder) {
	s := b.String()
	if t := strings.TrimRight(s, " "); len(t) != len(s) {
		b.Reset()
		b.WriteString(t)
	}
}

func hasPrefixAt(rs []rune, i int, prefix string) bool {
	return strings.HasPrefix(string(rs[i:min(len(rs), i+len(prefix))]), prefix)
}

func indexString(rs []rune, from int, s string) int {
	if k := strings.Index(string(rs[from:]), s); k >= 0 {
		return from + len([]rune(string(rs[from:])[:k]))
	}
	return -1
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

// TestCorpusOtherScript checks that the parser reads localized pages by
// their structure, not by their words or their script's punctuation: every
// pt-BR plain page rewritten in Cyrillic, and every pt-BR plain and
// side-by-side page rewritten in Han with CJK punctuation (see
// otherScript), must give the same operations, permissions by kind,
// header names and success status as the page itself on at least 99.5% of
// pages. On pages whose permission table survived translation (the same
// scope names as the English source's table, see survivingTable), the
// rewritten page's permissions by kind must equal the English source's on
// at least 99.9%.
func TestCorpusOtherScript(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus test skipped in -short mode")
	}
	for _, c := range []struct {
		folder string
		sc     script
	}{
		{"pt-BR-plain", cyrillic},
		{"pt-BR-plain", hanCJK},
		{"pt-BR", hanCJK},
	} {
		t.Run(c.folder+"/"+c.sc.name, func(t *testing.T) { otherScriptAgreement(t, c.folder, c.sc) })
	}
}

func otherScriptAgreement(t *testing.T, folder string, sc script) {
	pages := corpusPages(t, folder)
	source := filepath.Join(corpusDir, "en-US-source-of-"+folder)
	type result struct {
		diff [4]string
		// survived: the permission table kept the English source's scope
		// names; enDiff compares the rewritten page with the source then.
		survived bool
		enDiff   string
	}
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
				other := fieldsOf(parser.Parse(file, []byte(otherScript(string(src), sc))))
				for k, pair := range [][2]any{
					{orig.operations, other.operations},
					{orig.permissions, other.permissions},
					{orig.headers, other.headers},
					{orig.status, other.status},
				} {
					results[i].diff[k] = cmp.Diff(pair[0], pair[1], cmp.AllowUnexported(agreementFields{}))
				}
				enFile := filepath.Join(source, pages[i])
				enSrc, err := os.ReadFile(enFile)
				if err != nil || !survivingTable(string(src), string(enSrc)) {
					continue
				}
				results[i].survived = true
				en := fieldsOf(parser.Parse(enFile, enSrc))
				results[i].enDiff = cmp.Diff(en.permissions, other.permissions)
			}
		})
	}
	for i := range pages {
		work <- i
	}
	close(work)
	wg.Wait()
	report := func(what string, ok func(result) (counts bool, diff string), min float64) {
		n, same := 0, 0
		var first string
		var all strings.Builder
		for i, r := range results {
			counts, d := ok(r)
			if !counts {
				continue
			}
			n++
			if d == "" {
				same++
				continue
			}
			if first == "" {
				first = pages[i] + ":\n" + d
			}
			fmt.Fprintf(&all, "%s:\n%s\n", pages[i], d)
		}
		if dump := os.Getenv("DOCS2GO_AGREEMENT_REPORT"); dump != "" {
			name := fmt.Sprintf("%s.script.%s.%s.%s.txt", dump, folder, strings.Fields(sc.name)[0], strings.ReplaceAll(what, " ", "-"))
			if err := os.WriteFile(name, []byte(all.String()), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if n == 0 {
			t.Fatalf("%s: no page counts", what)
		}
		pct := 100 * float64(same) / float64(n)
		t.Logf("%s in %s: %s on %d of %d pages (%.2f%%)", folder, sc.name, what, same, n, pct)
		fmt.Printf("script %-12s %-26s %-46s %6.2f%% (%d/%d)\n", folder, sc.name, what, pct, same, n)
		if pct < min {
			t.Errorf("%s in %s: %s on only %.2f%% of pages, want %.1f%%; first difference %s", folder, sc.name, what, pct, min, first)
		}
	}
	names := [4]string{"operations", "permissions", "header names", "success status"}
	for k := range 4 {
		report(names[k]+" unchanged", func(r result) (bool, string) { return true, r.diff[k] }, 99.5)
	}
	report("permissions equal English (table survived)", func(r result) (bool, string) { return r.survived, r.enDiff }, 99.9)
}

// scopeShape is a dotted permission name as written in markdown.
var scopeShape = regexp.MustCompile(`[A-Za-z][A-Za-z0-9_-]*(?:\.[A-Za-z][A-Za-z0-9_-]*)+`)

// survivingTable tells whether a localized page's permission table kept
// the scope names of its English source's: the table rows of the two
// Permissions sections name the same set of dotted names. It reads the
// markdown lines, not the parser's model, so that it judges the
// translation and not the parser. Pages where translation broke names
// ("Schedule。 All", "任务.读取") or which are out of date against their
// source do not count: they are what lint reports.
func survivingTable(local, english string) bool {
	l, e := permissionTableNames(local), permissionTableNames(english)
	return len(e) > 0 && maps.Equal(l, e)
}

func permissionTableNames(src string) map[string]bool {
	names := map[string]bool{}
	in := false
	for line := range strings.Lines(src) {
		if strings.HasPrefix(line, "## ") {
			lower := strings.ToLower(line)
			// The anchor or English heading: Permissions, or Prerequisites
			// on Intune pages.
			in = strings.Contains(lower, "permission") || strings.Contains(lower, "prerequisite")
			continue
		}
		if in && strings.HasPrefix(strings.TrimSpace(line), "|") {
			for _, n := range scopeShape.FindAllString(line, -1) {
				if !strings.Contains(n, "graph") && !strings.HasSuffix(n, ".md") {
					names[n] = true
				}
			}
		}
	}
	return names
}
