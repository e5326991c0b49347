package diag

import (
	"encoding/json"
	"io"
	"path/filepath"
	"strings"
)

// SARIF 2.1.0 output, as GitHub code scanning reads it:
//
//   - every registered rule is listed in tool.driver.rules with its short
//     and full description, help text (doc, bad and good example, in text
//     and markdown) and default level; results name their rule by ruleId and
//     ruleIndex;
//   - a result's region has start and end line and column; columns are
//     1-based bytes as everywhere in docs2go (SARIF's default unit is UTF-16
//     code units: on lines of ASCII the two agree, which is where GitHub
//     places its markers);
//   - artifact URIs are relative paths with forward slashes, which GitHub
//     resolves against the repository root (run the tool from there);
//   - levels are error, warning and note.

// SARIFPrinter collects diagnostics and writes one SARIF log on Close.
type SARIFPrinter struct {
	W       io.Writer
	Version string // the tool's version, if known
	results []Diagnostic
}

func (p *SARIFPrinter) Print(d Diagnostic) error {
	p.results = append(p.results, d)
	return nil
}

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool       sarifTool     `json:"tool"`
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Version        string      `json:"version,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string        `json:"id"`
	Name                 string        `json:"name"`
	ShortDescription     sarifText     `json:"shortDescription"`
	FullDescription      sarifText     `json:"fullDescription"`
	Help                 sarifText     `json:"help"`
	DefaultConfiguration sarifRuleConf `json:"defaultConfiguration"`
	Properties           sarifRuleProp `json:"properties"`
}

type sarifRuleConf struct {
	Level string `json:"level"`
}

type sarifRuleProp struct {
	Tags []string `json:"tags"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

func sarifLevel(s Severity) string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "note"
}

// Close writes the SARIF log.
func (p *SARIFPrinter) Close() error {
	rules := Rules()
	index := map[string]int{}
	drv := sarifDriver{Name: "docs2go", InformationURI: "https://github.com/docs2go/docs2go", Version: p.Version, Rules: []sarifRule{}}
	for i, r := range rules {
		index[r.ID] = i
		help := r.Summary + "\n\n" + r.Doc + "\n\nBad:\n\n" + indent(r.Bad) + "\n\nGood:\n\n" + indent(r.Good)
		md := "**" + r.Summary + "**\n\n" + r.Doc + "\n\nBad:\n\n```markdown\n" + r.Bad + "\n```\n\nGood:\n\n```markdown\n" + r.Good + "\n```"
		drv.Rules = append(drv.Rules, sarifRule{
			ID: r.ID, Name: sarifRuleName(r.Name),
			ShortDescription:     sarifText{Text: r.Summary},
			FullDescription:      sarifText{Text: r.Doc},
			Help:                 sarifText{Text: help, Markdown: md},
			DefaultConfiguration: sarifRuleConf{Level: sarifLevel(r.Severity)},
			Properties:           sarifRuleProp{Tags: []string{"docs2go", r.Stage}},
		})
	}
	run := sarifRun{Tool: sarifTool{Driver: drv}, ColumnKind: "unicodeCodePoints", Results: []sarifResult{}}
	for _, d := range p.results {
		msg := d.Message
		if d.Suggestion != "" {
			msg += " (did you mean \"" + d.Suggestion + "\"?)"
		}
		res := sarifResult{RuleID: d.Code, RuleIndex: -1, Level: sarifLevel(d.Severity), Message: sarifText{Text: msg}}
		if i, ok := index[d.Code]; ok {
			res.RuleIndex = i
		}
		loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: sarifURI(d.File)}}}
		if d.Pos.IsValid() {
			end := d.End
			if !end.IsValid() || end.Before(d.Pos) {
				end = d.Pos
			}
			if end == d.Pos {
				end.Col++ // SARIF regions are not empty: mark one column
			}
			loc.PhysicalLocation.Region = &sarifRegion{StartLine: d.Pos.Line, StartColumn: max(d.Pos.Col, 1), EndLine: end.Line, EndColumn: max(end.Col, 1)}
		}
		res.Locations = []sarifLocation{loc}
		run.Results = append(run.Results, res)
	}
	log := sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}}
	enc := json.NewEncoder(p.W)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}

// sarifRuleName is the rule's name in PascalCase, as SARIF viewers show
// rule names ("unknown-permission" → "UnknownPermission").
func sarifRuleName(name string) string {
	var b strings.Builder
	for _, part := range strings.Split(name, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

// sarifURI writes a file path as a relative URI reference.
func sarifURI(file string) string {
	u := filepath.ToSlash(file)
	u = strings.TrimPrefix(u, "./")
	return strings.NewReplacer("%", "%25", " ", "%20", "#", "%23", "?", "%3F").Replace(u)
}
