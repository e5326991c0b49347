// Command docs2go turns Microsoft Graph API reference pages into a typed
// model, a generated Go client, and checks. See README.md.
package main

import (
	"os"

	"github.com/docs2go/docs2go/internal/cli"
)

func main() {
	cli.TuneGC(os.Args[1:])
	os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
