package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const lintPages = "../lint/testdata/pages"

var lintRef = filepath.Join(lintPages, "en-US", "concepts", "permissions-reference.md")

// copyTree copies the lint test pages to a temporary folder.
func copyTree(t *testing.T, from string) string {
	t.Helper()
	dir := t.TempDir()
	err := filepath.Walk(from, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, src, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestLintFormatsAndExitCodes(t *testing.T) {
	out, errOut, code := run(t, "lint", "--permissions", lintRef, lintPages)
	if code != 1 {
		t.Fatalf("lint exit %d, want 1 (error findings)\n%s", code, errOut)
	}
	if !strings.Contains(out, "widget-permissions.md:15:40: error DG2201: permission DeviceManagementManagedDevices.PriviligedOperation.All is not in the permissions reference (did you mean \"DeviceManagementManagedDevices.PrivilegedOperations.All\"?)") {
		t.Errorf("text output lacks the DG2201 line:\n%s", out)
	}
	if !strings.Contains(out, "\n44 findings\n") || !strings.Contains(out, "      5 DG2201 unknown-permission\n") {
		t.Errorf("text output lacks the count per rule:\n%s", out)
	}

	out, _, _ = run(t, "lint", "--format", "json", "--permissions", lintRef, lintPages)
	objs := jsonLines(t, out)
	if len(objs) != 44 {
		t.Fatalf("%d JSON lines, want 44 (one per finding of the test pages)", len(objs))
	}
	for _, k := range []string{"file", "line", "column", "endLine", "endColumn", "rule", "severity", "message"} {
		if _, ok := objs[0][k]; !ok {
			t.Errorf("JSON line lacks %q: %v", k, objs[0])
		}
	}

	out, _, _ = run(t, "lint", "--format", "sarif", "--permissions", lintRef, lintPages)
	var sarif struct {
		Version string `json:"version"`
		Runs    []struct {
			Results []json.RawMessage `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &sarif); err != nil || sarif.Version != "2.1.0" || len(sarif.Runs[0].Results) != 44 {
		t.Errorf("SARIF output: %v, version %q", err, sarif.Version)
	}

	out, _, _ = run(t, "lint", "--format", "github", "--permissions", lintRef, lintPages)
	if !strings.Contains(out, "::error file=") || !strings.Contains(out, "title=DG2201 unknown-permission::") {
		t.Errorf("github output:\n%s", out)
	}

	// A clean page exits 0; a warning-only page exits 0 too.
	if _, errOut, code := run(t, "lint", "--permissions", lintRef, filepath.Join(lintPages, "en-US/api-reference/v1.0/api/widget-get.md")); code != 0 {
		t.Errorf("clean page: exit %d\n%s", code, errOut)
	}
	if _, _, code := run(t, "lint", "--permissions", lintRef, filepath.Join(lintPages, "en-US/api-reference/v1.0/api/widget-status.md")); code != 0 {
		t.Errorf("warnings only: exit %d, want 0", code)
	}
	// Bad usage and unreadable input exit 2.
	for _, args := range [][]string{
		{"lint"},
		{"lint", "--format", "xml", lintPages},
		{"lint", "--severity", "DG2201=loud", lintPages},
		{"lint", "--disable", "no-such-rule", lintPages},
		{"lint", "--diff", lintPages},
		{"lint", "--permissions", lintRef, "no/such/dir"},
	} {
		if _, _, code := run(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

func TestLintControls(t *testing.T) {
	// --disable and --severity turn errors off or down.
	_, _, code := run(t, "lint", "--permissions", lintRef, "--disable", "DG2201", "--severity", "translated-permission=warning", "--disable", "broken-link", lintPages)
	if code != 0 {
		t.Errorf("with the error rules off or warnings: exit %d, want 0", code)
	}
	// A configuration file found walking up from the linted path.
	dir := copyTree(t, lintPages)
	cfg := "rules:\n  DG2201: off\n  translated-permission: warning\ndisable: [broken-link]\npermissions: en-US/concepts/permissions-reference.md\n"
	if err := os.WriteFile(filepath.Join(dir, ".docs2go.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := run(t, "lint", filepath.Join(dir, "en-US", "api-reference"))
	if code != 0 || strings.Contains(out, "DG2201") {
		t.Errorf("config: exit %d\n%s%s", code, out, errOut)
	}
	if err := os.WriteFile(filepath.Join(dir, ".docs2go.yaml"), []byte("rulez: {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, code := run(t, "lint", dir); code != 2 {
		t.Errorf("bad config: exit %d, want 2", code)
	}
	os.Remove(filepath.Join(dir, ".docs2go.yaml"))

	// Baseline: written, then only new findings count.
	base := filepath.Join(t.TempDir(), "baseline.json")
	if _, errOut, code := run(t, "lint", "--permissions", lintRef, "--baseline", base, "--write-baseline", dir); code != 0 {
		t.Fatalf("write-baseline: exit %d\n%s", code, errOut)
	}
	if out, _, code := run(t, "lint", "--permissions", lintRef, "--baseline", base, dir); code != 0 || out != "" {
		t.Errorf("with the baseline: exit %d, output %q", code, out)
	}
	// Lines move (a line added at the top of a page) and a new defect appears.
	page := filepath.Join(dir, "en-US/api-reference/v1.0/api/widget-permissions.md")
	src, _ := os.ReadFile(page)
	src = []byte(strings.Replace(string(src), "# Reset widget\n", "# Reset widget\n\nAn added paragraph.\n", 1))
	src = []byte(strings.Replace(string(src), "| Application | ManagedTenants.WriteRead.All", "| Application | Mail.Sned, ManagedTenants.WriteRead.All", 1))
	if err := os.WriteFile(page, src, 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, code = run(t, "lint", "--permissions", lintRef, "--baseline", base, dir)
	if code != 1 || strings.Count(out, "DG2201") != 2 || !strings.Contains(out, "Mail.Sned") {
		t.Errorf("baseline after an edit: exit %d, want only the new finding:\n%s", code, out)
	}
}

func TestLintFix(t *testing.T) {
	dir := copyTree(t, lintPages)
	before, _ := os.ReadFile(filepath.Join(dir, "en-US/api-reference/v1.0/api/widget-paths.md"))
	out, _, _ := run(t, "lint", "--permissions", lintRef, "--fix", "--diff", dir)
	if !strings.Contains(out, "-GET widgets\n+GET /widgets\n") || !strings.Contains(out, "+| Application | ManagedTenants.ReadWrite.All") {
		t.Errorf("--fix --diff:\n%s", out)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "en-US/api-reference/v1.0/api/widget-paths.md"))
	if string(before) != string(after) {
		t.Error("--fix --diff wrote a file")
	}
	if _, errOut, _ := run(t, "lint", "--permissions", lintRef, "--fix", dir); !strings.Contains(errOut, "fixed ") {
		t.Errorf("--fix reported no fix:\n%s", errOut)
	}
	out, _, _ = run(t, "lint", "--permissions", lintRef, "--format", "json", dir)
	for _, o := range jsonLines(t, out) {
		if _, ok := o["suggestion"]; ok && (o["rule"] == "DG2101" || o["rule"] == "DG2201" || o["rule"] == "DG5001") {
			t.Errorf("after --fix: %v", o)
		}
	}
}

func TestExplainAndListRules(t *testing.T) {
	out, _, code := run(t, "explain", "unknown-permission")
	if code != 0 || !strings.HasPrefix(out, "DG2201 unknown-permission (lint, default error; fixable with lint --fix)") || !strings.Contains(out, "Bad:") {
		t.Errorf("explain: exit %d\n%s", code, out)
	}
	if _, _, code := run(t, "explain", "DG0000"); code != 2 {
		t.Errorf("explain of an unknown rule: exit %d, want 2", code)
	}
	out, _, code = run(t, "lint", "--list-rules")
	if code != 0 || !strings.Contains(out, "DG2203") || !strings.Contains(out, "DG0001") || !strings.Contains(out, "GEN4006") {
		t.Errorf("--list-rules: exit %d\n%s", code, out)
	}
}
