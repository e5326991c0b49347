package apidiff

import (
	"fmt"
	"io"
	"strings"
)

// WriteDoc writes docs/diff.md: the levels, how pages and operations are
// paired, and the table of checks of diff and drift with the reasoning for
// each level, all from the registry (a test keeps the file in sync).
func WriteDoc(w io.Writer) error {
	var b strings.Builder
	b.WriteString(`# API changes and translation drift: the checks

<!-- Generated from internal/apidiff (checks.go, drift.go) by
     go test ./internal/apidiff -run TestDoc -update; do not edit by hand. -->

` + "`docs2go diff OLD NEW [-- PATH...]`" + ` compares two revisions of the reference pages (folders, or git
revisions of the repository it runs in, read with ` + "`git ls-tree`" + ` and ` + "`git cat-file --batch`" + `
without a checkout). ` + "`docs2go drift --source EN_DIR LOCALIZED_DIR...`" + ` compares each localized
page with the English page of the same relative path. Both read the one page model of ` + "`parser`" + `;
neither compares prose formatting, so an edit of line endings, table alignment or blank lines
reports nothing.

## Levels

| level | meaning | ` + "`--fail-on`" + ` |
|---|---|---|
| breaking | a caller written against the old docs (or a reader of the translation) fails | ` + "`breaking`" + ` and every lower setting |
| potentially-breaking | some callers fail, depending on what they send or how strictly they read the answer | ` + "`potentially-breaking`, `any`" + ` |
| non-breaking | no working caller fails | ` + "`any`" + ` |

` + "`--fail-on none`" + ` (the default) always exits 0; otherwise the run exits 1 when a finding reaches
the level. Output: ` + "`--format text`" + ` (` + "`file:line:col: level id: subject: message (old: file:line:col)`" + `),
` + "`json`" + ` (JSON Lines: ` + "`id`, `level`, `version`, `operation`, `page`, `locale`, `old`, `new`, `oldPos`, `newPos`, `message`" + `),
` + "`markdown`" + ` (a pull-request comment, one table per operation, most severe first) and
` + "`githubactions`" + ` (workflow commands: breaking is an error annotation, potentially breaking a
warning, the rest notices). ` + "`diff --changelog`" + ` prints release notes: operations added, changed
(with what changed) and removed.

## How diff pairs operations

Operations are paired by API version and ` + "`Operation.Key()`" + ` (method and path template, case folded,
placeholder names ignored: ` + "`{id}`" + ` and ` + "`{user-id}`" + ` are one), whatever page documents them, so a
page renamed or split is followed. Pages are matched by relative path only to place a finding on
the other side (the section an operation was removed from). A removed and an added operation of
the same page on the same path, each method missing on the other side, are one ` + "`method-changed`" + `.
For each pair, the facts of the model are compared: permissions by kind (a kind the page does not
document is not compared), request headers (Authorization excepted), query options, request body
properties, success status, response type, and the properties of the returned resource type
(its base types included, relationships excepted) where both revisions have its resource page.
Types are resolved on each side by ` + "`parser/schema`" + ` (links, namespaces, the spellings of
primitives: ` + "`Guid`" + ` is a ` + "`String`" + `); a ` + "`String`" + ` and an enum of string values are the same on
the wire, so documenting a string's values as an enum is no change.

## diff checks

| ID | level | what | why this level |
|---|---|---|---|
`)
	for _, c := range Checks(CommandDiff) {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", c.ID, c.Level, c.Summary, c.Doc)
	}
	b.WriteString(`
## drift checks

Drift pairs pages by relative path. A difference is **stale** (the source changed after the
translation) or **damaged** (the translation changed the item). What tells them apart:

- On a side-by-side page, every English half (the ` + "`data-stu-id`" + ` span) is looked up in the source
  page's text (markup, escapes, emphasis, white space and case folded). Halves the source no
  longer says are reported by span id and position; a page all of whose halves the source still
  says is a translation of the current source, so the extra items in its tables were made by
  the translation: damaged.
- A scope name no source page of the tree knows is damaged (machine translation broke the
  identifier), and so is a source scope the translated cell lacks when the cell holds such a name
  or still holds pieces of the scope's own; header names likewise. Otherwise a missing or extra
  item is stale.
- An item of the source whose section the translated page lacks, though it still carries the
  item's name (a header table or request block swallowed by a broken code fence), was lost by
  the translation: damaged.
- Operations come from code blocks, which translation does not touch: differences are stale,
  unless the translated path holds letters outside ASCII or the rule above applies.

The summary per locale counts pages: paired, current (no finding), stale, damaged (a page can be
both), English pages with no translation (missing) and localized pages whose source is gone
(orphaned).

| ID | category | level | what | why this level |
|---|---|---|---|---|
`)
	for _, c := range Checks(CommandDrift) {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", c.ID, CategoryOf(c), c.Level, c.Summary, c.Doc)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
