package parser_test

// Bad input: each kind gives a diagnostic with its code and the file's
// line:col, never a panic, and whatever can be read is still read.

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/docs2go/docs2go/parser"
	"github.com/google/go-cmp/cmp"
)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// parseSafely parses src and turns a panic into an error naming the file.
func parseSafely(file string, src []byte) (page *parser.Page, err error) {
	defer func() {
		if r := recover(); r != nil {
			buf := make([]byte, 8<<10)
			buf = buf[:runtime.Stack(buf, false)]
			err = fmt.Errorf("%s: panic: %v\n%s", file, r, buf)
		}
	}()
	return parser.Parse(file, src), nil
}

// lineLengths are the byte lengths of the lines of src, without "\n"; a
// CR not followed by LF ends a line too, as in editors.
func lineLengths(src []byte) []int {
	var n []int
	start := 0
	for i, c := range src {
		if c == '\n' || c == '\r' && (i+1 == len(src) || src[i+1] != '\n') {
			n = append(n, i-start)
			start = i + 1
		}
	}
	return append(n, len(src)-start)
}

// positionErrors lists every Pos of the model (found by reflection, so new
// fields are covered) that is not inside src: line within the file, column
// at most one past the end of its line; and every range (Pos and End) that
// ends before it starts (a point has End == Pos). The zero Pos means "unknown".
func positionErrors(page *parser.Page, src []byte) []string {
	lines := lineLengths(src)
	var errs []string
	posType := reflect.TypeFor[parser.Pos]()
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		switch v.Kind() {
		case reflect.Pointer, reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem(), path)
			}
		case reflect.Struct:
			if v.Type() == posType {
				p := v.Interface().(parser.Pos)
				if p == (parser.Pos{}) {
					return
				}
				if p.Line < 1 || p.Line > len(lines) || p.Col < 1 || p.Col > lines[p.Line-1]+1 {
					errs = append(errs, fmt.Sprintf("%s = %d:%d is outside the file (%d lines)", path, p.Line, p.Col, len(lines)))
				}
				return
			}
			for i := range v.NumField() {
				walk(v.Field(i), path+"."+v.Type().Field(i).Name)
			}
			// An item with a range does not end before it starts.
			start, end := v.FieldByName("Pos"), v.FieldByName("End")
			if start.IsValid() && end.IsValid() && start.Type() == posType && end.Type() == posType {
				s, e := start.Interface().(parser.Pos), end.Interface().(parser.Pos)
				if s != (parser.Pos{}) && e != (parser.Pos{}) && e.Before(s) {
					errs = append(errs, fmt.Sprintf("%s ends at %d:%d, before its start %d:%d", path, e.Line, e.Col, s.Line, s.Col))
				}
			}
		case reflect.Slice, reflect.Array:
			for i := range v.Len() {
				walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i))
			}
		}
	}
	walk(reflect.ValueOf(page), "Page")
	return errs
}

// wantDiag is an expected diagnostic: code, position and a message regexp.
type wantDiag struct {
	code      string
	line, col int
	msg       string
}

func (w wantDiag) String() string { return fmt.Sprintf("%d:%d %s %q", w.line, w.col, w.code, w.msg) }

func hasDiag(page *parser.Page, w wantDiag) bool {
	return slices.ContainsFunc(page.Diagnostics, func(d parser.Diagnostic) bool { return matchesDiag(d, w) })
}

func matchesDiag(d parser.Diagnostic, w wantDiag) bool {
	return d.Code == w.code && d.Pos.Line == w.line && d.Pos.Col == w.col && regexp.MustCompile(w.msg).MatchString(d.Message)
}

func describeDiags(page *parser.Page) string {
	var b strings.Builder
	for _, d := range page.Diagnostics {
		fmt.Fprintf(&b, "\n\t%d:%d %s %s", d.Pos.Line, d.Pos.Col, d.Code, d.Message)
	}
	return b.String()
}

// operations summarises what a page yielded, to check the rest was read.
func operations(p *parser.Page) []string {
	var out []string
	for _, op := range p.Operations {
		out = append(out, fmt.Sprintf("%d:%d %s %s", op.Pos.Line, op.Pos.Col, op.Method, op.Path))
	}
	return out
}

func TestBadInput(t *testing.T) {
	sxsPage := readTestdata(t, "sxs-page.md")
	plainPage := readTestdata(t, "plain-page.md")
	sxsOps := []string{"27:1 GET /widgets/{id}", "28:1 GET /me/widgets/{id | name}"}

	// An invalid byte pair before a stray </span> on line 13, so the
	// column of the span diagnostic shows whether offsets after the
	// invalid bytes still match the file.
	invalid := bytes.Replace(sxsPage, []byte("## <a name=\"permissions\">"), []byte("Texto \xff\xfe </span>\n\n## <a name=\"permissions\">"), 1)
	invalidOps := []string{"29:1 GET /widgets/{id}", "30:1 GET /me/widgets/{id | name}"}

	tests := []struct {
		name string
		src  []byte
		want []wantDiag
		// ops are the operations still read, with their positions.
		ops []string
	}{
		{"empty file", nil, []wantDiag{{parser.CodeEmpty.ID, 1, 1, "empty"}}, nil},
		{"only white space", []byte("  \n\n\t\n"), []wantDiag{{parser.CodeEmpty.ID, 1, 1, "empty"}}, nil},
		{"binary file", append([]byte("PK\x03\x04\n"), bytes.Repeat([]byte{0, 1, 2, 0xff}, 100)...), []wantDiag{{parser.CodeBinary.ID, 2, 1, "binary"}}, nil},
		{"BOM", append([]byte("\uFEFF"), sxsPage...), []wantDiag{{parser.CodeBOM.ID, 1, 1, "byte order mark"}}, sxsOps},
		{"CRLF line ends", bytes.ReplaceAll(sxsPage, []byte("\n"), []byte("\r\n")), []wantDiag{{parser.CodeCRLF.ID, 1, 4, "CRLF"}}, sxsOps},
		{
			"invalid UTF-8", invalid,
			[]wantDiag{
				{parser.CodeInvalidUTF8.ID, 15, 7, "invalid UTF-8"},
				{parser.CodeSpanPair.ID, 15, 10, `unexpected "</span>"`},
			},
			invalidOps,
		},
		{
			"invalid UTF-8, BOM and CRLF together",
			append([]byte("\uFEFF"), bytes.ReplaceAll(invalid, []byte("\n"), []byte("\r\n"))...),
			[]wantDiag{
				{parser.CodeBOM.ID, 1, 1, "byte order mark"},
				{parser.CodeCRLF.ID, 1, 7, "CRLF"},
				{parser.CodeInvalidUTF8.ID, 15, 7, "invalid UTF-8"},
				{parser.CodeSpanPair.ID, 15, 10, `unexpected "</span>"`},
			},
			invalidOps,
		},
		{
			"broken span nesting", readTestdata(t, "malformed/broken-spans.md"),
			[]wantDiag{
				{parser.CodeSpanPair.ID, 8, 1, `data-ttu-id="b-102" has no English half`},
				{parser.CodeSpanPair.ID, 10, 74, `data-stu-id="b-999" does not match data-ttu-id="b-103"`},
				{parser.CodeSpanPair.ID, 12, 1, `data-ttu-id="b-104" is never closed`},
				{parser.CodeSpanPair.ID, 14, 11, `unexpected "</span>"`},
				{parser.CodeSpanPair.ID, 14, 27, `unexpected "<span class=\\"sxs-lookup\\">"`},
				{parser.CodeSpanPair.ID, 14, 52, `unexpected "<span data-stu-id=\\"b-105\\">"`},
				{parser.CodeSpanPair.ID, 14, 90, `unexpected "</span>"`},
				{parser.CodeSpanPair.ID, 14, 97, `unexpected "</span>"`},
				{parser.CodeNoStatus.ID, 1, 1, "no success status"},
			},
			[]string{"19:1 GET /widgets/{id}"},
		},
		{
			"unterminated front matter", readTestdata(t, "malformed/unterminated-front-matter.md"),
			[]wantDiag{{parser.CodeFrontMatter.ID, 1, 1, "not closed"}, {parser.CodeNoStatus.ID, 1, 1, "no success status"}},
			[]string{"10:1 GET /widgets/{id}"},
		},
		{
			"invalid YAML front matter", readTestdata(t, "malformed/bad-yaml.md"),
			[]wantDiag{{parser.CodeFrontMatter.ID, 3, 1, "not valid YAML"}, {parser.CodeNoStatus.ID, 1, 1, "no success status"}},
			[]string{"12:1 GET /widgets/{id}"},
		},
		{
			"YAML that is not a mapping", []byte("---\n- a\n- b\n---\n# Title\n"),
			[]wantDiag{{parser.CodeFrontMatter.ID, 2, 1, "not a mapping"}},
			nil,
		},
		{
			"invalid annotation JSON", readTestdata(t, "malformed/bad-annotation.md"),
			[]wantDiag{{parser.CodeBadAnnotation.ID, 11, 1, "not valid JSON"}, {parser.CodeNoStatus.ID, 1, 1, "no success status"}},
			[]string{"6:1 GET /widgets/{id}"},
		},
		{
			"HTTP request lines that are not paths", readTestdata(t, "malformed/bad-request-lines.md"),
			[]wantDiag{
				{parser.CodeBadRequestLine.ID, 7, 1, `"See the widget documentation" does not start with an HTTP method`},
				{parser.CodeBadRequestLine.ID, 8, 3, `"FETCH /widgets" does not start with an HTTP method`},
				{parser.CodeBadRequestLine.ID, 9, 1, `"GET" has no path`},
				{parser.CodeBadRequestLine.ID, 10, 1, `"POST the widget id" has no usable path`},
				{parser.CodeNoStatus.ID, 1, 1, "no success status"},
			},
			[]string{"6:1 GET /widgets/{id}"},
		},
		{"plain page, clean", plainPage, nil, []string{"24:1 DELETE /widgets/{id}"}},
		{"side-by-side page, clean", sxsPage, nil, sxsOps},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := parseSafely(tt.name+".md", tt.src)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !hasDiag(page, w) {
					t.Errorf("no diagnostic %s; got:%s", w, describeDiags(page))
				}
			}
			// Every diagnostic must be one the case expects: a rule that
			// fires where it should not fails the test as well.
			for _, d := range page.Diagnostics {
				if !slices.ContainsFunc(tt.want, func(w wantDiag) bool { return matchesDiag(d, w) }) {
					t.Errorf("unexpected diagnostic %d:%d %s %s", d.Pos.Line, d.Pos.Col, d.Code, d.Message)
				}
			}
			if diff := cmp.Diff(tt.ops, operations(page)); diff != "" {
				t.Errorf("operations (-want +got):\n%s", diff)
			}
			for _, e := range positionErrors(page, tt.src) {
				t.Error(e)
			}
		})
	}
}

// TestCleanedInputSameModel checks that a BOM, CRLF line ends and both
// change nothing in the model but the one diagnostic: positions included.
func TestCleanedInputSameModel(t *testing.T) {
	for _, name := range []string{"sxs-page.md", "plain-page.md", "malformed/broken-spans.md"} {
		src := readTestdata(t, name)
		want := parser.Parse(name, src)
		for _, v := range []struct {
			name  string
			src   []byte
			codes []string
		}{
			{"BOM", append([]byte("\uFEFF"), src...), []string{parser.CodeBOM.ID}},
			{"CRLF", bytes.ReplaceAll(src, []byte("\n"), []byte("\r\n")), []string{parser.CodeCRLF.ID}},
			{"BOM+CRLF", append([]byte("\uFEFF"), bytes.ReplaceAll(src, []byte("\n"), []byte("\r\n"))...), []string{parser.CodeBOM.ID, parser.CodeCRLF.ID}},
		} {
			t.Run(name+"/"+v.name, func(t *testing.T) {
				got := parser.Parse(name, v.src)
				var codes []string
				got.Diagnostics = slices.DeleteFunc(got.Diagnostics, func(d parser.Diagnostic) bool {
					if slices.Contains(v.codes, d.Code) {
						codes = append(codes, d.Code)
						return true
					}
					return false
				})
				if diff := cmp.Diff(v.codes, codes); diff != "" {
					t.Errorf("input diagnostics (-want +got):\n%s", diff)
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("model differs from the clean file's (-clean +%s):\n%s", v.name, diff)
				}
			})
		}
	}
}

// TestHugePage: a 20 MB page is refused with a diagnostic, quickly and
// without reading it; a page just under the limit, made of many real-shaped
// paragraphs or of one paragraph of unclosed spans, is parsed to the end.
func TestHugePage(t *testing.T) {
	page := readTestdata(t, "sxs-page.md")
	huge := bytes.Repeat(page, 20<<20/len(page)+1)
	got, err := parseSafely("huge.md", huge)
	if err != nil {
		t.Fatal(err)
	}
	if !hasDiag(got, wantDiag{parser.CodeTooLarge.ID, 1, 1, "more than the"}) {
		t.Errorf("20 MB page: no %s diagnostic; got:%s", parser.CodeTooLarge.ID, describeDiags(got))
	}
	if testing.Short() {
		t.Skip("pages near the size limit skipped in -short mode")
	}
	for _, tc := range []struct {
		name string
		src  []byte
	}{
		{"many sections", bytes.Repeat(page, (parser.MaxPageSize-1)/len(page))},
		{"one paragraph of unclosed spans", bytes.Repeat([]byte(`<span data-ttu-id="x-1">a `), (parser.MaxPageSize-1)/26)},
		{"one paragraph of stray closes", bytes.Repeat([]byte(`a </span>`), (parser.MaxPageSize-1)/9)},
		{"nested unclosed spans in a table row", append([]byte("|a|b|\n|-|-|\n|"), bytes.Repeat([]byte(`<span data-ttu-id="x-1">`), 2<<20/24)...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			done := make(chan struct{})
			var got *parser.Page
			var err error
			go func() {
				defer close(done)
				got, err = parseSafely(tc.name, tc.src)
			}()
			select {
			case <-done:
			case <-time.After(2 * time.Minute):
				t.Fatalf("parsing a %d-byte page did not finish in 2 minutes (a hang?)", len(tc.src))
			}
			if err != nil {
				t.Fatal(err)
			}
			if slices.ContainsFunc(got.Diagnostics, func(d parser.Diagnostic) bool { return d.Code == parser.CodeTooLarge.ID }) {
				t.Fatalf("%d-byte page refused as too large", len(tc.src))
			}
			for _, e := range positionErrors(got, tc.src) {
				t.Error(e)
			}
		})
	}
}

// TestCorpusRobust parses every page (api and resources) of every corpus
// folder: no panic, no hang, every position inside its file. Pages that
// take more than 2 s are reported as slow; one still running after a
// minute is reported as a hang, with its name, before the test times out.
func TestCorpusRobust(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus test skipped in -short mode")
	}
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("corpus %s is absent (run ../shared/corpus/unpack from the project root): %v", corpusDir, err)
	}
	var files []string
	err := filepath.WalkDir(corpusDir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(path, ".md") && strings.Contains(filepath.ToSlash(path), "/api-reference/") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Skipf("no pages under %s (is the corpus unpacked?)", corpusDir)
	}

	const slow, hang = 2 * time.Second, time.Minute
	workers := runtime.GOMAXPROCS(0)
	type slot struct {
		mu    sync.Mutex
		file  string
		start time.Time
		told  time.Duration
	}
	slots := make([]slot, workers)
	var mu sync.Mutex
	var problems []string
	report := func(format string, args ...any) {
		mu.Lock()
		problems = append(problems, fmt.Sprintf(format, args...))
		mu.Unlock()
	}

	stop := make(chan struct{})
	watchdog := make(chan struct{})
	go func() {
		defer close(watchdog)
		tick := time.NewTicker(250 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
			}
			for i := range slots {
				s := &slots[i]
				s.mu.Lock()
				if s.file != "" {
					switch d := time.Since(s.start); {
					case d > hang && s.told < hang:
						s.told = hang
						t.Errorf("%s: still parsing after %v: a hang", s.file, hang)
					case d > slow && s.told < slow:
						s.told = slow
						t.Logf("%s: slow, still parsing after %v", s.file, slow)
					}
				}
				s.mu.Unlock()
			}
		}
	}()

	work := make(chan string)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			s := &slots[w]
			for file := range work {
				src, err := os.ReadFile(file)
				if err != nil {
					report("%s: %v", file, err)
					continue
				}
				s.mu.Lock()
				s.file, s.start, s.told = file, time.Now(), 0
				s.mu.Unlock()
				page, err := parseSafely(file, src)
				s.mu.Lock()
				s.file = ""
				s.mu.Unlock()
				if err != nil {
					report("%v", err)
					continue
				}
				for _, e := range positionErrors(page, src) {
					report("%s: %s", file, e)
				}
			}
		})
	}
	for _, f := range files {
		work <- f
	}
	close(work)
	wg.Wait()
	close(stop)
	<-watchdog

	slices.Sort(problems)
	for i, p := range problems {
		if i == 50 {
			t.Errorf("… and %d more", len(problems)-50)
			break
		}
		t.Error(p)
	}
	t.Logf("parsed %d corpus pages", len(files))
}
