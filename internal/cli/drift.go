package cli

import (
	"flag"
	"fmt"
	"io"

	"github.com/docs2go/docs2go/internal/apidiff"
)

// runDrift answers "which translations are stale against their English
// source, or damaged?": `docs2go drift --source EN_DIR LOCALIZED_DIR...`.
func runDrift(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("drift", flag.ContinueOnError)
	fset.SetOutput(stderr)
	source := fset.String("source", "", "`folder` (or git revision) of the English source pages")
	format := fset.String("format", "text", "output `format`: text, json (JSON Lines), markdown (grouped by page) or githubactions")
	failOn := fset.String("fail-on", "none", "exit 1 when a finding of this `level` or worse is found: breaking, potentially-breaking, any or none")
	fset.Usage = func() {
		fmt.Fprintln(stderr, "usage: docs2go drift --source EN_DIR [--format text|json|markdown|githubactions] [--fail-on LEVEL] LOCALIZED_DIR...")
		fmt.Fprintln(stderr, "Pairs each localized page with the English page of the same relative path and reports operations,")
		fmt.Fprintln(stderr, "permissions, headers and status that differ (stale or damaged), sentences of side-by-side pages")
		fmt.Fprintln(stderr, "the source no longer has, untranslated and orphaned pages, and a summary per locale.")
		fset.PrintDefaults()
	}
	dirs, paths, err := parseInterleaved(fset, args)
	if err != nil {
		return ExitUsage
	}
	if *source == "" || len(dirs) == 0 {
		fset.Usage()
		return ExitUsage
	}
	fmtv, err := apidiff.ParseFormat(*format)
	if err != nil {
		fmt.Fprintf(stderr, "docs2go drift: %v\n", err)
		return ExitUsage
	}
	th, err := apidiff.ParseThreshold(*failOn)
	if err != nil {
		fmt.Fprintf(stderr, "docs2go drift: %v\n", err)
		return ExitUsage
	}
	var sources []apidiff.Source
	for _, a := range append([]string{*source}, dirs...) {
		s, err := apidiff.OpenSource(a, ".")
		if err != nil {
			fmt.Fprintf(stderr, "docs2go drift: %v\n", err)
			return ExitUsage
		}
		sources = append(sources, s)
	}
	trees, err := apidiff.Load(sources, paths, true)
	if err != nil {
		fmt.Fprintf(stderr, "docs2go drift: %v\n", err)
		return ExitUsage
	}
	fs, sums := apidiff.Drift(trees[0], trees[1:])
	if fmtv == apidiff.FormatMarkdown {
		fmt.Fprintf(stdout, "### Translation drift against %s\n\n", *source)
		if err := apidiff.WriteSummaries(stdout, sums); err != nil {
			fmt.Fprintf(stderr, "docs2go drift: %v\n", err)
			return ExitUsage
		}
		fmt.Fprintln(stdout)
	}
	if err := apidiff.Write(stdout, fmtv, "Findings", fs); err != nil {
		fmt.Fprintf(stderr, "docs2go drift: %v\n", err)
		return ExitUsage
	}
	for _, s := range sums {
		fmt.Fprintf(stderr, "docs2go drift: %s\n", s)
	}
	if th.Met(fs) {
		return ExitFindings
	}
	return ExitOK
}
