package lint_test

// Lint's cost against parsing: every page of the pt-BR corpus (API,
// resource and other pages, held in memory), parsed only, and parsed and
// linted (every rule, the permissions reference, example names across
// pages), on one goroutine. The target is lint <= 1.3x parse:
//
//	go test ./internal/lint -run '^$' -bench 'PTBR' -benchtime 2x -count 5
//
// compare the medians of cpu-ns/op (the process's CPU time, which on a
// shared machine does not count the time spent waiting for a core).

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/docs2go/docs2go/internal/lint"
	"github.com/docs2go/docs2go/parser"
)

const corpus = "../../../shared/corpus"

type benchPage struct {
	file string
	src  []byte
}

var (
	benchOnce  sync.Once
	benchPages []benchPage
	benchBytes int64
	benchRef   *lint.Reference
)

func loadPTBR(b *testing.B) []benchPage {
	b.Helper()
	dir := filepath.Join(corpus, "pt-BR")
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("corpus not found at %s (unpack ../shared/corpus): %v", dir, err)
	}
	benchOnce.Do(func() {
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
				src, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				benchPages = append(benchPages, benchPage{file: p, src: src})
				benchBytes += int64(len(src))
			}
			return nil
		})
		ref := filepath.Join(corpus, "en-US", "concepts", "permissions-reference.md")
		if src, err := os.ReadFile(ref); err == nil {
			benchRef = lint.NewReference(parser.Parse(ref, src))
		}
	})
	if len(benchPages) == 0 {
		b.Fatal("no pt-BR pages")
	}
	return benchPages
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func BenchmarkParsePTBR(b *testing.B) {
	pages := loadPTBR(b)
	b.SetBytes(benchBytes)
	b.ResetTimer()
	start := cpuTime()
	for b.Loop() {
		for _, pg := range pages {
			_ = parser.Parse(pg.file, pg.src)
		}
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}

func BenchmarkLintPTBR(b *testing.B) {
	pages := loadPTBR(b)
	files := make([]string, len(pages))
	for i, pg := range pages {
		files[i] = pg.file
	}
	b.SetBytes(benchBytes)
	b.ResetTimer()
	start := cpuTime()
	n := 0
	for b.Loop() {
		l := lint.New(lint.Options{Reference: benchRef}, files)
		var fs []lint.Finding
		for _, pg := range pages {
			fs = append(fs, l.Page(parser.Parse(pg.file, pg.src))...)
		}
		n += len(l.Finish(fs))
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(n)/float64(b.N), "findings/op")
}
