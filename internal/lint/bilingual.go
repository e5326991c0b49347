package lint

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/docs2go/docs2go/parser"
	"github.com/docs2go/docs2go/parser/diag"
)

// Bilingual pages: the two halves of each translation pair.

var (
	ruleEmptyHalf = diag.Register(diag.Rule{
		ID: "DG5101", Name: "empty-half", Severity: diag.Warning, Stage: "lint",
		Summary: "one half of a translation pair is empty",
		Doc:     "A pair whose localized half is empty shows the reader nothing where the English has a sentence; one whose English half is empty gives tools nothing to compare.",
		Bad:     "<span data-ttu-id=\"b-7\"></span><span class=\"sxs-lookup\"><span data-stu-id=\"b-7\">Get a user.</span></span>",
		Good:    "<span data-ttu-id=\"b-7\">Obter um usuário.</span><span class=\"sxs-lookup\"><span data-stu-id=\"b-7\">Get a user.</span></span>",
	})
	ruleChangedIdentifier = diag.Register(diag.Rule{
		ID: "DG5102", Name: "translated-identifier", Severity: diag.Warning, Stage: "lint",
		Summary: "an identifier differs between the localized and the English half",
		Doc:     "Inline code, paths, permission names, header names and numbers are the same in every language. When the localized half of a pair has a different set of them than its English half, translation changed an identifier (`Mail.Read` → `Correio.Ler`, `` `true` `` → `` `verdadeiro` ``) or dropped one.",
		Bad:     "<span data-ttu-id=\"b-9\">Defina `verdadeiro`.</span><span class=\"sxs-lookup\"><span data-stu-id=\"b-9\">Set `true`.</span></span>",
		Good:    "<span data-ttu-id=\"b-9\">Defina `true`.</span><span class=\"sxs-lookup\"><span data-stu-id=\"b-9\">Set `true`.</span></span>",
	})
)

func init() { checks = append(checks, checkBilingual) }

func checkBilingual(l *Linter, p *parser.Page, res *PageResult) {
	report := res.report
	var cells [][2]diag.Pos
	for _, r := range p.Permissions.Rows {
		if r.CellPos.IsValid() {
			cells = append(cells, [2]diag.Pos{r.CellPos, r.CellEnd})
		}
	}
	for _, pr := range p.Pairs {
		if pr.STUID != "" && pr.STUID != pr.ID && pr.STUPos.IsValid() {
			// DG5001 names the mismatch; attach the certain fix to it.
			fixStuID(p, pr, report)
		}
		local, en := strings.TrimSpace(pr.Local), strings.TrimSpace(pr.En)
		switch {
		case local == "" && en != "":
			report(Finding{Diagnostic: ruleEmptyHalf.Diag(p.File, pr.Pos, pr.End, "translation pair %s has an empty localized half (English: %q)", pr.ID, clip(en))})
			continue
		case en == "" && local != "" && pr.STUID != "" && hasProse(local, pr.Code):
			// (A half of code alone, "`application/json`.", has an empty
			// English half on some pages by the translation tool's
			// convention: nothing to translate.)
			report(Finding{Diagnostic: ruleEmptyHalf.Diag(p.File, pr.Pos, pr.End, "translation pair %s has an empty English half", pr.ID)})
			continue
		case local == "" || en == "":
			continue
		}
		if inCell(cells, pr.Pos) {
			continue // permission cells: DG2201 and DG2203 say what is wrong
		}
		if what, ok := identifierChange(pr, l.opts.Reference); ok {
			report(Finding{Diagnostic: ruleChangedIdentifier.Diag(p.File, pr.Pos, pr.End, "translation pair %s: %s", pr.ID, what)})
		}
	}
}

// fixStuID replaces the DG5001 finding of a pair whose stu-id differs
// from its ttu-id with one that carries the fix.
func fixStuID(p *parser.Page, pr parser.TranslationPair, report func(Finding)) {
	msg := fmt.Sprintf("data-stu-id=%q does not match data-ttu-id=%q", pr.STUID, pr.ID)
	for _, d := range p.Diagnostics {
		if d.Code == parser.CodeSpanPair.ID && d.Message == msg {
			f := Finding{Diagnostic: d}
			f.Suggestion = pr.ID
			f.Edits = []Edit{{Start: pr.STUPos, End: shift(pr.STUPos, len(pr.STUID)), Old: pr.STUID, New: pr.ID}}
			report(f)
			return
		}
	}
}

func inCell(cells [][2]diag.Pos, at diag.Pos) bool {
	for _, c := range cells {
		if !at.Before(c[0]) && at.Before(c[1]) {
			return true
		}
	}
	return false
}

// hasProse reports whether text has letters outside its code spans.
func hasProse(text string, code []string) bool {
	for _, c := range code {
		text = strings.Replace(text, c, "", 1)
	}
	for _, r := range text {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func clip(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}

// identifierChange compares the identifiers of the halves: inline code
// spans, dotted names (permissions, namespaces), paths and numbers.
func identifierChange(pr parser.TranslationPair, ref *Reference) (string, bool) {
	if pr.Local == pr.En && slices.Equal(pr.Code, pr.EnCode) {
		return "", false // left untranslated: nothing can differ
	}
	if missing, extra := diffBags(pr.EnCode, pr.Code); len(missing) > 0 {
		if len(extra) > 0 {
			return fmt.Sprintf("code %s in English is %s in translation", bq(missing[0]), bq(extra[0])), true
		}
		return fmt.Sprintf("code %s in English is missing in translation", bq(missing[0])), true
	}
	enIDs, locIDs := identifiers(pr.En, ref), identifiers(pr.Local, ref)
	if missing, extra := diffBags(enIDs, locIDs); len(missing) > 0 {
		if len(extra) > 0 {
			return fmt.Sprintf("%s in English is %s in translation", quote(missing[0]), quote(extra[0])), true
		}
		return fmt.Sprintf("%s in English is missing in translation", quote(missing[0])), true
	}
	return "", false
}

func bq(s string) string { return "`" + s + "`" }

// identifiers picks dotted names, paths and numbers out of prose.
func identifiers(s string, ref *Reference) []string {
	var out []string
	digits, dotted := scanShape(s)
	if dotted {
		for _, t := range latinTokens(s) {
			name := strings.TrimRight(t.text, ".")
			if isDotted(name) && strings.ContainsAny(name[1:], "ABCDEFGHIJKLMNOPQRSTUVWXYZ") && !sentenceJoin(name, ref) {
				out = append(out, name)
			}
		}
	}
	if !digits {
		return out
	}
	// Numbers of two or more digits, group separators removed: 1,000,
	// 1.000 and 10 000 (space, no-break or thin space) are one number.
	for i := 0; i < len(s); {
		if s[i] < '0' || s[i] > '9' || i > 0 && isNameRune(rune(s[i-1])) && s[i-1] != '.' && s[i-1] != ',' && s[i-1] != '-' {
			i++
			continue
		}
		j := i
		var num []byte
		for j < len(s) {
			if c := s[j]; c >= '0' && c <= '9' {
				num = append(num, c)
				j++
				continue
			}
			if n := groupSeparator(s, j); n > 0 {
				j += n
				continue
			}
			break
		}
		if len(num) >= 2 && (j == len(s) || !(s[j] >= 'A' && s[j] <= 'Z' || s[j] >= 'a' && s[j] <= 'z')) {
			out = append(out, string(num))
		}
		i = j
	}
	return out
}

// scanShape tells whether s has a digit, and a dot followed by a letter
// (a dotted name), so prose without either costs one pass.
func scanShape(s string) (digits, dotted bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits = true
		case c == '.' && i+1 < len(s) && (s[i+1] >= 'A' && s[i+1] <= 'Z' || s[i+1] >= 'a' && s[i+1] <= 'z'):
			dotted = true
		}
	}
	return digits, dotted
}

// groupSeparator returns the length of a digit group separator at s[i]
// (, . space, no-break space, narrow no-break or thin space) that is
// followed by a digit, and for a space by exactly three digits; 0 if none.
func groupSeparator(s string, i int) int {
	n := 0
	switch {
	case s[i] == ',' || s[i] == '.' || s[i] == ' ':
		n = 1
	case strings.HasPrefix(s[i:], "\u00a0"):
		n = 2
	case strings.HasPrefix(s[i:], "\u202f"), strings.HasPrefix(s[i:], "\u2009"):
		n = 3
	default:
		return 0
	}
	k := i + n
	if k >= len(s) || s[k] < '0' || s[k] > '9' {
		return 0
	}
	if s[i] == ',' || s[i] == '.' {
		return n
	}
	d := 0
	for k+d < len(s) && s[k+d] >= '0' && s[k+d] <= '9' {
		d++
	}
	if d != 3 {
		return 0
	}
	return n
}

// sentenceJoin tells two sentences written without a space after the full
// stop ("credentials.Default is enabled", "Objects.The") from an
// identifier: two parts, the second a capitalised word with no other
// capital, the whole not a permission name of the reference nor the
// first part the head of one (Mail.Send is a name).
func sentenceJoin(name string, ref *Reference) bool {
	first, second, ok := strings.Cut(name, ".")
	if !ok || strings.Contains(second, ".") || first == "" || second == "" {
		return false
	}
	if ref != nil && (ref.Has(name) || ref.heads[first]) {
		return false
	}
	if !(second[0] >= 'A' && second[0] <= 'Z') {
		return false
	}
	for i := 1; i < len(second); i++ {
		if !(second[i] >= 'a' && second[i] <= 'z') {
			return false
		}
	}
	return true
}

// diffBags returns what a has more than b and what b has more than a.
func diffBags(a, b []string) (missing, extra []string) {
	count := map[string]int{}
	for _, x := range a {
		count[x]++
	}
	for _, x := range b {
		count[x]--
	}
	for _, x := range a {
		if count[x] > 0 && !slices.Contains(missing, x) {
			missing = append(missing, x)
		}
	}
	for _, x := range b {
		if count[x] < 0 && !slices.Contains(extra, x) {
			extra = append(extra, x)
		}
	}
	return missing, extra
}
