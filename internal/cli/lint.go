package cli

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/docs2go/docs2go/gen"
	"github.com/docs2go/docs2go/internal/lint"
	"github.com/docs2go/docs2go/parser"
	"github.com/docs2go/docs2go/parser/diag"
)

// listFlag collects a repeatable flag's values.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func runLint(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("lint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output `format`: text, json (JSON Lines), sarif (SARIF 2.1.0) or github (workflow annotations)")
	listRules := fs.Bool("list-rules", false, "list every rule and exit")
	configFile := fs.String("config", "", "configuration `file` (default: "+lint.ConfigName+" found walking up from the first PATH)")
	permissions := fs.String("permissions", "", "permissions reference `page` (default: concepts/permissions-reference.md found in the tree)")
	baselineFile := fs.String("baseline", "", "baseline `file`: findings it records are not reported")
	writeBaseline := fs.Bool("write-baseline", false, "write every finding to the --baseline file and exit 0")
	fix := fs.Bool("fix", false, "rewrite what is mechanically certain (fixable rules) in place, atomically")
	diff := fs.Bool("diff", false, "with --fix: print the changes as a unified diff instead of writing them")
	var popts parser.Options
	maxPageSizeFlag(fs, &popts)
	var enable, disable, severity listFlag
	fs.Var(&enable, "enable", "turn a `RULE` (ID or name) on again (repeatable)")
	fs.Var(&disable, "disable", "turn a `RULE` off (repeatable)")
	fs.Var(&severity, "severity", "set a rule's severity, `RULE=error|warning|info|off` (repeatable)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: docs2go lint [flags] PATH...")
		fmt.Fprintln(stderr, "Checks reference pages (files, or directories walked for *.md). Exit 0: no error finding; 1: some; 2: bad usage or unreadable input.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return ExitUsage
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "docs2go lint: "+format+"\n", a...)
		return ExitUsage
	}
	if *listRules {
		if err := diag.WriteRuleList(stdout, diag.Rules()); err != nil {
			return ExitUsage
		}
		return ExitOK
	}
	switch diag.Format(*format) {
	case diag.FormatText, diag.FormatJSON, diag.FormatSARIF, diag.FormatGitHub:
	default:
		return fail("unknown --format %q (want text, json, sarif or github)", *format)
	}
	if *diff && !*fix {
		return fail("--diff needs --fix")
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return ExitUsage
	}

	// Configuration: the file, then the flags over it.
	cfg := &lint.Config{}
	if *configFile == "" {
		*configFile = lint.FindConfig(startDir(fs.Arg(0)))
	}
	if *configFile != "" {
		c, err := lint.ReadConfig(*configFile)
		if err != nil {
			return fail("%v", err)
		}
		cfg = c
	}
	sev, err := cfg.Severities(nil)
	if err != nil {
		return fail("%v", err)
	}
	for _, name := range disable {
		r, ok := diag.Lookup(name)
		if !ok {
			return fail("--disable: unknown rule %q", name)
		}
		sev[r.ID] = diag.Off
	}
	for _, name := range enable {
		r, ok := diag.Lookup(name)
		if !ok {
			return fail("--enable: unknown rule %q", name)
		}
		if sev[r.ID] == diag.Off {
			delete(sev, r.ID)
		}
	}
	for _, s := range severity {
		name, level, ok := strings.Cut(s, "=")
		r, found := diag.Lookup(name)
		if !ok || !found {
			return fail("--severity %q: want RULE=error|warning|info|off with a known rule", s)
		}
		v, err := diag.ParseSeverity(level)
		if err != nil {
			return fail("--severity %s: %v", name, err)
		}
		sev[r.ID] = v
	}
	if *baselineFile == "" {
		*baselineFile = cfg.Baseline
	}
	if *writeBaseline && *baselineFile == "" {
		return fail("--write-baseline needs --baseline FILE (or baseline: in %s)", lint.ConfigName)
	}

	code := ExitOK
	files, err := collectFiles(fs.Args())
	for _, err := range pathErrors(err) {
		fmt.Fprintf(stderr, "docs2go lint: %v\n", err)
		code = ExitUsage
	}

	// The permissions reference: the flag, the configuration, or the page
	// found in the tree.
	refFile := *permissions
	if refFile == "" {
		refFile = cfg.Permissions
	}
	if refFile == "" {
		refFile = findReference(fs.Args(), files)
	}
	opts := lint.Options{Severity: sev, Exists: fileExists()}
	if refFile != "" {
		src, err := os.ReadFile(refFile)
		if err != nil {
			return fail("permissions reference: %v", err)
		}
		opts.Reference = lint.NewReference(parser.Parse(refFile, src))
		if opts.Reference.Len() == 0 {
			return fail("permissions reference %s defines no permission names", refFile)
		}
	} else if sev[lint.RuleUnknownPermission.ID] != diag.Off {
		fmt.Fprintln(stderr, "docs2go lint: no permissions reference found (concepts/permissions-reference.md or --permissions FILE); permission names are not checked against one")
	}

	l := lint.New(opts, files)
	var findings []lint.Finding
	// Rules run on the worker that parsed the page; the cross-page
	// bookkeeping (example names, suppression) runs in page order.
	check := func(ld *loaded) {
		ld.lint = l.Check(ld.page)
		ld.page = nil
	}
	eachPage(files, popts, check, func(ld loaded) {
		if ld.err != nil {
			fmt.Fprintf(stderr, "docs2go lint: %v\n", ld.err)
			code = ExitUsage
			return
		}
		findings = append(findings, l.Add(ld.lint)...)
	})
	findings = l.Finish(findings)
	lint.SortFindings(findings)

	if *writeBaseline {
		if err := lint.NewBaseline(findings).Write(*baselineFile); err != nil {
			return fail("%v", err)
		}
		fmt.Fprintf(stderr, "docs2go lint: wrote %d findings to %s\n", len(findings), *baselineFile)
		return code
	}
	if *baselineFile != "" {
		b, err := lint.ReadBaseline(*baselineFile)
		if err != nil {
			return fail("baseline: %v", err)
		}
		findings = b.Filter(findings)
	}

	if *fix {
		var fixErr bool
		findings, fixErr = applyFixes(files, findings, *diff, stdout, stderr)
		if fixErr {
			code = ExitUsage
		}
		if *diff {
			return code
		}
	}

	w := bufio.NewWriterSize(stdout, 1<<16)
	defer w.Flush()
	var pr diag.Printer
	switch diag.Format(*format) {
	case diag.FormatJSON:
		pr = diag.JSONPrinter{W: w}
	case diag.FormatSARIF:
		pr = &diag.SARIFPrinter{W: w}
	case diag.FormatGitHub:
		pr = diag.GitHubPrinter{W: w}
	default:
		pr = diag.TextPrinter{W: w}
	}
	errors := false
	for _, f := range findings {
		if err := pr.Print(f.Diagnostic); err != nil {
			return fail("%v", err)
		}
		errors = errors || f.Severity == diag.Error
	}
	if err := pr.Close(); err != nil {
		return fail("%v", err)
	}
	if diag.Format(*format) == diag.FormatText && len(findings) > 0 {
		writeCounts(w, findings)
	}
	if errors && code == ExitOK {
		code = ExitFindings
	}
	return code
}

// writeCounts prints how many findings each rule has, most first.
func writeCounts(w io.Writer, fs []lint.Finding) {
	count := map[string]int{}
	for _, f := range fs {
		count[f.Code]++
	}
	ids := make([]string, 0, len(count))
	for id := range count {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		if count[ids[i]] != count[ids[j]] {
			return count[ids[i]] > count[ids[j]]
		}
		return ids[i] < ids[j]
	})
	fmt.Fprintf(w, "\n%d findings\n", len(fs))
	for _, id := range ids {
		name := ""
		if r, ok := diag.Lookup(id); ok {
			name = r.Name
		}
		fmt.Fprintf(w, "%7d %s %s\n", count[id], id, name)
	}
}

// applyFixes applies the edits of fixable findings per file, or prints
// them as a diff; it returns the findings it did not fix, and whether a
// page it should have fixed was not. Pages are written with
// lint.WriteFixes: a run killed at any moment leaves each page either as
// it was or entirely fixed; the temporary files a killed run left in the
// folders of files are removed first.
func applyFixes(files []string, fs []lint.Finding, diffOnly bool, stdout, stderr io.Writer) ([]lint.Finding, bool) {
	failed := false
	if !diffOnly {
		var dirs []string
		seen := map[string]bool{}
		for _, f := range files {
			if d := filepath.Dir(f); !seen[d] {
				seen[d] = true
				dirs = append(dirs, d)
			}
		}
		n, err := lint.RemoveStale(dirs)
		if err != nil {
			fmt.Fprintf(stderr, "docs2go lint: removing what a stopped --fix run left: %v\n", err)
			failed = true
		}
		if n > 0 {
			fmt.Fprintf(stderr, "docs2go lint: removed %d %s a stopped --fix run left\n", n, plural(n, "temporary file", "temporary files"))
		}
	}
	byFile := map[string][]lint.Edit{}
	var order []string
	for _, f := range fs {
		if len(f.Edits) == 0 {
			continue
		}
		if byFile[f.File] == nil {
			order = append(order, f.File)
		}
		byFile[f.File] = append(byFile[f.File], f.Edits...)
	}
	notFixed := map[string]bool{}
	var fixes []lint.PageFix
	var counts []int
	for _, file := range order {
		var src []byte
		var err error
		if diffOnly {
			src, err = os.ReadFile(file)
		} else {
			src, _, err = lint.ReadPage(file)
		}
		if err != nil {
			fmt.Fprintf(stderr, "docs2go lint: %v\n", err)
			notFixed[file], failed = true, true
			continue
		}
		out, n, err := lint.ApplyEdits(src, byFile[file])
		if err != nil {
			fmt.Fprintf(stderr, "docs2go lint: %s %v\n", file, err)
			notFixed[file], failed = true, true
			continue
		}
		if n == 0 {
			continue
		}
		if diffOnly {
			fmt.Fprint(stdout, gen.UnifiedDiff(file, gen.Change{Path: file, Old: src, New: out}))
			continue
		}
		fixes = append(fixes, lint.PageFix{File: file, Old: src, New: out})
		counts = append(counts, n)
	}
	for i, err := range lint.WriteFixes(fixes) {
		file := fixes[i].File
		if err != nil {
			fmt.Fprintf(stderr, "docs2go lint: %v\n", err)
			notFixed[file], failed = true, true
			continue
		}
		fmt.Fprintf(stderr, "docs2go lint: fixed %s (%d %s)\n", file, counts[i], plural(counts[i], "edit", "edits"))
	}
	// The findings left: those with no fix, and every finding of a page
	// that could not be fixed.
	var left []lint.Finding
	for _, f := range fs {
		if len(f.Edits) == 0 || notFixed[f.File] {
			left = append(left, f)
		}
	}
	return left, failed
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// startDir is the folder a path argument starts the configuration search in.
func startDir(p string) string {
	if info, err := os.Stat(p); err == nil && !info.IsDir() {
		return filepath.Dir(p)
	}
	return p
}

// findReference looks for the permissions reference: among the linted
// files, then in each ancestor of the paths, as concepts/ or
// en-US/concepts/permissions-reference.md (the names are identifiers, the
// same in every locale).
func findReference(paths, files []string) string {
	const name = "permissions-reference.md"
	for _, f := range files {
		if filepath.Base(f) == name && filepath.Base(filepath.Dir(f)) == "concepts" {
			return f
		}
	}
	for _, p := range paths {
		dir, err := filepath.Abs(startDir(p))
		if err != nil {
			continue
		}
		for {
			for _, c := range []string{filepath.Join(dir, "concepts", name), filepath.Join(dir, "en-US", "concepts", name)} {
				if info, err := os.Stat(c); err == nil && !info.IsDir() {
					if r, err := filepath.Rel(".", c); err == nil && !strings.HasPrefix(r, "..") {
						return r
					}
					return c
				}
			}
			up := filepath.Dir(dir)
			if up == dir {
				break
			}
			dir = up
		}
	}
	return ""
}

// fileExists answers the link check for targets outside the linted files,
// ignoring case as published URLs do; folders are read once.
func fileExists() func(string) bool {
	var mu sync.Mutex
	dirs := map[string]map[string]bool{}
	return func(f string) bool {
		mu.Lock()
		defer mu.Unlock()
		dir, base := filepath.Split(filepath.FromSlash(f))
		names, ok := dirs[dir]
		if !ok {
			names = map[string]bool{}
			entries, _ := os.ReadDir(filepath.Clean(dir))
			for _, e := range entries {
				if !e.IsDir() {
					names[strings.ToLower(e.Name())] = true
				}
			}
			dirs[dir] = names
		}
		return names[strings.ToLower(base)]
	}
}

func runExplain(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	if len(args) != 1 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(stderr, "usage: docs2go explain RULE   (an ID such as DG2201, or a name such as unknown-permission)")
		return ExitUsage
	}
	r, ok := diag.Lookup(args[0])
	if !ok {
		fmt.Fprintf(stderr, "docs2go explain: unknown rule %q (docs2go lint --list-rules lists them)\n", args[0])
		return ExitUsage
	}
	if err := diag.WriteRule(stdout, r); err != nil {
		return ExitUsage
	}
	return ExitOK
}
