package diag_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/docs2go/docs2go/parser/diag"
	"github.com/google/go-cmp/cmp"
)

var testRule = diag.Register(diag.Rule{
	ID: "DG9901", Name: "test-rule", Severity: diag.Warning, Stage: "test",
	Summary: "a rule for tests", Doc: "Only tests report it.", Bad: "bad", Good: "good",
})

func TestRegisterRejectsDuplicatesAndUndocumented(t *testing.T) {
	for name, r := range map[string]diag.Rule{
		"duplicate ID":   {ID: "DG9901", Name: "other", Severity: diag.Warning, Summary: "s", Doc: "d", Bad: "b", Good: "g"},
		"duplicate name": {ID: "DG9902", Name: "test-rule", Severity: diag.Warning, Summary: "s", Doc: "d", Bad: "b", Good: "g"},
		"no doc":         {ID: "DG9903", Name: "no-doc", Severity: diag.Warning, Summary: "s", Bad: "b", Good: "g"},
		"no severity":    {ID: "DG9904", Name: "no-sev", Summary: "s", Doc: "d", Bad: "b", Good: "g"},
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("Register(%+v) did not panic", r)
				}
			}()
			diag.Register(r)
		})
	}
}

func TestLookup(t *testing.T) {
	for _, key := range []string{"DG9901", "dg9901", "test-rule"} {
		if r, ok := diag.Lookup(key); !ok || r != testRule {
			t.Errorf("Lookup(%q) = %v, %v; want the test rule", key, r, ok)
		}
	}
	if _, ok := diag.Lookup("DG0000"); ok {
		t.Error("Lookup of an unknown ID succeeded")
	}
}

func TestSortOrdersAndDropsRepeats(t *testing.T) {
	a := testRule.Diag("b.md", diag.Pos{Line: 2, Col: 1}, diag.Pos{Line: 2, Col: 5}, "second")
	b := testRule.Diag("a.md", diag.Pos{Line: 9, Col: 1}, diag.Pos{}, "first %d", 1)
	got := diag.Sort([]diag.Diagnostic{a, b, a})
	want := []diag.Diagnostic{
		{Code: "DG9901", Severity: diag.Warning, File: "a.md", Pos: diag.Pos{Line: 9, Col: 1}, End: diag.Pos{Line: 9, Col: 1}, Message: "first 1"},
		a,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Sort (-want +got):\n%s", diff)
	}
}

func TestPrinters(t *testing.T) {
	d := testRule.Diag("docs/a b.md", diag.Pos{Line: 3, Col: 7}, diag.Pos{Line: 3, Col: 12}, "100%% sure,\nnot: really")
	d.Suggestion = "User.Read"
	d.Severity = diag.Error
	for _, tc := range []struct {
		name string
		p    func(w *bytes.Buffer) diag.Printer
		want string
	}{
		{"text", func(w *bytes.Buffer) diag.Printer { return diag.TextPrinter{W: w} },
			"docs/a b.md:3:7: error DG9901: 100% sure,\nnot: really (did you mean \"User.Read\"?)\n"},
		{"json", func(w *bytes.Buffer) diag.Printer { return diag.JSONPrinter{W: w} },
			`{"file":"docs/a b.md","line":3,"column":7,"endLine":3,"endColumn":12,"rule":"DG9901","name":"test-rule","severity":"error","message":"100% sure,\nnot: really","suggestion":"User.Read"}` + "\n"},
		{"github", func(w *bytes.Buffer) diag.Printer { return diag.GitHubPrinter{W: w} },
			"::error file=docs/a b.md,line=3,col=7,endLine=3,endColumn=12,title=DG9901 test-rule::100%25 sure,%0Anot: really (did you mean \"User.Read\"?)\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			p := tc.p(&buf)
			if err := p.Print(d); err != nil {
				t.Fatal(err)
			}
			if err := p.Close(); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, buf.String()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestWriteRule(t *testing.T) {
	var buf bytes.Buffer
	if err := diag.WriteRule(&buf, testRule); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"DG9901 test-rule", "default warning", "Only tests report it.", "Bad:\n\n    bad", "Good:\n\n    good"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("WriteRule output lacks %q:\n%s", want, buf.String())
		}
	}
}

func TestParseSeverity(t *testing.T) {
	for in, want := range map[string]diag.Severity{"error": diag.Error, "WARN": diag.Warning, "note": diag.Info, "off": diag.Off} {
		if got, err := diag.ParseSeverity(in); err != nil || got != want {
			t.Errorf("ParseSeverity(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := diag.ParseSeverity("fatal"); err == nil {
		t.Error("ParseSeverity(fatal) succeeded")
	}
	if !diag.Error.AtLeast(diag.Warning) || diag.Info.AtLeast(diag.Warning) {
		t.Error("AtLeast orders severities wrongly")
	}
}
