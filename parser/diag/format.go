package diag

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Format names an output format for a stream of diagnostics.
type Format string

const (
	FormatText   Format = "text"
	FormatJSON   Format = "json"   // JSON Lines, one flat object per finding
	FormatGitHub Format = "github" // GitHub Actions workflow commands
	FormatSARIF  Format = "sarif"  // SARIF 2.1.0, see sarif.go
)

// Printer writes diagnostics in one format. Begin/End bracket formats that
// are one document (SARIF); streaming formats write as they go.
type Printer interface {
	Print(Diagnostic) error
	// Close finishes the output (a SARIF document, a summary).
	Close() error
}

// TextPrinter prints file:line:col: severity CODE: message, one per line.
type TextPrinter struct{ W io.Writer }

func (p TextPrinter) Print(d Diagnostic) error {
	_, err := fmt.Fprintln(p.W, d.String())
	return err
}

func (p TextPrinter) Close() error { return nil }

// jsonLine is the flat JSON Lines shape that editors and CI tools read;
// columns are 1-based bytes, end is exclusive.
type jsonLine struct {
	File       string   `json:"file"`
	Line       int      `json:"line"`
	Column     int      `json:"column"`
	EndLine    int      `json:"endLine"`
	EndColumn  int      `json:"endColumn"`
	Rule       string   `json:"rule"`
	Name       string   `json:"name,omitempty"`
	Severity   Severity `json:"severity"`
	Message    string   `json:"message"`
	Suggestion string   `json:"suggestion,omitempty"`
}

// JSONPrinter prints JSON Lines.
type JSONPrinter struct{ W io.Writer }

func (p JSONPrinter) Print(d Diagnostic) error {
	line := jsonLine{File: d.File, Line: d.Pos.Line, Column: d.Pos.Col, EndLine: d.End.Line, EndColumn: d.End.Col,
		Rule: d.Code, Severity: d.Severity, Message: d.Message, Suggestion: d.Suggestion}
	if r := d.Rule(); r != nil {
		line.Name = r.Name
	}
	b, err := json.Marshal(line)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(p.W, "%s\n", b)
	return err
}

func (p JSONPrinter) Close() error { return nil }

// GitHubPrinter prints GitHub Actions workflow commands, which the runner
// turns into annotations on the pull request's files.
type GitHubPrinter struct{ W io.Writer }

func (p GitHubPrinter) Print(d Diagnostic) error {
	cmd := "warning"
	switch d.Severity {
	case Error:
		cmd = "error"
	case Info:
		cmd = "notice"
	}
	props := []string{"file=" + escapeGitHubProperty(d.File)}
	if d.Pos.IsValid() {
		props = append(props, fmt.Sprintf("line=%d", d.Pos.Line), fmt.Sprintf("col=%d", d.Pos.Col))
		if d.End.IsValid() {
			props = append(props, fmt.Sprintf("endLine=%d", d.End.Line))
			if d.End.Line == d.Pos.Line {
				props = append(props, fmt.Sprintf("endColumn=%d", d.End.Col))
			}
		}
	}
	title := d.Code
	if r := d.Rule(); r != nil {
		title += " " + r.Name
	}
	props = append(props, "title="+escapeGitHubProperty(title))
	msg := d.Message
	if d.Suggestion != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", d.Suggestion)
	}
	_, err := fmt.Fprintf(p.W, "::%s %s::%s\n", cmd, strings.Join(props, ","), escapeGitHubData(msg))
	return err
}

func (p GitHubPrinter) Close() error { return nil }

// escapeGitHubData escapes a workflow command's message as the runner's
// toolkit does (%, CR, LF).
func escapeGitHubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeGitHubProperty escapes a workflow command property value (also : and ,).
func escapeGitHubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// WriteRule prints a rule's documentation, for `docs2go explain`.
func WriteRule(w io.Writer, r *Rule) error {
	fix := ""
	if r.Fixable {
		fix = "; fixable with lint --fix"
	}
	_, err := fmt.Fprintf(w, "%s %s (%s, default %s%s)\n\n%s\n\n%s\n\nBad:\n\n%s\n\nGood:\n\n%s\n",
		r.ID, r.Name, r.Stage, r.Severity, fix, r.Summary, r.Doc, indent(r.Bad), indent(r.Good))
	return err
}

// WriteRuleList prints one line per rule, for `--list-rules`.
func WriteRuleList(w io.Writer, rules []*Rule) error {
	for _, r := range rules {
		if _, err := fmt.Fprintf(w, "%-8s %-32s %-7s %-5s %s\n", r.ID, r.Name, r.Severity, r.Stage, r.Summary); err != nil {
			return err
		}
	}
	return nil
}

func indent(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = "    " + l
	}
	return strings.Join(lines, "\n")
}
