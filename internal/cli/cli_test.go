package cli_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/docs2go/docs2go/internal/cli"
	"github.com/docs2go/docs2go/internal/goldentest"
	"github.com/google/go-cmp/cmp"
)

// run runs the whole CLI as main does and returns its output.
func run(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = cli.Run(args, strings.NewReader(""), &out, &errOut)
	return out.String(), errOut.String(), code
}

// jsonLines decodes JSON Lines output, one object per line.
func jsonLines(t *testing.T, out string) []map[string]any {
	t.Helper()
	var objs []map[string]any
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("line %d is not one JSON object: %v\n%s", len(objs)+1, err, sc.Text())
		}
		objs = append(objs, m)
	}
	return objs
}

func files(objs []map[string]any) []string {
	var out []string
	for _, o := range objs {
		f, _ := o["file"].(string)
		out = append(out, filepath.ToSlash(f))
	}
	return out
}

// writeFiles creates files under dir; a nil content makes a dangling
// symlink, a file that is listed but cannot be read.
func writeFiles(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if content == nil {
			if err := os.Symlink(filepath.Join(dir, "no-such-target"), path); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

var goodPage = []byte(`# Get widget

## HTTP request

` + "```http\nGET /widgets/{id}\n```" + `

## Response

If successful, this method returns a ` + "`200 OK`" + ` response code.
`)

// TestParseJSONKeys checks the keys that tools downstream rely on, with
// their JSON types, on a side-by-side page and a plain one.
func TestParseJSONKeys(t *testing.T) {
	stdout, stderr, code := run(t, "parse", "--format", "json",
		"../../docs-input/pt-BR/api-reference/beta/api/manageddevice-recoverpasscode.md",
		"../../docs-input/en-US/api-reference/v1.0/api/user-get.md")
	if code != cli.ExitOK {
		t.Fatalf("exit code %d, want 0; stderr:\n%s", code, stderr)
	}
	objs := jsonLines(t, stdout)
	if len(objs) != 2 {
		t.Fatalf("%d JSON lines, want one per page (2)", len(objs))
	}
	for _, o := range objs {
		name := o["file"]
		for key, kind := range map[string]string{
			"file": "string", "locale": "string", "version": "string", "title": "object",
			"operations": "array", "permissions": "object", "headers": "array", "response": "object", "diagnostics": "array",
		} {
			if got := jsonKind(o[key]); got != kind {
				t.Errorf("%s: %q is %s, want %s", name, key, got, kind)
			}
		}
		title, _ := o["title"].(map[string]any)
		for _, k := range []string{"text", "en"} {
			if s, _ := title[k].(string); s == "" {
				t.Errorf("%s: title.%s is empty or missing: %v", name, k, title)
			}
		}
		perms, _ := o["permissions"].(map[string]any)
		for _, k := range []string{"delegatedWork", "delegatedPersonal", "application"} {
			if got := jsonKind(perms[k]); got != "array" {
				t.Errorf("%s: permissions.%s is %s, want array", name, k, got)
			}
		}
		ops, _ := o["operations"].([]any)
		if len(ops) == 0 {
			t.Errorf("%s: no operations", name)
		}
		for _, op := range ops {
			op, _ := op.(map[string]any)
			if m, _ := op["method"].(string); m == "" {
				t.Errorf("%s: operation without method: %v", name, op)
			}
			if p, _ := op["path"].(string); !strings.HasPrefix(p, "/") {
				t.Errorf("%s: operation path %q does not start with /", name, p)
			}
			if got := jsonKind(op["examples"]); got != "array" {
				t.Errorf("%s: operation examples is %s, want array", name, got)
			}
			for _, ex := range op["examples"].([]any) {
				ex, _ := ex.(map[string]any)
				req, _ := ex["request"].(map[string]any)
				if jsonKind(ex["name"]) != "string" || jsonKind(req["method"]) != "string" || jsonKind(req["url"]) != "string" || jsonKind(req["line"]) != "number" {
					t.Errorf("%s: example wants name, request.method, request.url and request.line: %v", name, ex)
				}
				if res, ok := ex["response"].(map[string]any); ok && (jsonKind(res["status"]) != "number" || jsonKind(res["line"]) != "number") {
					t.Errorf("%s: example response wants status and line: %v", name, res)
				} else if !ok && ex["response"] != nil {
					t.Errorf("%s: example response is neither an object nor null: %v", name, ex["response"])
				}
			}
		}
		headers, _ := o["headers"].([]any)
		if len(headers) == 0 {
			t.Errorf("%s: no headers", name)
		}
		for _, h := range headers {
			h, _ := h.(map[string]any)
			if jsonKind(h["name"]) != "string" || jsonKind(h["required"]) != "bool" {
				t.Errorf("%s: header wants name (string) and required (bool): %v", name, h)
			}
		}
		resp, _ := o["response"].(map[string]any)
		if jsonKind(resp["status"]) != "number" || jsonKind(resp["statusText"]) != "string" {
			t.Errorf("%s: response wants status (number) and statusText (string): %v", name, resp)
		}
	}
	// The values, on the side-by-side page.
	o := objs[0]
	if o["locale"] != "pt-BR" || o["version"] != "beta" {
		t.Errorf("locale, version = %v, %v; want pt-BR, beta", o["locale"], o["version"])
	}
	resp := o["response"].(map[string]any)
	if resp["status"] != float64(204) || resp["statusText"] != "No Content" {
		t.Errorf("response = %v, want 204 No Content", resp)
	}
	if h := o["headers"].([]any)[0].(map[string]any); h["name"] != "Authorization" || h["required"] != true {
		t.Errorf("first header = %v, want Authorization, required", h)
	}
	// The page's one example belongs to its third operation and shows no
	// response.
	var got []string
	for _, op := range o["operations"].([]any) {
		for _, ex := range op.(map[string]any)["examples"].([]any) {
			ex := ex.(map[string]any)
			req := ex["request"].(map[string]any)
			got = append(got, fmt.Sprintf("%v %v: %v %v line %v, response %v", op.(map[string]any)["method"], op.(map[string]any)["path"], ex["name"], req["method"], req["line"], ex["response"]))
		}
	}
	want := []string{"POST /deviceManagement/comanagedDevices/{managedDeviceId}/recoverPasscode: manageddevice_recoverpasscode_comanaged POST line 86, response <nil>"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("operation examples (-want +got):\n%s", diff)
	}
	// The English page: each operation has its own example or none.
	got = nil
	for _, op := range objs[1]["operations"].([]any) {
		for _, ex := range op.(map[string]any)["examples"].([]any) {
			ex := ex.(map[string]any)
			req, res := ex["request"].(map[string]any), ex["response"].(map[string]any)
			got = append(got, fmt.Sprintf("%v: %v → %v", op.(map[string]any)["path"], req["url"], res["status"]))
		}
	}
	want = []string{
		"/me: https://graph.microsoft.com/v1.0/me → 200",
		"/users/{id | userPrincipalName}: https://graph.microsoft.com/v1.0/users/kenji.sato@contoso.com?$select=displayName,usageLocation,deviceEnrollmentLimit → 200",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("operation examples (-want +got):\n%s", diff)
	}
}

func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null/missing"
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "bool"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "unknown"
}

// TestParseDirectory: a directory is walked recursively for *.md, in
// sorted order, whatever order the files were created in.
func TestParseDirectory(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{
		"z.md": goodPage, "b.md": goodPage, "sub/deeper/c.md": goodPage, "a.md": goodPage,
		"notes.txt": []byte("not a page"), "sub/readme.markdown": goodPage,
	})
	stdout, stderr, code := run(t, "parse", "--format", "json", dir)
	if code != cli.ExitOK {
		t.Fatalf("exit code %d; stderr:\n%s", code, stderr)
	}
	var want []string
	for _, f := range []string{"a.md", "b.md", "sub/deeper/c.md", "z.md"} {
		want = append(want, filepath.ToSlash(filepath.Join(dir, f)))
	}
	if diff := cmp.Diff(want, files(jsonLines(t, stdout))); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
}

// TestParseBadPaths: a path that does not exist and a file that cannot be
// read are each a clear error on stderr and make the exit code 2, and
// every other path is still parsed and printed.
func TestParseBadPaths(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{
		"first.md": goodPage, "tree/a.md": goodPage, "tree/broken.md": nil, "tree/c.md": goodPage, "last.md": goodPage,
	})
	missing := filepath.Join(dir, "no-such-dir")
	args := []string{"parse", "--format", "json",
		filepath.Join(dir, "first.md"), missing, filepath.Join(dir, "tree"), filepath.Join(dir, "missing.md"), filepath.Join(dir, "last.md")}
	stdout, stderr, code := run(t, args...)
	if code != cli.ExitUsage {
		t.Errorf("exit code %d, want %d", code, cli.ExitUsage)
	}
	var want []string
	for _, f := range []string{"first.md", "tree/a.md", "tree/c.md", "last.md"} {
		want = append(want, filepath.ToSlash(filepath.Join(dir, f)))
	}
	if diff := cmp.Diff(want, files(jsonLines(t, stdout))); diff != "" {
		t.Errorf("pages printed (-want +got):\n%s", diff)
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	for _, bad := range []string{missing, filepath.Join(dir, "missing.md"), filepath.Join(dir, "tree/broken.md")} {
		if !slices.ContainsFunc(lines, func(l string) bool {
			return strings.HasPrefix(l, "docs2go parse: ") && strings.Contains(l, bad) && strings.Contains(l, "no such file or directory")
		}) {
			t.Errorf("stderr names no error for %s:\n%s", bad, stderr)
		}
	}
}

// TestParseBadPageAmongGood: pages that are empty, binary or broken get
// their diagnostics (file:line:col) and are printed; the good pages
// around them are printed too; exit code 1 for the error diagnostics.
func TestParseBadPageAmongGood(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{
		"a-good.md":     goodPage,
		"b-empty.md":    {},
		"c-binary.md":   {0x7f, 'E', 'L', 'F', 0, 0, 1},
		"d-crlf.md":     bytes.ReplaceAll(goodPage, []byte("\n"), []byte("\r\n")),
		"e-bad-yaml.md": append([]byte("---\ntitle: [unclosed\n---\n"), goodPage...),
		"f-good.md":     goodPage,
	})
	stdout, stderr, code := run(t, "parse", "--format", "json", dir)
	if code != cli.ExitFindings {
		t.Errorf("exit code %d, want %d; stderr:\n%s", code, cli.ExitFindings, stderr)
	}
	objs := jsonLines(t, stdout)
	var want []string
	for _, f := range []string{"a-good.md", "b-empty.md", "c-binary.md", "d-crlf.md", "e-bad-yaml.md", "f-good.md"} {
		want = append(want, filepath.ToSlash(filepath.Join(dir, f)))
	}
	if diff := cmp.Diff(want, files(objs)); diff != "" {
		t.Errorf("pages printed (-want +got):\n%s", diff)
	}
	for _, w := range []string{
		filepath.Join(dir, "b-empty.md") + ":1:1: error DG0004: ",
		filepath.Join(dir, "c-binary.md") + ":1:5: error DG0005: ",
		filepath.Join(dir, "d-crlf.md") + ":1:13: warning DG0003: ",
		filepath.Join(dir, "e-bad-yaml.md") + ":2:",
	} {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, stderr)
		}
	}
	// The pages after the bad ones were read in full.
	for _, o := range []map[string]any{objs[3], objs[4], objs[5]} {
		if ops, _ := o["operations"].([]any); len(ops) != 1 {
			t.Errorf("%s: %d operations, want 1", o["file"], len(ops))
		}
	}
}

// TestReplay runs the CLI on each case under golden/cli/<case>/: args
// holds the arguments, one per line, run from the repository root; the
// expected stdout, stderr and exit code are in the files of those names.
// go test ./internal/cli -update rewrites them (review the diff).
func TestReplay(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	cases, err := filepath.Glob(filepath.Join(root, "golden", "cli", "*", "args"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatal("no cases under golden/cli")
	}
	t.Chdir(root)
	for _, argsFile := range cases {
		dir := filepath.Dir(argsFile)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			raw, err := os.ReadFile(argsFile)
			if err != nil {
				t.Fatal(err)
			}
			var args []string
			for _, a := range strings.Split(strings.TrimRight(string(raw), "\n"), "\n") {
				if a != "" {
					args = append(args, a)
				}
			}
			stdout, stderr, code := run(t, args...)
			goldentest.Check(t, filepath.Join(dir, "stdout"), []byte(stdout))
			goldentest.Check(t, filepath.Join(dir, "stderr"), []byte(stderr))
			goldentest.Check(t, filepath.Join(dir, "exit"), []byte(strconv.Itoa(code)+"\n"))
		})
	}
}

// TestParseJSONDiagnosticEnd: every diagnostic of `parse --format json`
// carries its range, pos and end ({"line","col"}), end not before pos.
func TestParseJSONDiagnosticEnd(t *testing.T) {
	stdout, stderr, _ := run(t, "parse", "--format", "json", "../../parser/testdata/malformed/bad-request-lines.md")
	objs := jsonLines(t, stdout)
	if len(objs) != 1 {
		t.Fatalf("%d JSON lines, want 1; stderr:\n%s", len(objs), stderr)
	}
	diags, _ := objs[0]["diagnostics"].([]any)
	if len(diags) == 0 {
		t.Fatal("no diagnostics on a page with bad request lines")
	}
	for _, d := range diags {
		d, _ := d.(map[string]any)
		pos, _ := d["pos"].(map[string]any)
		end, _ := d["end"].(map[string]any)
		if jsonKind(end["line"]) != "number" || jsonKind(end["col"]) != "number" || jsonKind(pos["line"]) != "number" {
			t.Errorf("diagnostic without pos and end {line, col}: %v", d)
			continue
		}
		if end["line"].(float64) < pos["line"].(float64) || end["line"] == pos["line"] && end["col"].(float64) < pos["col"].(float64) {
			t.Errorf("diagnostic ends before it starts: %v", d)
		}
	}
}

// TestParseSameOutputWhateverGOMAXPROCS parses docs-input/ and the hostile
// pages of parser/testdata with one and with several processors, in both
// formats: pages are parsed and encoded concurrently, and stdout, stderr
// and the exit code must not depend on it.
func TestParseSameOutputWhateverGOMAXPROCS(t *testing.T) {
	for _, format := range []string{"json", "text"} {
		type result struct {
			stdout, stderr string
			code           int
		}
		got := map[int]result{}
		for _, procs := range []int{1, 4} {
			prev := runtime.GOMAXPROCS(procs)
			stdout, stderr, code := run(t, "parse", "--format", format, "../../docs-input", "../../parser/testdata")
			runtime.GOMAXPROCS(prev)
			got[procs] = result{stdout, stderr, code}
		}
		if got[1].stdout == "" {
			t.Fatalf("%s: no output", format)
		}
		if diff := cmp.Diff(got[1], got[4], cmp.AllowUnexported(result{})); diff != "" {
			t.Errorf("%s: output differs between GOMAXPROCS=1 and 4 (-1 +4):\n%.2000s", format, diff)
		}
	}
}

// TestParseMaxPageSize: --max-page-size refuses bigger pages with a DG0006
// error naming the size and the limit (without reading them), parses the
// others, and rejects a size that is not one. File names with spaces,
// non-ASCII letters and %2F are only names.
func TestParseMaxPageSize(t *testing.T) {
	dir := t.TempDir()
	page, err := os.ReadFile("../../parser/testdata/plain-page.md")
	if err != nil {
		t.Fatal(err)
	}
	small := filepath.Join(dir, "a b ação%2F.md")
	big := filepath.Join(dir, "big.md")
	writeFiles(t, dir, map[string][]byte{
		filepath.Base(small): page,
		"big.md":             append(bytes.Repeat([]byte("x"), 5000), page...),
	})
	stdout, stderr, code := run(t, "parse", "--max-page-size", "4K", dir)
	if code != 1 {
		t.Errorf("exit %d, want 1 (a page with an error); stderr:\n%s", code, stderr)
	}
	want := big + ":1:1: error DG0006: page is 5" // 5000 + the page's bytes
	if !strings.Contains(stderr, want) || !strings.Contains(stderr, "more than the 4096-byte limit") {
		t.Errorf("stderr lacks %q … 4096-byte limit:\n%s", want, stderr)
	}
	if !strings.Contains(stdout, small+":24:1: operation DELETE /widgets/{id}") {
		t.Errorf("the small page was not parsed:\n%s", stdout)
	}
	for _, bad := range []string{"0", "-1", "1X", "K", "99999999999G"} {
		if _, _, code := run(t, "parse", "--max-page-size", bad, dir); code != 2 {
			t.Errorf("--max-page-size %s: exit %d, want 2", bad, code)
		}
	}
}

// TestSameOutputWhateverGOMAXPROCS runs lint, diff and drift over the
// team's pages with one and with several processors (they parse and check
// pages concurrently): stdout, stderr and the exit code must not change.
func TestSameOutputWhateverGOMAXPROCS(t *testing.T) {
	for _, args := range [][]string{
		{"lint", "--format", "json", "../../docs-input"},
		{"diff", "--format", "json", "../../docs-input/en-US", "../../docs-input/pt-BR"},
		{"drift", "--format", "json", "--source", "../../docs-input/en-US", "../../docs-input/pt-BR", "../../docs-input/es-ES"},
	} {
		type result struct {
			stdout, stderr string
			code           int
		}
		got := map[int]result{}
		for _, procs := range []int{1, 4} {
			prev := runtime.GOMAXPROCS(procs)
			stdout, stderr, code := run(t, args...)
			runtime.GOMAXPROCS(prev)
			got[procs] = result{stdout, stderr, code}
		}
		if got[1].stdout == "" || got[1].code == 2 {
			t.Errorf("%s: exit %d, %d bytes of output; stderr:\n%.500s", args[0], got[1].code, len(got[1].stdout), got[1].stderr)
		}
		if diff := cmp.Diff(got[1], got[4], cmp.AllowUnexported(result{})); diff != "" {
			t.Errorf("%s: output differs between GOMAXPROCS=1 and 4 (-1 +4):\n%.2000s", args[0], diff)
		}
	}
}
