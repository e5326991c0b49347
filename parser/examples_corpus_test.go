package parser_test

import (
	"fmt"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/docs2go/docs2go/parser"
)

// oracleRegexp is an independent reading of an operation's path template,
// written from the path as text (not from the parser's segments): each
// {…} is one or more characters, without "/" when it is a whole segment or
// a function argument. The test checks the parser's linking against it.
func oracleRegexp(path string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("(?i)^")
	for path != "" {
		i := strings.IndexByte(path, '{')
		j := strings.IndexByte(path, '}')
		if i < 0 || j < i {
			b.WriteString(regexp.QuoteMeta(path))
			break
		}
		before := path[:i]
		bare := (i == 0 || path[i-1] == '/') && (j+1 == len(path) || path[j+1] == '/')
		arg := strings.HasSuffix(before, "=") || strings.HasSuffix(before, "='") || strings.HasSuffix(before, "(")
		b.WriteString(regexp.QuoteMeta(before))
		if bare || arg {
			b.WriteString("[^/]+")
		} else {
			b.WriteString(".+")
		}
		path = path[j+1:]
	}
	b.WriteString("/?$")
	re, err := regexp.Compile(strings.ReplaceAll(b.String(), ", ", ",\\s*"))
	if err != nil {
		return nil
	}
	return re
}

// linkStats counts, over pages, how example requests are linked to the
// operations of their page.
type linkStats struct {
	requests, linked int
	// fitting are requests whose path fits the template of an operation of
	// the same method by the oracle; fitLinked those linked to such an
	// operation.
	fitting, fitLinked  int
	ops, opsWithExample int
	// responses are the example responses, paired those answering a
	// request.
	responses, paired int
	unmatched, misses []string
}

func (s *linkStats) add(o linkStats) {
	s.requests += o.requests
	s.linked += o.linked
	s.fitting += o.fitting
	s.fitLinked += o.fitLinked
	s.ops += o.ops
	s.opsWithExample += o.opsWithExample
	s.responses += o.responses
	s.paired += o.paired
	s.unmatched = append(s.unmatched, o.unmatched...)
	s.misses = append(s.misses, o.misses...)
}

func pageLinks(p *parser.Page) linkStats {
	var s linkStats
	linkedTo := map[int]int{} // Examples index → operation index
	for i, op := range p.Operations {
		s.ops++
		if len(op.Examples) > 0 {
			s.opsWithExample++
		}
		for _, ex := range op.Examples {
			linkedTo[ex.RequestIndex] = i
			if ex.Response != nil {
				s.paired++
			}
		}
	}
	for _, ex := range p.UnmatchedExamples {
		if ex.Response != nil {
			s.paired++
		}
	}
	res := make([]*regexp.Regexp, len(p.Operations))
	for i, op := range p.Operations {
		res[i] = oracleRegexp(op.Path)
	}
	for i, ex := range p.Examples {
		if ex.Reply != nil {
			s.responses++
		}
		if ex.Request == nil {
			continue
		}
		s.requests++
		got, linked := linkedTo[i]
		if linked {
			s.linked++
		}
		var fits []int
		for k, op := range p.Operations {
			if op.Method == ex.Request.Method && res[k] != nil && res[k].MatchString(ex.Request.Path) {
				fits = append(fits, k)
			}
		}
		if len(fits) > 0 {
			s.fitting++
			if linked && slices.Contains(fits, got) {
				s.fitLinked++
			} else {
				s.misses = append(s.misses, fmt.Sprintf("%s:%d: %s %s", p.File, ex.Request.Line, ex.Request.Method, ex.Request.Path))
			}
		}
		if !linked {
			s.unmatched = append(s.unmatched, fmt.Sprintf("%s:%d: %s %s", p.File, ex.Request.Line, ex.Request.Method, ex.Request.Path))
		}
	}
	return s
}

// TestCorpusExampleLinks prints, per locale, the share of example requests
// linked to an operation, the share of operations with an example of their
// own and the examples that match no operation, and requires that at least
// 97% of the requests whose URL fits a template of their page (by an
// independent reading of the templates) are linked to that operation.
func TestCorpusExampleLinks(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus test skipped in -short mode")
	}
	for _, folder := range []string{"pt-BR", "es-ES", "en-US"} {
		t.Run(folder, func(t *testing.T) {
			pages := corpusPages(t, folder)
			stats := make([]linkStats, len(pages))
			var wg sync.WaitGroup
			work := make(chan int)
			for range runtime.GOMAXPROCS(0) {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range work {
						stats[i] = pageLinks(parseFile(t, filepath.Join(corpusDir, folder, pages[i])))
					}
				}()
			}
			for i := range pages {
				work <- i
			}
			close(work)
			wg.Wait()
			var all linkStats
			for _, s := range stats {
				all.add(s)
			}
			pct := func(a, b int) float64 { return 100 * float64(a) / float64(max(b, 1)) }
			fmt.Printf("examples %-6s requests linked to an operation %6.2f%% (%d/%d)\n", folder, pct(all.linked, all.requests), all.linked, all.requests)
			fmt.Printf("examples %-6s operations with an example of their own %6.2f%% (%d/%d)\n", folder, pct(all.opsWithExample, all.ops), all.opsWithExample, all.ops)
			fmt.Printf("examples %-6s requests fitting a template linked to it %6.2f%% (%d/%d)\n", folder, pct(all.fitLinked, all.fitting), all.fitLinked, all.fitting)
			fmt.Printf("examples %-6s responses paired with a request %6.2f%% (%d/%d)\n", folder, pct(all.paired, all.responses), all.paired, all.responses)
			fmt.Printf("examples %-6s requests matching no operation: %d\n", folder, len(all.unmatched))
			for i, u := range all.unmatched {
				if i == 15 {
					fmt.Printf("  … and %d more\n", len(all.unmatched)-i)
					break
				}
				fmt.Println("  " + u)
			}
			if p := pct(all.fitLinked, all.fitting); p < 97 {
				t.Errorf("%s: %.2f%% of the example requests that fit a template are linked to its operation, want at least 97%%; first misses:\n%s",
					folder, p, strings.Join(all.misses[:min(20, len(all.misses))], "\n"))
			}
		})
	}
}
