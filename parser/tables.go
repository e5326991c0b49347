package parser

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/docs2go/docs2go/parser/sxs"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// row is one table body row, its cells as nodes.
type row struct {
	node  ast.Node
	cells []ast.Node
}

func tableRows(t ast.Node) (header []ast.Node, rows []row) {
	// The cells of all rows share one array, each row's capped to its own.
	n := 0
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		n += r.ChildCount()
	}
	all := make([]ast.Node, 0, n)
	rows = make([]row, 0, t.ChildCount())
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		k := len(all)
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			all = append(all, c)
		}
		cells := all[k:len(all):len(all)]
		if len(cells) == 0 {
			cells = nil
		}
		if _, ok := r.(*east.TableHeader); ok {
			header = cells
			continue
		}
		rows = append(rows, row{node: r, cells: cells})
	}
	return header, rows
}

func (p *pageParser) table(t ast.Node) {
	if p.page.Kind == OtherPage {
		p.definedPermissions(t)
	}
	switch p.section {
	case SectionPermissions:
		p.permissionsTable(t)
	case SectionHeaders:
		p.headersTable(t)
	case SectionQuery:
		p.queryTable(t)
	case SectionFunctionArgs:
		p.page.FunctionParameters = p.parameterTable(p.page.FunctionParameters, t)
	case SectionPathParams:
		p.page.PathParameters = p.parameterTable(p.page.PathParameters, t)
	case SectionRequestBody:
		b := &p.page.RequestBody
		b.Parameters = p.parameterTable(b.Parameters, t)
		if b.Pos == (Pos{}) {
			b.Pos = p.posOf(t)
		}
	case SectionProperties, SectionRelations:
		p.resourceTable(t)
	case SectionMethods:
		p.methodsTable(t)
	case SectionEnumValues:
		p.enumTable(t)
	}
}

func (p *pageParser) cellText(cells []ast.Node, i int, l lang) string {
	if i >= len(cells) {
		return ""
	}
	return p.plainText(cells[i], l)
}

func (p *pageParser) cell(cells []ast.Node, i int) Text {
	if i >= len(cells) {
		return Text{}
	}
	return p.text(cells[i])
}

// permissionsTable reads the kind of each row from its English label where
// the page has English, and otherwise from the labels' shape: the delegated
// labels carry a parenthesis ("Delegated (work or school account)"), work or
// school comes first. Tables with the kinds as columns (one row per
// resource) are recognised by their header and read column by column.
func (p *pageParser) permissionsTable(t ast.Node) {
	header, rows := tableRows(t)
	perms := &p.page.Permissions
	l := p.englishOr()
	if kinds := p.columnKinds(header); kinds != nil {
		// Each column's label is read once for all rows.
		labels := make([]Text, len(kinds))
		for i, kind := range kinds {
			if kind != "" {
				labels[i] = p.cell(header, i+1)
			}
		}
		for _, r := range rows {
			for i, kind := range kinds {
				if kind != "" {
					end, cells := p.rowRange(r.node)
					p.addPermissionRow(perms, PermissionRow{Kind: kind, Label: labels[i], Cell: p.cell(r.cells, i+1), Pos: p.posOf(r.node), End: end, Cells: cells}, p.cellText(r.cells, i+1, l), cellAt(r.cells, i+1)...)
				}
			}
		}
		return
	}
	// One row each (a PermissionRow is large: grown once, not by doubling).
	perms.Rows = slices.Grow(perms.Rows, len(rows))
	var rowLabels []string
	subRows := make([]bool, len(rows))
	// Each label's Text is read once, its string in the language that
	// names the kinds from it.
	labels := make([]Text, len(rows))
	for i, r := range rows {
		labels[i] = p.cell(r.cells, 0)
		label := p.cellText(r.cells, 0, l)
		sub := len(rowLabels) > 0 && p.isSubRow(r.cells)
		subRows[i] = sub
		if !sub {
			rowLabels = append(rowLabels, label)
		}
	}
	labelKinds := p.permissionKinds(rowLabels)
	// Sub-rows ("&nbsp; **Device management**") take the kind of the row
	// above them.
	kinds := make([]PermissionKind, len(rows))
	k := -1
	for i := range rows {
		if !subRows[i] {
			k++
		}
		kinds[i] = labelKinds[max(k, 0)]
	}
	for i, r := range rows {
		end, ranges := p.rowRange(r.node)
		row := PermissionRow{Kind: kinds[i], Label: labels[i], Cell: p.cell(r.cells, 1), Pos: p.posOf(r.node), End: end, Cells: ranges}
		if row.Kind == "" {
			perms.Rows = append(perms.Rows, row)
			p.diag(CodePermissionKind, p.offsetOf(r.node), "permission type %q is not one of the three kinds", row.Label.Text)
			continue
		}
		// Tables may split scopes over several columns ("acting on self",
		// "acting on others"): every column after the label counts.
		var cells []string
		for c := 1; c < len(r.cells); c++ {
			cells = append(cells, p.cellText(r.cells, c, l))
		}
		p.addPermissionRow(perms, row, strings.Join(cells, ", "), r.cells[min(1, len(r.cells)):]...)
	}
}

// columnKinds returns the kind of each column after the first when the
// header names the kinds (| Resource | Delegated (work or school account) |
// Delegated (personal Microsoft account) | Application |), else nil. With
// English, the header's words say it; without, the shape: exactly three
// labels after the first, read by kindsByShape as work or school, personal,
// application — the order every such table uses. A row-per-kind header
// (| Permission type | Permissions (from least to most privileged) |, or
// two permission columns "acting on self" and "on others") never has that
// shape.
func (p *pageParser) columnKinds(header []ast.Node) []PermissionKind {
	if len(header) < 3 {
		return nil
	}
	l := p.englishOr()
	labels := make([]string, len(header)-1)
	for i := range labels {
		labels[i] = p.cellText(header, i+1, l)
	}
	if l == english {
		if kinds := p.permissionKinds(labels); slices.Contains(kinds, DelegatedWork) {
			return kinds
		}
		return nil
	}
	if kinds := kindsByShape(labels); slices.Equal(kinds, []PermissionKind{DelegatedWork, DelegatedPersonal, Application}) {
		return kinds
	}
	return nil
}

// isSubRow tells a row indented under the previous one: its label starts
// with non-breaking spaces.
func (p *pageParser) isSubRow(cells []ast.Node) bool {
	if len(cells) == 0 {
		return false
	}
	// The source text of the first text node (or plain pair's half) met.
	var first *text.Segment
	l := p.englishOr()
	visit(cells[0], l, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Text:
			if first == nil {
				first = &n.Segment
			}
		case *sxs.Pair: // a plain one
			if seg := chosenText(n, l); first == nil && seg.Len() > 0 {
				first = &seg
			}
		}
		return first == nil
	})
	if first == nil {
		return false
	}
	seg := first.Value(p.body())
	return bytes.HasPrefix(seg, []byte("&nbsp;")) || bytes.HasPrefix(seg, []byte("\u00a0"))
}

func (p *pageParser) addPermissionRow(perms *Permissions, row PermissionRow, cell string, cells ...ast.Node) {
	row.Scopes = scopeNames(cell)
	p.locateCells(&row, cells)
	perms.Rows = append(perms.Rows, row)
	list := perms.list(row.Kind)
	if *list == nil {
		*list = []string{}
	}
	for _, s := range row.Scopes {
		if !slices.Contains(*list, s) {
			*list = append(*list, s)
		}
	}
}

func (ps *Permissions) list(k PermissionKind) *[]string {
	switch k {
	case DelegatedWork:
		return &ps.DelegatedWork
	case DelegatedPersonal:
		return &ps.DelegatedPersonal
	}
	return &ps.Application
}

// permissionKindFromEnglish reads a kind from an English label. Only the
// words of the three kinds count: a resource named "personal contact" in a
// by-resource table is not a kind.
func permissionKindFromEnglish(label string) PermissionKind {
	l := strings.ToLower(label)
	personal := strings.Contains(l, "personal") || strings.Contains(l, "microsoft account") || strings.Contains(l, "msa")
	switch {
	case strings.Contains(l, "delegated") && personal:
		return DelegatedPersonal
	case strings.Contains(l, "delegated"):
		return DelegatedWork
	case strings.Contains(l, "application") || strings.Contains(l, "app-only") || strings.Contains(l, "app only"):
		return Application
	case strings.Contains(l, "personal microsoft account") || strings.Contains(l, "personal account"):
		return DelegatedPersonal
	case strings.Contains(l, "work or school") || strings.Contains(l, "work/school"):
		return DelegatedWork
	}
	return ""
}

func (p *pageParser) permissionKinds(labels []string) []PermissionKind {
	kinds := make([]PermissionKind, len(labels))
	if p.englishOr() == english {
		known := false
		for i, l := range labels {
			kinds[i] = permissionKindFromEnglish(l)
			known = known || kinds[i] != ""
		}
		if known {
			// A label with no kind words is most likely a mistyped
			// application row; read it by shape as on localized pages.
			shape := kindsByShape(labels)
			for i := range kinds {
				if kinds[i] == "" && shape[i] == Application && !slices.Contains(kinds, Application) {
					kinds[i] = Application
				}
			}
		}
		return kinds
	}
	return kindsByShape(labels)
}

// kindsByShape reads kinds without reading words: delegated labels qualify
// the account type in parentheses, work or school first; a label without
// one is delegated too when it starts with the same word.
func kindsByShape(labels []string) []PermissionKind {
	kinds := make([]PermissionKind, len(labels))
	delegatedWord := ""
	for _, l := range labels {
		if strings.ContainsAny(l, "(（") {
			delegatedWord = firstWord(l)
			break
		}
	}
	next := DelegatedWork
	for i, l := range labels {
		if strings.TrimSpace(l) == "" {
			continue
		}
		if strings.ContainsAny(l, "(（") || delegatedWord != "" && firstWord(l) == delegatedWord {
			kinds[i] = next
			next = DelegatedPersonal
			continue
		}
		kinds[i] = Application
	}
	return kinds
}

func firstWord(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '(' || r == '（' }); i >= 0 {
		s = s[:i]
	}
	return strings.ToLower(s)
}

// scopeNames picks permission names out of a cell by their shape, not by
// the punctuation around them: a name is a letter, then letters, digits, _
// and -, in parts joined by dots (Mail.Read, Sites.Selected,
// User-Mail.ReadWrite.All), or one of the plain OpenID Connect names
// (offline_access, openid, profile, email) standing alone. Whatever lies
// between names — commas of any script (, ， 、 ،), full stops (。 ।),
// colons, parentheses, footnote marks, prose in any language — separates
// them. Machine translation sometimes writes "Group. Read. All"; a name
// ending in a dot and followed, after spaces only, by a capitalised part
// is joined again.
func scopeNames(cell string) []string {
	scopes := []string{}
	toks := scopeTokens(cell)
	for i := 0; i < len(toks); i++ {
		f := toks[i].text
		for i+1 < len(toks) && toks[i+1].spaced && strings.HasSuffix(f, ".") && brokenScopeHead.MatchString(f) && brokenScopeTail.MatchString(toks[i+1].text) &&
			(f[0] >= 'A' && f[0] <= 'Z' || strings.HasSuffix(toks[i+1].text, ".")) {
			f += toks[i+1].text
			i++
		}
		f = strings.TrimRight(f, ".-")
		if (isScopeName(f) || plainScopes[f] && toks[i].alone) && !slices.Contains(scopes, f) {
			scopes = append(scopes, f)
		}
	}
	return scopes
}

// plainScopes are the OpenID Connect permissions, whose names have no dot.
// They count only as a cell's only word, or beside other names.
var plainScopes = map[string]bool{"offline_access": true, "openid": true, "profile": true, "email": true}

// scopeToken is a run of name characters (ASCII letters, digits, _, -, .).
type scopeToken struct {
	text string
	// spaced is true when only white space separates the token from the
	// one before it.
	spaced bool
	// alone is true when no letter of prose touches the token: what is
	// around it is punctuation, space or markup.
	alone bool
}

func isNameByte(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.'
}

func scopeTokens(cell string) []scopeToken {
	var toks []scopeToken
	gapStart := 0
	for i := 0; i < len(cell); {
		if !isNameByte(cell[i]) {
			i++
			continue
		}
		j := i
		for j < len(cell) && isNameByte(cell[j]) {
			j++
		}
		// A token starts with a letter: leading digits, dots and dashes
		// ("1.", "-") are not part of a name.
		k := i
		for k < j && !(cell[k] >= 'A' && cell[k] <= 'Z' || cell[k] >= 'a' && cell[k] <= 'z') {
			k++
		}
		if k < j {
			gap := cell[gapStart:k]
			toks = append(toks, scopeToken{
				text:   cell[k:j],
				spaced: len(toks) > 0 && strings.TrimSpace(gap) == "",
				alone:  !touchesLetter(cell, k, j),
			})
		}
		gapStart = j
		i = j
	}
	// A plain name among prose words is a word ("email" in a sentence);
	// among names or alone in the cell it is a permission.
	words := 0
	for _, t := range toks {
		if !isScopeName(strings.TrimRight(t.text, ".-")) && !plainScopes[strings.TrimRight(t.text, ".-")] {
			words++
		}
	}
	if words > 0 {
		for i := range toks {
			toks[i].alone = false
		}
	}
	return toks
}

// touchesLetter tells whether the run cell[i:j] is joined to a letter of
// another script (a word written in Latin letters with accents, as
// "não", is prose).
func touchesLetter(cell string, i, j int) bool {
	if r, _ := utf8.DecodeLastRuneInString(cell[:i]); i > 0 && unicode.IsLetter(r) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(cell[j:])
	return j < len(cell) && unicode.IsLetter(r)
}

var (
	brokenScopeHead = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*\.$`)
	brokenScopeTail = regexp.MustCompile(`^[A-Z][A-Za-z0-9_]*`)
)

// isScopeName tells a dotted permission name: parts that start with a
// letter and go on with letters, digits, _ and -, joined by single dots.
func isScopeName(s string) bool {
	if len(s) < 3 {
		return false
	}
	dot := false
	start := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
		switch {
		case start:
			if !letter {
				return false
			}
			start = false
		case letter, c >= '0' && c <= '9', c == '_', c == '-':
		case c == '.':
			if i == len(s)-1 {
				return false
			}
			dot, start = true, true
		default:
			return false
		}
	}
	return dot
}

// headerName reduces a header cell to the header's name: `Prefer:
// outlook.body-content-type` is the Prefer header, and so is
// `Prefer：outlook.body-content-type` with the fullwidth colon CJK pages
// write.
func headerName(cell string) string {
	cell = strings.Trim(strings.TrimSpace(cell), "`*")
	if i := strings.IndexAny(cell, ":："); i > 0 {
		cell = cell[:i]
	}
	return strings.TrimSpace(strings.Trim(cell, "`* "))
}

func (p *pageParser) headersTable(t ast.Node) {
	header, rows := tableRows(t)
	for i, r := range rows {
		written := p.cell(r.cells, 0)
		name := headerName(p.cellText(r.cells, 0, p.englishOr()))
		// Name | Description, or Name | Type | Description.
		value := p.cell(r.cells, max(len(r.cells)-1, 1))
		if name == "" {
			continue
		}
		if p.englishOr() == local {
			inferred := false
			first := i == 0 && len(p.page.Headers) == 0
			name, inferred = canonicalHeader(name, written.Text+" "+value.Text, first)
			if inferred {
				p.diag(CodeHeaderNameInferred, p.offsetOf(r.node), "header name %q is not an HTTP header name; read as %s from its value", written.Text, name)
			}
		}
		if !isHeaderToken(name) {
			p.diag(CodeBadHeaderName, p.offsetOf(r.node), "request header name %q is not an HTTP header name", name)
		}
		end, cells := p.rowRange(r.node)
		h := Header{Name: name, Value: value, Pos: p.posOf(r.node), End: end, Cells: cells, WrittenName: written, Columns: len(header)}
		note := func(word string) bool { return containsFold(value.En, word) || containsFold(value.Text, word) }
		h.Required = note("required") || strings.EqualFold(name, "Authorization")
		if note("optional") {
			h.Required = false
		}
		if p.page.Headers == nil {
			p.page.Headers = make([]Header, 0, len(rows)) // a Header is large: room for every row
		}
		p.page.Headers = append(p.page.Headers, h)
	}
}

func (p *pageParser) queryTable(t ast.Node) {
	_, rows := tableRows(t)
	for _, r := range rows {
		name := strings.Trim(p.cellText(r.cells, 0, p.englishOr()), "`* ")
		if name == "" {
			continue
		}
		end, cells := p.rowRange(r.node)
		p.addQueryParameter(QueryParameter{Name: name, Type: p.cellText(r.cells, 1, p.englishOr()), Description: p.cell(r.cells, len(r.cells)-1), Pos: p.posOf(r.node), End: end, Cells: cells})
	}
}

// parameterTable appends the Name | Type | Description rows of t to out.
// (A Parameter is large: appended where it is kept, grown once, it is
// copied once.)
func (p *pageParser) parameterTable(out []Parameter, t ast.Node) []Parameter {
	header, rows := tableRows(t)
	kept := out
	out = slices.Grow(out, len(rows))
	typeCol, descCol := 1, 2
	if len(header) == 2 {
		typeCol, descCol = -1, 1
	}
	for _, r := range rows {
		name := strings.Trim(p.cellText(r.cells, 0, p.englishOr()), "`*\\ ")
		if name == "" {
			continue
		}
		end, cells := p.rowRange(r.node)
		prm := Parameter{Name: name, Description: p.cell(r.cells, descCol), Pos: p.posOf(r.node), End: end, Cells: cells}
		if typeCol >= 0 && typeCol < len(r.cells) {
			prm.Type = p.typeRef(r.cells[typeCol])
			if typeCol < len(cells) {
				prm.Type.Pos, prm.Type.End = cells[typeCol].Pos, cells[typeCol].End
			}
		}
		p.noteFlags(&prm)
		if descCol < len(r.cells) {
			p.noteValues(&prm, r.cells[descCol])
		}
		out = append(out, prm)
	}
	if len(out) == len(kept) {
		return kept // no row: the slice as it was (nil stays nil)
	}
	return out
}

// noteFlags reads the required/optional/read-only/nullable notes of an
// English description.
func (p *pageParser) noteFlags(prm *Parameter) {
	desc := prm.Description.En
	if desc == "" {
		desc = prm.Description.Text
	}
	// The notes are ASCII words, found in any case in a lower-cased copy
	// on the stack.
	var buf [512]byte
	d := lowerASCII(buf[:0], desc)
	has := func(w string) bool { return bytes.Contains(d, []byte(w)) }
	prm.Required = has("required") && !has("not required")
	prm.Optional = has("optional")
	prm.ReadOnly = has("read-only") || has("read only")
	prm.Nullable = has("nullable") && !has("not nullable")
}

// rowRange is the end of a table row's line and the range of each of its
// cells, read from the row's source line the way GFM splits it: at every
// "|" that no backslash escapes, white space around a cell trimmed.
func (p *pageParser) rowRange(n ast.Node) (Pos, []Range) {
	start := p.offsetOf(n)
	if start < 0 {
		return Pos{}, nil
	}
	ls := bytes.LastIndexByte(p.src[:start], '\n') + 1
	le := len(p.src)
	if i := bytes.IndexByte(p.src[start:], '\n'); i >= 0 {
		le = start + i
	}
	line := p.src[ls:le]
	cells := make([]Range, 0, bytes.Count(line, []byte{'|'})+1)
	from := 0
	cell := func(a, b int) {
		for a < b && (line[a] == ' ' || line[a] == '\t') {
			a++
		}
		for b > a && (line[b-1] == ' ' || line[b-1] == '\t' || line[b-1] == '\r') {
			b--
		}
		if a == b {
			cells = append(cells, Range{})
			return
		}
		cells = append(cells, Range{Pos: p.lines.pos(ls + a), End: p.lines.end(ls + b)})
	}
	lead := len(line) - len(bytes.TrimLeft(line, " \t"))
	if lead < len(line) && line[lead] == '|' {
		from = lead + 1
	}
	// A "|" splits cells unless a backslash escapes it: an odd run of
	// backslashes before it (a backslash escapes the byte after it, from
	// the first cell on).
	first := from
	for i := from; i < len(line); i++ {
		j := bytes.IndexByte(line[i:], '|')
		if j < 0 {
			break
		}
		i += j
		k := i
		for k > first && line[k-1] == '\\' {
			k--
		}
		if (i-k)%2 == 0 {
			cell(from, i)
			from = i + 1
		}
	}
	if rest := bytes.TrimSpace(line[min(from, len(line)):]); len(rest) > 0 {
		cell(from, len(line))
	}
	end := len(bytes.TrimRight(line, " \t\r"))
	if len(cells) == 0 {
		cells = nil
	}
	return p.lines.end(ls + end), cells
}
