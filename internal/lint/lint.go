// Package lint checks parsed reference pages: it runs the lint rules (one
// file per family, each registered in the diag registry with its doc and
// examples) on the page model, adds the page's own parse diagnostics, and
// applies configuration: enabled rules and severities, inline suppression
// comments and a baseline. It never reads markdown: every fact comes from
// the parser's model.
package lint

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/docs2go/docs2go/parser"
	"github.com/docs2go/docs2go/parser/diag"
)

// Edit replaces the file range [Start, End), which holds Old when the
// page is as it was linted, with New.
type Edit struct {
	Start, End diag.Pos
	Old, New   string
}

// Finding is a diagnostic and, when the fix is mechanically certain, the
// edits that fix it.
type Finding struct {
	diag.Diagnostic
	Edits []Edit `json:"-"`
	// unknown is the permission name of an unknown-permission finding
	// that the reference gave no suggestion for, and where it is written;
	// Finish looks for one among the names the other pages use.
	unknown     string
	unknownRefs []parser.Name
}

// Options configure a run.
type Options struct {
	// Severity overrides a rule's default severity by rule ID; diag.Off
	// disables the rule.
	Severity map[string]diag.Severity
	// Reference holds the permission names pages may use; nil skips the
	// checks that need it.
	Reference *Reference
	// Exists reports whether a page exists at a cleaned slash path; the
	// link check asks it for targets outside the linted files. Nil: only
	// the linted files exist.
	Exists func(file string) bool
}

// Linter checks pages one by one (Page) and then what needs all of them
// (Finish). It keeps only small per-page facts between calls.
type Linter struct {
	opts       Options
	files      map[string]bool
	lowerFiles map[string]bool
	// examples maps locale, version and example name to the first place
	// it is used.
	examples map[string]exampleUse
	// used counts the pages that use each permission name.
	used map[string]int
	// suppress holds each page's suppression comments for Finish.
	suppress map[string][]parser.Directive
	// typePages are the pages that document types (resources, enums), by
	// API version, and typed the example responses to check against them
	// once every page is read (DG4103).
	typePages map[string][]*parser.Page
	typed     []typedResponse
	// links remembers which link targets are broken (linkFrom → bool).
	links sync.Map
}

type exampleUse struct {
	file string
	pos  diag.Pos
}

// New returns a linter for the files of one run (cleaned paths as given to
// the parser), used by the link check.
func New(opts Options, files []string) *Linter {
	l := &Linter{opts: opts, used: map[string]int{}, files: map[string]bool{}, lowerFiles: map[string]bool{}, examples: map[string]exampleUse{}, suppress: map[string][]parser.Directive{}, typePages: map[string][]*parser.Page{}}
	for _, f := range files {
		f = filepath.ToSlash(filepath.Clean(f))
		l.files[f] = true
		l.lowerFiles[strings.ToLower(f)] = true
	}
	return l
}

// check is a rule family: it reports findings about one page. Checks
// only read the linter's options, so pages can be checked concurrently.
type check func(l *Linter, p *parser.Page, r *PageResult)

var checks []check

// PageResult is what checking one page found, before the cross-page
// bookkeeping of Add.
type PageResult struct {
	file string
	// scopes are the permission names the page's rows use, each once.
	scopes     []string
	findings   []Finding
	directives []parser.Directive
	examples   []exampleName
	// typePage is the page itself when it documents types; typed are its
	// example responses with their documented type.
	typePage *parser.Page
	typed    []typedResponse
}

type exampleName struct {
	key, name string
	pos       diag.Pos
}

func (r *PageResult) report(f Finding) { r.findings = append(r.findings, f) }

// Check runs every rule on one page. It is safe to call from several
// goroutines; pass the results to Add in page order.
func (l *Linter) Check(p *parser.Page) *PageResult {
	r := &PageResult{file: p.File, directives: p.Directives}
	for _, d := range p.Diagnostics {
		r.report(Finding{Diagnostic: d})
	}
	for _, c := range checks {
		c(l, p, r)
	}
	if p.Rewritten {
		// The texts the edits replace are not the file's bytes there: the
		// findings keep their suggestions, --fix leaves the page alone.
		for i := range r.findings {
			r.findings[i].Edits = nil
		}
	}
	r.detach()
	return r
}

// detach copies the page texts the linter keeps after the page is gone
// (the names it counts, names and suggestions in findings, type names):
// the parser carves a page's texts out of shared blocks, and one kept
// substring would hold its whole block, page after page. Messages are
// formatted anew and example bodies are cut from their own code block's
// text, so they hold nothing more.
func (r *PageResult) detach() {
	c := strings.Clone
	for i, s := range r.scopes {
		r.scopes[i] = c(s)
	}
	for i := range r.findings {
		f := &r.findings[i]
		f.Suggestion, f.unknown = c(f.Suggestion), c(f.unknown)
		for j := range f.Edits {
			f.Edits[j].Old, f.Edits[j].New = c(f.Edits[j].Old), c(f.Edits[j].New)
		}
		for j := range f.unknownRefs {
			f.unknownRefs[j].Text = c(f.unknownRefs[j].Text)
		}
	}
	for i := range r.typed {
		t := &r.typed[i]
		t.namespace = c(t.namespace)
		t.ref.Name, t.ref.Link, t.ref.Written = c(t.ref.Name), c(t.ref.Link), c(t.ref.Written)
	}
}

// Add records a checked page's cross-page facts and returns its findings,
// sorted, with configuration and suppression comments applied.
func (l *Linter) Add(r *PageResult) []Finding {
	for _, ex := range r.examples {
		first, ok := l.examples[ex.key]
		if !ok {
			l.examples[ex.key] = exampleUse{file: r.file, pos: ex.pos}
			continue
		}
		where := fmt.Sprintf("%s:%d", first.file, first.pos.Line)
		if first.file == r.file {
			where = fmt.Sprintf("line %d", first.pos.Line)
		}
		r.report(Finding{Diagnostic: ruleDuplicateExample.Diag(r.file, ex.pos, shift(ex.pos, 1), "example name %q is also used at %s", ex.name, where)})
	}
	if len(r.directives) > 0 {
		l.suppress[r.file] = r.directives
	}
	for _, s := range r.scopes {
		l.used[s]++
	}
	if p := r.typePage; p != nil {
		l.typePages[p.Version] = append(l.typePages[p.Version], p)
	}
	l.typed = append(l.typed, r.typed...)
	return l.finish(r.findings, r.file)
}

// Page lints one page: Check and Add.
func (l *Linter) Page(p *parser.Page) []Finding { return l.Add(l.Check(p)) }

// Finish completes the findings of a run with what needs every page: an
// unknown permission name the reference has no suggestion for gets one
// from the names the linted pages use, where exactly one of them is a
// misspelling or word-order variant of it and is used on more pages than
// it (ManagedTenants.WriteRead.All on 7 pages, ManagedTenants.ReadWrite.All
// on 22, neither in the reference). It returns fs, updated.
func (l *Linter) Finish(fs []Finding) []Finding {
	fs = append(fs, l.checkTypedResponses()...)
	var common *Reference
	for i := range fs {
		f := &fs[i]
		if f.unknown == "" {
			continue
		}
		if common == nil {
			var names []string
			for n, c := range l.used {
				if c >= 3 {
					names = append(names, n)
				}
			}
			common = ReferenceOf(names)
		}
		var fit []string
		for _, s := range common.Suggest(f.unknown) {
			if s != f.unknown && l.used[s] > l.used[f.unknown] {
				fit = append(fit, s)
			}
		}
		if len(fit) != 1 {
			continue
		}
		f.Suggestion = fit[0]
		f.Message += fmt.Sprintf("; %s is used on %d pages", fit[0], l.used[fit[0]])
		for _, n := range f.unknownRefs {
			f.Edits = append(f.Edits, Edit{Start: n.Pos, End: n.End, Old: n.Text, New: fit[0]})
		}
	}
	return fs
}

// finish applies severities and suppression comments and sorts.
func (l *Linter) finish(fs []Finding, file string) []Finding {
	out := fs[:0]
	dirs := l.suppress[file]
	for _, f := range fs {
		if s, ok := l.opts.Severity[f.Code]; ok {
			if s == diag.Off {
				continue
			}
			f.Severity = s
		}
		if suppressed(dirs, f.Diagnostic) {
			continue
		}
		out = append(out, f)
	}
	for _, d := range dirs {
		if d.Reason == "" && d.Kind != parser.DirectiveEnable {
			if f, ok := l.apply(Finding{Diagnostic: ruleSuppressionReason.Diag(file, d.Pos, d.End, "suppression comment gives no reason")}); ok {
				out = append(out, f)
			}
		}
		for _, r := range d.Rules {
			if _, ok := diag.Lookup(r); !ok {
				if f, ok := l.apply(Finding{Diagnostic: ruleSuppressionReason.Diag(file, d.Pos, d.End, "suppression comment names unknown rule %q", r)}); ok {
					out = append(out, f)
				}
			}
		}
	}
	// A check may report a parse finding again with its fix: keep that one.
	slices.SortStableFunc(out, func(a, b Finding) int {
		return cmp.Or(sameFinding(a, b), cmp.Compare(len(b.Edits), len(a.Edits)))
	})
	out = slices.CompactFunc(out, func(a, b Finding) bool { return sameFinding(a, b) == 0 })
	SortFindings(out)
	return out
}

// sameFinding compares findings by rule, file, range and message.
func sameFinding(a, b Finding) int {
	a.Suggestion, b.Suggestion = "", ""
	return diag.Compare(a.Diagnostic, b.Diagnostic)
}

func (l *Linter) apply(f Finding) (Finding, bool) {
	if s, ok := l.opts.Severity[f.Code]; ok {
		if s == diag.Off {
			return f, false
		}
		f.Severity = s
	}
	return f, true
}

// enabled reports whether a rule runs at all.
func (l *Linter) enabled(r *diag.Rule) bool {
	return l.opts.Severity[r.ID] != diag.Off
}

// SortFindings orders findings as diag.Compare does.
func SortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int { return diag.Compare(a.Diagnostic, b.Diagnostic) })
}

// suppressed reports whether a suppression comment covers d: a
// docs2go-disable comment from its line on (to a docs2go-enable of the
// same rules), a docs2go-disable-next-line comment on the line after it.
func suppressed(dirs []parser.Directive, d diag.Diagnostic) bool {
	off := false
	for _, dir := range dirs {
		if !dir.Covers(d.Code) {
			continue
		}
		switch dir.Kind {
		case parser.DirectiveDisableNextLine:
			if d.Pos.Line == dir.End.Line+1 || d.Pos.Line > dir.End.Line && d.Pos.Line <= dir.Until {
				return true
			}
		case parser.DirectiveDisable:
			if !d.Pos.Before(dir.Pos) {
				off = true
			}
		case parser.DirectiveEnable:
			if !d.Pos.Before(dir.Pos) {
				off = false
			}
		}
	}
	return off
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
