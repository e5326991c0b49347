package lint_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/docs2go/docs2go/internal/lint"
	"github.com/docs2go/docs2go/parser/diag"
	"github.com/google/go-cmp/cmp"
)

// TestApplyEditsChanged: an edit whose range no longer holds the text it
// was made for means the page changed since it was linted.
func TestApplyEditsChanged(t *testing.T) {
	src := []byte("GET widgets\nGET gadgets\n")
	edit := lint.Edit{Start: diag.Pos{Line: 2, Col: 5}, End: diag.Pos{Line: 2, Col: 12}, Old: "gadgets", New: "/gadgets"}
	out, n, err := lint.ApplyEdits(src, []lint.Edit{edit})
	if err != nil || n != 1 || string(out) != "GET widgets\nGET /gadgets\n" {
		t.Errorf("ApplyEdits = %q, %d, %v", out, n, err)
	}
	for _, changed := range []string{"GET widgets\nGET sprockets\n", "GET gadgets\n", "GET widgets\nGET  gadgets\n"} {
		if _, _, err := lint.ApplyEdits([]byte(changed), []lint.Edit{edit}); !errors.Is(err, lint.ErrChanged) {
			t.Errorf("%q: err %v, want ErrChanged", changed, err)
		}
	}
}

// TestWriteFixes: pages are replaced whole, with their mode kept; a page
// that changed since it was read, or is a link, is left as it is, and no
// temporary file stays behind.
func TestWriteFixes(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string, mode os.FileMode) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), mode); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := write("a.md", "GET a\n", 0o640)
	b := write("b.md", "GET b (edited by someone else)\n", 0o644)
	target := write("target.txt", "GET c\n", 0o644)
	link := filepath.Join(dir, "c.md")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	errs := lint.WriteFixes([]lint.PageFix{
		{File: a, Old: []byte("GET a\n"), New: []byte("GET /a\n")},
		{File: b, Old: []byte("GET b\n"), New: []byte("GET /b\n")},
		{File: link, Old: []byte("GET c\n"), New: []byte("GET /c\n")},
	})
	if errs[0] != nil || !errors.Is(errs[1], lint.ErrChanged) || errs[2] == nil || errors.Is(errs[2], lint.ErrChanged) {
		t.Errorf("errors %v", errs)
	}
	got := map[string]string{}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		b, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		fi, _ := os.Lstat(filepath.Join(dir, e.Name()))
		got[e.Name()] = fi.Mode().String() + " " + string(b)
	}
	want := map[string]string{
		"a.md":       "-rw-r----- GET /a\n",
		"b.md":       "-rw-r--r-- GET b (edited by someone else)\n",
		"c.md":       "Lrwxrwxrwx GET c\n",
		"target.txt": "-rw-r--r-- GET c\n",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("folder after WriteFixes (-want +got):\n%s", diff)
	}
}
