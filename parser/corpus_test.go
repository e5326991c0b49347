package parser_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/docs2go/docs2go/parser"
	"github.com/google/go-cmp/cmp"
)

// corpusDir is the real-docs corpus beside the project (../shared/corpus).
const corpusDir = "../../shared/corpus"

// corpusPages lists the api pages of one corpus folder, relative to it, or
// skips the test when the corpus is not unpacked.
func corpusPages(t testing.TB, folder string) []string {
	t.Helper()
	root := filepath.Join(corpusDir, folder)
	if _, err := os.Stat(root); err != nil {
		t.Skipf("corpus folder %s is absent (run ../shared/corpus/unpack from the project root): %v", root, err)
	}
	files, err := filepath.Glob(filepath.Join(root, "api-reference", "*", "api", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	var rel []string
	for _, f := range files {
		r, _ := filepath.Rel(root, f)
		rel = append(rel, r)
	}
	slices.Sort(rel)
	return rel
}

func parseFile(t testing.TB, file string) *parser.Page {
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return parser.Parse(file, src)
}

// agreementFields are the four things a localized page must say exactly as
// its English source does.
type agreementFields struct {
	operations  []string
	permissions parser.Permissions
	headers     []string
	status      int
}

func fieldsOf(p *parser.Page) agreementFields {
	f := agreementFields{status: p.Response.Status}
	for _, op := range p.Operations {
		f.operations = append(f.operations, string(op.Method)+" "+op.Path)
	}
	for _, h := range p.Headers {
		f.headers = append(f.headers, h.Name)
	}
	f.permissions = parser.Permissions{DelegatedWork: p.Permissions.DelegatedWork, DelegatedPersonal: p.Permissions.DelegatedPersonal, Application: p.Permissions.Application}
	return f
}

// TestCorpusAgreement checks, on every localized API page of the corpus,
// that the parser extracts the same operations, permissions, header names
// and success status as from the English page it was translated from.
func TestCorpusAgreement(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus test skipped in -short mode")
	}
	for _, folder := range []string{"pt-BR", "es-ES", "pt-BR-plain"} {
		t.Run(folder, func(t *testing.T) {
			pages := corpusPages(t, folder)
			source := "en-US-source-of-" + folder
			type result struct {
				ok     [4]bool
				diff   [4]string
				paired bool
			}
			results := make([]result, len(pages))
			var wg sync.WaitGroup
			work := make(chan int)
			for range runtime.GOMAXPROCS(0) {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range work {
						enFile := filepath.Join(corpusDir, source, pages[i])
						if _, err := os.Stat(enFile); err != nil {
							continue
						}
						loc := fieldsOf(parseFile(t, filepath.Join(corpusDir, folder, pages[i])))
						en := fieldsOf(parseFile(t, enFile))
						r := result{paired: true}
						for k, pair := range [][2]any{
							{loc.operations, en.operations},
							{loc.permissions, en.permissions},
							{loc.headers, en.headers},
							{loc.status, en.status},
						} {
							r.diff[k] = cmp.Diff(pair[1], pair[0])
							r.ok[k] = r.diff[k] == ""
						}
						results[i] = r
					}
				}()
			}
			for i := range pages {
				work <- i
			}
			close(work)
			wg.Wait()

			names := [4]string{"operations", "permissions", "header names", "success status"}
			var agree [4]int
			paired := 0
			var report strings.Builder
			for i, r := range results {
				if !r.paired {
					continue
				}
				paired++
				for k := range 4 {
					if r.ok[k] {
						agree[k]++
					} else {
						fmt.Fprintf(&report, "%s %s (-en +%s):\n%s\n", pages[i], names[k], folder, r.diff[k])
					}
				}
			}
			if dump := os.Getenv("DOCS2GO_AGREEMENT_REPORT"); dump != "" {
				if err := os.WriteFile(dump+"."+folder+".txt", []byte(report.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if paired == 0 {
				t.Fatalf("no %s page has its English source in %s", folder, source)
			}
			for k := range 4 {
				pct := 100 * float64(agree[k]) / float64(paired)
				t.Logf("%s: %s agree with the English source on %d of %d pages (%.2f%%)", folder, names[k], agree[k], paired, pct)
				fmt.Printf("agreement %-12s %-15s %6.2f%% (%d/%d)\n", folder, names[k], pct, agree[k], paired)
				if pct < 99.5 {
					t.Errorf("%s: %s agree on %.2f%% of pages, want at least 99.5%% (set DOCS2GO_AGREEMENT_REPORT=/tmp/agree to list the differences)", folder, names[k], pct)
				}
			}
		})
	}
}
