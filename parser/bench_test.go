package parser_test

// Speed benchmarks over the 7,073 pt-BR API pages of the corpus, held in
// memory. They compare, in one run (see scripts/bench-parse.sh):
//
//   - BenchmarkStockGoldmark: goldmark with GFM, parse to an AST only;
//   - BenchmarkParse: parser.Parse, page model included, one goroutine;
//   - BenchmarkParseParallel: parser.Parse on GOMAXPROCS goroutines;
//   - BenchmarkRegexpExtractor(Parallel): a naive regular-expression
//     extractor of the same four fields the agreement test checks.
//
// Run with -cpu 1,2 to get the one-core and two-core figures. Each
// iteration is the whole corpus; b.SetBytes makes MB/s comparable. Besides
// wall time each reports cpu-ns/op, the process's user+system CPU time per
// op: on a machine shared with other work, wall time also counts the time
// the benchmark waited for a core, CPU time mostly does not.

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/docs2go/docs2go/parser"
	"github.com/docs2go/docs2go/parser/sxs"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gparser "github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"go.yaml.in/yaml/v3"
)

type benchPage struct {
	file string
	src  []byte
}

var (
	benchOnce  sync.Once
	benchPages []benchPage
	benchBytes int64
)

// loadBenchPages reads the pt-BR API pages once per test binary.
func loadBenchPages(b *testing.B) ([]benchPage, int64) {
	b.Helper()
	rel := corpusPages(b, "pt-BR")
	benchOnce.Do(func() {
		for _, r := range rel {
			f := filepath.Join(corpusDir, "pt-BR", r)
			src, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			benchPages = append(benchPages, benchPage{file: f, src: src})
			benchBytes += int64(len(src))
		}
	})
	if len(benchPages) == 0 {
		b.Fatal("no pt-BR pages loaded")
	}
	return benchPages, benchBytes
}

// cpuTime is the user+system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU adds the cpu-ns/op metric; call it with the CPU time taken
// before the loop.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}

// parallel runs fn over every page on GOMAXPROCS goroutines.
func parallel(pages []benchPage, fn func(benchPage)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(pages) {
					return
				}
				fn(pages[i])
			}
		})
	}
	wg.Wait()
}

func BenchmarkStockGoldmark(b *testing.B) {
	pages, size := loadBenchPages(b)
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	b.SetBytes(size)
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		for _, pg := range pages {
			md.Parser().Parse(text.NewReader(pg.src))
		}
	}
	reportCPU(b, start)
}

func BenchmarkParse(b *testing.B) {
	pages, size := loadBenchPages(b)
	b.SetBytes(size)
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		for _, pg := range pages {
			parser.Parse(pg.file, pg.src)
		}
	}
	reportCPU(b, start)
}

// The stages of Parse on their own, to see how much of BenchmarkParse is
// goldmark with the span extension building the AST (BenchmarkStageAST)
// and how much the YAML library reading front matter
// (BenchmarkStageFrontMatter): the rest is the page model. Run beside it:
//
//	go test ./parser -run '^$' -bench 'Parse$|Stage' -cpu 1 -benchtime 3x
func BenchmarkStageAST(b *testing.B) {
	pages, size := loadBenchPages(b)
	bodies := make([][]byte, len(pages))
	for i, pg := range pages {
		_, bodies[i] = splitFrontMatter(pg.src)
	}
	b.SetBytes(size)
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		for _, body := range bodies {
			pc := gparser.NewContext()
			parser.Markdown.Parser().Parse(text.NewReader(body), gparser.WithContext(pc))
			sxs.Release(pc) // as Parse does: the next page reuses the span nodes
		}
	}
	reportCPU(b, start)
}

func BenchmarkStageFrontMatter(b *testing.B) {
	pages, size := loadBenchPages(b)
	var fronts [][]byte
	for _, pg := range pages {
		if front, _ := splitFrontMatter(pg.src); front != nil {
			fronts = append(fronts, front)
		}
	}
	b.SetBytes(size)
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		for _, f := range fronts {
			var n yaml.Node
			_ = yaml.Unmarshal(f, &n) // a few pages' front matter is not YAML; Parse reads them the same
		}
	}
	reportCPU(b, start)
}

// splitFrontMatter returns a page's front matter (nil if none) and body,
// as Parse divides the pages of the corpus.
func splitFrontMatter(src []byte) (front, body []byte) {
	if rest, ok := bytes.CutPrefix(src, []byte("---\n")); ok {
		if i := bytes.Index(rest, []byte("\n---\n")); i >= 0 {
			return rest[:i+1], rest[i+len("\n---\n"):]
		}
	}
	return nil, src
}

func BenchmarkParseParallel(b *testing.B) {
	pages, size := loadBenchPages(b)
	b.SetBytes(size)
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		parallel(pages, func(pg benchPage) { parser.Parse(pg.file, pg.src) })
	}
	reportCPU(b, start)
}

func BenchmarkRegexpExtractor(b *testing.B) {
	pages, size := loadBenchPages(b)
	b.SetBytes(size)
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		for _, pg := range pages {
			regexpExtract(pg.src)
		}
	}
	reportCPU(b, start)
}

func BenchmarkRegexpExtractorParallel(b *testing.B) {
	pages, size := loadBenchPages(b)
	b.SetBytes(size)
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		parallel(pages, func(pg benchPage) { regexpExtract(pg.src) })
	}
	reportCPU(b, start)
}

// The naive extractor: what one would write in an afternoon without a
// markdown parser. It drops the English halves and the remaining tags with
// regular expressions, then pulls the four agreement fields from the text.
var (
	reEnglishHalf = regexp.MustCompile(`<span class="sxs-lookup"><span data-stu-id="[^"]*">.*?</span></span>`)
	reTag         = regexp.MustCompile(`</?(?:span|a)\b[^>]*>`)
	reSection     = regexp.MustCompile(`(?m)^##\s+(.*)$`)
	reRequestLine = regexp.MustCompile(`(?m)^\s*(GET|POST|PUT|PATCH|DELETE)\s+(\S+)`)
	reTableRow    = regexp.MustCompile(`(?m)^\s*\|([^|\n]*)\|([^|\n]*)\|?`)
	reStatus      = regexp.MustCompile("`([1-5][0-9][0-9])(?: ([A-Za-z ]+))?`")
	reFence       = regexp.MustCompile("(?s)```.*?```")
)

type extracted struct {
	operations  []string
	permissions [][2]string
	headers     []string
	status      string
}

func regexpExtract(src []byte) extracted {
	s := reEnglishHalf.ReplaceAll(src, nil)
	s = reTag.ReplaceAll(s, nil)
	var out extracted
	// Split at level-2 headings and pick sections by position in the page
	// order the docs template uses: permissions, HTTP request, headers, …,
	// response.
	heads := reSection.FindAllIndex(s, -1)
	for i, h := range heads {
		end := len(s)
		if i+1 < len(heads) {
			end = heads[i+1][0]
		}
		sec := s[h[0]:end]
		switch {
		case i == 0:
			for _, m := range reTableRow.FindAllSubmatch(sec, -1) {
				out.permissions = append(out.permissions, [2]string{string(m[1]), string(m[2])})
			}
		case reFence.Match(sec) && out.operations == nil:
			for _, m := range reRequestLine.FindAllSubmatch(reFence.Find(sec), -1) {
				out.operations = append(out.operations, string(m[1])+" "+string(m[2]))
			}
		case out.headers == nil && reTableRow.Match(sec) && out.operations != nil:
			for _, m := range reTableRow.FindAllSubmatch(sec, -1) {
				out.headers = append(out.headers, string(m[1]))
			}
		}
		if m := reStatus.FindSubmatch(sec); m != nil && out.status == "" && out.operations != nil {
			out.status = string(m[1])
		}
	}
	return out
}
