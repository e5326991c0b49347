package permissions

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docs2go/docs2go/gen"
	"github.com/docs2go/docs2go/parser"
	"github.com/google/go-cmp/cmp"
)

// corpusRoot is the real-docs corpus (see ../../../shared/corpus/README.md).
const corpusRoot = "../../../shared/corpus"

// sampleApp calls GetMe, ListMeMessages and the sendMail method of the
// client in ./graph (the 2019 page documents sendMail for
// /users/{id | userPrincipalName} only).
const sampleApp = `package main

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
	for m, err := range c.ListMeMessages(ctx, graph.Top(10)) {
		fmt.Println(m, err)
	}
	fmt.Println(c.PostUsersByIDSendMail(ctx, "adele@contoso.com", nil))
}
`

// sampleModule generates a client from the corpus pages of folder into a
// module with sampleApp, and returns the module's folder.
func sampleModule(t *testing.T, folder string) string {
	t.Helper()
	root := filepath.Join(corpusRoot, folder)
	if _, err := os.Stat(root); err != nil {
		t.Skipf("corpus not found at %s (run ../shared/corpus/unpack from the project root): %v", corpusRoot, err)
	}
	var pages []*parser.Page
	for _, name := range []string{"user-get.md", "user-list-messages.md", "user-sendmail.md"} {
		file := filepath.Join(root, "api-reference", "v1.0", "api", name)
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, parser.Parse(file, src))
	}
	res, err := gen.Generate(pages, gen.Options{SourceRoot: root})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string][]byte{
		"go.mod":  []byte("module example.com/app\n\ngo 1.26\n"),
		"main.go": []byte(sampleApp),
	}
	for p, src := range res.Files {
		if strings.HasPrefix(p, "graph/") {
			files[p] = src
		}
	}
	for p, src := range files {
		f := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// analyzeSample runs the analysis on the sample module, offline.
func analyzeSample(t *testing.T, dir string) *Report {
	t.Helper()
	env := append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "GOPROXY=off")
	r, err := Analyze(Options{Dir: dir, Patterns: []string{"./..."}, Env: env})
	if err != nil {
		t.Fatalf("Analyze: %v", err)
	}
	return r
}

// TestCorpusSampleApp: a client generated from real pages, a program
// calling GetMe, ListMeMessages and PostUsersByIDSendMail: delegated work accounts
// need exactly User.Read, Mail.Read and Mail.Send, and every call is
// listed at its position. The pages are the 2019 English ones (the sources
// of es-ES), which list Mail.Read first for GET /me/messages.
func TestCorpusSampleApp(t *testing.T) {
	r := analyzeSample(t, sampleModule(t, "en-US-source-of-es-ES"))
	if diff := cmp.Diff([]string{"User.Read", "Mail.Read", "Mail.Send"}, r.DelegatedWork); diff != "" {
		t.Errorf("delegatedWork (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"User.Read", "Mail.Read", "Mail.Send"}, r.DelegatedPersonal); diff != "" {
		t.Errorf("delegatedPersonal (-want +got):\n%s", diff)
	}
	// GET /me lists application permissions too; Mail.Read and Mail.Send
	// are both needed, User.Read.All is the least privileged for GET /me.
	if diff := cmp.Diff([]string{"User.Read.All", "Mail.Read", "Mail.Send"}, r.Application); diff != "" {
		t.Errorf("application (-want +got):\n%s", diff)
	}
	type pos struct {
		File      string
		Line      int
		Method    string
		Operation string
	}
	var got []pos
	for _, c := range r.Calls {
		got = append(got, pos{c.File, c.Line, c.Method, c.Operation})
	}
	want := []pos{
		{"main.go", 13, "GetMe", "GET /me"},
		{"main.go", 15, "ListMeMessages", "GET /me/messages"},
		{"main.go", 18, "PostUsersByIDSendMail", "POST /users/{id | userPrincipalName}/sendMail"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
	if len(r.Uncovered) != 0 || len(r.Undocumented) != 0 {
		t.Errorf("uncovered %v, undocumented %v; want none", r.Uncovered, r.Undocumented)
	}
}

// TestCorpusSampleAppLater: the 2021 English pages list Mail.ReadBasic
// (which reads no message body) as the least privileged for GET
// /me/messages, and the analysis follows the pages.
func TestCorpusSampleAppLater(t *testing.T) {
	r := analyzeSample(t, sampleModule(t, "en-US"))
	if diff := cmp.Diff([]string{"User.Read", "Mail.ReadBasic", "Mail.Send"}, r.DelegatedWork); diff != "" {
		t.Errorf("delegatedWork (-want +got):\n%s", diff)
	}
}
