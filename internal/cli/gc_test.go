package cli

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestTuneGC: each command gets its pace and memory limit, and GOGC and
// GOMEMLIMIT in the environment win.
func TestTuneGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	const none = math.MaxInt64 // Go's default: no limit
	for _, tc := range []struct {
		gogc, gomemlimit string
		args             []string
		pace             int
		limit            int64
	}{
		{"", "", []string{"parse", "x.md"}, 400, none},
		{"", "", []string{"lint"}, 400, 240 << 20},
		{"", "", []string{"gen"}, 75, none},
		{"", "", []string{"diff"}, 100, none},
		{"", "", nil, 100, none},
		{"50", "", []string{"parse"}, 100, none},
		{"50", "", []string{"lint"}, 100, 240 << 20},
		{"", "1GiB", []string{"lint"}, 400, none},
	} {
		t.Setenv("GOGC", tc.gogc)
		t.Setenv("GOMEMLIMIT", tc.gomemlimit)
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(none)
		TuneGC(tc.args)
		if got := debug.SetGCPercent(100); got != tc.pace {
			t.Errorf("GOGC=%q %v: pace %d, want %d", tc.gogc, tc.args, got, tc.pace)
		}
		if got := debug.SetMemoryLimit(none); got != tc.limit {
			t.Errorf("GOMEMLIMIT=%q %v: limit %d, want %d", tc.gomemlimit, tc.args, got, tc.limit)
		}
	}
}
