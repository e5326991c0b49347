package gen

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	docs "github.com/docs2go/docs2go/parser"
)

// corpusRoot is the real-docs corpus (see ../../shared/corpus/README.md).
const corpusRoot = "../../shared/corpus"

var corpusLocales = []string{"pt-BR", "es-ES", "en-US"}

var (
	corpusOnce  sync.Once
	corpusPages map[string][]*docs.Page
)

// loadCorpus parses the API pages of the corpus locales once per test
// binary, skipping the test when the corpus is absent.
func loadCorpus(t *testing.T) map[string][]*docs.Page {
	t.Helper()
	if _, err := os.Stat(filepath.Join(corpusRoot, "pt-BR")); err != nil {
		t.Skipf("corpus not found at %s (run ../shared/corpus/unpack from the project root): %v", corpusRoot, err)
	}
	corpusOnce.Do(func() {
		corpusPages = map[string][]*docs.Page{}
		for _, loc := range corpusLocales {
			files, _ := filepath.Glob(filepath.Join(corpusRoot, loc, "api-reference", "*", "api", "*.md"))
			slices.Sort(files)
			pages := make([]*docs.Page, len(files))
			var wg sync.WaitGroup
			work := make(chan int)
			for range runtime.GOMAXPROCS(0) {
				wg.Go(func() {
					for i := range work {
						src, err := os.ReadFile(files[i])
						if err != nil {
							panic(err)
						}
						pages[i] = docs.Parse(files[i], src)
					}
				})
			}
			for i := range files {
				work <- i
			}
			close(work)
			wg.Wait()
			corpusPages[loc] = pages
		}
	})
	return corpusPages
}

// TestCorpusNames names every operation of the corpus, all locales of a
// version together, and fails on any collision (which the generator would
// resolve with a hash suffix).
func TestCorpusNames(t *testing.T) {
	byLocale := loadCorpus(t)
	rt, err := runtimeFiles()
	if err != nil {
		t.Fatal(err)
	}
	reserved, err := runtimeNames(rt)
	if err != nil {
		t.Fatal(err)
	}
	byVersion := map[string][]*docs.Page{}
	for _, loc := range corpusLocales {
		for _, p := range byLocale[loc] {
			if usable(p) {
				byVersion[p.Version] = append(byVersion[p.Version], p)
			}
		}
	}
	for _, v := range slices.Sorted(func(yield func(string) bool) {
		for v := range byVersion {
			if !yield(v) {
				return
			}
		}
	}) {
		d := &diags{}
		ops := collectOperations(byVersion[v], reserved, d)
		n := 0
		for _, diag := range d.list {
			if diag.Code == "GEN1001" {
				t.Errorf("%s: %s", v, diag)
				n++
			}
		}
		t.Logf("%s: %d pages, %d operations named, %d collisions", v, len(byVersion[v]), len(ops), n)
	}
}

// TestCorpusBuild generates the client of each corpus locale into a module
// of its own and runs go build, go vet and the emitted tests there.
func TestCorpusBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and tests generated clients of the whole corpus; skipped in -short mode")
	}
	byLocale := loadCorpus(t)
	for _, loc := range corpusLocales {
		t.Run(loc, func(t *testing.T) {
			start := time.Now()
			root := filepath.Join(corpusRoot, loc)
			res := mustGenerate(t, byLocale[loc], Options{SourceRoot: root})
			var summary []string
			for _, p := range res.Packages {
				summary = append(summary, p.Dir+": "+itoa(p.Methods)+" methods")
			}
			gen := time.Since(start)
			goCheck(t, res, t.TempDir())
			t.Logf("%s: %s; generated in %v, built, vetted and tested in %v", loc, strings.Join(summary, ", "), gen.Round(time.Millisecond), time.Since(start).Round(time.Second))
		})
	}
}
