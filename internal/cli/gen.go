package cli

import (
	"fmt"
	"io"
)

func runGen(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "docs2go gen: not yet implemented")
	return ExitUsage
}
