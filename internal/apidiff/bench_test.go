package apidiff

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the process's user and system time so far: on a machine
// shared with other work, the figure to trust for ratios.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkCorpusDiff measures diff over two whole English trees against
// a parse of the newer one (en-US, 11,290 pages), as `docs2go parse` and
// `docs2go diff` do them: files read from disk, parsed on all cores. It
// reports the ratio of CPU times and of wall times (target: diff <= 2.5x
// parse). The old trees: the sources of the es-ES translation (2018-19,
// 6,268 pages, nearly every page differs) and of the pt-BR translation
// (2020-21, 11,213 pages, most pages unchanged: parsed once).
//
//	go test ./internal/apidiff -run '^$' -bench CorpusDiff -benchtime 3x
func BenchmarkCorpusDiff(b *testing.B) {
	for _, old := range []string{"en-US-source-of-es-ES", "en-US-source-of-pt-BR"} {
		b.Run(old, func(b *testing.B) { benchDiff(b, old) })
	}
}

func benchDiff(b *testing.B, old string) {
	root := "../../../shared/corpus"
	oldDir, newDir := filepath.Join(root, old), filepath.Join(root, "en-US")
	if _, err := os.Stat(oldDir); err != nil {
		b.Skipf("corpus not unpacked at %s: %v", root, err)
	}
	open := func(d string) Source { return Source{Name: d, Dir: d} }
	var parseCPU, diffCPU, parseWall, diffWall time.Duration
	changes := 0
	for b.Loop() {
		// Parse and diff alternate, so load elsewhere hits both.
		c0, w0 := cpuTime(), time.Now()
		if _, err := Load([]Source{open(newDir)}, nil, false); err != nil {
			b.Fatal(err)
		}
		c1, w1 := cpuTime(), time.Now()
		trees, err := Load([]Source{open(oldDir), open(newDir)}, nil, false)
		if err != nil {
			b.Fatal(err)
		}
		changes = len(Compare(trees[0], trees[1]))
		c2, w2 := cpuTime(), time.Now()
		parseCPU += c1 - c0
		diffCPU += c2 - c1
		parseWall += w1.Sub(w0)
		diffWall += w2.Sub(w1)
	}
	b.ReportMetric(float64(diffCPU)/float64(parseCPU), "cpu-diff/parse")
	b.ReportMetric(float64(diffWall)/float64(parseWall), "wall-diff/parse")
	b.ReportMetric(float64(parseCPU.Milliseconds())/float64(b.N), "parse-cpu-ms/op")
	b.ReportMetric(float64(diffCPU.Milliseconds())/float64(b.N), "diff-cpu-ms/op")
	b.ReportMetric(float64(changes), "changes")
}
