package cli

import (
	"flag"
	"fmt"
	"io"
	"slices"

	"github.com/docs2go/docs2go/internal/apidiff"
)

// runDiff answers "what did this docs change do to the API, and does it
// break callers?": `docs2go diff OLD NEW [-- PATH...]`.
func runDiff(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("diff", flag.ContinueOnError)
	fset.SetOutput(stderr)
	format := fset.String("format", "text", "output `format`: text, json (JSON Lines), markdown (a pull-request comment, grouped by operation) or githubactions")
	failOn := fset.String("fail-on", "none", "exit 1 when a change of this `level` or worse is found: breaking, potentially-breaking, any or none")
	changelog := fset.Bool("changelog", false, "print release notes (operations added, changed and removed) instead of the findings")
	fset.Usage = func() {
		fmt.Fprintln(stderr, "usage: docs2go diff [--format text|json|markdown|githubactions] [--fail-on breaking|potentially-breaking|any|none] [--changelog] OLD NEW [-- PATH...]")
		fmt.Fprintln(stderr, "OLD and NEW are folders of pages or git revisions of the repository in the current folder (read")
		fmt.Fprintln(stderr, "without a checkout); PATHs limit the comparison to those folders or files. Checks: docs/diff.md.")
		fset.PrintDefaults()
	}
	pos, paths, err := parseInterleaved(fset, args)
	if err != nil {
		return ExitUsage
	}
	if len(pos) != 2 {
		fset.Usage()
		return ExitUsage
	}
	fmtv, err := apidiff.ParseFormat(*format)
	if err != nil {
		fmt.Fprintf(stderr, "docs2go diff: %v\n", err)
		return ExitUsage
	}
	th, err := apidiff.ParseThreshold(*failOn)
	if err != nil {
		fmt.Fprintf(stderr, "docs2go diff: %v\n", err)
		return ExitUsage
	}
	var sources []apidiff.Source
	for _, a := range pos {
		s, err := apidiff.OpenSource(a, ".")
		if err != nil {
			fmt.Fprintf(stderr, "docs2go diff: %v\n", err)
			return ExitUsage
		}
		sources = append(sources, s)
	}
	trees, err := apidiff.Load(sources, paths, false)
	if err != nil {
		fmt.Fprintf(stderr, "docs2go diff: %v\n", err)
		return ExitUsage
	}
	fs := apidiff.Compare(trees[0], trees[1])
	title := fmt.Sprintf("API changes from %s to %s", pos[0], pos[1])
	if *changelog {
		err = apidiff.WriteChangelog(stdout, fmt.Sprintf("API changelog: %s → %s", pos[0], pos[1]), fs)
	} else {
		err = apidiff.Write(stdout, fmtv, title, fs)
	}
	if err != nil {
		fmt.Fprintf(stderr, "docs2go diff: %v\n", err)
		return ExitUsage
	}
	if fmtv != apidiff.FormatMarkdown || *changelog {
		fmt.Fprintf(stderr, "docs2go diff: %d changes (%s) in %d and %d pages\n", len(fs), apidiff.Summary(fs), len(trees[0].Docs), len(trees[1].Docs))
	}
	if th.Met(fs) {
		return ExitFindings
	}
	return ExitOK
}

// parseInterleaved parses flags written before, between or after the
// positional arguments; everything after "--" is returned as paths.
func parseInterleaved(fset *flag.FlagSet, args []string) (pos, rest []string, err error) {
	if i := slices.Index(args, "--"); i >= 0 {
		args, rest = args[:i], args[i+1:]
		if rest == nil {
			rest = []string{}
		}
	}
	for {
		if err := fset.Parse(args); err != nil {
			return nil, nil, err
		}
		args = fset.Args()
		if len(args) == 0 {
			return pos, rest, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}
