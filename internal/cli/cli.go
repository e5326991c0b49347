// Package cli wires docs2go's subcommands: flags, reading pages, printing
// and exit codes. Every subcommand parses pages once with parser.Parse and
// passes the models on.
package cli

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
)

// Exit codes, the same for every subcommand.
const (
	ExitOK       = 0 // clean
	ExitFindings = 1 // findings, drift, or pages with errors
	ExitUsage    = 2 // bad usage or an I/O failure
)

type command struct {
	name    string
	summary string
	run     func(args []string, stdin io.Reader, stdout, stderr io.Writer) int
	// gcPercent is the collector's pace for the command (see TuneGC); 0
	// leaves Go's default. memoryLimit, if not 0, is a soft limit on the
	// heap that makes the collector work harder as it nears it, whatever
	// the pace.
	gcPercent   int
	memoryLimit int64
}

func commands() []command {
	return []command{
		// parse holds a few pages at a time (about 6 MB live over the
		// pt-BR corpus), so at Go's default pace it collects ~600 times:
		// at 400 it spends 18% less CPU for a peak of ~65 MB, not ~30.
		{"parse", "parse pages and print their model (JSON Lines or text)", runParse, 400, 0},
		// gen (and check, the same work) keeps what generation reads of
		// every page until the end (about 75 MB live over pt-BR, with 30 MB
		// of generated source): at Go's default pace the heap grows to
		// twice that and the peak RSS passes 300 MB; at 75, ~265 MB for 6%
		// more CPU.
		{"gen", "generate the Go client from pages", runGen, 75, 0},
		{"check", "exit 1 with a diff when the generated client is not what the pages produce", runCheck, 75, 0},
		{"diff", "API changes between two revisions of the pages, breaking or not", runDiff, 0, 0},
		{"drift", "stale and damaged translations against their English source", runDrift, 0, 0},
		// lint keeps the schema part of every type page and every typed
		// example response until the end (about 70 MB live over pt-BR). At
		// 400 its collector runs a third as often as at Go's default: 12%
		// less CPU, and on two cores 1.73x the speed of one, not 1.59x; the
		// 240 MiB limit keeps the peak near 240 MB where the pace alone
		// would reach ~300 (and bounds it on bigger trees, at the cost of
		// collecting more often there).
		{"lint", "check pages: structure, paths, permissions, examples, translations, links", runLint, 400, 240 << 20},
		{"explain", "print a rule's documentation", runExplain, 0, 0},
		{"permissions", "the permissions a Go program's calls of generated clients need", runPermissions, 0, 0},
	}
}

// TuneGC sets the garbage collector's pace and memory limit for the
// command args name (args without the program name), unless the GOGC and
// GOMEMLIMIT environment variables set them. The command binary calls
// it; tests running the CLI in process keep the test's settings.
func TuneGC(args []string) {
	if len(args) == 0 {
		return
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		if c.gcPercent > 0 && os.Getenv("GOGC") == "" {
			debug.SetGCPercent(c.gcPercent)
		}
		if c.memoryLimit > 0 && os.Getenv("GOMEMLIMIT") == "" {
			debug.SetMemoryLimit(c.memoryLimit)
		}
	}
}

// Run runs docs2go with args (without the program name) and returns the
// exit code. It takes its streams so tests can run the whole CLI.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(args[1:], stdin, stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "docs2go: unknown command %q\n", args[0])
	usage(stderr)
	return ExitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: docs2go COMMAND [flags] [PATH...]")
	fmt.Fprintln(w, "commands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-11s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "Run 'docs2go COMMAND -h' for a command's flags.")
}
