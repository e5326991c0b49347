package lint

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/docs2go/docs2go/parser"
	"github.com/docs2go/docs2go/parser/diag"
)

// Permissions: names checked against the permissions reference, and cells
// that machine translation damaged.

var (
	RuleUnknownPermission = diag.Register(diag.Rule{
		ID: "DG2201", Name: "unknown-permission", Severity: diag.Error, Stage: "lint",
		Summary: "a permission name is not in the permissions reference",
		Doc:     "A permission a page names must exist, or an app asks for a scope no tenant can grant. Names are checked against the permissions reference (`concepts/permissions-reference.md` found in the tree, or --permissions FILE); the suggestion is the reference name that differs only in case or dots, has the same words in another order, or is a small edit away. With exactly one suggestion, --fix rewrites the name.",
		Bad:     "| Application | DeviceManagementManagedDevices.PriviligedOperation.All |",
		Good:    "| Application | DeviceManagementManagedDevices.PrivilegedOperations.All |",
		Fixable: true,
	})
	ruleDuplicatePermission = diag.Register(diag.Rule{
		ID: "DG2202", Name: "duplicate-permission", Severity: diag.Warning, Stage: "lint",
		Summary: "the same permission is listed twice in one row",
		Doc:     "Permissions in a row are listed from least to most privileged, each once; a repeat is a leftover of an edit and hides which one was meant.",
		Bad:     "| Application | User.Read.All, User.Read.All |",
		Good:    "| Application | User.Read.All, User.ReadWrite.All |",
	})
	ruleDamagedPermission = diag.Register(diag.Rule{
		ID: "DG2203", Name: "translated-permission", Severity: diag.Error, Stage: "lint",
		Summary: "machine translation damaged a permission cell",
		Doc:     "Permission names are identifiers; machine translation sometimes splits them at the dots with its own punctuation, translates their parts, or keeps only fragments (`Schedule。 All，Group. 所有` for `Schedule.ReadWrite.All, Group.ReadWrite.All`). A reader cannot know which permission to grant. The check reads the cell's shape, not its language: fragments of permission names with no whole name, a dotted name with parts in another script, or a name split by a non-Latin full stop. A cell with no permission words at all (\"Not supported\" in any language) is fine. The suggestion is the English half on side-by-side pages, otherwise the name the fragments most likely were (a name of another row of the page, or the only reference name that fits).",
		Bad:     "| 委派（工作或学校帐户） | Schedule。 All，Group. 所有 |",
		Good:    "| 委派（工作或学校帐户） | Schedule.ReadWrite.All, Group.ReadWrite.All |",
	})
)

func init() { checks = append(checks, checkPermissions) }

func checkPermissions(l *Linter, p *parser.Page, res *PageResult) {
	report := res.report
	ref := l.opts.Reference
	for _, row := range p.Permissions.Rows {
		for _, s := range row.Scopes {
			if !slices.Contains(res.scopes, s) {
				res.scopes = append(res.scopes, s)
			}
		}
		if row.Kind == "" {
			continue // DG2003
		}
		if ref != nil && ref.Len() > 0 && l.enabled(RuleUnknownPermission) {
			for _, s := range row.Scopes {
				if ref.Has(s) {
					continue
				}
				at, end := row.Pos, row.Pos
				var occ []parser.Name
				for _, n := range row.Names {
					if n.Text == s {
						occ = append(occ, n)
					}
				}
				if len(occ) > 0 {
					at, end = occ[0].Pos, occ[0].End
				}
				f := Finding{Diagnostic: RuleUnknownPermission.Diag(p.File, at, end, "permission %s is not in the permissions reference", s)}
				if sug := ref.Suggest(s); len(sug) == 1 {
					f.Suggestion = sug[0]
					for _, n := range occ {
						f.Edits = append(f.Edits, Edit{Start: n.Pos, End: n.End, Old: n.Text, New: sug[0]})
					}
				} else if len(sug) > 1 {
					f.Message += "; it may be any of " + strings.Join(sug[:min(len(sug), 4)], ", ")
				} else {
					f.unknown, f.unknownRefs = s, occ
				}
				report(f)
			}
		}
		// The same name twice among the row's list items (an item being
		// one name: "A and B, C and B" lists combinations, not repeats).
		count := map[string]int{}
		for _, item := range listItems(row.Cell.Text) {
			toks := latinTokens(item)
			if len(toks) != 1 {
				continue
			}
			name := strings.TrimRight(toks[0].text, ".")
			if !isDotted(name) {
				continue
			}
			count[name]++
			if count[name] != 2 {
				continue
			}
			at, end := row.Pos, row.Pos
			k := 0
			for _, n := range row.Names {
				if n.Text == name {
					k++
					if k == 2 {
						at, end = n.Pos, n.End
						break
					}
				}
			}
			report(Finding{Diagnostic: ruleDuplicatePermission.Diag(p.File, at, end, "permission %s is listed twice in this row", name)})
		}
		if d, ok := damaged(row.Cell.Text, ref); ok {
			at, end := row.CellPos, row.CellEnd
			if !at.IsValid() {
				at, end = row.Pos, row.Pos
			}
			f := Finding{Diagnostic: ruleDamagedPermission.Diag(p.File, at, end, "permission cell %q: %s", row.Cell.Text, d.why)}
			f.Suggestion = suggestDamaged(p, row, d, ref)
			report(f)
		}
	}
}

// token is a run of Latin name characters in a cell, with what touches it.
type token struct {
	text string
	// before and after are the runes around the run (0 at the ends).
	before, after rune
	start, end    int
}

func isNameRune(r rune) bool {
	return r < utf8.RuneSelf && (r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-' || r == '.')
}

func latinTokens(s string) []token {
	var out []token
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isNameRune(r) {
			i += n
			continue
		}
		j := i
		for j < len(s) && isNameRune(rune(s[j])) {
			j++
		}
		k := i
		for k < j && !(s[k] >= 'A' && s[k] <= 'Z' || s[k] >= 'a' && s[k] <= 'z') {
			k++
		}
		if k < j {
			t := token{text: strings.TrimRight(s[k:j], "-"), start: k, end: j}
			t.before, _ = utf8.DecodeLastRuneInString(s[:k])
			t.after, _ = utf8.DecodeRuneInString(s[j:])
			out = append(out, t)
		}
		i = j
	}
	return out
}

// damage says why a cell looks damaged and what of it is left.
type damage struct {
	why string
	// groups are the Latin fragments of each name the cell seems to have
	// held, split where the cell lists names (commas of any script).
	groups [][]string
}

// damaged reads a permission cell's own text (the localized half) by its
// shape:
//
//   - a dotted name with a part in another script (`任务.读取`, `Tasks.读取`);
//   - a name part joined to another script's letters by a dot, or split by
//     a full stop that is not ASCII (`Schedule。 All`);
//   - permission words (parts of reference names, or capitalised words
//     ending in a dot) where the cell holds no whole name and more of them
//     than other Latin words.
//
// Words alone never make damage: "Not supported", "Nenhum", "不支持" hold
// no permission words.
func damaged(cell string, ref *Reference) (damage, bool) {
	if strings.TrimSpace(cell) == "" {
		return damage{}, false
	}
	var d damage
	// Dotted runs of letters of any script, at least one part not Latin.
	for _, run := range dottedRuns(cell) {
		parts := strings.Split(run, ".")
		latin, other := 0, 0
		for _, p := range parts {
			if isASCII(p) {
				latin++
			} else {
				other++
			}
		}
		if other > 0 && len(parts) >= 2 && (latin > 0 || allLetters(parts)) {
			d.why = "permission name " + quote(run) + " has translated parts"
			break
		}
	}
	toks := latinTokens(cell)
	// A name split by spaces after its dots whose parts were translated
	// into Latin-script words: "Widget. Leitura. Tudo".
	if d.why == "" && ref != nil {
		for i := 0; i < len(toks); i++ {
			if !ref.heads[strings.TrimRight(toks[i].text, ".")] || !strings.HasSuffix(toks[i].text, ".") {
				continue
			}
			j := i
			for j+1 < len(toks) && strings.HasSuffix(toks[j].text, ".") && isCapitalised(toks[j+1].text) &&
				strings.TrimSpace(cell[toks[j].end:toks[j+1].start]) == "" {
				j++
			}
			if j-i+1 >= 3 {
				joined := strings.TrimSpace(cell[toks[i].start:toks[j].end])
				if ref.Has(strings.ReplaceAll(joined, " ", "")) {
					d.why = "permission name " + quote(joined) + " is split by spaces"
				} else {
					d.why = "permission name " + quote(joined) + " has translated parts"
				}
				break
			}
		}
	}
	whole, fragments, prose := 0, 0, 0
	for _, t := range toks {
		name := strings.TrimRight(t.text, ".")
		switch {
		case isDotted(name):
			whole++
		case isFragment(name, ref):
			fragments++
		default:
			prose++
		}
	}
	if d.why == "" {
		for _, t := range toks {
			name := strings.TrimRight(t.text, ".")
			if !isFragment(name, ref) && (ref != nil || !isCapitalised(name)) || isDotted(name) && !strings.HasSuffix(t.text, ".") {
				continue
			}
			if isForeignStop(t.after) || strings.HasSuffix(t.text, ".") && otherScriptNext(cell, t.end) {
				d.why = "permission name split at " + quote(strings.TrimSpace(cell[t.start:min(len(cell), t.end+runeLen(cell, t.end))]))
				break
			}
		}
	}
	if d.why == "" && whole == 0 && fragments > 0 && fragments > prose {
		d.why = "fragments of permission names and no whole name"
		if ref != nil {
			for _, g := range fragmentGroups(cell) {
				if len(ref.fold[foldName(strings.Join(g, "."))]) == 1 && len(g) > 1 {
					d.why = "permission names split by spaces"
					break
				}
			}
		}
	}
	if d.why == "" {
		return damage{}, false
	}
	d.groups = fragmentGroups(cell)
	return d, true
}

func runeLen(s string, i int) int {
	if i >= len(s) {
		return 0
	}
	_, n := utf8.DecodeRuneInString(s[i:])
	return n
}

func quote(s string) string { return "\u201c" + s + "\u201d" }

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func allLetters(parts []string) bool {
	for _, p := range parts {
		if p == "" {
			return false
		}
		for _, r := range p {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				return false
			}
		}
	}
	return true
}

// dottedRuns finds runs of letters (any script), digits and _ joined by
// single ASCII dots with no space.
func dottedRuns(s string) []string {
	var out []string
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !word(r) {
			i += n
			continue
		}
		j, dots := i, 0
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if word(r) {
				j += n
				continue
			}
			if r == '.' && j+1 < len(s) {
				r2, _ := utf8.DecodeRuneInString(s[j+1:])
				if word(r2) {
					dots++
					j++
					continue
				}
			}
			break
		}
		if dots > 0 {
			out = append(out, s[i:j])
		}
		i = j
	}
	return out
}

func isDotted(s string) bool {
	if len(s) < 3 || !strings.Contains(s, ".") {
		return false
	}
	for _, p := range strings.Split(s, ".") {
		if p == "" || !(p[0] >= 'A' && p[0] <= 'Z' || p[0] >= 'a' && p[0] <= 'z') {
			return false
		}
	}
	return true
}

func isCapitalised(s string) bool { return s != "" && s[0] >= 'A' && s[0] <= 'Z' && len(s) > 1 }

// isFragment reports a part of a reference name (Schedule, ReadWrite,
// All), as written: case counts, since names keep their capitals.
func isFragment(s string, ref *Reference) bool {
	if ref == nil || strings.Contains(s, ".") {
		return false
	}
	return ref.parts[s]
}

// isForeignStop tells the full stops and dots of other scripts that
// translation puts where a name's dot was.
func isForeignStop(r rune) bool {
	switch r {
	case '。', '．', '।', '۔', '።', '｡', '・':
		return true
	}
	return false
}

// otherScriptNext tells whether, after spaces, a letter of a script other
// than Latin follows.
func otherScriptNext(s string, i int) bool {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		return unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r)
	}
	return false
}

// listItems splits a cell at the list separators of any script.
func listItems(cell string) []string {
	return strings.FieldsFunc(cell, func(r rune) bool {
		return r == ',' || r == '，' || r == '、' || r == '،' || r == ';' || r == '；' || r == '؛'
	})
}

// fragmentGroups splits a cell at list separators of any script and keeps
// each group's Latin words; "*" stands for a leading part in another
// script (`任务.ReadWrite` is *, ReadWrite). A group with no Latin word is
// nil when it is a dotted name (a name wholly translated, which nothing
// can restore) and left out otherwise (a translated word beside a name).
func fragmentGroups(cell string) [][]string {
	var out [][]string
	for _, g := range listItems(cell) {
		g = strings.TrimSpace(g)
		var words []string
		if r, _ := utf8.DecodeRuneInString(g); unicode.IsLetter(r) && !isNameRune(r) {
			if runs := dottedRuns(g); len(runs) > 0 && strings.HasPrefix(g, runs[0]) {
				words = append(words, "*")
			}
		}
		for _, t := range latinTokens(g) {
			words = append(words, strings.Split(strings.Trim(t.text, "."), ".")...)
		}
		switch {
		case len(words) > 0 && !(len(words) == 1 && words[0] == "*"):
			out = append(out, words)
		case len(dottedRuns(g)) > 0:
			out = append(out, nil)
		}
	}
	return out
}

// suggestDamaged is the cell as it most likely was: the English half of a
// side-by-side page; otherwise for each group of fragments the name on
// another row of the page, or the only reference name, whose parts hold
// those fragments in order.
func suggestDamaged(p *parser.Page, row parser.PermissionRow, d damage, ref *Reference) string {
	if p.Shape == parser.SideBySide && len(row.Scopes) > 0 {
		return strings.Join(row.Scopes, ", ")
	}
	var onPage []string
	for _, r := range p.Permissions.Rows {
		for _, s := range r.Scopes {
			if !slices.Contains(onPage, s) && (ref == nil || ref.Len() == 0 || ref.Has(s)) {
				onPage = append(onPage, s)
			}
		}
	}
	var out []string
	for _, g := range d.groups {
		if len(g) == 0 {
			return ""
		}
		// The fragments joined are a name: it was split by spaces.
		if ref != nil && !slices.Contains(g, "*") {
			if c := ref.fold[foldName(strings.Join(g, "."))]; len(c) == 1 {
				out = append(out, c[0])
				continue
			}
		}
		pick := func(cands []string) string {
			var fit []string
			for _, c := range cands {
				if fitsFragments(c, g) && !slices.Contains(fit, c) {
					fit = append(fit, c)
				}
			}
			if len(fit) == 1 {
				return fit[0]
			}
			return ""
		}
		s := pick(onPage)
		if s == "" && ref != nil {
			s = pick(ref.list)
		}
		if s == "" {
			return ""
		}
		out = append(out, s)
	}
	return strings.Join(out, ", ")
}

// fitsFragments reports whether name's parts hold the fragments in order,
// the first fragment being its first part.
func fitsFragments(name string, frags []string) bool {
	parts := strings.Split(name, ".")
	if len(frags) == 0 || frags[0] != "*" && parts[0] != frags[0] {
		return false
	}
	i := 1
	for _, f := range frags[1:] {
		for i < len(parts) && parts[i] != f {
			i++
		}
		if i == len(parts) {
			return false
		}
		i++
	}
	return true
}

// Damaged reports whether a permission cell's text looks damaged by
// translation (for tests and tools).
func Damaged(cell string, ref *Reference) bool {
	_, ok := damaged(cell, ref)
	return ok
}
