package lint

import "github.com/docs2go/docs2go/parser/diag"

var ruleSuppressionReason = diag.Register(diag.Rule{
	ID: "DG9001", Name: "suppression-comment", Severity: diag.Warning, Stage: "lint",
	Summary: "a suppression comment gives no reason or names an unknown rule",
	Doc:     "`<!-- docs2go-disable RULE -- reason -->` turns a rule off from that line on (until `<!-- docs2go-enable RULE -->`), `<!-- docs2go-disable-next-line RULE -- reason -->` for the next line only; RULE is an ID or name, several separated by commas, none meaning every rule. The reason tells the next editor why the finding is wrong or accepted; a comment without one, or naming a rule that does not exist, is reported.",
	Bad:     "<!-- docs2go-disable-next-line DG2201 -->",
	Good:    "<!-- docs2go-disable-next-line DG2201 -- preview permission, not yet in the reference -->",
})
