package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/docs2go/docs2go/internal/lint"
	"github.com/google/go-cmp/cmp"
)

const fixPages = "../lint/testdata/pages"

// fixCopies lays out copies of the lint test pages under in (c00, c01,
// ...), enough that rewriting the fixable ones takes a while.
func fixCopies(t *testing.T, in string, n int) {
	t.Helper()
	for i := range n {
		copyTree(t, fixPages, filepath.Join(in, fmt.Sprintf("c%02d", i)))
	}
}

// isFixTemp tells a temporary file of lint --fix by its name.
func isFixTemp(rel string) bool {
	ok, _ := filepath.Match(lint.TempPattern, filepath.Base(rel))
	return ok
}

// TestLintFixKilled runs the built binary's lint --fix over copies of the
// test pages and kills it (SIGKILL) at moments spread over the run:
// afterwards every page is byte for byte either as it was or entirely
// fixed, nothing else changed but temporary files of the fix, and a rerun
// finishes the job, removes those files and leaves no fixable finding.
func TestLintFixKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "docs2go")
	build := exec.Command("go", "build", "-o", bin, "../../cmd/docs2go")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	ref, err := filepath.Abs(filepath.Join(fixPages, "en-US", "concepts", "permissions-reference.md"))
	if err != nil {
		t.Fatal(err)
	}
	pristine := filepath.Join(dir, "pristine")
	const copies = 24
	fixCopies(t, pristine, copies)
	in := filepath.Join(dir, "in")
	fix := func() *exec.Cmd {
		return exec.Command(bin, "lint", "--permissions", ref, "--fix", "--format", "json", in)
	}
	// runFix runs lint --fix to its end: exit 1 (findings without a fix
	// are left), never 2.
	runFix := func(what string) string {
		t.Helper()
		var stdout, stderr bytes.Buffer
		cmd := fix()
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 {
			t.Fatalf("%s: %v, want exit 1\n%s", what, err, stderr.String())
		}
		return stdout.String()
	}
	restore := func() {
		t.Helper()
		if err := os.RemoveAll(in); err != nil {
			t.Fatal(err)
		}
		if err := os.CopyFS(in, os.DirFS(pristine)); err != nil {
			t.Fatal(err)
		}
	}

	before := snapshot(t, pristine)
	restore()
	start := time.Now()
	out := runFix("lint --fix")
	took := time.Since(start)
	after := snapshot(t, in)
	changed := 0
	for p, b := range before {
		if after[p] != b {
			changed++
		}
	}
	if changed < copies || len(after) != len(before) {
		t.Fatalf("lint --fix changed %d of %d entries (%d after); the test needs it to fix pages in each copy", changed, len(before), len(after))
	}
	// Fixed means clean for the fixable rules.
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var f struct{ Rule, Suggestion, File string }
		if err := json.Unmarshal([]byte(line), &f); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		if f.Suggestion != "" && (f.Rule == "DG2101" || f.Rule == "DG2201" || f.Rule == "DG5001") {
			t.Errorf("after --fix, %s still has %s (%s)", f.File, f.Rule, f.Suggestion)
		}
	}

	states := map[string]int{}
	killed := 0
	// Moments spread over the run, then moments after the first
	// temporary file appears (the fixed pages being staged), then after
	// the first page is replaced (the renames).
	spread := []time.Duration{0, 1, 2, 3, 4, 5, 6, 8}
	afterTemp := []time.Duration{0, 5, 10, 20, 40, 80}
	afterRename := []time.Duration{0, 500 * time.Microsecond, time.Millisecond, 2 * time.Millisecond, 3 * time.Millisecond, 5 * time.Millisecond}
	firstTemp := filepath.Join(in, "c00", "en-US", "api-reference", "v1.0", "api", lint.TempPattern)
	firstPage := filepath.Join(in, "c00", "en-US", "api-reference", "v1.0", "api", "widget-paths.md")
	firstFixed := after[filepath.Join("c00", "en-US", "api-reference", "v1.0", "api", "widget-paths.md")]
	waitFor := func(cond func() bool) {
		for deadline := time.Now().Add(3 * took); time.Now().Before(deadline) && !cond(); {
			time.Sleep(50 * time.Microsecond)
		}
	}
	rounds := len(spread) + len(afterTemp) + len(afterRename)
	for i := range rounds {
		restore()
		cmd := fix()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		var at string
		switch {
		case i < len(spread):
			d := took * spread[i] / 6
			time.Sleep(d)
			at = d.String()
		case i < len(spread)+len(afterTemp):
			waitFor(func() bool { m, _ := filepath.Glob(firstTemp); return len(m) > 0 })
			d := afterTemp[i-len(spread)] * time.Millisecond
			time.Sleep(d)
			at = "the first temporary file + " + d.String()
		default:
			waitFor(func() bool { b, _ := os.ReadFile(firstPage); return string(b) == firstFixed })
			d := afterRename[i-len(spread)-len(afterTemp)]
			time.Sleep(d)
			at = "the first page replaced + " + d.String()
		}
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		var exit *exec.ExitError
		if errors.As(err, &exit) && !exit.Exited() {
			killed++
		}
		got := snapshot(t, in)
		old, fixed, temps := 0, 0, 0
		for p, b := range got {
			switch {
			case isFixTemp(p):
				temps++
			case b == before[p] && b == after[p]:
			case b == before[p]:
				old++
			case b == after[p]:
				fixed++
			default:
				t.Fatalf("killed at %s: %s is neither as it was nor fixed:\n%s", at, p, cmp.Diff(before[p], b))
			}
		}
		for p := range before {
			if _, ok := got[p]; !ok {
				t.Fatalf("killed at %s: %s is gone", at, p)
			}
		}
		state := "all as they were"
		switch {
		case fixed == changed:
			state = "all fixed"
		case fixed > 0:
			state = "some fixed"
		}
		if temps > 0 {
			state += ", temporary files left"
		}
		states[state]++
		// The rerun finishes the job from wherever the killed run stopped.
		runFix(fmt.Sprintf("rerun after a kill at %s", at))
		if diff := cmp.Diff(after, snapshot(t, in)); diff != "" {
			t.Fatalf("rerun after a kill at %s (-want +got):\n%s", at, diff)
		}
	}
	if killed == 0 {
		t.Fatal("no run was killed before it ended")
	}
	t.Logf("%d of %d runs killed (a run takes %v): %v", killed, rounds, took, states)
}

// TestLintFixLinks: lint --fix does not write through a symbolic link to a
// page, to a page inside the tree or outside it; it says why, exits 2,
// and still fixes the other pages.
func TestLintFixLinks(t *testing.T) {
	dir := t.TempDir()
	in, outside := filepath.Join(dir, "in"), filepath.Join(dir, "outside")
	copyTree(t, fixPages, in)
	const page = "en-US/api-reference/v1.0/api/widget-paths.md"
	target := filepath.Join(outside, "widget-paths.md")
	writeFile(t, target, readFile(t, filepath.Join(in, page)))
	link := filepath.Join(in, "en-US", "linked-paths.md")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	outsideBefore := snapshot(t, outside)
	var o, e bytes.Buffer
	ref := filepath.Join(fixPages, "en-US", "concepts", "permissions-reference.md")
	code := Run([]string{"lint", "--permissions", ref, "--fix", in}, nil, &o, &e)
	if code != ExitUsage {
		t.Errorf("exit %d, want %d\n%s", code, ExitUsage, e.String())
	}
	if !strings.Contains(e.String(), link+" is a symbolic link") {
		t.Errorf("stderr does not name the link:\n%s", e.String())
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v", err)
	}
	if diff := cmp.Diff(outsideBefore, snapshot(t, outside)); diff != "" {
		t.Errorf("the link's target changed (-before +after):\n%s", diff)
	}
	if !strings.Contains(readFile(t, filepath.Join(in, page)), "GET /widgets\n") {
		t.Error("the page beside the link was not fixed")
	}
	// The link's findings are still reported, fix included.
	if !strings.Contains(o.String(), "linked-paths.md") {
		t.Errorf("the link's findings are not reported:\n%s", o.String())
	}
}

// TestLintFixStale: a --fix run removes the temporary files a killed run
// left beside the pages, and nothing else that looks like them.
func TestLintFixStale(t *testing.T) {
	in := t.TempDir()
	copyTree(t, fixPages, in)
	api := filepath.Join(in, "en-US", "api-reference", "v1.0", "api")
	writeFile(t, filepath.Join(api, ".docs2go-fix-123456"), "half a page")
	writeFile(t, filepath.Join(api, "docs2go-fix-mine.md.bak"), "a user's file")
	if err := os.Mkdir(filepath.Join(api, ".docs2go-fix-folder"), 0o755); err != nil {
		t.Fatal(err)
	}
	var o, e bytes.Buffer
	ref := filepath.Join(fixPages, "en-US", "concepts", "permissions-reference.md")
	Run([]string{"lint", "--permissions", ref, "--fix", in}, nil, &o, &e)
	if !strings.Contains(e.String(), "removed 1 temporary file a stopped --fix run left") {
		t.Errorf("stderr:\n%s", e.String())
	}
	if _, err := os.Stat(filepath.Join(api, ".docs2go-fix-123456")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the stale temporary file is still there: %v", err)
	}
	for _, keep := range []string{"docs2go-fix-mine.md.bak", ".docs2go-fix-folder"} {
		if _, err := os.Stat(filepath.Join(api, keep)); err != nil {
			t.Errorf("%s: %v", keep, err)
		}
	}
	// --fix --diff writes nothing, stale files included.
	writeFile(t, filepath.Join(api, ".docs2go-fix-654321"), "half a page")
	Run([]string{"lint", "--permissions", ref, "--fix", "--diff", in}, nil, &o, &e)
	if _, err := os.Stat(filepath.Join(api, ".docs2go-fix-654321")); err != nil {
		t.Errorf("--fix --diff removed a file: %v", err)
	}
}
