package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docs2go/docs2go/internal/cli"
	"github.com/docs2go/docs2go/internal/goldentest"
)

// permissionsApp is a program using the client generated from docs-input.
const permissionsApp = `package main

import (
	"context"
	"fmt"

	"example.com/app/graph"
)

func main() {
	ctx := context.Background()
	c := graph.NewClient(graph.WithPermissionCheck())
	me, err := c.GetMe(ctx)
	fmt.Println(me, err)
	for m, err := range c.ListMeMessages(ctx) {
		fmt.Println(m, err)
	}
	fmt.Println(c.PostMeSendMail(ctx, nil))
	users := c.ListUsers
	for u := range users(ctx) {
		fmt.Println(u)
	}
}
`

// TestPermissionsCommand runs docs2go permissions on a program that calls
// the committed client of docs-input (generated/graph), in both formats;
// golden/cli/permissions/ holds the expected output.
func TestPermissionsCommand(t *testing.T) {
	golden, err := filepath.Abs(filepath.Join("..", "..", "golden", "cli", "permissions"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"go.mod":  []byte("module example.com/app\n\ngo 1.26\n"),
		"main.go": []byte(permissionsApp),
	}
	src := filepath.Join("..", "..", "generated", "graph")
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".go") && !strings.HasSuffix(e.Name(), "_test.go") {
			b, err := os.ReadFile(filepath.Join(src, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			files["graph/"+e.Name()] = b
		}
	}
	dir := t.TempDir()
	writeFiles(t, dir, files)
	t.Setenv("GOWORK", "off")
	t.Setenv("GOFLAGS", "-mod=mod")
	t.Setenv("GOPROXY", "off")
	t.Chdir(dir)
	for _, format := range []string{"text", "json"} {
		stdout, stderr, code := run(t, "permissions", "--format", format, "./...")
		if code != cli.ExitOK || stderr != "" {
			t.Errorf("--format %s: exit code %d, stderr:\n%s", format, code, stderr)
		}
		goldentest.Check(t, filepath.Join(golden, format), []byte(stdout))
	}
	// Another client path: no calls.
	stdout, _, code := run(t, "permissions", "--client", "example.com/other", "./...")
	if code != cli.ExitOK || !strings.HasPrefix(stdout, "No calls of a docs2go-generated client found.") {
		t.Errorf("--client elsewhere: exit code %d, output:\n%s", code, stdout)
	}
	// A package that does not type-check is reported on stderr.
	writeFiles(t, dir, map[string][]byte{"bad/bad.go": []byte("package bad\n\nvar x int = \"s\"\n")})
	_, stderr, code := run(t, "permissions", "./bad")
	if code != cli.ExitUsage || !strings.Contains(stderr, "bad.go:3") {
		t.Errorf("package with a type error: exit code %d, stderr:\n%s", code, stderr)
	}
}
