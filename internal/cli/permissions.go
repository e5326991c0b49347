package cli

import (
	"bufio"
	"flag"
	"fmt"
	"io"

	"github.com/docs2go/docs2go/internal/permissions"
)

// runPermissions is docs2go permissions: the permissions a Go program needs
// for its calls of docs2go-generated clients.
func runPermissions(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("permissions", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output `format`: text (advice for an app registration) or json")
	client := fs.String("client", "", "only calls of the client with this `import path` (default: every docs2go-generated client)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: docs2go permissions [--format text|json] [--client IMPORTPATH] PACKAGES...")
		fmt.Fprintln(stderr, "Finds the program's calls of docs2go-generated clients and prints, per permission kind,")
		fmt.Fprintln(stderr, "the smallest least-privileged set of permissions that covers them, with every call.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return ExitUsage
	}
	if *format != "json" && *format != "text" {
		fmt.Fprintf(stderr, "docs2go permissions: unknown --format %q (want text or json)\n", *format)
		return ExitUsage
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return ExitUsage
	}
	report, err := permissions.Analyze(permissions.Options{Patterns: fs.Args(), Client: *client})
	code := ExitOK
	if err != nil {
		// Load problems are listed; what loaded is still reported.
		for _, e := range unjoin(err) {
			fmt.Fprintf(stderr, "docs2go permissions: %v\n", e)
		}
		code = ExitUsage
	}
	if report == nil {
		return ExitUsage
	}
	w := bufio.NewWriter(stdout)
	if *format == "json" {
		err = report.WriteJSON(w)
	} else {
		err = report.WriteText(w)
	}
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		fmt.Fprintf(stderr, "docs2go permissions: %v\n", err)
		return ExitUsage
	}
	return code
}

// unjoin lists the errors of an errors.Join.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
