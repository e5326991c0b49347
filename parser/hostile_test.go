package parser_test

// The hostile catalogue: pages built to break a parser, generated here
// (the 20 MB one is too big to commit; the others are easier to read as
// code than as files). Each must parse without a panic, in under a second
// of CPU time, with exactly the diagnostics listed, and the operation of
// the page it is built on must still be read. TestBadInput and
// TestHugePage hold the rest of the catalogue (invalid UTF-8, BOM, CRLF,
// empty and binary files, broken spans, pages near the size limit).

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/docs2go/docs2go/parser"
	"github.com/google/go-cmp/cmp"
)

// cpuTime is the process's user+system CPU time.
func cpuTimeNow() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func TestHostileCatalogue(t *testing.T) {
	plain := readTestdata(t, "plain-page.md")
	sxs := readTestdata(t, "sxs-page.md")
	plainOps := []string{"24:1 DELETE /widgets/{id}"}
	sxsOps := []string{"27:1 GET /widgets/{id}", "28:1 GET /me/widgets/{id | name}"}
	after := func(page []byte, s string) []byte { return append(slices.Clone(page), s...) }
	cells := func(n int, f func(i int) string) string {
		var b strings.Builder
		b.WriteString("|")
		for i := range n {
			b.WriteString(" " + f(i) + " |")
		}
		return b.String() + "\n"
	}
	bigJSON := `{"blockType": "ignored", "pad": "` + strings.Repeat("x", 1<<20) + `"}`
	dupPair := "\n" + `<span data-ttu-id="w-1">Repetido.</span><span class="sxs-lookup"><span data-stu-id="w-1">Repeated.</span></span>` + "\n"

	tests := []struct {
		name string
		file string // default: hostile.md
		src  []byte
		want []wantDiag
		ops  []string
	}{
		{name: "lone CR line ends", src: bytes.ReplaceAll(plain, []byte("\n"), []byte("\r")),
			want: []wantDiag{{parser.CodeCRLF.ID, 1, 4, "CR without LF"}}, ops: plainOps},
		{name: "CR LF and lone CR mixed", src: bytes.Replace(bytes.ReplaceAll(plain, []byte("\n"), []byte("\r\n")), []byte("\r\n## Permissions"), []byte("\r## Permissions"), 1),
			want: []wantDiag{{parser.CodeCRLF.ID, 1, 4, "CRLF"}, {parser.CodeCRLF.ID, 12, 1, "CR without LF"}}, ops: plainOps},
		{name: "NUL after the first 8000 bytes", src: after(plain, strings.Repeat("text ", 2000)+"\x00\n"),
			want: []wantDiag{{parser.CodeBinary.ID, 40, 10001, "NUL byte in a text page"}}, ops: plainOps},
		{name: "10,000-deep blockquote", src: after(plain, "\n"+strings.Repeat("> ", 10000)+"deep\n"), ops: plainOps},
		{name: "10,000-deep list", src: after(plain, "\n"+strings.Repeat("- ", 10000)+"deep\n"), ops: plainOps},
		{name: "10,000-deep ordered list", src: after(plain, "\n"+strings.Repeat("1. ", 10000)+"deep\n"), ops: plainOps},
		{name: "10,000-deep mixed quotes and lists", src: after(plain, "\n"+strings.Repeat("> - ", 5000)+"deep\n"), ops: plainOps},
		{name: "10,000 nested emphasis and links", src: after(plain, "\n"+strings.Repeat("*[", 10000)+"x"+strings.Repeat("](y)*", 10000)+"\n"), ops: plainOps},
		{name: "1,000-column table", src: after(plain, "\n"+cells(1000, func(i int) string { return fmt.Sprint("c", i) })+cells(1000, func(int) string { return "-" })+cells(1000, func(i int) string { return fmt.Sprint("`v", i, "`") })), ops: plainOps},
		{name: "1,000-column parameter table", src: bytes.Replace(plain, []byte("| Authorization | Bearer {token}. Required. |"), []byte(strings.TrimSuffix(cells(1000, func(i int) string { return fmt.Sprint("X-H", i) }), "\n")), 1), ops: plainOps},
		{name: "annotation with 1 MB of JSON", src: after(plain, "\n<!-- "+bigJSON+" -->\n```json\n{}\n```\n"), ops: plainOps},
		{name: "annotation with 1 MB of broken JSON", src: after(plain, "\n<!-- "+strings.TrimSuffix(bigJSON, "}")+" -->\n```json\n{}\n```\n"), ops: plainOps,
			want: []wantDiag{{parser.CodeBadAnnotation.ID, 41, 1, "not valid JSON"}}},
		{name: "colliding span ids", src: after(sxs, dupPair+dupPair), ops: sxsOps,
			want: []wantDiag{{parser.CodeSpanPair.ID, 58, 1, `data-ttu-id="w-1" is used by an earlier pair`}}},
		{name: "interleaved spans", src: after(sxs, "\n"+`<span data-ttu-id="i-1">a <span data-ttu-id="i-2">b</span><span class="sxs-lookup"><span data-stu-id="i-1">A</span> c</span><span class="sxs-lookup"><span data-stu-id="i-2">B</span></span></span>`+"\n"), ops: sxsOps,
			want: []wantDiag{{parser.CodeSpanPair.ID, 56, 1, ".*"}, {parser.CodeSpanPair.ID, 56, 0, ".*"}}},
		{name: "path with ..", file: "docs/../pt-BR/api-reference/v1.0/api/../api/widget-delete.md", src: plain, ops: plainOps},
		{name: "path with %2F, spaces and non-ASCII", file: "docs%2Fpt-BR/api-reference/v1.0/api/widget delete ação.md", src: plain, ops: plainOps},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := tt.file
			if file == "" {
				file = "hostile.md"
			}
			start := cpuTimeNow()
			page, err := parseSafely(file, tt.src)
			took := cpuTimeNow() - start
			if err != nil {
				t.Fatal(err)
			}
			if took > time.Second {
				t.Errorf("took %v of CPU time (limit 1 s)", took)
			}
			if page.File != file {
				t.Errorf("File = %q, want %q", page.File, file)
			}
			for _, w := range tt.want {
				if w.col != 0 && !hasDiag(page, w) {
					t.Errorf("no diagnostic %s; got:%s", w, describeDiags(page))
				}
			}
			for _, d := range page.Diagnostics {
				if !slices.ContainsFunc(tt.want, func(w wantDiag) bool {
					return matchesDiag(d, w) || w.col == 0 && d.Code == w.code && d.Pos.Line == w.line
				}) {
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

// TestHostilePaths: the page's locale, version and kind come from the
// layout of its path however the path is written.
func TestHostilePaths(t *testing.T) {
	plain := readTestdata(t, "plain-page.md")
	for _, tc := range []struct{ file, locale, version string }{
		{"docs/../pt-BR/api-reference/v1.0/api/../api/widget-delete.md", "pt-BR", "v1.0"},
		{"x/pt-BR/api-reference/beta/api/widget delete ação.md", "pt-BR", "beta"},
		{`C:\docs\ja-JP\api-reference\v1.0\api\widget-delete.md`, "ja-JP", "v1.0"},
		{"docs%2Fpt-BR%2Fapi-reference/v1.0/api/x.md", "en-US", "v1.0"},
		{"../../../../etc/passwd", "en-US", ""},
	} {
		page := parser.Parse(tc.file, plain)
		if page.Locale != tc.locale || page.Version != tc.version {
			t.Errorf("%s: locale %q version %q, want %q %q", tc.file, page.Locale, page.Version, tc.locale, tc.version)
		}
	}
}
