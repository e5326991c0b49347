package lint

import (
	"path"
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
	for _, ln := range p.Links {
		// Docs builds read back slashes as slashes (..\\resources\\x.md).
		dest := strings.ReplaceAll(ln.Dest, "\\", "/")
		if i := strings.IndexAny(dest, "#?"); i >= 0 {
			dest = dest[:i]
		}
		if !strings.HasSuffix(strings.ToLower(dest), ".md") {
			continue
		}
		target := rel(p.File, dest)
		if dir := path.Base(path.Dir(target)); dir != "api" && dir != "resources" {
			continue
		}
		// Published URLs ignore case: workbookComment.md reaches
		// workbookcomment.md.
		if l.files[target] || l.lowerFiles[strings.ToLower(target)] || l.opts.Exists != nil && l.opts.Exists(target) {
			continue
		}
		report(Finding{Diagnostic: ruleBrokenLink.Diag(p.File, ln.Pos, ln.End, "link target %s is not a page in the tree", ln.Dest)})
	}
}
