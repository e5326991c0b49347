package permissions

import (
	"cmp"
	"slices"
	"strings"
)

// This file chooses, for one permission kind, the smallest set of
// permissions that lets a program make all its calls without asking for
// more privilege than the docs justify.
//
// "More privileged" comes from the docs' order only. Every reference page
// lists a kind's permissions from least to most privileged, so each list
// says "a is less privileged than b" for every a written before b. P is
// more privileged than Q when some operation's page of the client lists Q
// before P and none lists P before Q. Permissions no page lists together,
// or that pages list in both orders, are peers: neither is more privileged.
// Chains across pages do not count: some pages list alternatives for
// different resources rather than a privilege order (an extension's page:
// Directory.Read.All, Calendars.Read, Group.Read.All, Mail.Read, User.Read),
// and a chain through one of them would rank unrelated permissions. Names
// compare case-insensitively, as the service does.
//
// The choice:
//  1. Each call takes the least privileged permission it accepts (the first
//     of its list).
//  2. A chosen permission is dropped when the other chosen ones still cover
//     every call; the most privileged candidates go first, so of two that
//     cover each other the less privileged one stays.
//  3. A permission no call chose replaces two or more chosen ones when it
//     covers all their calls and is not more privileged than any of them
//     (a peer or less privileged: the docs give no reason to think it
//     grants more).
//
// The result is listed least privileged first; permissions the order does
// not separate keep the order in which the program's calls first need
// them.

// order is the docs' privilege order of one kind, from every list of a
// client's operations, for the permissions of interest.
type order struct {
	below map[[2]string]bool // folded {a, b}: some list has a before b
}

// newOrder builds the order from lists, each least privileged first,
// keeping the pairs of permissions in keep (folded names; nil keeps all).
func newOrder(lists [][]string, keep map[string]bool) *order {
	o := &order{below: map[[2]string]bool{}}
	for _, l := range lists {
		for i, a := range l {
			a = fold(a)
			if keep != nil && !keep[a] {
				continue
			}
			for _, b := range l[i+1:] {
				if b = fold(b); a != b && (keep == nil || keep[b]) {
					o.below[[2]string{a, b}] = true
				}
			}
		}
	}
	return o
}

func fold(s string) string { return strings.ToLower(s) }

// morePrivileged reports whether a page lists q before p and none p before
// q.
func (o *order) morePrivileged(p, q string) bool {
	p, q = fold(p), fold(q)
	return p != q && o.below[[2]string{q, p}] && !o.below[[2]string{p, q}]
}

// need is one call's accepted permissions of the kind, least privileged
// first (non-empty).
type need []string

func (n need) accepts(p string) bool {
	return slices.ContainsFunc(n, func(s string) bool { return fold(s) == fold(p) })
}

// cover returns the permissions to ask for so that every need is met,
// least privileged first; needs are in the program's order.
func cover(needs []need, o *order) []string {
	if len(needs) == 0 {
		return nil
	}
	covered := func(set []string) bool {
		for _, n := range needs {
			if !slices.ContainsFunc(set, n.accepts) {
				return false
			}
		}
		return true
	}
	// firstNeed is where the program first needs p: the index of the first
	// call accepting it, then p's place in that call's list.
	firstNeed := func(p string) (int, int) {
		for i, n := range needs {
			if j := slices.IndexFunc(n, func(s string) bool { return fold(s) == fold(p) }); j >= 0 {
				return i, j
			}
		}
		return len(needs), 0
	}
	// mostPrivilegedFirst orders candidates for dropping.
	mostPrivilegedFirst := func(set []string) []string {
		s := slices.Clone(set)
		slices.SortStableFunc(s, func(a, b string) int {
			return cmp.Compare(dominated(b, set, o), dominated(a, set, o))
		})
		return s
	}
	// dropRedundant removes the members that may go and that the others
	// make unnecessary.
	dropRedundant := func(set []string, may func(string) bool) []string {
		for _, p := range mostPrivilegedFirst(set) {
			if !may(p) {
				continue
			}
			rest := slices.DeleteFunc(slices.Clone(set), func(s string) bool { return s == p })
			if covered(rest) {
				set = rest
			}
		}
		return set
	}

	// 1. The least privileged permission of each call.
	var set []string
	for _, n := range needs {
		if !slices.ContainsFunc(set, func(s string) bool { return fold(s) == fold(n[0]) }) {
			set = append(set, n[0])
		}
	}
	// 2. Without the ones the others make unnecessary.
	set = dropRedundant(set, func(string) bool { return true })
	// 3. One permission for several, when not more privileged than them.
	for changed := true; changed; {
		changed = false
		for _, p := range candidates(needs, set, firstNeed) {
			with := append(slices.Clone(set), p)
			after := dropRedundant(with, func(q string) bool { return q != p && !o.morePrivileged(p, q) })
			if len(after) < len(set) {
				set, changed = after, true
				break
			}
		}
	}
	// Least privileged first, then in the program's order.
	slices.SortStableFunc(set, func(a, b string) int {
		if c := cmp.Compare(dominated(a, set, o), dominated(b, set, o)); c != 0 {
			return c
		}
		ai, aj := firstNeed(a)
		bi, bj := firstNeed(b)
		return cmp.Or(cmp.Compare(ai, bi), cmp.Compare(aj, bj), cmp.Compare(a, b))
	})
	return set
}

// dominated counts the members of set that p is more privileged than.
func dominated(p string, set []string, o *order) int {
	n := 0
	for _, q := range set {
		if o.morePrivileged(p, q) {
			n++
		}
	}
	return n
}

// candidates are the permissions the calls accept that are not in set, in
// the order the program first needs them.
func candidates(needs []need, set []string, firstNeed func(string) (int, int)) []string {
	var out []string
	for _, n := range needs {
		for _, p := range n {
			in := func(s string) bool { return fold(s) == fold(p) }
			if !slices.ContainsFunc(set, in) && !slices.ContainsFunc(out, in) {
				out = append(out, p)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b string) int {
		ai, aj := firstNeed(a)
		bi, bj := firstNeed(b)
		return cmp.Or(cmp.Compare(ai, bi), cmp.Compare(aj, bj))
	})
	return out
}
