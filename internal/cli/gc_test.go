package cli

import (
	"runtime/debug"
	"testing"
)

// TestTuneGC: each command gets its pace, and GOGC in the environment wins.
func TestTuneGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	for _, tc := range []struct {
		gogc string
		args []string
		want int
	}{
		{"", []string{"parse", "x.md"}, 400},
		{"", []string{"lint"}, 200},
		{"", []string{"gen"}, 75},
		{"", []string{"diff"}, 100},
		{"", nil, 100},
		{"50", []string{"parse"}, 100},
	} {
		t.Setenv("GOGC", tc.gogc)
		debug.SetGCPercent(100)
		TuneGC(tc.args)
		if got := debug.SetGCPercent(100); got != tc.want {
			t.Errorf("GOGC=%q %v: pace %d, want %d", tc.gogc, tc.args, got, tc.want)
		}
	}
}
