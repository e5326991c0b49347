package cli

import (
	"flag"
	"fmt"
	"io"

	"github.com/docs2go/docs2go/gen"
	"github.com/docs2go/docs2go/parser"
)

// runCheck answers "is the committed client still what the docs produce?":
// it regenerates in memory and compares with the output folder, as
// `gen --check` does.
func runCheck(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("check", flag.ContinueOnError)
	fset.SetOutput(stderr)
	in := fset.String("in", "docs-input", "`folder` of reference pages")
	out := fset.String("out", "generated", "output `folder` holding the committed client")
	pkg := fset.String("package", "graph", "package `name` for v1.0; beta gets NAME+\"beta\"")
	docLang := fset.String("doc-lang", gen.DocLangEnglish, "doc comment `language` the client was generated with: en or page")
	allModels := fset.Bool("all-models", false, "the client was generated with --all-models")
	fset.Usage = func() {
		fmt.Fprintln(stderr, "usage: docs2go check [--in DIR] [--out DIR] [--package NAME] [--doc-lang en|page] [--all-models]")
		fmt.Fprintln(stderr, "Regenerates the client from --in in memory and compares it with --out: a unified diff per changed")
		fmt.Fprintln(stderr, "file, missing files and stale generated files named. Files without the generated header are ignored.")
		fmt.Fprintln(stderr, "Exit 0 identical, 1 drift, 2 bad invocation.")
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
	return checkOutput("check", *in, *out, parser.Options{}, opts, stdout, stderr)
}
