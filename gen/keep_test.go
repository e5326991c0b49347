package gen

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	docs "github.com/docs2go/docs2go/parser"
)

// keepAllPages is Keep over pages.
func keepAllPages(pages []*docs.Page) []*docs.Page {
	out := make([]*docs.Page, len(pages))
	for i, p := range pages {
		out[i] = Keep(p)
	}
	return out
}

// TestKeepGeneratesTheSame generates from whole pages and from what Keep
// leaves of them, which must give the same files, packages and
// diagnostics: Keep must not drop anything generation reads. The page
// sets are the committed inputs and the generator's test pages (names,
// collisions, models, hostile text); TestCorpusKeep does the same over
// the pt-BR corpus.
func TestKeepGeneratesTheSame(t *testing.T) {
	for _, dir := range []string{"../docs-input", "testdata/naming", "testdata/collisions", "testdata/models", "testdata/hostile"} {
		t.Run(dir, func(t *testing.T) {
			pages := loadDir(t, dir)
			for _, opts := range []Options{{SourceRoot: dir}, {SourceRoot: dir, DocLang: DocLangPage, AllModels: true}} {
				want := mustGenerate(t, pages, opts)
				got := mustGenerate(t, keepAllPages(pages), opts)
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%+v: Generate(Keep(pages)) differs (-whole +kept):\n%.3000s", opts, diff)
				}
				if diff := cmp.Diff(damage(pages), damage(keepAllPages(pages))); diff != "" {
					t.Errorf("Damaged differs (-whole +kept):\n%s", diff)
				}
			}
		})
	}
}

// TestCorpusKeep is TestKeepGeneratesTheSame over the pt-BR corpus.
func TestCorpusKeep(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the pt-BR client twice")
	}
	pages := loadCorpus(t)["pt-BR"]
	want := mustGenerate(t, pages, Options{})
	got := mustGenerate(t, keepAllPages(pages), Options{})
	sameResult(t, want, got)
}

// sameResult compares two results file by file (cmp.Diff of whole
// results of this size takes minutes).
func sameResult(t *testing.T, want, got *Result) {
	t.Helper()
	if diff := cmp.Diff(want.Packages, got.Packages); diff != "" {
		t.Errorf("packages differ (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want.Diagnostics, got.Diagnostics); diff != "" {
		t.Errorf("diagnostics differ (-want +got):\n%.3000s", diff)
	}
	for name, w := range want.Files {
		if g, ok := got.Files[name]; !ok || !bytes.Equal(w, g) {
			t.Errorf("%s differs (present: %v)", name, ok)
		}
	}
	for name := range got.Files {
		if _, ok := want.Files[name]; !ok {
			t.Errorf("%s is extra", name)
		}
	}
}

// damage is Damaged of each page, what Removals reads of them.
func damage(pages []*docs.Page) []string {
	var out []string
	for _, p := range pages {
		out = append(out, Damaged(p))
	}
	return out
}

// TestShardFiles checks the client file a method goes to: its path's first
// segment when that is a plain name, lower-cased and bounded; the main file
// otherwise; and that IsClientFile knows exactly those names.
func TestShardFiles(t *testing.T) {
	long := strings.Repeat("a", 60)
	for _, tc := range []struct{ path, file string }{
		{"/me/events", "client_me_gen.go"},
		{"/deviceManagement/managedDevices/{id}", "client_devicemanagement_gen.go"},
		{"/users", "client_users_gen.go"},
		{"/", "client_gen.go"},
		{"/{id}/x", "client_gen.go"},
		{"/$batch", "client_gen.go"},
		{"/getByIds(ids='{ids}')", "client_gen.go"},
		{"/..%2F../x", "client_gen.go"},
		{"/grápho/x", "client_gen.go"},
		{"/" + long + "/x", "client_" + long[:maxShardKey] + "_gen.go"},
	} {
		op := docs.Parse("x.md", []byte("# x\n\n## HTTP request\n\n```http\nGET "+tc.path+"\n```\n")).Operations
		if len(op) != 1 {
			t.Fatalf("%s: %d operations", tc.path, len(op))
		}
		if got := clientFileName(shardKey(&operation{op: op[0]})); got != tc.file {
			t.Errorf("%s: file %s, want %s", tc.path, got, tc.file)
		}
		if !IsClientFile(tc.file) || IsClientFile(testFileName(shardKey(&operation{op: op[0]}))) {
			t.Errorf("IsClientFile is wrong about %s or its test file", tc.file)
		}
	}
	for _, name := range []string{"client_gen_test.go", "client_me_gen_test.go", "models_gen.go", "client__gen.go", "client_gen.go.orig", "runtime_client.go"} {
		if IsClientFile(name) {
			t.Errorf("IsClientFile(%q) = true", name)
		}
	}
}
