package lint

import (
	"path"
	"path/filepath"
	"strings"

	"github.com/docs2go/docs2go/parser"
	"github.com/docs2go/docs2go/parser/diag"
)

var ruleBrokenLink = diag.Register(diag.Rule{
	ID: "DG6001", Name: "broken-link", Severity: diag.Error, Stage: "lint",
	Summary: "a relative link to an API or resource page names a page that is not in the tree",
	Doc:     "Links between reference pages are relative paths (`../resources/user.md`, `user-get.md`). A link to an API or resource page that does not exist (renamed, removed, or a typo) is a dead end for readers. Links to other folders (includes, concepts) and to URLs are not checked.",
	Bad:     "Returns a [user](../resources/usr.md) object.",
	Good:    "Returns a [user](../resources/user.md) object.",
})

func init() { checks = append(checks, checkLinks) }

func checkLinks(l *Linter, p *parser.Page, res *PageResult) {
	report := res.report
	dir := path.Dir(filepath.ToSlash(p.File))
	for _, ln := range p.Links {
		if l.brokenLink(dir, ln.Dest) {
			report(Finding{Diagnostic: ruleBrokenLink.Diag(p.File, ln.Pos, ln.End, "link target %s is not a page in the tree", ln.Dest)})
		}
	}
}

// linkFrom is a link as written on a page of one folder.
type linkFrom struct{ dir, dest string }

// brokenLink tells whether dest, linked from a page in dir, is an API or
// resource page that is not in the tree. The answer is remembered: pages
// of one folder link the same targets over and over, and Exists may ask the
// file system.
func (l *Linter) brokenLink(dir, dest string) bool {
	key := linkFrom{dir, dest}
	if broken, ok := l.links.Load(key); ok {
		return broken.(bool)
	}
	broken := l.resolveLink(dir, dest)
	l.links.Store(key, broken)
	return broken
}

func (l *Linter) resolveLink(dir, dest string) bool {
	// Docs builds read back slashes as slashes (..\\resources\\x.md).
	dest = strings.ReplaceAll(dest, "\\", "/")
	if i := strings.IndexAny(dest, "#?"); i >= 0 {
		dest = dest[:i]
	}
	if !strings.HasSuffix(strings.ToLower(dest), ".md") {
		return false
	}
	target := path.Join(dir, dest) // Join cleans
	if d := path.Base(path.Dir(target)); d != "api" && d != "resources" {
		return false
	}
	// Published URLs ignore case: workbookComment.md reaches
	// workbookcomment.md.
	return !(l.files[target] || l.lowerFiles[strings.ToLower(target)] || l.opts.Exists != nil && l.opts.Exists(target))
}
