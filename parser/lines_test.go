package parser

import (
	"math/rand"
	"strings"
	"testing"
)

// TestLineTablePos checks pos, whose search starts from the line it found
// last, against a count of the lines before each offset, asked in an order
// that jumps forward, backward and stays on a line.
func TestLineTablePos(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for range 100 {
		var b strings.Builder
		for i := r.Intn(300); i > 0; i-- {
			b.WriteString(strings.Repeat("x", r.Intn(5)))
			b.WriteByte('\n')
		}
		src := b.String()
		lt := newLineTable([]byte(src), nil, strings.IndexByte(src, '\r') >= 0)
		for k := range 300 {
			off := r.Intn(len(src) + 1)
			if k%3 != 0 {
				off = min(len(src), off/8+k) // mostly forward, in small steps
			}
			want := Pos{Line: 1, Col: 1}
			if off > 0 {
				want.Line = strings.Count(src[:off], "\n") + 1
				want.Col = off - (strings.LastIndexByte(src[:off], '\n') + 1) + 1
			}
			if got := lt.pos(off); got != want {
				t.Fatalf("page of %d lines, offset %d: pos = %v, want %v", strings.Count(src, "\n"), off, got, want)
			}
		}
	}
}
