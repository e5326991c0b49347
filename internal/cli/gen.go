package cli

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/docs2go/docs2go/gen"
	"github.com/docs2go/docs2go/parser"
)

func runGen(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("gen", flag.ContinueOnError)
	fset.SetOutput(stderr)
	in := fset.String("in", "docs-input", "`folder` of reference pages")
	out := fset.String("out", "generated", "output `folder`; one package folder per API version")
	pkg := fset.String("package", "graph", "package `name` for v1.0; beta gets NAME+\"beta\"")
	docLang := fset.String("doc-lang", gen.DocLangEnglish, "doc comment `language`: en (English summary) or page (the page's language)")
	check := fset.Bool("check", false, "write nothing; exit 1 with a diff if the output folder is not up to date (the same as docs2go check)")
	var popts parser.Options
	maxPageSizeFlag(fset, &popts)
	allModels := fset.Bool("all-models", false, "emit a model for every documented type, not only those the operations reach")
	fset.Usage = func() {
		fmt.Fprintln(stderr, "usage: docs2go gen [--in DIR] [--out DIR] [--package NAME] [--doc-lang en|page] [--all-models] [--max-page-size SIZE] [--check]")
		fmt.Fprintln(stderr, "Generates a Go client package per API version from the API and resource pages under --in.")
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		return ExitUsage
	}
	if fset.NArg() > 0 {
		fset.Usage()
		return ExitUsage
	}
	opts := gen.Options{Package: *pkg, DocLang: *docLang, SourceRoot: *in, AllModels: *allModels}
	if *check {
		return checkOutput("gen", *in, *out, popts, opts, stdout, stderr)
	}
	r, code := regenerate("gen", *in, *out, popts, opts, false, stderr)
	if r == nil {
		return code
	}
	if err := commitChanges(*out, r.changes); err != nil {
		fmt.Fprintf(stderr, "docs2go gen: %v; %s is left as it was\n", err, *out)
		return ExitUsage
	}
	fmt.Fprintf(stderr, "docs2go gen: %d packages, %d files changed in %s\n", len(r.res.Packages), len(r.changes), *out)
	return code
}

// regenerated is what the pages under --in generate, and the plan that
// brings --out to it.
type regenerated struct {
	res     *gen.Result
	changes []gen.Change
}

// regenerate parses the pages under in once, generates the client in
// memory and plans the changes to out; it writes nothing. It prints page
// and generator diagnostics, and names the methods a damaged page would
// remove. The code is ExitFindings when a page has errors or a damaged
// page removes methods; a nil result comes with ExitUsage.
func regenerate(cmd, in, out string, popts parser.Options, opts gen.Options, check bool, stderr io.Writer) (*regenerated, int) {
	files, err := collectFiles([]string{in})
	if err != nil {
		fmt.Fprintf(stderr, "docs2go %s: %v\n", cmd, err)
		return nil, ExitUsage
	}
	code := ExitOK
	// Pages stream through a bounded window: each is parsed on a worker,
	// which renders its diagnostics and keeps only what generation reads
	// (gen.Keep), so memory does not grow with the pages' whole models.
	var pages []*parser.Page
	var loadErr error
	render := func(l *loaded) {
		var diags bytes.Buffer
		printDiagnostics(&diags, l.page)
		l.diags = diags.Bytes()
		l.page = gen.Keep(l.page)
	}
	eachPage(files, popts, render, func(l loaded) {
		if loadErr != nil {
			return // the first error ends the run; nothing after it is printed
		}
		if l.err != nil {
			loadErr = l.err
			return
		}
		stderr.Write(l.diags)
		pages = append(pages, l.page)
		if l.page.HasErrors() && l.page.Kind != parser.ResourcePage {
			code = ExitFindings
		}
	})
	if loadErr != nil {
		fmt.Fprintf(stderr, "docs2go %s: %v\n", cmd, loadErr)
		return nil, ExitUsage
	}
	// Removals reads the damaged pages only; Generate lets go of the others
	// as it goes.
	var damaged []*parser.Page
	for _, p := range pages {
		if gen.Damaged(p) != "" {
			damaged = append(damaged, p)
		}
	}
	res, err := gen.Generate(pages, opts)
	if err != nil {
		fmt.Fprintf(stderr, "docs2go %s: %v\n", cmd, err)
		return nil, ExitUsage
	}
	for _, d := range res.Diagnostics {
		fmt.Fprintln(stderr, d)
	}
	// A damaged page blocks only itself: every package is regenerated, and
	// the methods it documented that the output now lacks are named.
	var previous map[string][]byte
	if len(damaged) > 0 {
		if previous, err = previousClients(out); err != nil {
			fmt.Fprintf(stderr, "docs2go %s: %v\n", cmd, err)
			return nil, ExitUsage
		}
	}
	removals, err := gen.Removals(previous, res, damaged, in)
	if err != nil {
		fmt.Fprintf(stderr, "docs2go %s: %v\n", cmd, err)
		return nil, ExitUsage
	}
	for i, r := range removals {
		if i == 0 || r.Page != removals[i-1].Page || r.Package != removals[i-1].Package {
			var names []string
			for _, s := range removals[i:] {
				if s.Page != r.Page || s.Package != r.Package {
					break
				}
				names = append(names, s.Method)
			}
			verb := "are removed from"
			if check {
				verb = "would be removed from"
			}
			fmt.Fprintf(stderr, "docs2go %s: %s is damaged (%s); the methods it documented %s %s: %s\n", cmd, r.Page, r.Reason, verb, r.Package, strings.Join(names, ", "))
		}
		code = ExitFindings
	}
	changes, err := gen.Plan(os.DirFS(out), res.Files)
	if err != nil {
		fmt.Fprintf(stderr, "docs2go %s: %s: %v\n", cmd, out, err)
		return nil, ExitUsage
	}
	return &regenerated{res: res, changes: changes}, code
}

// checkOutput is `check` (and `gen --check`): regenerate in memory and
// compare with out. It prints a unified diff per changed file on stdout and
// names missing and stale files on stderr; exit 0 when out is what the
// pages generate, 1 when it is not (or a page is damaged), 2 on bad usage.
func checkOutput(cmd, in, out string, popts parser.Options, opts gen.Options, stdout, stderr io.Writer) int {
	if st, err := os.Stat(in); err != nil || !st.IsDir() {
		fmt.Fprintf(stderr, "docs2go %s: --in %s is not a folder\n", cmd, in)
		return ExitUsage
	}
	r, code := regenerate(cmd, in, out, popts, opts, true, stderr)
	if r == nil {
		return code
	}
	var missing, stale, changed int
	for _, c := range r.changes {
		name := path.Join(filepath.ToSlash(out), c.Path)
		fmt.Fprint(stdout, gen.UnifiedDiff(name, c))
		switch {
		case c.Remove:
			stale++
			fmt.Fprintf(stderr, "docs2go %s: %s: stale: carries the generated header but the pages no longer produce it\n", cmd, name)
		case c.Old == nil:
			missing++
			fmt.Fprintf(stderr, "docs2go %s: %s: missing\n", cmd, name)
		default:
			changed++
		}
	}
	if len(r.changes) > 0 {
		fmt.Fprintf(stderr, "docs2go %s: %s is not what %s generates (%d changed, %d missing, %d stale); run docs2go gen\n", cmd, out, in, changed, missing, stale)
		return ExitFindings
	}
	return code
}

// previousClients reads the generated client files of the output folder
// (out/PKG/client*_gen.go, see gen.IsClientFile), by their paths relative
// to out.
func previousClients(out string) (map[string][]byte, error) {
	files, err := filepath.Glob(filepath.Join(out, "*", "client*_gen.go"))
	if err != nil {
		return nil, err
	}
	clients := map[string][]byte{}
	for _, f := range files {
		if !gen.IsClientFile(filepath.Base(f)) {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		if gen.IsGenerated(b) {
			clients[filepath.Base(filepath.Dir(f))+"/"+filepath.Base(f)] = b
		}
	}
	return clients, nil
}
