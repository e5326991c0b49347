package gen

import (
	"strings"
	"unicode"

	"github.com/docs2go/docs2go/parser"
)

// This file writes doc comments from page text. Text from the docs is
// untrusted: sanitize makes it one harmless line, and comment lines are
// always emitted one jen.Comment each, so nothing can end a comment or
// start a directive.

// sanitize makes docs text safe in a // comment: white space runs,
// newlines included, become one space; control, bidirectional and other
// format characters are dropped, invalid UTF-8 is replaced; "/*" and "*/"
// are broken up; a leading "//" is defused.
func sanitize(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case unicode.IsSpace(r) || r == '\u2028' || r == '\u2029':
			space = true
			continue
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	out := b.String()
	out = strings.ReplaceAll(out, "*/", "* /")
	out = strings.ReplaceAll(out, "/*", "/ *")
	if strings.HasPrefix(out, "//") {
		out = "/ " + out[1:]
	}
	return out
}

// wrap splits sanitized text into lines of about width bytes, at spaces.
func wrap(s string, width int) []string {
	var lines []string
	var cur strings.Builder
	for _, w := range strings.Fields(s) {
		if cur.Len() > 0 && cur.Len()+1+len(w) > width {
			lines = append(lines, cur.String())
			cur.Reset()
		}
		if cur.Len() > 0 {
			cur.WriteByte(' ')
		}
		cur.WriteString(w)
	}
	if cur.Len() > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}

// summary is the page's description in the language asked for: English
// (falling back to the page's text on pages without English) or the page's.
func summary(p *parser.Page, docLang string) string {
	d := p.Description
	if docLang == DocLangPage {
		return cmpOr(d.Text, d.En)
	}
	return cmpOr(d.En, d.Text)
}

// permissionLines renders the permissions by kind.
func permissionLines(p *parser.Page) []string {
	kinds := []struct {
		label  string
		scopes []string
	}{
		{"Delegated (work or school account)", p.Permissions.DelegatedWork},
		{"Delegated (personal Microsoft account)", p.Permissions.DelegatedPersonal},
		{"Application", p.Permissions.Application},
	}
	var out []string
	for _, k := range kinds {
		text := "Not supported"
		switch {
		case k.scopes == nil:
			text = "not documented"
		case len(k.scopes) > 0:
			text = strings.Join(k.scopes, ", ")
		}
		out = append(out, "  - "+sanitize(k.label+": "+text))
	}
	return out
}
