package apidiff

import (
	"bytes"
	"fmt"
	"html"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/docs2go/docs2go/parser"
)

// This file is drift: each localized page paired with the English page of
// the same relative path. Facts that differ (operations, permissions,
// request headers, success status) are named item by item, each either
// stale (the source changed since the translation) or damaged (the
// translation changed the item: a permission name broken by machine
// translation); on side-by-side pages every English half that the source
// no longer contains is a sentence to translate again.

// Category is what a drift finding says about the localized page.
type Category string

const (
	Stale    Category = "stale"
	Damaged  Category = "damaged"
	Missing  Category = "missing"
	Orphaned Category = "orphaned"
)

var driftCategory = map[*Check]Category{}

func registerDrift(cat Category, c Check) *Check {
	c.Command = CommandDrift
	p := register(c)
	driftCategory[p] = cat
	return p
}

// CategoryOf is the drift category of a check ("" for diff checks).
func CategoryOf(c *Check) Category { return driftCategory[c] }

// The checks of drift. Their levels say what a reader of the translation
// risks: a wrong call (breaking), outdated prose (potentially breaking),
// or nothing but a page to translate or remove (non-breaking).
var (
	checkDriftOperationMissing = registerDrift(Stale, Check{ID: "translation-operation-missing", Level: Breaking,
		Summary: "the source documents an operation the translation lacks",
		Doc:     "Readers of the translation do not learn of a path or method the API has; the page was translated before it was added."})
	checkDriftOperationExtra = registerDrift(Stale, Check{ID: "translation-operation-extra", Level: Breaking,
		Summary: "the translation documents an operation the source no longer has",
		Doc:     "Readers call a path or method that the API (as the source documents it) no longer has."})
	checkDriftOperationDamaged = registerDrift(Damaged, Check{ID: "translation-operation-damaged", Level: Breaking,
		Summary: "an operation translation changed (words of its path translated) or lost with its HTTP request section",
		Doc:     "A path with translated segments is a call that fails; a page whose request section translation broke documents no call."})
	checkDriftPermissionMissing = registerDrift(Stale, Check{ID: "translation-permission-missing", Level: Breaking,
		Summary: "a permission of the source that the translation does not list",
		Doc:     "Readers do not know they may use it; when it is the only one they hold, they think they cannot call."})
	checkDriftPermissionExtra = registerDrift(Stale, Check{ID: "translation-permission-extra", Level: Breaking,
		Summary: "a permission the translation lists and the source no longer does",
		Doc:     "Readers consent to a permission the call no longer accepts, and get 403."})
	checkDriftPermissionDamaged = registerDrift(Damaged, Check{ID: "translation-permission-damaged", Level: Breaking,
		Summary: "a permission name broken by translation (parts translated, split or merged)",
		Doc: "A scope name is an identifier: a translated or split one names no permission, so readers cannot consent to it. " +
			"A missing scope is damage when the translated cell still holds pieces of its name; an extra one when no " +
			"source page of the tree knows the name."})
	checkDriftHeaderMissing = registerDrift(Stale, Check{ID: "translation-header-missing", Level: Breaking,
		Summary: "a request header of the source that the translation does not list",
		Doc:     "Readers do not send a header the call may need."})
	checkDriftHeaderExtra = registerDrift(Stale, Check{ID: "translation-header-extra", Level: PotentiallyBreaking,
		Summary: "a request header the translation lists and the source no longer does",
		Doc:     "Readers send a header the service ignores; harmless unless its value matters."})
	checkDriftHeaderDamaged = registerDrift(Damaged, Check{ID: "translation-header-damaged", Level: Breaking,
		Summary: "a request header that translation changed or lost",
		Doc: "A translated header name is not an HTTP field the service reads; a source header whose table the translated " +
			"page lacks though it still names it, or lost beside a name no source page uses, was lost by the translation."})
	checkDriftStatusDiffers = registerDrift(Stale, Check{ID: "translation-status-differs", Level: PotentiallyBreaking,
		Summary: "the translation documents another success status than the source",
		Doc:     "Readers test for a status the call does not answer with; clients that accept any 2xx are unaffected."})
	checkDriftSentenceOutdated = registerDrift(Stale, Check{ID: "translation-sentence-outdated", Level: PotentiallyBreaking,
		Summary: "an English half of a side-by-side page that the source no longer contains",
		Doc: "The translated sentence says what the source used to say: it needs translating again. Named by its span id " +
			"and position."})
	checkDriftTranslationMissing = registerDrift(Missing, Check{ID: "translation-missing", Level: NonBreaking,
		Summary: "an English page with no translation in the locale",
		Doc:     "Readers of the locale fall back to English; nothing they read is wrong."})
	checkDriftSourceMissing = registerDrift(Orphaned, Check{ID: "translation-source-missing", Level: NonBreaking,
		Summary: "a localized page whose English source is gone",
		Doc:     "The page was removed or renamed in English; the translation should follow."})
)

// LocaleSummary counts a localized tree's pages by what drift found.
type LocaleSummary struct {
	Locale string `json:"locale"`
	Tree   string `json:"tree"`
	// Pages is the localized pages; Paired those with a source; Current
	// those with no finding.
	Pages, Paired, Current int
	// Stale and Damaged count pages (a page can be both); Missing counts
	// source pages without translation, Orphaned localized pages without
	// source.
	Stale, Damaged, Missing, Orphaned int
}

// Drift compares each localized tree with the English source tree.
func Drift(source *Tree, locales []*Tree) ([]Finding, []LocaleSummary) {
	srcDocs := docsByPath(source)
	vocab, headerVocab := map[string]bool{}, map[string]bool{}
	for _, d := range source.Docs {
		for _, h := range d.Page.Headers {
			headerVocab[strings.ToLower(h.Name)] = true
		}
		for _, r := range d.Page.Permissions.Rows {
			for _, s := range r.Scopes {
				vocab[strings.ToLower(s)] = true
			}
		}
	}
	corpora := map[string]string{}
	var all []Finding
	var sums []LocaleSummary
	for _, lt := range locales {
		locale := treeLocale(lt)
		sum := LocaleSummary{Locale: locale, Tree: lt.Name, Pages: len(lt.Docs)}
		var fs []Finding
		seen := map[string]bool{}
		for i := range lt.Docs {
			l := &lt.Docs[i]
			seen[l.Path] = true
			s := srcDocs[l.Path]
			if s == nil {
				sum.Orphaned++
				fs = append(fs, Finding{Check: checkDriftSourceMissing, Page: l.Path, Locale: locale,
					NewAt: Location{File: l.File, Pos: l.Page.TitlePos}, Message: "no English page " + l.Path + " in " + source.Name})
				continue
			}
			sum.Paired++
			d := &drifter{src: s, loc: l, locale: locale, vocab: vocab, headerVocab: headerVocab}
			if l.Page.Shape == parser.SideBySide {
				corpus, ok := corpora[s.Path]
				if !ok {
					corpus = sourceCorpus(s)
					corpora[s.Path] = corpus
				}
				// A page whose every English half the source still says
				// is a translation of the current source: what differs in
				// its tables, the translation did.
				outdated, pairs := d.sentences(corpus)
				d.current = outdated == 0 && pairs > 0
			}
			d.compare()
			var stale, damaged bool
			for _, f := range d.findings {
				switch CategoryOf(f.Check) {
				case Stale:
					stale = true
				case Damaged:
					damaged = true
				}
			}
			switch {
			case !stale && !damaged:
				sum.Current++
			default:
				if stale {
					sum.Stale++
				}
				if damaged {
					sum.Damaged++
				}
			}
			fs = append(fs, d.findings...)
		}
		for _, s := range source.Docs {
			if !seen[s.Path] {
				sum.Missing++
				fs = append(fs, Finding{Check: checkDriftTranslationMissing, Page: s.Path, Locale: locale,
					OldAt: Location{File: s.File, Pos: s.Page.TitlePos}, Message: "no " + locale + " translation in " + lt.Name})
			}
		}
		sortFindings(fs)
		all = append(all, fs...)
		sums = append(sums, sum)
	}
	return all, sums
}

// treeLocale is the locale most of a tree's pages say they are in.
func treeLocale(t *Tree) string {
	n := map[string]int{}
	for _, d := range t.Docs {
		n[d.Page.Locale]++
	}
	best := ""
	for l, c := range n {
		if c > n[best] || c == n[best] && l < best {
			best = l
		}
	}
	if best == "" {
		return t.Name
	}
	return best
}

type drifter struct {
	src, loc *Doc
	locale   string
	// vocab and headerVocab are the permission and header names the
	// source tree knows, folded.
	vocab, headerVocab map[string]bool
	// current is set for a side-by-side page whose English halves all
	// appear in the source.
	current  bool
	findings []Finding
}

func (d *drifter) add(chk *Check, op string, version string, old, new string, oldPos, newPos parser.Pos, format string, args ...any) {
	d.findings = append(d.findings, Finding{Check: chk, Version: version, Operation: op, Page: d.loc.Path, Locale: d.locale,
		Old: old, New: new, OldAt: Location{File: d.src.File, Pos: oldPos}, NewAt: Location{File: d.loc.File, Pos: newPos},
		Message: fmt.Sprintf(format, args...)})
}

func (d *drifter) compare() {
	sp, lp := d.src.Page, d.loc.Page
	d.operations(sp, lp)
	d.permissions(sp, lp)
	d.headers(sp, lp)
	if s, l := sp.Response.Status, lp.Response.Status; s != 0 && l != 0 && s != l {
		d.add(checkDriftStatusDiffers, "", sp.Version, fmt.Sprint(s), fmt.Sprint(l), sp.Response.Pos, lp.Response.Pos,
			"success status %d in the translation, %d in the source", l, s)
	}
}

// translated reports whether s carries what only translation produces:
// letters outside ASCII, or white space inside what should be one name.
func translated(s string) bool {
	for _, r := range s {
		if r > unicode.MaxASCII && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func (d *drifter) operations(sp, lp *parser.Page) {
	key := func(op parser.Operation) string { return op.Key() }
	var missing []parser.Operation
	for _, op := range sp.Operations {
		if !slices.ContainsFunc(lp.Operations, func(o parser.Operation) bool { return key(o) == key(op) }) {
			missing = append(missing, op)
		}
	}
	for _, op := range lp.Operations {
		if slices.ContainsFunc(sp.Operations, func(o parser.Operation) bool { return key(o) == key(op) }) {
			continue
		}
		w := string(op.Method) + " " + op.Path
		if translated(op.Path) {
			d.add(checkDriftOperationDamaged, w, lp.Version, "", w, sectionPos(sp, parser.SectionHTTPRequest), op.Pos,
				"operation %s has translated words", w)
			continue
		}
		d.add(checkDriftOperationExtra, w, lp.Version, "", w, sectionPos(sp, parser.SectionHTTPRequest), op.Pos,
			"the source no longer documents %s", w)
	}
	for _, op := range missing {
		w := string(op.Method) + " " + op.Path
		if d.lostSection(parser.SectionHTTPRequest, op.Path) {
			// The translation still carries the path, not where an
			// operation is read from: translation broke the block.
			d.add(checkDriftOperationDamaged, w, sp.Version, w, "", op.Pos, sectionPos(lp, parser.SectionHTTPRequest),
				"the translation carries %s outside its HTTP request block", w)
			continue
		}
		d.add(checkDriftOperationMissing, w, sp.Version, w, "", op.Pos, sectionPos(lp, parser.SectionHTTPRequest),
			"the translation lacks %s", w)
	}
}

// rowCell is the text of the translated row of a kind.
func rowCell(p *parser.Page, k parser.PermissionKind) (string, parser.Pos, bool) {
	for _, r := range p.Permissions.Rows {
		if r.Kind == k {
			return r.Cell.Text + " " + r.Cell.En, r.Pos, true
		}
	}
	return "", sectionPos(p, parser.SectionPermissions), false
}

// lostSection reports whether the translated page has no section of a
// kind the source has, yet still carries name: translation broke the
// section (a heading and table swallowed by a broken code fence).
func (d *drifter) lostSection(kind parser.SectionKind, name string) bool {
	has := func(p *parser.Page) bool {
		return slices.ContainsFunc(p.Sections, func(s parser.Section) bool { return s.Kind == kind })
	}
	return has(d.src.Page) && !has(d.loc.Page) && hasName(d.loc.Src, name)
}

// hasName reports whether src holds name as a whole name: not inside a
// longer identifier (User.Read in User.ReadWrite.All). An item the source
// documents that the translated page still carries, but not where the
// format puts it (a header table swallowed by a broken code fence), was
// lost by the translation: damage, not staleness.
func hasName(src []byte, name string) bool {
	if name == "" {
		return false
	}
	isName := func(c byte) bool {
		return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-'
	}
	for i := 0; ; {
		k := bytes.Index(src[i:], []byte(name))
		if k < 0 {
			return false
		}
		at, end := i+k, i+k+len(name)
		before := at == 0 || !isName(src[at-1]) && src[at-1] != '.'
		after := end == len(src) || !isName(src[end]) && !(src[end] == '.' && end+1 < len(src) && isName(src[end+1]))
		if before && after {
			return true
		}
		i = at + 1
	}
}

// scopeParts are the parts of a scope name long enough to tell it
// (Mail, ReadWrite, DeviceManagementManagedDevices), folded.
func scopeParts(scope string) []string {
	var out []string
	for _, part := range strings.Split(strings.ToLower(scope), ".") {
		if len(part) >= 4 && part != "all" {
			out = append(out, part)
		}
	}
	return out
}

// brokenIn reports whether a scope the translated cell lacks left pieces
// in it: a part of its name in what remains of the cell once the scopes
// the parser recognised are taken out, or in an extra scope no source
// page knows (Group.Member.ReadWrite.All for GroupMember.ReadWrite.All).
func brokenIn(scope, cell string, recognised, unknown []string) bool {
	rest := strings.ToLower(cell)
	for _, r := range recognised {
		rest = strings.ReplaceAll(rest, strings.ToLower(r), " ")
	}
	for _, part := range scopeParts(scope) {
		if strings.Contains(rest, part) {
			return true
		}
		for _, u := range unknown {
			if strings.Contains(strings.ToLower(u), part) {
				return true
			}
		}
	}
	return false
}

func (d *drifter) permissions(sp, lp *parser.Page) {
	for _, k := range permissionKinds {
		ss, ls := scopesOf(sp.Permissions, k), scopesOf(lp.Permissions, k)
		if ss == nil || ls == nil {
			continue
		}
		cell, lpos, _ := rowCell(lp, k)
		_, spos, _ := rowCell(sp, k)
		sv, lv := kindLabel[k]+": "+scopeList(ss), kindLabel[k]+": "+scopeList(ls)
		extra := missingFold(ls, ss)
		var unknown []string
		for _, s := range extra {
			if !d.vocab[strings.ToLower(s)] {
				unknown = append(unknown, s)
			}
		}
		for _, s := range missingFold(ss, ls) {
			chk, what := checkDriftPermissionMissing, "the translation lacks %s permission %s"
			// Beside a name no source page knows, a missing scope is the
			// one translation mangled into it.
			if len(unknown) > 0 || brokenIn(s, cell, ls, unknown) {
				chk, what = checkDriftPermissionDamaged, "the translation breaks %s permission %s"
			}
			d.add(chk, "", sp.Version, sv, lv, spos, lpos, what, kindLabel[k], s)
		}
		for _, s := range extra {
			chk, what := checkDriftPermissionExtra, "the translation lists %s permission %s, which the source no longer does"
			switch {
			case !d.vocab[strings.ToLower(s)]:
				chk, what = checkDriftPermissionDamaged, "the translation lists %s permission %s, which no source page knows"
			case d.current:
				chk, what = checkDriftPermissionDamaged, "the translation lists %s permission %s, which its source does not"
			}
			d.add(chk, "", sp.Version, sv, lv, spos, lpos, what, kindLabel[k], s)
		}
	}
}

func (d *drifter) headers(sp, lp *parser.Page) {
	has := func(hs []parser.Header, name string) bool {
		return slices.ContainsFunc(hs, func(h parser.Header) bool { return strings.EqualFold(h.Name, name) })
	}
	// A name no source page uses is one translation made; the header it
	// stands for was lost to translation, not to a source change.
	unknown := func(h parser.Header) bool {
		return !d.headerVocab[strings.ToLower(h.Name)] || translated(h.Name) || strings.ContainsAny(h.Name, " \t")
	}
	mangled := slices.ContainsFunc(lp.Headers, func(h parser.Header) bool { return !has(sp.Headers, h.Name) && unknown(h) })
	for _, h := range sp.Headers {
		if !has(lp.Headers, h.Name) {
			chk := checkDriftHeaderMissing
			if mangled || d.lostSection(parser.SectionHeaders, h.Name) {
				chk = checkDriftHeaderDamaged
			}
			d.add(chk, "", sp.Version, h.Name, "", h.Pos, sectionPos(lp, parser.SectionHeaders),
				"the translation lacks request header %s", h.Name)
		}
	}
	for _, h := range lp.Headers {
		if has(sp.Headers, h.Name) {
			continue
		}
		if d.current || unknown(h) {
			d.add(checkDriftHeaderDamaged, "", sp.Version, "", h.Name, sectionPos(sp, parser.SectionHeaders), h.Pos,
				"request header %s is not the source's", h.Name)
			continue
		}
		d.add(checkDriftHeaderExtra, "", sp.Version, "", h.Name, sectionPos(sp, parser.SectionHeaders), h.Pos,
			"the source no longer documents request header %s", h.Name)
	}
}

// sentences reports the English halves of a side-by-side page that the
// source's text no longer contains.
func (d *drifter) sentences(corpus string) (outdated, pairs int) {
	n := 0
	seen := map[string]bool{}
	all := pairsIn(d.loc.Src)
	for _, p := range all {
		en := normSentence(p.En)
		if en == "" || seen[p.ID+"\x00"+en] {
			continue
		}
		seen[p.ID+"\x00"+en] = true
		if strings.Contains(corpus, en) {
			continue
		}
		n++
		d.add(checkDriftSentenceOutdated, "", d.loc.Page.Version, "", p.En, sectionPos(d.src.Page, parser.SectionOther), p.Pos,
			"span %s: the source no longer says %q", p.ID, clip(p.En, 120))
	}
	return n, len(all)
}

// pairsIn lists every translation pair of a side-by-side page's source,
// with its English half as text (markup removed) and its position: the
// model keeps the pairs of the texts it reads (titles, tables, section
// prose), drift needs every sentence, notes and example prose too. A pair
// is written `<span data-ttu-id="ID">local</span><span
// class="sxs-lookup"><span data-stu-id="ID">English</span></span>`.
func pairsIn(src []byte) []parser.Pair {
	const open, lookup, stu = `<span data-ttu-id="`, `<span class="sxs-lookup">`, `<span data-stu-id="`
	var out []parser.Pair
	line, col, last := 1, 1, 0
	for i := 0; ; {
		k := bytes.Index(src[i:], []byte(open))
		if k < 0 {
			break
		}
		start := i + k
		i = start + len(open)
		q := bytes.IndexByte(src[i:], '"')
		if q < 0 {
			break
		}
		id := string(src[i : i+q])
		l := bytes.Index(src[i:], []byte(lookup))
		if l < 0 {
			break
		}
		j := i + l + len(lookup)
		s := bytes.Index(src[j:], []byte(stu))
		if s < 0 || bytes.Contains(src[j:j+s], []byte(open)) {
			continue
		}
		j += s + len(stu)
		gt := bytes.IndexByte(src[j:], '>')
		if gt < 0 {
			break
		}
		j += gt + 1
		end := bytes.Index(src[j:], []byte("</span>"))
		if end < 0 {
			break
		}
		for _, c := range src[last:start] {
			if c == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
		}
		last = start
		en := html.UnescapeString(markup.ReplaceAllString(string(src[j:j+end]), " "))
		out = append(out, parser.Pair{ID: id, En: strings.Join(strings.Fields(en), " "), Pos: parser.Pos{Line: line, Col: col}})
		i = j + end
	}
	return out
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8Start(s[i]) {
		i--
	}
	return s[:i] + "…"
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

// normSentence folds what translation tooling and formatting change
// without changing a sentence: case, white space (tooling adds and drops
// it around emphasis and punctuation), quotes, markdown escapes and
// emphasis marks, zero-width characters.
func normSentence(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case unicode.IsSpace(r) || unicode.Is(unicode.Cf, r):
			continue
		case r == '\\' && i+1 < len(s) && isASCIIPunct(rune(s[i+1])) || isASCIIPunct(r) && unicode.IsSymbol(r) && r != '$':
			continue // a markdown escape, or a symbol tooling adds or drops
		case r == '*' || r == '_':
			continue
		case r == '\u2019' || r == '\u2018':
			r = '\''
		case r == '\u201c' || r == '\u201d':
			r = '"'
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

var textType = reflect.TypeFor[parser.Text]()

// eachText calls fn with every Text of a page model.
func eachText(p *parser.Page, fn func(*parser.Text)) {
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Struct:
			if v.Type() == textType {
				if v.CanAddr() {
					fn(v.Addr().Interface().(*parser.Text))
				}
				return
			}
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					walk(v.Field(i))
				}
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		}
	}
	walk(reflect.ValueOf(p))
}

// markup matches what rendering removes from a markdown line: HTML tags,
// link targets, brackets, emphasis and table pipes.
var markup = regexp.MustCompile(`</?[A-Za-z][^>]*>|<!--|-->|\]\([^)\s]*\)|[\[\]|#>]`)

// sourceCorpus is the English text of a source page: its model's Texts
// and its lines with markup removed, folded as normSentence folds, each
// piece on its own line.
func sourceCorpus(d *Doc) string {
	var b strings.Builder
	// normSentence drops white space, so paragraphs wrapped over lines
	// and table cells read as one text.
	b.WriteString(normSentence(html.UnescapeString(markup.ReplaceAllString(string(d.Src), " "))))
	b.WriteByte('\n')
	if d.Page == nil {
		return b.String()
	}
	eachText(d.Page, func(t *parser.Text) {
		en := t.En
		if en == "" {
			en = t.Text
		}
		b.WriteString(normSentence(en))
		b.WriteByte('\n')
	})
	return b.String()
}

func isASCIIPunct(r rune) bool {
	return r < unicode.MaxASCII && (unicode.IsPunct(r) || unicode.IsSymbol(r))
}
