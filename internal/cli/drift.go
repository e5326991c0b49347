package cli

import "io"

func runDrift(args []string, _ io.Reader, stdout, stderr io.Writer) int { return 2 }
