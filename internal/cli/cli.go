// Package cli wires docs2go's subcommands: flags, reading pages, printing
// and exit codes. Every subcommand parses pages once with parser.Parse and
// passes the models on.
package cli

import (
	"fmt"
	"io"
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
}

func commands() []command {
	return []command{
		{"parse", "parse pages and print their model (JSON Lines or text)", runParse},
		{"gen", "generate the Go client from pages", runGen},
		{"check", "exit 1 with a diff when the generated client is not what the pages produce", runCheck},
		{"diff", "API changes between two revisions of the pages, breaking or not", runDiff},
		{"drift", "stale and damaged translations against their English source", runDrift},
		{"lint", "check pages: structure, paths, permissions, examples, translations, links", runLint},
		{"explain", "print a rule's documentation", runExplain},
		{"permissions", "the permissions a Go program's calls of generated clients need", runPermissions},
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
