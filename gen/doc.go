package gen

import (
	"path"
	"path/filepath"
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

// wrap splits sanitized text into lines of about width bytes, at spaces;
// a line that would start with "//" is defused as sanitize does.
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
		} else if strings.HasPrefix(w, "//") {
			// A line of the comment must not start a directive
			// (//go:generate …) or be emitted raw by jennifer.
			w = "/ " + w[1:]
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

// thirdPerson maps the imperative verbs page descriptions start with to the
// form a Go doc sentence needs after the method name ("Retrieve the
// properties…" → "GetMe retrieves the properties…"). Only verbs whose
// third person is regular and unambiguous are listed.
var thirdPerson = map[string]string{
	"Add": "adds", "Assign": "assigns", "Cancel": "cancels", "Check": "checks", "Create": "creates",
	"Delete": "deletes", "Download": "downloads", "Enumerate": "enumerates", "Get": "gets",
	"Invoke": "invokes", "List": "lists", "Read": "reads", "Remove": "removes", "Replace": "replaces",
	"Reset": "resets", "Restore": "restores", "Retrieve": "retrieves", "Return": "returns",
	"Revoke": "revokes", "Send": "sends", "Set": "sets", "Start": "starts", "Stop": "stops",
	"Update": "updates", "Upload": "uploads", "Validate": "validates", "Forward": "forwards",
	"Reply": "replies", "Accept": "accepts", "Decline": "declines", "Copy": "copies", "Move": "moves",
	"Subscribe": "subscribes", "Unsubscribe": "unsubscribes", "Apply": "applies", "Archive": "archives",
	"Publish": "publishes", "Search": "searches", "Track": "tracks", "Install": "installs",
	"Uninstall": "uninstalls", "Register": "registers", "Unregister": "unregisters",
	"Change": "changes", "Close": "closes", "Open": "opens", "Approve": "approves", "Deny": "denies",
	"Activate": "activates", "Deactivate": "deactivates", "Enable": "enables", "Disable": "disables",
	"Export": "exports", "Import": "imports", "Provision": "provisions", "Renew": "renews",
	"Resolve": "resolves", "Share": "shares", "Sync": "syncs", "Unassign": "unassigns",
	"Wipe": "wipes", "Lock": "locks", "Unlock": "unlocks", "Mark": "marks", "Pin": "pins",
	"Unpin": "unpins", "Invite": "invites", "Grant": "grants", "Submit": "submits", "Snooze": "snoozes",
	"Dismiss": "dismisses", "Execute": "executes", "Run": "runs", "Clear": "clears", "Recover": "recovers",
	"Retire": "retires", "Reboot": "reboots", "Create or update": "creates or updates",
}

// leadSentence is a method's first doc sentence, which Go wants to start
// with the method's name: a description that starts with a known
// imperative verb reads "Name verbs …"; any other reads "Name calls
// METHOD /path." followed by the description as written, so that no
// English is mangled.
func leadSentence(name, http, sum string) string {
	if sum == "" {
		return name + " calls " + http + "."
	}
	for _, n := range []int{3, 1} { // "Create or update" before "Create"
		words := strings.SplitN(sum, " ", n+1)
		if len(words) <= n {
			continue
		}
		if v, ok := thirdPerson[strings.Join(words[:n], " ")]; ok {
			return name + " " + v + " " + words[n]
		}
	}
	return name + " calls " + http + ". " + sum
}

// learnURL is the page's address on learn.microsoft.com, "" when the page
// is not a v1.0 or beta API page: the file's base name under graph/api, in
// the page's locale unless it is en-US, with the version's view.
func learnURL(p *parser.Page) string {
	view := map[string]string{"v1.0": "graph-rest-1.0", "beta": "graph-rest-beta"}[p.Version]
	if view == "" || p.Kind != parser.APIPage {
		return ""
	}
	base := strings.TrimSuffix(path.Base(filepath.ToSlash(p.File)), ".md")
	if base == "" || strings.ContainsAny(base, " ?#%") {
		return ""
	}
	loc := ""
	if p.Locale != "" && !strings.EqualFold(p.Locale, "en-US") {
		loc = strings.ToLower(p.Locale) + "/"
	}
	return "https://learn.microsoft.com/" + loc + "graph/api/" + base + "?view=" + view
}
