package cli

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/docs2go/docs2go/gen"
	"github.com/google/go-cmp/cmp"
)

// snapshot is a folder as it is on disk: each entry's path, and its bytes,
// link target ("-> target") or "dir".
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	snap := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			snap[rel] = "-> " + target
			return err
		case d.IsDir():
			snap[rel] = "dir"
		default:
			b, err := os.ReadFile(p)
			snap[rel] = string(b)
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

// TestGenKilled runs the built binary and kills it (SIGKILL) at moments
// spread over a run that rewrites the output folder: afterwards the folder
// is exactly as it was, or (killed after the switch-over) exactly what the
// run generates, never in between; the next run removes what the killed
// one left beside it.
func TestGenKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "docs2go")
	build := exec.Command("go", "build", "-o", bin, "../../cmd/docs2go")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	in := filepath.Join(dir, "in")
	copyTree(t, "../../docs-input", in)
	out := filepath.Join(dir, "out")
	gen := func(args ...string) *exec.Cmd {
		return exec.Command(bin, append([]string{"gen", "--in", in, "--out", out}, args...)...)
	}
	// The previous output, with a hand-written file and a link beside
	// the generated ones.
	if b, err := gen().CombinedOutput(); err != nil {
		t.Fatalf("first gen: %v\n%s", err, b)
	}
	writeFile(t, filepath.Join(out, "graph", "hand_test.go"), "package graph\n")
	if err := os.Symlink("graph", filepath.Join(out, "link")); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, out)
	// What the second run (doc comments in the pages' languages) makes.
	ref := filepath.Join(dir, "ref")
	if err := os.Rename(out, ref); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(out, os.DirFS(ref)); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(out, "link"))
	os.Symlink("graph", filepath.Join(out, "link"))
	start := time.Now()
	if b, err := gen("--doc-lang", "page").CombinedOutput(); err != nil {
		t.Fatalf("second gen: %v\n%s", err, b)
	}
	took := time.Since(start)
	after := snapshot(t, out)
	if cmp.Equal(before, after) {
		t.Fatal("the second run changes nothing; the test needs one that does")
	}
	killed := 0
	for i := range 12 {
		// Back to the previous output.
		os.RemoveAll(out)
		if err := os.Rename(ref, out); err != nil {
			t.Fatal(err)
		}
		if err := os.CopyFS(ref, os.DirFS(out)); err != nil {
			t.Fatal(err)
		}
		os.Remove(filepath.Join(ref, "link"))
		os.Symlink("graph", filepath.Join(ref, "link"))
		cmd := gen("--doc-lang", "page")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(took * time.Duration(i) / 10)
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		var exit *exec.ExitError
		if errors.As(err, &exit) && !exit.Exited() {
			killed++
		}
		got := snapshot(t, out)
		if !cmp.Equal(got, before) && !cmp.Equal(got, after) {
			t.Fatalf("killed after %v: the output folder is neither the previous one nor the new one:\n%s", took*time.Duration(i)/10, cmp.Diff(before, got))
		}
	}
	if killed == 0 {
		t.Fatal("no run was killed before it ended")
	}
	t.Logf("%d of 12 runs killed (a run takes %v)", killed, took)
	// The next run finishes the job and leaves nothing beside out.
	if b, err := gen("--doc-lang", "page").CombinedOutput(); err != nil {
		t.Fatalf("gen after kills: %v\n%s", err, b)
	}
	if diff := cmp.Diff(after, snapshot(t, out)); diff != "" {
		t.Errorf("gen after kills (-want +got):\n%s", diff)
	}
	left, _ := filepath.Glob(filepath.Join(dir, stagingPattern(out)))
	if len(left) > 0 {
		t.Errorf("staging folders left: %v", left)
	}
}

// TestGenDoesNotFollowLinks puts links in the output folder, to a folder
// and to a file outside it: gen refuses to write through them and what
// they point at is untouched.
func TestGenDoesNotFollowLinks(t *testing.T) {
	for _, tc := range []struct{ name, link string }{
		{"folder", "graph"},
		{"file", "graph/client_gen.go"},
		{"dangling file", "graph/models_gen.go"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			out, outside := filepath.Join(dir, "out"), filepath.Join(dir, "outside")
			writeFile(t, filepath.Join(outside, "client_gen.go"), gen.Header+"\npackage graph\n// outside\n")
			target := outside
			switch tc.name {
			case "file":
				target = filepath.Join(outside, "client_gen.go")
			case "dangling file":
				target = filepath.Join(outside, "missing.go")
			}
			link := filepath.Join(out, filepath.FromSlash(tc.link))
			if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(target, link); err != nil {
				t.Fatal(err)
			}
			before, beforeOut := snapshot(t, outside), snapshot(t, out)
			code, _, stderr := runGenCLI(t, "--in", "../../docs-input", "--out", out)
			if code != ExitUsage {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, ExitUsage, stderr)
			}
			if diff := cmp.Diff(before, snapshot(t, outside)); diff != "" {
				t.Errorf("the link's target changed (-before +after):\n%s", diff)
			}
			if diff := cmp.Diff(beforeOut, snapshot(t, out)); diff != "" {
				t.Errorf("the output folder changed (-before +after):\n%s", diff)
			}
			if !strings.Contains(stderr, "link") && !strings.Contains(stderr, "not a regular file") {
				t.Errorf("stderr does not say why:\n%s", stderr)
			}
		})
	}
}

// TestCheckChangePaths: a path that is not plainly inside the output
// folder is refused, whatever produced it.
func TestCheckChangePaths(t *testing.T) {
	out := t.TempDir()
	for _, p := range []string{"", "../x.go", "/etc/x.go", "a/../../x.go", "a/./b.go", "a//b.go", `a\b.go`, "a/..", "..", "a/b/", "x\x00.go"} {
		if err := checkChangePaths(out, []gen.Change{{Path: p, New: []byte("x")}}); err == nil {
			t.Errorf("%q: accepted", p)
		}
	}
	for _, p := range []string{"graph/client_gen.go", "graph beta/x.go", "gráfico/x.go", "a%2Fb/x.go", "..x/y.go"} {
		if err := checkChangePaths(out, []gen.Change{{Path: p, New: []byte("x")}}); err != nil {
			t.Errorf("%q: %v", p, err)
		}
	}
}
