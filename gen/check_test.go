package gen

import (
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

func TestUnifiedDiff(t *testing.T) {
	old := []byte("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n")
	new := []byte("a\nb\nc\nD\ne\nf\ng\nh\ni\nj\nk\nl\nm\n")
	got := UnifiedDiff("x.go", Change{Path: "x.go", Old: old, New: new})
	want := "--- a/x.go\n+++ b/x.go\n@@ -1,7 +1,7 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n@@ -10,3 +10,4 @@\n j\n k\n l\n+m\n"
	if got != want {
		t.Errorf("diff =\n%s\nwant\n%s", got, want)
	}
}

// TestPlan: new, changed and stale generated files are planned; equal
// ones, hand-written ones are not; writing over a
// hand-written file is refused.
func TestPlan(t *testing.T) {
	gen := func(s string) []byte { return []byte(Header + "\n" + s) }
	out := fstest.MapFS{
		"graph/same.go":    {Data: gen("same")},
		"graph/changed.go": {Data: gen("old")},
		"graph/stale.go":   {Data: gen("stale")},
		"graph/hand.go":    {Data: []byte("package graph\n")},
	}
	want := map[string][]byte{
		"graph/same.go": gen("same"), "graph/changed.go": gen("new"), "graph/new.go": gen("new"),
	}
	changes, err := Plan(out, want)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range changes {
		got = append(got, c.Path+map[bool]string{true: " remove", false: " write"}[c.Remove])
	}
	if diff := cmp.Diff([]string{"graph/changed.go write", "graph/new.go write", "graph/stale.go remove"}, got); diff != "" {
		t.Errorf("plan (-want +got):\n%s", diff)
	}
	if _, err := Plan(out, map[string][]byte{"graph/hand.go": gen("x")}); err == nil {
		t.Error("Plan over a hand-written file: no error")
	}
}
