package lint

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/docs2go/docs2go/parser"
)

// Reference is the set of permission names pages may use, read from a
// permissions reference page (its tables' first cells, as the parser
// records them in Page.DefinedPermissions).
type Reference struct {
	File  string
	names map[string]bool
	list  []string
	// parts are every dot-separated part of a name; heads the first parts.
	parts, heads map[string]bool
	fold         map[string][]string // lower case, dots and spaces removed → names
	words        map[string][]string // parts' camel-case words sorted → names
	// suggested remembers Suggest's answers: an unknown name is usually
	// on many pages (PriviligedOperation on 44), and pages are checked on
	// every core.
	suggested sync.Map // name → []string
}

// NewReference builds a reference from a parsed reference page.
func NewReference(p *parser.Page) *Reference {
	names := make([]string, 0, len(p.DefinedPermissions))
	for _, n := range p.DefinedPermissions {
		names = append(names, n.Text)
	}
	r := ReferenceOf(names)
	r.File = p.File
	return r
}

// ReferenceOf builds a reference from a list of names.
func ReferenceOf(names []string) *Reference {
	r := &Reference{names: map[string]bool{}, parts: map[string]bool{}, heads: map[string]bool{}, fold: map[string][]string{}, words: map[string][]string{}}
	for _, n := range names {
		if r.names[n] {
			continue
		}
		r.names[n] = true
		r.list = append(r.list, n)
		for i, part := range strings.Split(n, ".") {
			r.parts[part] = true
			if i == 0 {
				r.heads[part] = true
			}
		}
		r.fold[foldName(n)] = append(r.fold[foldName(n)], n)
		r.words[wordKey(n)] = append(r.words[wordKey(n)], n)
	}
	sort.Strings(r.list)
	return r
}

// Len is the number of names.
func (r *Reference) Len() int { return len(r.list) }

// Has reports whether name is a permission name.
func (r *Reference) Has(name string) bool { return r.names[name] }

// foldName ignores case, dots, spaces, dashes and underscores.
func foldName(s string) string {
	return strings.Map(func(c rune) rune {
		if c == '.' || c == ' ' || c == '-' || c == '_' {
			return -1
		}
		return unicode.ToLower(c)
	}, s)
}

// wordKey is a name's parts with their camel-case words sorted, so
// ManagedTenants.WriteRead.All meets ManagedTenants.ReadWrite.All.
func wordKey(s string) string {
	parts := strings.Split(s, ".")
	for i, p := range parts {
		w := camelWords(p)
		slices.Sort(w)
		parts[i] = strings.ToLower(strings.Join(w, ""))
	}
	return strings.Join(parts, ".")
}

func camelWords(s string) []string {
	var out []string
	start := 0
	for i := 1; i < len(s); i++ {
		upper := func(c byte) bool { return c >= 'A' && c <= 'Z' }
		lower := func(c byte) bool { return c >= 'a' && c <= 'z' }
		// A word starts at a capital after a small letter, or at the
		// last capital of an acronym before a small letter (AD|Resources).
		if upper(s[i]) && (!upper(s[i-1]) || i+1 < len(s) && lower(s[i+1])) {
			out = append(out, s[start:i])
			start = i
		}
	}
	return append(out, s[start:])
}

// Suggest returns the names a misspelled name most likely was, best
// first: the same name in other case or dots; the same words in another
// order; the names at the smallest edit distance (never name itself), if small for the name's
// length. Several names mean the fix is not certain. The slice is shared
// between callers: read it, do not change it.
func (r *Reference) Suggest(name string) []string {
	if s, ok := r.suggested.Load(name); ok {
		return s.([]string)
	}
	s := r.suggest(name)
	r.suggested.Store(name, s)
	return s
}

func (r *Reference) suggest(name string) []string {
	others := func(c []string) []string {
		var out []string
		for _, n := range c {
			if n != name {
				out = append(out, n)
			}
		}
		return out
	}
	if c := others(r.fold[foldName(name)]); len(c) > 0 {
		return c
	}
	if c := others(r.words[wordKey(name)]); len(c) > 0 {
		return c
	}
	best, bestD := []string(nil), max(2, len(name)/10)+1
	ln := strings.ToLower(name)
	for _, n := range r.list {
		if abs(len(n)-len(name)) > bestD {
			continue
		}
		if n == name || !typo(name, n) {
			continue
		}
		d := editDistance(ln, strings.ToLower(n), bestD+1)
		switch {
		case d < bestD:
			best, bestD = []string{n}, d
		case d == bestD && best != nil:
			best = append(best, n)
		}
	}
	return best
}

// typo reports whether a and b differ only by misspelt words: the same
// number of dot parts and camel-case words, each pair of words equal but
// for case or a small edit (Priviliged/Privileged, Operation/Operations).
// A word added, removed or replaced (AzureResources/AzureADResources,
// ReadWriteForChat/ReadWriteForTeam) names another permission, not a typo
// of this one.
func typo(a, b string) bool {
	wa, wb := nameWords(a), nameWords(b)
	if len(wa) != len(wb) {
		return false
	}
	for i := range wa {
		x, y := strings.ToLower(wa[i]), strings.ToLower(wb[i])
		if x == y {
			continue
		}
		limit := 1
		if min(len(x), len(y)) >= 8 {
			limit = 2
		}
		if editDistance(x, y, limit+1) > limit {
			return false
		}
	}
	return true
}

func nameWords(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ".") {
		out = append(out, camelWords(p)...)
	}
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// editDistance is the Levenshtein distance of a and b, or limit when it is
// at least limit.
func editDistance(a, b string, limit int) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], limit)
}
