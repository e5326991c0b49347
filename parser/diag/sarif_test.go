package diag_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/docs2go/docs2go/parser/diag"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

var sarifSchema = filepath.Join("..", "..", "..", "shared", "schemas", "sarif-schema-2.1.0.json")

// TestSARIFSchema validates the SARIF printer's output against the SARIF
// 2.1.0 JSON schema.
func TestSARIFSchema(t *testing.T) {
	if _, err := os.Stat(sarifSchema); err != nil {
		t.Skipf("SARIF schema not found at %s (../shared is not checked out): %v", sarifSchema, err)
	}
	r := diag.Register(diag.Rule{ID: "TS9001", Name: "sarif-test-rule", Severity: diag.Warning, Stage: "lint",
		Summary: "a test rule", Doc: "Documentation.", Bad: "bad | page", Good: "good page"})
	var b bytes.Buffer
	p := &diag.SARIFPrinter{W: &b, Version: "test"}
	ds := []diag.Diagnostic{
		r.Diag("docs/a b.md", diag.Pos{Line: 3, Col: 5}, diag.Pos{Line: 3, Col: 9}, "a finding"),
		r.Diag("docs/c.md", diag.Pos{Line: 1, Col: 1}, diag.Pos{}, "a point finding"),
		{Code: "DG2201", Severity: diag.Error, File: "x.md", Pos: diag.Pos{Line: 2, Col: 1}, End: diag.Pos{Line: 4, Col: 2}, Message: "m", Suggestion: "S.Read"},
		{Code: "UNKNOWN", Severity: diag.Info, File: "y.md", Message: "no position"},
	}
	for _, d := range ds {
		if err := p.Print(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	sch, err := c.Compile(sarifSchema)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(doc); err != nil {
		t.Fatalf("SARIF output does not validate: %v\n%s", err, b.String())
	}
	// What GitHub reads: rules with help, results pointing at them, regions with an end.
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID   string `json:"id"`
						Help struct {
							Text string `json:"text"`
						} `json:"help"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region *struct {
							StartLine, StartColumn, EndLine, EndColumn int
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if len(run.Results) != 4 {
		t.Fatalf("%d results, want 4", len(run.Results))
	}
	res := run.Results[0]
	if got := run.Tool.Driver.Rules[res.RuleIndex]; got.ID != "TS9001" || got.Help.Text == "" {
		t.Errorf("result 0 points at rule %+v, want TS9001 with help", got)
	}
	loc := res.Locations[0].PhysicalLocation
	if loc.ArtifactLocation.URI != "docs/a%20b.md" || loc.Region == nil || loc.Region.StartLine != 3 || loc.Region.StartColumn != 5 || loc.Region.EndLine != 3 || loc.Region.EndColumn != 9 {
		t.Errorf("result 0 location %+v %+v", loc.ArtifactLocation, loc.Region)
	}
	if run.Results[3].RuleIndex != -1 || run.Results[3].Locations[0].PhysicalLocation.Region != nil {
		t.Errorf("unknown rule without position: %+v", run.Results[3])
	}
}
