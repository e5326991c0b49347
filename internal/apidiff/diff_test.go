package apidiff

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/docs2go/docs2go/internal/goldentest"
	"github.com/google/go-cmp/cmp"
)

func load(t testing.TB, paths []string, dirs ...string) []*Tree {
	t.Helper()
	var srcs []Source
	for _, d := range dirs {
		s, err := OpenSource(d, ".")
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, s)
	}
	trees, err := Load(srcs, paths, true)
	if err != nil {
		t.Fatal(err)
	}
	return trees
}

// brief is a finding as the tests compare it.
type brief struct{ ID, Op, Old, New string }

func briefs(fs []Finding) []brief {
	var out []brief
	for _, f := range fs {
		out = append(out, brief{f.Check.ID, f.Version + " " + f.Operation, f.Old, f.New})
	}
	return out
}

func TestCompare(t *testing.T) {
	trees := load(t, nil, "testdata/diff/old", "testdata/diff/new")
	fs := Compare(trees[0], trees[1])
	get := "v1.0 GET /widgets/{widget-id}"
	upd := "v1.0 PATCH /widgets/{widget-id}"
	want := []brief{
		// widget-get.md became widget-read.md: the operation is followed,
		// and only its returned type changed.
		{"response-property-removed", get, "color", ""},
		{"response-property-type-changed", get, "Int32", "Int64"},
		{"response-property-added", get, "", "shape"},
		{"path-added", "v1.0 PATCH /me/widgets/{widget-id}", "", "PATCH /me/widgets/{widget-id}"},
		{"path-removed", "v1.0 PATCH /users/{id}/widgets/{widget-id}", "PATCH /users/{id}/widgets/{widget-id}", ""},
		{"header-became-required", upd, "Content-Type (optional)", "Content-Type (required)"},
		{"method-changed", upd, "PUT", "PATCH"},
		{"permission-removed", upd, "delegated (work or school account): Widget.ReadWrite.All, Directory.ReadWrite.All", "delegated (work or school account): Widget.ReadWrite.All"},
		{"request-property-type-changed", upd, "Int32", "Int64"},
		{"required-header-added", upd, "", "If-Match (required)"},
		{"required-request-property-added", upd, "", "shape"},
		{"response-body-removed", upd, "widget", "204 No Content"},
		{"query-parameter-removed", upd, "$select", ""},
		{"request-property-removed", upd, "color", ""},
		{"success-status-changed", upd, "200", "204"},
		{"optional-header-added", upd, "", "Prefer (optional)"},
		{"permission-added", upd, "application: Not supported", "application: Widget.ReadWrite.All"},
		{"query-parameter-added", upd, "", "$expand"},
		{"request-property-became-optional", upd, "name (required)", "name (optional)"},
	}
	if d := cmp.Diff(want, briefs(fs)); d != "" {
		t.Errorf("findings (-want +got):\n%s", d)
	}
	for _, f := range fs {
		if f.Check.ID == "path-removed" {
			if got := f.OldAt.String(); got != "testdata/diff/old/api-reference/v1.0/api/widget-update.md:28:1" {
				t.Errorf("path-removed old position = %s", got)
			}
			if f.Check.Level != Breaking {
				t.Errorf("path-removed level = %s", f.Check.Level)
			}
		}
	}
	// The reverse comparison finds the mirror changes.
	back := Counts(Compare(trees[1], trees[0]))
	for id, n := range map[string]int{"path-added": 1, "path-removed": 1, "method-changed": 1, "permission-added": 1, "permission-removed": 1, "header-became-optional": 1} {
		if back[id] != n {
			t.Errorf("reverse: %d %s, want %d", back[id], id, n)
		}
	}
	// Formats: goldens reviewed like code.
	for _, f := range []Format{FormatText, FormatJSON, FormatMarkdown, FormatGitHubActions} {
		var b bytes.Buffer
		if err := Write(&b, f, "API changes from old to new", fs); err != nil {
			t.Fatal(err)
		}
		goldentest.Check(t, filepath.Join("..", "..", "golden", "apidiff", "diff."+string(f)), b.Bytes())
	}
	var b bytes.Buffer
	if err := WriteChangelog(&b, "API changelog: old → new", fs); err != nil {
		t.Fatal(err)
	}
	goldentest.Check(t, filepath.Join("..", "..", "golden", "apidiff", "changelog.md"), b.Bytes())
}

// TestFormattingOnly: line endings, table alignment and blank lines change
// no API.
func TestFormattingOnly(t *testing.T) {
	dir := t.TempDir()
	cell := regexp.MustCompile(`\s*\|\s*`)
	n := 0
	err := filepath.WalkDir("../../docs-input", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel("../../docs-input", p)
		var out []string
		for _, line := range strings.Split(string(src), "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "|") {
				line = cell.ReplaceAllString(line, "  |  ") // realigned table
			}
			out = append(out, line)
			if strings.HasPrefix(line, "#") {
				out = append(out, "") // a blank line more after headings
			}
		}
		edited := strings.ReplaceAll(strings.Join(out, "\n"), "\n", "\r\n") // CRLF
		if edited != string(src) {
			n++
		}
		target := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, []byte(edited), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 20 {
		t.Fatalf("only %d pages edited", n)
	}
	trees := load(t, nil, "../../docs-input", dir)
	if fs := Compare(trees[0], trees[1]); len(fs) > 0 {
		var b bytes.Buffer
		_ = Write(&b, FormatText, "", fs)
		t.Errorf("a formatting-only edit of %d pages reports %d changes:\n%s", n, len(fs), b.String())
	}
}

// TestGitRevisions: two revisions of a repository, read without a
// checkout (the working tree is emptied before the comparison).
func TestGitRevisions(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	repo := t.TempDir()
	gitRun := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	copyDir := func(from string) {
		t.Helper()
		_ = os.RemoveAll(filepath.Join(repo, "docs"))
		err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(from, p)
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			target := filepath.Join(repo, "docs", rel)
			if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
				return err
			}
			return os.WriteFile(target, b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	gitRun("init", "-q", "-b", "main")
	copyDir("testdata/diff/old")
	gitRun("add", "-A")
	gitRun("commit", "-q", "-m", "old")
	copyDir("testdata/diff/new")
	gitRun("add", "-A")
	gitRun("commit", "-q", "-m", "new")
	if err := os.RemoveAll(filepath.Join(repo, "docs")); err != nil { // no checkout to read
		t.Fatal(err)
	}
	var srcs []Source
	for _, rev := range []string{"HEAD~1", "HEAD"} {
		s, err := OpenSource(rev, repo)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, s)
	}
	trees, err := Load(srcs, []string{"docs/api-reference"}, false)
	if err != nil {
		t.Fatal(err)
	}
	fs := Compare(trees[0], trees[1])
	folders := load(t, nil, "testdata/diff/old", "testdata/diff/new")
	if d := cmp.Diff(briefs(Compare(folders[0], folders[1])), briefs(fs)); d != "" {
		t.Errorf("revisions and folders differ (-folders +revisions):\n%s", d)
	}
	for _, f := range fs {
		if f.Check.ID == "path-removed" && f.OldAt.String() != "HEAD~1:docs/api-reference/v1.0/api/widget-update.md:28:1" {
			t.Errorf("path-removed old position = %s", f.OldAt)
		}
	}
	if _, err := OpenSource("no-such-revision", repo); err == nil {
		t.Error("OpenSource accepts a revision that does not exist")
	}
}

// TestCorpusRecoverPasscode: the recoverPasscode page of 2018 (the es-ES
// translation's source) against 2021.
func TestCorpusRecoverPasscode(t *testing.T) {
	root := "../../../shared/corpus"
	if _, err := os.Stat(filepath.Join(root, "en-US-source-of-es-ES")); err != nil {
		t.Skipf("corpus not unpacked at %s: %v", root, err)
	}
	page := "api-reference/beta/api/intune-devices-manageddevice-recoverpasscode.md"
	trees := load(t, []string{page}, filepath.Join(root, "en-US-source-of-es-ES"), filepath.Join(root, "en-US"))
	got := map[brief]bool{}
	for _, f := range Compare(trees[0], trees[1]) {
		got[brief{f.Check.ID, f.Version + " " + f.Operation, f.Old, f.New}] = true
		if f.Check.ID == "path-removed" && f.Check.Level != Breaking {
			t.Errorf("path-removed is %s", f.Check.Level)
		}
	}
	op := "beta POST /deviceManagement/managedDevices/{managedDeviceId}/recoverPasscode"
	for _, w := range []brief{
		{"path-added", "beta POST /deviceManagement/comanagedDevices/{managedDeviceId}/recoverPasscode", "", "POST /deviceManagement/comanagedDevices/{managedDeviceId}/recoverPasscode"},
		{"path-removed", "beta POST /users/{usersId}/managedDevices/{managedDeviceId}/recoverPasscode", "POST /users/{usersId}/managedDevices/{managedDeviceId}/recoverPasscode", ""},
		{"permission-added", op, "application: Not supported", "application: DeviceManagementManagedDevices.PriviligedOperation.All"},
	} {
		if !got[w] {
			t.Errorf("missing %+v; got:\n%v", w, got)
		}
	}
}

// TestDoc keeps docs/diff.md in sync with the registry.
func TestDoc(t *testing.T) {
	var b bytes.Buffer
	if err := WriteDoc(&b); err != nil {
		t.Fatal(err)
	}
	goldentest.Check(t, filepath.Join("..", "..", "docs", "diff.md"), b.Bytes())
	for _, c := range Checks("") {
		if !strings.Contains(b.String(), "`"+c.ID+"`") {
			t.Errorf("docs/diff.md lacks %s", c.ID)
		}
	}
}
