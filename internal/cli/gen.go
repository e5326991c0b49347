package cli

import (
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
	check := fset.Bool("check", false, "write nothing; exit 1 with a diff if the output folder is not up to date")
	allModels := fset.Bool("all-models", false, "emit a model for every documented type, not only those the operations reach")
	fset.Usage = func() {
		fmt.Fprintln(stderr, "usage: docs2go gen [--in DIR] [--out DIR] [--package NAME] [--doc-lang en|page] [--all-models] [--check]")
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
	files, err := collectFiles([]string{*in})
	if err != nil {
		fmt.Fprintf(stderr, "docs2go gen: %v\n", err)
		return ExitUsage
	}
	code := ExitOK
	var pages []*parser.Page
	for _, l := range loadPages(files) {
		if l.err != nil {
			fmt.Fprintf(stderr, "docs2go gen: %v\n", l.err)
			return ExitUsage
		}
		printDiagnostics(stderr, l.page)
		pages = append(pages, l.page)
		if l.page.HasErrors() && l.page.Kind != parser.ResourcePage {
			code = ExitFindings
		}
	}
	res, err := gen.Generate(pages, gen.Options{Package: *pkg, DocLang: *docLang, SourceRoot: *in, AllModels: *allModels})
	if err != nil {
		fmt.Fprintf(stderr, "docs2go gen: %v\n", err)
		return ExitUsage
	}
	for _, d := range res.Diagnostics {
		fmt.Fprintln(stderr, d)
	}
	// A damaged page blocks only itself: every package is regenerated, and
	// the methods it documented that the output now lacks are named.
	previous, err := previousClients(*out)
	if err != nil {
		fmt.Fprintf(stderr, "docs2go gen: %v\n", err)
		return ExitUsage
	}
	removals, err := gen.Removals(previous, res, pages, *in)
	if err != nil {
		fmt.Fprintf(stderr, "docs2go gen: %v\n", err)
		return ExitUsage
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
			if *check {
				verb = "would be removed from"
			}
			fmt.Fprintf(stderr, "docs2go gen: %s is damaged (%s); the methods it documented %s %s: %s\n", r.Page, r.Reason, verb, r.Package, strings.Join(names, ", "))
		}
		code = ExitFindings
	}
	changes, err := gen.Plan(os.DirFS(*out), res.Files)
	if err != nil {
		fmt.Fprintf(stderr, "docs2go gen: %s: %v\n", *out, err)
		return ExitUsage
	}
	if *check {
		for _, c := range changes {
			fmt.Fprint(stdout, gen.UnifiedDiff(path.Join(filepath.ToSlash(*out), c.Path), c))
		}
		if len(changes) > 0 {
			fmt.Fprintf(stderr, "docs2go gen: %s is not up to date (%d files differ); run docs2go gen\n", *out, len(changes))
			return ExitFindings
		}
		return code
	}
	for _, c := range changes {
		if err := genApply(*out, c); err != nil {
			fmt.Fprintf(stderr, "docs2go gen: %v\n", err)
			return ExitUsage
		}
	}
	fmt.Fprintf(stderr, "docs2go gen: %d packages, %d files changed in %s\n", len(res.Packages), len(changes), *out)
	return code
}

// previousClients reads the generated client files of the output folder
// (out/PKG/client_gen.go), by package folder.
func previousClients(out string) (map[string][]byte, error) {
	files, err := filepath.Glob(filepath.Join(out, "*", "client_gen.go"))
	if err != nil {
		return nil, err
	}
	clients := map[string][]byte{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		if gen.IsGenerated(b) {
			clients[filepath.Base(filepath.Dir(f))] = b
		}
	}
	return clients, nil
}

// genApply writes or removes one file. Writes are atomic: a temporary file
// in the same folder, renamed over the target.
func genApply(out string, c gen.Change) error {
	target := filepath.Join(out, filepath.FromSlash(c.Path))
	if c.Remove {
		if err := os.Remove(target); err != nil {
			return err
		}
		os.Remove(filepath.Dir(target)) // only succeeds when the folder is now empty
		return nil
	}
	dir := filepath.Dir(target)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".docs2go-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op after the rename
	if _, err := tmp.Write(c.New); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", target, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", target, err)
	}
	return os.Rename(tmp.Name(), target)
}
