// Package diag is the one diagnostics system of docs2go: the Diagnostic value
// every stage (parse, gen, lint, diff, drift) reports, the registry of rules
// that gives each code its name, default severity and documentation, and the
// printers for each output format. A stage declares its rules once, next to
// the code that finds them, with Register; everything else (printing,
// --list-rules, explain, SARIF rule tables, configuration) reads the registry.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Pos is a 1-based line and column (in bytes) in a source file.
type Pos struct {
	Line int `json:"line"`
	Col  int `json:"col"`
}

// IsValid reports whether p points into a file.
func (p Pos) IsValid() bool { return p.Line > 0 }

// Before reports whether p comes before q.
func (p Pos) Before(q Pos) bool {
	return p.Line < q.Line || p.Line == q.Line && p.Col < q.Col
}

func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// Severity orders diagnostics. The zero value means "the rule's default".
type Severity string

const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Info    Severity = "info"
	// Off disables a rule (configuration only; never on a Diagnostic).
	Off Severity = "off"
)

// rank orders severities from most to least severe.
func (s Severity) rank() int {
	switch s {
	case Error:
		return 0
	case Warning:
		return 1
	case Info:
		return 2
	}
	return 3
}

// AtLeast reports whether s is as severe as t or more.
func (s Severity) AtLeast(t Severity) bool { return s.rank() <= t.rank() }

// ParseSeverity reads a severity as written in flags and configuration.
func ParseSeverity(s string) (Severity, error) {
	switch v := Severity(strings.ToLower(strings.TrimSpace(s))); v {
	case Error, Warning, Info, Off:
		return v, nil
	case "warn":
		return Warning, nil
	case "note":
		return Info, nil
	}
	return "", fmt.Errorf("unknown severity %q (want error, warning, info or off)", s)
}

// Diagnostic is one finding about an input file. It never stops a run.
// JSON keys are a contract with tools downstream: add, don't rename.
type Diagnostic struct {
	// Code is the rule's stable ID, e.g. "DG2001".
	Code     string   `json:"code"`
	Severity Severity `json:"severity"`
	// File is the path of the input as given to the command. Empty only
	// while a page is being parsed; Page.Diagnostics always carry it.
	File string `json:"file,omitempty"`
	Pos  Pos    `json:"pos"`
	// End is the position just after the range the finding is about;
	// equal to Pos for a point.
	End     Pos    `json:"end"`
	Message string `json:"message"`
	// Suggestion is a replacement text that fixes the finding ("did you
	// mean"), where one is known.
	Suggestion string `json:"suggestion,omitempty"`
}

// Rule returns the registered rule of d's code (nil if none).
func (d Diagnostic) Rule() *Rule { return lookupID(d.Code) }

// String formats d as the text printer does: file:line:col: severity CODE: message.
func (d Diagnostic) String() string {
	var b strings.Builder
	if d.File != "" {
		b.WriteString(d.File)
		b.WriteByte(':')
	}
	fmt.Fprintf(&b, "%d:%d: %s %s: %s", d.Pos.Line, d.Pos.Col, d.Severity, d.Code, d.Message)
	if d.Suggestion != "" {
		fmt.Fprintf(&b, " (did you mean %q?)", d.Suggestion)
	}
	return b.String()
}

// Compare orders diagnostics by file, position, code and message, as
// go/scanner's ErrorList does.
func Compare(a, b Diagnostic) int {
	return cmp.Or(cmp.Compare(a.File, b.File),
		cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col),
		cmp.Compare(a.Code, b.Code), cmp.Compare(a.Message, b.Message),
		cmp.Compare(a.End.Line, b.End.Line), cmp.Compare(a.End.Col, b.End.Col),
		cmp.Compare(a.Suggestion, b.Suggestion))
}

// Sort orders ds with Compare and drops exact repeats.
func Sort(ds []Diagnostic) []Diagnostic {
	slices.SortStableFunc(ds, Compare)
	return slices.Compact(ds)
}

// HasErrors reports whether any of ds has error severity: the one place
// that decides "this input has errors".
func HasErrors(ds []Diagnostic) bool {
	return slices.ContainsFunc(ds, func(d Diagnostic) bool { return d.Severity == Error })
}

// Rule is a kind of finding with a stable ID. IDs are never renumbered or
// reused: DG0xxx file, DG1xxx front matter and headings, DG2xxx requests,
// permissions and headers, DG3xxx properties and types, DG4xxx examples and
// JSON, DG5xxx translation pairs, DG6xxx links; GENxxxx generator findings.
type Rule struct {
	ID       string   // "DG2001"
	Name     string   // short kebab-case name, "request-line"
	Severity Severity // default severity
	// Stage is the command that reports the rule: "parse", "gen", "lint",
	// "diff" or "drift". Parse rules are reported by every command that
	// reads pages.
	Stage string
	// Summary is one line, Doc a paragraph saying why it matters.
	Summary string
	Doc     string
	// Bad and Good are short page excerpts showing the finding and its fix.
	Bad, Good string
	// Fixable is true when lint --fix can rewrite it mechanically.
	Fixable bool
}

// Diag builds a diagnostic of r with its default severity.
func (r *Rule) Diag(file string, start, end Pos, format string, args ...any) Diagnostic {
	msg := fmt.Sprintf(format, args...)
	if end.Before(start) || !end.IsValid() {
		end = start
	}
	return Diagnostic{Code: r.ID, Severity: r.Severity, File: file, Pos: start, End: end, Message: msg}
}

var registry struct {
	sync.Mutex
	byID   map[string]*Rule
	byName map[string]*Rule
}

// Register adds a rule to the registry and returns it. It panics on a
// duplicate ID or name or a rule without its documentation, so a mistake
// fails every test at once.
func Register(r Rule) *Rule {
	registry.Lock()
	defer registry.Unlock()
	if registry.byID == nil {
		registry.byID = map[string]*Rule{}
		registry.byName = map[string]*Rule{}
	}
	switch {
	case r.ID == "" || r.Name == "":
		panic("diag: rule without ID or name")
	case registry.byID[r.ID] != nil:
		panic("diag: duplicate rule ID " + r.ID)
	case registry.byName[r.Name] != nil:
		panic("diag: duplicate rule name " + r.Name)
	case r.Summary == "" || r.Doc == "" || r.Bad == "" || r.Good == "":
		panic("diag: rule " + r.ID + " needs a summary, doc, bad and good example")
	case r.Severity != Error && r.Severity != Warning && r.Severity != Info:
		panic("diag: rule " + r.ID + " has no default severity")
	}
	rp := &r
	registry.byID[r.ID] = rp
	registry.byName[r.Name] = rp
	return rp
}

func lookupID(id string) *Rule {
	registry.Lock()
	defer registry.Unlock()
	return registry.byID[id]
}

// Lookup finds a rule by ID (case-insensitive) or short name.
func Lookup(idOrName string) (*Rule, bool) {
	registry.Lock()
	defer registry.Unlock()
	if r := registry.byID[strings.ToUpper(idOrName)]; r != nil {
		return r, true
	}
	r := registry.byName[strings.ToLower(idOrName)]
	return r, r != nil
}

// Rules returns every registered rule, sorted by ID.
func Rules() []*Rule {
	registry.Lock()
	defer registry.Unlock()
	out := make([]*Rule, 0, len(registry.byID))
	for _, r := range registry.byID {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b *Rule) int { return cmp.Compare(a.ID, b.ID) })
	return out
}
