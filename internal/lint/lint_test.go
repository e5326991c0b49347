package lint_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	_ "github.com/docs2go/docs2go/gen" // its rules are in docs/rules.md too
	"github.com/docs2go/docs2go/internal/goldentest"
	"github.com/docs2go/docs2go/internal/lint"
	"github.com/docs2go/docs2go/parser"
	"github.com/docs2go/docs2go/parser/diag"
	"github.com/google/go-cmp/cmp"
)

const pagesDir = "testdata/pages"

var refFile = filepath.Join(pagesDir, "en-US", "concepts", "permissions-reference.md")

func reference(t *testing.T) *lint.Reference {
	t.Helper()
	src, err := os.ReadFile(refFile)
	if err != nil {
		t.Fatal(err)
	}
	ref := lint.NewReference(parser.Parse(refFile, src))
	if ref.Len() < 10 {
		t.Fatalf("reference has %d names", ref.Len())
	}
	return ref
}

func pageFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// lintFiles lints files as the CLI does: one page at a time, then Finish.
func lintFiles(t *testing.T, ref *lint.Reference, files []string) []lint.Finding {
	t.Helper()
	l := lint.New(lint.Options{Reference: ref}, files)
	var out []lint.Finding
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, l.Page(parser.Parse(f, src))...)
	}
	out = l.Finish(out)
	lint.SortFindings(out)
	return out
}

// want is a `<!-- want LINE:COL RULE "regexp" -->` marker: a finding of
// RULE must start exactly at LINE:COL with a message (followed by " => "
// and the suggestion, when there is one) that the regexp matches.
type want struct {
	file      string
	line, col int
	rule      string
	re        *regexp.Regexp
}

var wantMarker = regexp.MustCompile(`<!-- want (\d+):(\d+) (\S+) "((?:[^"\\]|\\.)*)" -->`)

func wants(t *testing.T, files []string) []want {
	t.Helper()
	var out []want
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range wantMarker.FindAllStringSubmatch(string(src), -1) {
			line, _ := strconv.Atoi(m[1])
			col, _ := strconv.Atoi(m[2])
			re, err := regexp.Compile(m[4])
			if err != nil {
				t.Fatalf("%s: bad want regexp %q: %v", f, m[4], err)
			}
			out = append(out, want{file: f, line: line, col: col, rule: m[3], re: re})
		}
	}
	return out
}

func findingText(f lint.Finding) string {
	s := f.Message
	if f.Suggestion != "" {
		s += " => " + f.Suggestion
	}
	return s
}

// TestRules runs every rule on the test pages: each marker must be met by
// one finding at exactly its position, and every finding must have a
// marker, so missing and unexpected findings both fail. Clean pages have
// no marker and so must have no finding.
func TestRules(t *testing.T) {
	files := pageFiles(t, pagesDir)
	got := lintFiles(t, reference(t), files)
	ws := wants(t, files)
	used := make([]bool, len(got))
	for _, w := range ws {
		found := false
		for i, f := range got {
			if !used[i] && f.File == w.file && f.Pos.Line == w.line && f.Pos.Col == w.col && f.Code == w.rule && w.re.MatchString(findingText(f)) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			t.Errorf("%s:%d:%d: missing %s finding matching %q", w.file, w.line, w.col, w.rule, w.re)
		}
	}
	for i, f := range got {
		if !used[i] {
			t.Errorf("unexpected finding %s", f.String())
		}
		if !f.End.IsValid() || f.End.Before(f.Pos) {
			t.Errorf("finding %s has end %v before its start", f.String(), f.End)
		}
	}
	// Every lint rule has a test page where it fires.
	fired := map[string]bool{}
	for _, w := range ws {
		fired[w.rule] = true
	}
	for _, r := range diag.Rules() {
		if r.Stage == "lint" && !fired[r.ID] {
			t.Errorf("rule %s (%s) fires on no test page", r.ID, r.Name)
		}
	}
}

// TestCorpusDefects checks the defects the issue names, written on the
// team's own pages, get the right suggestion.
func TestNamedDefects(t *testing.T) {
	files := pageFiles(t, pagesDir)
	got := lintFiles(t, reference(t), files)
	for _, c := range []struct{ rule, text, suggestion string }{
		{"DG2201", "DeviceManagementManagedDevices.PriviligedOperation.All", "DeviceManagementManagedDevices.PrivilegedOperations.All"},
		{"DG2201", "Group.Read.WriteAll", "Group.ReadWrite.All"},
		{"DG2201", "ManagedTenants.WriteRead.All", "ManagedTenants.ReadWrite.All"},
		{"DG2101", `"widgets"`, "/widgets"},
		{"DG2203", "Schedule。 All，Group. 所有", "Schedule.ReadWrite.All, Group.ReadWrite.All"},
		{"DG2203", "任务.读取，任务.ReadWrite", ""},
		{"DG2203", "BookingsAppointment，全部，全部登记", "BookingsAppointment.ReadWrite.All"},
	} {
		ok := false
		for _, f := range got {
			if f.Code == c.rule && strings.Contains(f.Message, c.text) {
				ok = true
				if f.Suggestion != c.suggestion {
					t.Errorf("%s %s: suggestion %q, want %q", c.rule, c.text, f.Suggestion, c.suggestion)
				}
			}
		}
		if !ok {
			t.Errorf("no %s finding for %s", c.rule, c.text)
		}
	}
}

// TestFix applies --fix's edits to a copy of the test pages: the fixable
// findings are gone, nothing else changed.
func TestFix(t *testing.T) {
	tmp := t.TempDir()
	var files []string
	for _, f := range pageFiles(t, pagesDir) {
		rel, _ := filepath.Rel(pagesDir, f)
		dst := filepath.Join(tmp, rel)
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, src, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, dst)
	}
	ref := reference(t)
	before := lintFiles(t, ref, files)
	edits := map[string][]lint.Edit{}
	fixable := 0
	for _, f := range before {
		if len(f.Edits) > 0 {
			fixable++
			edits[f.File] = append(edits[f.File], f.Edits...)
		}
	}
	if fixable < 5 {
		t.Fatalf("only %d fixable findings on the test pages", fixable)
	}
	for file, es := range edits {
		src, _ := os.ReadFile(file)
		out, n, err := lint.ApplyEdits(src, es)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if n != len(es) {
			t.Errorf("%s: %d of %d edits applied", file, n, len(es))
		}
		if err := lint.WriteFileAtomic(file, out); err != nil {
			t.Fatal(err)
		}
	}
	after := lintFiles(t, ref, files)
	for _, f := range after {
		if len(f.Edits) > 0 {
			t.Errorf("after --fix, still fixable: %s", f.String())
		}
	}
	key := func(f lint.Finding) string { return f.File + " " + f.Code + " " + f.Message }
	var wantLeft []string
	for _, f := range before {
		if len(f.Edits) == 0 {
			wantLeft = append(wantLeft, key(f))
		}
	}
	var left []string
	for _, f := range after {
		left = append(left, key(f))
	}
	if diff := cmp.Diff(wantLeft, left); diff != "" {
		t.Errorf("findings after --fix other than the unfixable ones (-want +got):\n%s", diff)
	}
}

func TestSuggest(t *testing.T) {
	ref := lint.ReferenceOf([]string{"Mail.Read", "Mail.ReadWrite", "User.Read", "User.Read.All", "Group.ReadWrite.All", "Group.Read.All", "Reports.Read.All",
		"DeviceManagementManagedDevices.PrivilegedOperations.All", "PrivilegedAccess.Read.AzureADResources", "TeamsAppInstallation.ReadWriteForTeam.All"})
	for _, c := range []struct {
		name string
		want []string
	}{
		{"mail.read", []string{"Mail.Read"}},
		{"Group.Read.WriteAll", []string{"Group.ReadWrite.All"}},
		{"Group.WriteRead.All", []string{"Group.ReadWrite.All"}},
		{"Report.Read.All", []string{"Reports.Read.All"}},
		{"Calendars.Read", nil},
		{"DeviceManagementManagedDevices.PriviligedOperation.All", []string{"DeviceManagementManagedDevices.PrivilegedOperations.All"}},
		// Another word is another permission (newer than the reference), not a typo.
		{"PrivilegedAccess.Read.AzureResources", nil},
		{"TeamsAppInstallation.ReadWriteForChat.All", nil},
	} {
		if diff := cmp.Diff(c.want, ref.Suggest(c.name)); diff != "" {
			t.Errorf("Suggest(%q) (-want +got):\n%s", c.name, diff)
		}
	}
}

// TestDamagedCells reads cells of many scripts by their shape.
func TestDamagedCells(t *testing.T) {
	ref := lint.ReferenceOf([]string{"Schedule.ReadWrite.All", "Group.ReadWrite.All", "Tasks.Read", "Tasks.ReadWrite", "BookingsAppointment.ReadWrite.All", "User.Read", "Mail.Send"})
	for _, c := range []struct {
		cell    string
		damaged bool
	}{
		{"Schedule。 All，Group. 所有", true},
		{"任务.读取，任务.ReadWrite", true},
		{"BookingsAppointment，全部，全部登记", true},
		{"Tasks.Чтение, Tasks.ReadWrite", true},
		{"Пользователь.Чтение", true},
		{"User। Read", true},
		{"Mail.Send", false},
		{"User.Read, Mail.Send", false},
		{"Not supported.", false},
		{"不支持。", false},
		{"Não suportado.", false},
		{"サポートされていません。", false},
		{"غير مدعوم.", false},
		{"Не поддерживается.", false},
		{"User.Read (только для собственного профиля)", false},
		{"Application permissions are not supported.", false},
	} {
		if got := lint.Damaged(c.cell, ref); got != c.damaged {
			t.Errorf("Damaged(%q) = %v, want %v", c.cell, got, c.damaged)
		}
	}
}

// TestRulesDoc keeps docs/rules.md equal to what the registry says.
func TestRulesDoc(t *testing.T) {
	var b bytes.Buffer
	if err := lint.WriteRulesMarkdown(&b); err != nil {
		t.Fatal(err)
	}
	goldentest.Check(t, filepath.Join("..", "..", "docs", "rules.md"), b.Bytes())
}

func TestBaseline(t *testing.T) {
	f := func(line int, msg string) lint.Finding {
		return lint.Finding{Diagnostic: diag.Diagnostic{Code: "DG2201", File: "a.md", Pos: diag.Pos{Line: line, Col: 1}, Message: msg}}
	}
	old := []lint.Finding{f(10, "permission X.Y is not in the permissions reference"), f(12, "GET /a is documented twice (first at line 3)")}
	b := lint.NewBaseline(old)
	// The page was edited above: same findings on other lines, one new.
	now := []lint.Finding{f(20, "permission X.Y is not in the permissions reference"), f(22, "GET /a is documented twice (first at line 13)"), f(30, "permission Z.W is not in the permissions reference")}
	left := b.Filter(now)
	if len(left) != 1 || left[0].Pos.Line != 30 {
		t.Errorf("Filter left %v, want only the new finding at line 30", fmt.Sprint(left))
	}
}

// TestSuggestFromUse: a name the reference lacks altogether gets its
// suggestion from the names the other linted pages use.
func TestSuggestFromUse(t *testing.T) {
	page := func(scope string) string {
		return "---\ntitle: t\ndescription: d\ndoc_type: apiPageType\n---\n\n# T\n\n## Permissions\n\n| Permission type | Permissions |\n|:--|:--|\n| Application | " + scope + " |\n"
	}
	ref := lint.ReferenceOf([]string{"User.Read"})
	var files []string
	srcs := map[string]string{}
	for i, scope := range []string{"Tenants.ReadWrite.All", "Tenants.ReadWrite.All", "Tenants.ReadWrite.All", "Tenants.WriteRead.All", "Tenants.Frob.All"} {
		f := fmt.Sprintf("x/api-reference/v1.0/api/p%d.md", i)
		files = append(files, f)
		srcs[f] = page(scope)
	}
	l := lint.New(lint.Options{Reference: ref}, files)
	var fs []lint.Finding
	for _, f := range files {
		fs = append(fs, l.Page(parser.Parse(f, []byte(srcs[f])))...)
	}
	fs = l.Finish(fs)
	got := map[string]string{}
	for _, f := range fs {
		if f.Code == "DG2201" {
			got[f.File] = f.Suggestion
			if f.Suggestion != "" && (len(f.Edits) != 1 || f.Edits[0].New != f.Suggestion) {
				t.Errorf("%s: edits %v", f.File, f.Edits)
			}
		}
	}
	want := map[string]string{files[0]: "", files[1]: "", files[2]: "", files[3]: "Tenants.ReadWrite.All", files[4]: ""}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("suggestions (-want +got):\n%s", diff)
	}
}
