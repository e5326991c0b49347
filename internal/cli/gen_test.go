package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/docs2go/docs2go/gen"
)

func runGenCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = Run(append([]string{"gen"}, args...), nil, &o, &e)
	return code, o.String(), e.String()
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// copyTree copies the pages of a testdata case into a temporary folder.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		writeFile(t, filepath.Join(to, rel), readFile(t, p))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestGenWriteCheckAndErrors(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	copyTree(t, "../../gen/testdata/naming", in)

	code, _, stderr := runGenCLI(t, "--in", in, "--out", out)
	if code != ExitOK {
		t.Fatalf("gen = %d\n%s", code, stderr)
	}
	client := filepath.Join(out, "graph", "client_me_gen.go") // the methods on /me
	if !strings.HasPrefix(readFile(t, client), gen.Header+"\n") {
		t.Fatalf("%s has no header", client)
	}
	if code, stdout, _ := runGenCLI(t, "--in", in, "--out", out, "--check"); code != ExitOK || stdout != "" {
		t.Fatalf("--check right after gen = %d, diff:\n%s", code, stdout)
	}

	// A hand-written file is never touched; a stale generated one is removed;
	// an edited generated file is reported by --check and restored by gen.
	mine := filepath.Join(out, "graph", "extra.go")
	writeFile(t, mine, "package graph\n\n// Hand-written.\n")
	stale := filepath.Join(out, "graph", "old_gen.go")
	writeFile(t, stale, gen.Header+"\n\npackage graph\n")
	orig := readFile(t, client)
	writeFile(t, client, strings.Replace(orig, "func (c *Client) GetMe(", "func (c *Client) GetMyself(", 1))
	code, stdout, _ := runGenCLI(t, "--in", in, "--out", out, "--check")
	if code != ExitFindings {
		t.Errorf("--check on a changed folder = %d, want %d", code, ExitFindings)
	}
	for _, want := range []string{"--- a/" + filepath.ToSlash(out) + "/graph/client_me_gen.go", "-func (c *Client) GetMyself(", "+func (c *Client) GetMe(", "+++ /dev/null", "@@ -"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("--check diff lacks %q:\n%s", want, stdout)
		}
	}
	if readFile(t, client) == orig {
		t.Fatal("--check wrote the file")
	}
	if code, _, stderr := runGenCLI(t, "--in", in, "--out", out); code != ExitOK {
		t.Fatalf("gen = %d\n%s", code, stderr)
	}
	if readFile(t, client) != orig {
		t.Error("gen did not restore the edited file")
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("stale generated file not removed: %v", err)
	}
	if readFile(t, mine) != "package graph\n\n// Hand-written.\n" {
		t.Error("hand-written file changed")
	}

	// A beta page whose front matter is not YAML (machine translation
	// wrapped its lines in spans) costs only its metadata: both packages
	// are regenerated, its own operations included.
	betaClient := filepath.Join(out, "graphbeta", "client_identitygovernance_gen.go")
	betaPage := filepath.Join(in, "en-US/api-reference/beta/api/accessreviewinstance-filterbycurrentuser.md")
	betaSrc := readFile(t, betaPage)
	broken := strings.Replace(betaSrc, "title: \"accessReviewInstance: filterByCurrentUser\"", "<span data-ttu-id=\"1\">title: \"accessReviewInstance: filterByCurrentUser\"</span>\n  - <x>", 1)
	broken = strings.Replace(broken, "POST /identityGovernance/accessReviews/definitions\n", "POST /identityGovernance/accessReviews/definitions\nGET /identityGovernance/accessReviews/definitions\n", 1)
	writeFile(t, betaPage, broken)
	writeFile(t, filepath.Join(in, "en-US/api-reference/v1.0/api/added.md"), strings.Replace(readFile(t, filepath.Join(in, "en-US/api-reference/v1.0/api/user-get.md")), "GET /me\n", "GET /me\nGET /me/added\n", 1))
	code, _, stderr = runGenCLI(t, "--in", in, "--out", out)
	if code != ExitOK {
		t.Errorf("gen with a broken front matter = %d, want %d\n%s", code, ExitOK, stderr)
	}
	if !strings.Contains(stderr, "accessreviewinstance-filterbycurrentuser.md:") || !strings.Contains(stderr, "warning DG1001") {
		t.Errorf("stderr does not report the broken front matter as a warning:\n%s", stderr)
	}
	if !strings.Contains(readFile(t, client), "GetMeAdded(") {
		t.Error("graph was not regenerated")
	}
	beta := readFile(t, betaClient)
	for _, m := range []string{"ListIdentityGovernanceAccessReviewsDefinitions(", "PostIdentityGovernanceAccessReviewsDefinitions(", "ListIdentityGovernanceAccessReviewsDefinitionsByIDInstancesFilterByCurrentUserOnReviewer("} {
		if !strings.Contains(beta, m) {
			t.Errorf("graphbeta lacks %s of the page with a broken front matter", m)
		}
	}

	// A page whose HTTP request cannot be read blocks only itself: every
	// package is regenerated, and the run names the page and the methods
	// that disappear and exits 1 — --check says which would.
	writeFile(t, betaPage, strings.Replace(betaSrc, "GET /identityGovernance", "GET identityGovernance stuff", 1))
	writeFile(t, betaPage, strings.Replace(readFile(t, betaPage), "POST /identityGovernance/accessReviews/definitions\n", "POST\n", 1))
	writeFile(t, filepath.Join(in, "en-US/api-reference/v1.0/api/added2.md"), strings.Replace(readFile(t, filepath.Join(in, "en-US/api-reference/v1.0/api/user-get.md")), "GET /me\n", "GET /me/added2\n", 1))
	wantNamed := "is damaged (DG2001 at 25:1); the methods it documented %s graphbeta: ListIdentityGovernanceAccessReviewsDefinitions, ListIdentityGovernanceAccessReviewsDefinitionsByIDInstancesFilterByCurrentUserOnReviewer, PostIdentityGovernanceAccessReviewsDefinitions"
	code, _, stderr = runGenCLI(t, "--in", in, "--out", out, "--check")
	if code != ExitFindings || !strings.Contains(stderr, fmt.Sprintf(wantNamed, "would be removed from")) {
		t.Errorf("gen --check with an unreadable request = %d, want %d naming the methods\n%s", code, ExitFindings, stderr)
	}
	code, _, stderr = runGenCLI(t, "--in", in, "--out", out)
	if code != ExitFindings || !strings.Contains(stderr, "accessreviewinstance-filterbycurrentuser.md "+fmt.Sprintf(wantNamed, "are removed from")) {
		t.Errorf("gen with an unreadable request = %d, want %d naming the page and methods\n%s", code, ExitFindings, stderr)
	}
	if !strings.Contains(readFile(t, client), "GetMeAdded2(") {
		t.Error("graph was not regenerated beside the damaged page")
	}

	// Output that is not generated is never overwritten.
	writeFile(t, client, "package graph\n")
	if code, _, stderr := runGenCLI(t, "--in", in, "--out", out); code != ExitUsage || !strings.Contains(stderr, "not generated by docs2go") {
		t.Errorf("gen over a hand-written file = %d\n%s", code, stderr)
	}
	if readFile(t, client) != "package graph\n" {
		t.Error("hand-written client_me_gen.go overwritten")
	}
}

// TestGenSameOutputWhateverGOMAXPROCS generates docs-input/ with one and
// with several processors: pages are parsed and files rendered
// concurrently, and neither the output nor the diagnostics may depend on it.
func TestGenSameOutputWhateverGOMAXPROCS(t *testing.T) {
	dir := t.TempDir()
	trees := map[int]string{}
	for _, procs := range []int{1, 4} {
		out := filepath.Join(dir, fmt.Sprint(procs))
		prev := runtime.GOMAXPROCS(procs)
		code, _, stderr := runGenCLI(t, "--in", "../../docs-input", "--out", out)
		runtime.GOMAXPROCS(prev)
		if code != ExitOK {
			t.Fatalf("gen with GOMAXPROCS=%d: exit %d\n%s", procs, code, stderr)
		}
		var b strings.Builder
		// Diagnostics too, with the output folder's name taken out.
		fmt.Fprintf(&b, "== stderr\n%s", strings.ReplaceAll(stderr, out, "OUT"))
		err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(out, p)
			fmt.Fprintf(&b, "== %s\n%s", rel, readFile(t, p))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		trees[procs] = b.String()
	}
	if trees[1] == "" || trees[1] != trees[4] {
		t.Errorf("output differs between GOMAXPROCS=1 and 4 (or is empty): %d vs %d bytes", len(trees[1]), len(trees[4]))
	}
}
