package gen

import "github.com/docs2go/docs2go/parser/diag"

// The rules the generator reports. GEN1xxx: operations and names; GEN4xxx:
// types and examples. IDs are stable: never renumber or reuse one.
var (
	ruleNameCollision = diag.Register(diag.Rule{
		ID: "GEN1001", Name: "method-name-collision", Severity: diag.Warning, Stage: "gen",
		Summary: "two operations would get the same method name; one gets a stable suffix",
		Doc:     "Method names come from the operation alone (verb, path, function arguments). When two operations still map to one name, or to a runtime identifier, the later one in a fixed order gets a suffix, so names never depend on which pages are present.",
		Bad:     "GET /users/{id}/photo/$value\nGET /users/{id}/photo/value",
		Good:    "GET /users/{id}/photo/$value",
	})
	ruleBadHeaderOption = diag.Register(diag.Rule{
		ID: "GEN1002", Name: "header-option", Severity: diag.Warning, Stage: "gen",
		Summary: "a documented header is not a valid HTTP header name; no option is generated",
		Doc:     "Optional request headers become client options (WithPrefer). A header whose name is not an HTTP field name cannot be sent, so it gets no option.",
		Bad:     "| Prefer: return | … |",
		Good:    "| Prefer | return=minimal. Optional. |",
	})
	ruleUnknownFunctionParam = diag.Register(diag.Rule{
		ID: "GEN1003", Name: "function-parameter-type", Severity: diag.Warning, Stage: "gen",
		Summary: "a function parameter of the path is not in the page's parameter table",
		Doc:     "Function arguments in a path (`getByPeriod(period='{period}')`) take their Go type from the Function parameters table. One that is missing there is passed as a string.",
		Bad:     "GET /reports/getEmailActivityUserCounts(period='{period_value}')\n(no Function parameters table)",
		Good:    "## Function parameters\n\n| Parameter | Type | Description |\n|:--|:--|:--|\n| period | string | … |",
	})
	ruleUnknownVersion = diag.Register(diag.Rule{
		ID: "GEN1004", Name: "unknown-version", Severity: diag.Warning, Stage: "gen",
		Summary: "the page's API version is unknown; the page is skipped",
		Doc:     "Pages live under api-reference/v1.0 or api-reference/beta, which decides the client package. A page elsewhere, with examples that name no version either, cannot be placed.",
		Bad:     "docs/api/user-get.md",
		Good:    "api-reference/v1.0/api/user-get.md",
	})
	rulePageSkipped = diag.Register(diag.Rule{
		ID: "GEN1005", Name: "page-skipped", Severity: diag.Warning, Stage: "gen",
		Summary: "a page with error diagnostics is not generated from",
		Doc:     "A page whose content cannot be trusted (invalid UTF-8, binary, too large) is left out; its package keeps its previous output.",
		Bad:     "a page with invalid UTF-8 in its HTTP request block",
		Good:    "the same page saved as UTF-8",
	})
	ruleBogusStatus = diag.Register(diag.Rule{
		ID: "GEN1006", Name: "success-status", Severity: diag.Warning, Stage: "gen",
		Summary: "the documented success status is not a success",
		Doc:     "The Response section's status is what the emitted test replays; a 4xx or 5xx there is a docs mistake. The method accepts any 2xx.",
		Bad:     "If successful, this method returns a `404 Not Found` response code.",
		Good:    "If successful, this method returns a `204 No Content` response code.",
	})
	ruleRequestExampleMismatch = diag.Register(diag.Rule{
		ID: "GEN4006", Name: "request-example-type", Severity: diag.Warning, Stage: "gen",
		Summary: "an example request body does not fit its documented type",
		Doc:     "The emitted test sends the page's example request body through the method's typed body. A body that does not decode into the documented type (a string for a number, an object for a collection) is a docs defect; the test sends a built body instead.",
		Bad:     "{ \"isEnabled\": \"false\" }",
		Good:    "{ \"isEnabled\": false }",
	})
	ruleResponseExampleMismatch = diag.Register(diag.Rule{
		ID: "GEN4007", Name: "response-example-type", Severity: diag.Warning, Stage: "gen",
		Summary: "an example response does not fit its documented type",
		Doc:     "The emitted test serves the page's example response and decodes it through the method's result type. A response that does not fit (\"datetime-value\" for a date) is a docs defect; the test serves a built one.",
		Bad:     "{ \"createdDateTime\": \"datetime-value\" }",
		Good:    "{ \"createdDateTime\": \"2021-05-03T10:00:00Z\" }",
	})
)
