package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestDiffCLI(t *testing.T) {
	old, new := "../apidiff/testdata/diff/old", "../apidiff/testdata/diff/new"
	for _, tc := range []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"diff", old, new}, ExitOK, "breaking path-removed: v1.0 PATCH /users/{id}/widgets/{widget-id}"},
		{[]string{"diff", "--fail-on", "breaking", old, new}, ExitFindings, ""},
		{[]string{"diff", old, new, "--fail-on", "potentially-breaking", "--format", "json"}, ExitFindings, `"id":"method-changed"`},
		{[]string{"diff", "--fail-on", "any", old, old}, ExitOK, ""},
		{[]string{"diff", "--format", "markdown", old, new}, ExitOK, "#### `PATCH /widgets/{widget-id}` (v1.0)"},
		{[]string{"diff", "--format", "githubactions", old, new}, ExitOK, "::error file="},
		{[]string{"diff", "--changelog", old, new}, ExitOK, "### Removed"},
		{[]string{"diff", old, new, "--", "api-reference/v1.0/api/widget-read.md"}, ExitOK, "path-added: v1.0 GET /widgets/{widget-id}"},
		{[]string{"diff", old}, ExitUsage, ""},
		{[]string{"diff", "--format", "yaml", old, new}, ExitUsage, ""},
		{[]string{"diff", "--fail-on", "sometimes", old, new}, ExitUsage, ""},
		{[]string{"diff", old, "no-such-folder-or-revision"}, ExitUsage, ""},
	} {
		code, stdout, stderr := runCLI(t, tc.args...)
		if code != tc.code || !strings.Contains(stdout, tc.out) {
			t.Errorf("%v = %d, want %d with %q\nstdout:\n%s\nstderr:\n%s", tc.args, code, tc.code, tc.out, stdout, stderr)
		}
	}
}

// TestDiffGitRevisions runs `docs2go diff HEAD~1 HEAD -- docs` in a
// repository whose working tree no longer has the pages.
func TestDiffGitRevisions(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	repo := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q", "-b", "main")
	copyTree(t, "../apidiff/testdata/diff/old", filepath.Join(repo, "docs"))
	git("add", "-A")
	git("commit", "-q", "-m", "old")
	if err := os.RemoveAll(filepath.Join(repo, "docs")); err != nil {
		t.Fatal(err)
	}
	copyTree(t, "../apidiff/testdata/diff/new", filepath.Join(repo, "docs"))
	git("add", "-A")
	git("commit", "-q", "-m", "new")
	if err := os.RemoveAll(filepath.Join(repo, "docs")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(repo)
	code, stdout, stderr := runCLI(t, "diff", "--fail-on", "breaking", "HEAD~1", "HEAD", "--", "docs")
	if code != ExitFindings || !strings.Contains(stdout, "HEAD:docs/api-reference/v1.0/api/widget-update.md:27:1: breaking method-changed") {
		t.Errorf("diff HEAD~1 HEAD = %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
}

func TestDriftCLI(t *testing.T) {
	src, pt, ru := "../apidiff/testdata/drift/en", "../apidiff/testdata/drift/pt-BR", "../apidiff/testdata/drift/ru-RU"
	code, stdout, stderr := runCLI(t, "drift", "--source", src, pt, ru, "--fail-on", "breaking")
	if code != ExitFindings || !strings.Contains(stdout, "translation-permission-damaged") ||
		!strings.Contains(stderr, "pt-BR ("+pt+"): 3 pages, 2 paired: 1 current, 1 stale, 0 damaged; 1 English pages not translated, 1 orphaned") {
		t.Errorf("drift = %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if code, stdout, _ := runCLI(t, "drift", "--source", src, "--format", "markdown", pt); code != ExitOK || !strings.Contains(stdout, "| pt-BR |") {
		t.Errorf("drift --format markdown = %d\n%s", code, stdout)
	}
	for _, args := range [][]string{{"drift", pt}, {"drift", "--source", src}, {"drift", "--source", src, "--format", "x", pt}} {
		if code, _, _ := runCLI(t, args...); code != ExitUsage {
			t.Errorf("%v = %d, want %d", args, code, ExitUsage)
		}
	}
}
