package gen

import (
	"bytes"
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/docs2go/docs2go/internal/goldentest"
	docs "github.com/docs2go/docs2go/parser"
)

// loadDir parses every page under dir, sorted by path.
func loadDir(t testing.TB, dir string) []*docs.Page {
	t.Helper()
	var pages []*docs.Page
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		pages = append(pages, docs.Parse(p, src))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

func mustGenerate(t testing.TB, pages []*docs.Page, opts Options) *Result {
	t.Helper()
	res, err := Generate(pages, opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// clientFiles lists the client files of package dir in res, sorted.
func clientFiles(res *Result, dir string) []string {
	var out []string
	for rel := range res.Files {
		if d, name := path.Split(rel); d == dir+"/" && IsClientFile(name) {
			out = append(out, rel)
		}
	}
	slices.Sort(out)
	return out
}

// clientText is the client files of package dir in res, one after the
// other, for tests that look for text in them.
func clientText(res *Result, dir string) string {
	var b strings.Builder
	for _, rel := range clientFiles(res, dir) {
		b.Write(res.Files[rel])
	}
	return b.String()
}

// isRuntimeFile tells the copied runtime from the files made from pages.
func isRuntimeFile(rel string) bool {
	return strings.HasPrefix(filepath.Base(rel), "runtime_")
}

// TestGeneratedUpToDate regenerates docs-input in memory and compares it
// with the committed generated/ folder.
func TestGeneratedUpToDate(t *testing.T) {
	res := mustGenerate(t, loadDir(t, "../docs-input"), Options{Package: "graph", SourceRoot: "../docs-input"})
	have := map[string]string{}
	err := filepath.WalkDir("../generated", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if bytes.HasPrefix(b, []byte(Header+"\n")) {
			rel, _ := filepath.Rel("../generated", p)
			have[filepath.ToSlash(rel)] = string(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for p, b := range res.Files {
		want[p] = string(b)
	}
	if diff := cmp.Diff(have, want); diff != "" {
		t.Errorf("generated/ is not what docs-input gives; run go run ./cmd/docs2go gen (-committed +regenerated):\n%s", diff)
	}
}

// goldenCases are the folders of gen/testdata with golden output under
// golden/gen: names, escaping of hostile text, collisions, and methods
// typed by models from resource pages (plain and side-by-side), whose
// models alone are golden/gen/models.
var goldenCases = []struct{ in, out string }{
	{"naming", "naming"}, {"hostile", "hostile"}, {"collisions", "collisions"},
	{"models/plain", "typed-plain"}, {"models/sxs", "typed-sxs"},
}

// TestGolden compares the output for each case with golden/gen/<case>
// (runtime copies left out), and checks that the Go parses and that
// generating twice gives the same bytes. -update rewrites the goldens.
func TestGolden(t *testing.T) {
	for _, c := range goldenCases {
		t.Run(c.out, func(t *testing.T) {
			in := filepath.Join("testdata", c.in)
			opts := Options{SourceRoot: in}
			res := mustGenerate(t, loadDir(t, in), opts)
			again := mustGenerate(t, loadDir(t, in), opts)
			if diff := cmp.Diff(res.Files, again.Files); diff != "" {
				t.Errorf("generating twice differs:\n%s", diff)
			}
			got := map[string]string{}
			for p, b := range res.Files {
				if !isRuntimeFile(p) {
					got[p] = string(b)
				}
			}
			var diags strings.Builder
			for _, d := range res.Diagnostics {
				diags.WriteString(strings.TrimPrefix(filepath.ToSlash(d.String()), filepath.ToSlash(in)+"/") + "\n")
			}
			got["diagnostics.txt"] = diags.String()
			for p, src := range got {
				if strings.HasSuffix(p, ".go") {
					if _, err := parser.ParseFile(token.NewFileSet(), p, src, parser.ParseComments); err != nil {
						t.Errorf("%s does not parse: %v", p, err)
					}
					if !strings.HasPrefix(src, Header+"\n") {
						t.Errorf("%s does not start with the header", p)
					}
				}
			}
			dir := filepath.Join("..", "golden", "gen", c.out)
			if goldentest.Updating() {
				if err := os.RemoveAll(dir); err != nil {
					t.Fatal(err)
				}
				for p, src := range got {
					f := filepath.Join(dir, filepath.FromSlash(p))
					if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
						t.Fatal(err)
					}
					// A .golden suffix keeps the go tool from building goldens.
					if err := os.WriteFile(f+".golden", []byte(src), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				return
			}
			want := map[string]string{}
			filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				b, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				rel, _ := filepath.Rel(dir, p)
				want[strings.TrimSuffix(filepath.ToSlash(rel), ".golden")] = string(b)
				return nil
			})
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("output differs from %s (-golden +got); go test ./gen -update rewrites it:\n%s", dir, diff)
			}
		})
	}
}

// TestGoldenCompiles builds, vets and runs the emitted tests of every
// golden case in a module of its own, so that hostile text is proven
// harmless to the compiler too.
func TestGoldenCompiles(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command; skipped in -short mode")
	}
	for _, c := range goldenCases {
		t.Run(c.out, func(t *testing.T) {
			t.Parallel()
			in := filepath.Join("testdata", c.in)
			res := mustGenerate(t, loadDir(t, in), Options{SourceRoot: in})
			goCheck(t, res, t.TempDir())
		})
	}
}

// goCheck writes res into dir as a module without dependencies and runs
// go vet and go test there, once each over all its packages.
func goCheck(t testing.TB, res *Result, dir string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/generated\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range slices.Sorted(func(yield func(string) bool) {
		for p := range res.Files {
			if !yield(p) {
				return
			}
		}
	}) {
		f := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, res.Files[p], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("go command not found: %v", err)
	}
	// go vet type-checks every package and go test compiles them, tests
	// included: no separate go build, and go test's own vet pass is off
	// since go vet has just run all of its analyzers.
	for _, args := range [][]string{{"vet", "./..."}, {"test", "-vet=off", "-count=1", "./..."}} {
		cmd := exec.Command(goBin, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "GOPROXY=off")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go %s in %s: %v\n%s", strings.Join(args, " "), dir, err, out)
		}
	}
}

// TestDocLang checks that --doc-lang page puts the page's own language in
// doc comments, and the default the English half of side-by-side pages.
func TestDocLang(t *testing.T) {
	pages := loadDir(t, "../docs-input/es-ES")
	en := clientText(mustGenerate(t, pages, Options{}), "graph")
	es := clientText(mustGenerate(t, pages, Options{DocLang: DocLangPage}), "graph")
	var want string
	for _, p := range pages {
		if strings.HasSuffix(p.File, "drive-get.md") {
			want = p.Description.Text
		}
	}
	if want == "" || !strings.Contains(es, "// GetMeDrive calls GET /me/drive. "+strings.Fields(want)[0]) {
		t.Errorf("doc-lang page: GetMeDrive doc does not start with %q", want)
	}
	if !strings.Contains(en, "// GetMeDrive retrieves the properties") {
		t.Error("doc-lang en: GetMeDrive doc is not the English summary")
	}
	if _, err := Generate(pages, Options{DocLang: "fr"}); err == nil {
		t.Error("unknown doc language accepted")
	}
}

// TestBrokenFrontMatterPage generates docs-input with the front matter of
// the beta side-by-side page wrapped in translation spans, so it is no
// longer YAML: the page is reported (DG1001, a warning about metadata) and
// still generated. Both packages are written, with the same methods as
// from the sound page, and the output builds and passes its emitted tests.
func TestBrokenFrontMatterPage(t *testing.T) {
	pages := loadDir(t, "../docs-input")
	const damaged = "pt-BR/api-reference/beta/api/manageddevice-recoverpasscode.md"
	var broken []*docs.Page
	found := false
	for _, p := range pages {
		if filepath.ToSlash(p.File) != "../docs-input/"+damaged {
			broken = append(broken, p)
			continue
		}
		found = true
		src, err := os.ReadFile(p.File)
		if err != nil {
			t.Fatal(err)
		}
		// Machine translation wraps the lines of the front matter in span
		// pairs, as it does the prose.
		lines := strings.Split(string(src), "\n")
		for i := 1; lines[i] != "---"; i++ {
			lines[i] = fmt.Sprintf(`<span data-ttu-id="fm-%d">%s</span><span class="sxs-lookup"><span data-stu-id="fm-%d">%s</span></span>`, i, lines[i], i, lines[i])
		}
		bp := docs.Parse(p.File, []byte(strings.Join(lines, "\n")))
		if !slices.ContainsFunc(bp.Diagnostics, func(d docs.Diagnostic) bool {
			return d.Code == docs.CodeFrontMatter.ID && d.Severity == docs.Warning
		}) {
			t.Fatalf("wrapped front matter gives no DG1001 warning: %v", bp.Diagnostics)
		}
		if len(bp.Operations) == 0 || len(bp.Permissions.DelegatedWork) == 0 || len(bp.Examples) == 0 {
			t.Fatalf("page with a broken front matter lost its API content: %d operations, permissions %v, %d examples", len(bp.Operations), bp.Permissions, len(bp.Examples))
		}
		broken = append(broken, bp)
	}
	if !found {
		t.Fatalf("docs-input has no %s", damaged)
	}
	opts := Options{Package: "graph", SourceRoot: "../docs-input"}
	sound, res := mustGenerate(t, pages, opts), mustGenerate(t, broken, opts)
	var dirs []string
	for _, p := range res.Packages {
		dirs = append(dirs, p.Dir)
	}
	if diff := cmp.Diff([]string{"graph", "graphbeta"}, dirs); diff != "" {
		t.Fatalf("packages (-want +got):\n%s", diff)
	}
	want, err := PackageMethods(sound.Files)
	if err != nil {
		t.Fatal(err)
	}
	got, err := PackageMethods(res.Files)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("methods and their source pages by package (-sound page +broken front matter):\n%s", diff)
	}
	if !strings.Contains(clientText(res, "graphbeta"), "func (c *Client) PostDeviceManagementManagedDevicesByIDRecoverPasscode(") {
		t.Error("graphbeta lacks the damaged page's method")
	}
	if testing.Short() {
		return
	}
	goCheck(t, res, t.TempDir())
}
