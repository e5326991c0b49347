package parser

import "github.com/docs2go/docs2go/parser/diag"

// The rules the parser reports, grouped like staticcheck's: DG0xxx the file
// itself, DG1xxx front matter and headings, DG2xxx requests, permissions and
// headers, DG4xxx examples, DG5xxx translation pairs. IDs are stable: never
// renumber or reuse one. Every command that reads pages reports these.
var (
	CodeInvalidUTF8 = diag.Register(diag.Rule{
		ID: "DG0001", Name: "invalid-utf8", Severity: diag.Error, Stage: "parse",
		Summary: "the file holds bytes that are not UTF-8",
		Doc:     "Pages are UTF-8. Bytes that are not (a page saved in Latin-1 or Windows-1252) are read as U+FFFD, so names and text on that line are wrong.",
		Bad:     "Descri\\xe7\\xe3o (Latin-1 bytes)",
		Good:    "Descrição (UTF-8)",
	})
	CodeBOM = diag.Register(diag.Rule{
		ID: "DG0002", Name: "byte-order-mark", Severity: diag.Warning, Stage: "parse",
		Summary: "the file starts with a byte order mark",
		Doc:     "A UTF-8 byte order mark hides the front matter's opening --- from tools that do not skip it. The parser skips it; save the file without it.",
		Bad:     "\\uFEFF---\ntitle: user: sendMail",
		Good:    "---\ntitle: user: sendMail",
	})
	CodeCRLF = diag.Register(diag.Rule{
		ID: "DG0003", Name: "crlf-line-ends", Severity: diag.Warning, Stage: "parse",
		Summary: "lines end with CR LF (or a lone CR)",
		Doc:     "The docs repositories use LF line ends. CR LF, and a CR alone, are read as LF, but make every line of a diff change.",
		Bad:     "# Get user\\r\\n",
		Good:    "# Get user\\n",
	})
	CodeEmpty = diag.Register(diag.Rule{
		ID: "DG0004", Name: "empty-page", Severity: diag.Error, Stage: "parse",
		Summary: "the page is empty",
		Doc:     "A page with nothing but white space documents nothing; it is usually a failed export or a truncated checkout.",
		Bad:     "(an empty file)",
		Good:    "---\ntitle: \"Get user\"\n---\n# Get user",
	})
	CodeBinary = diag.Register(diag.Rule{
		ID: "DG0005", Name: "binary-file", Severity: diag.Error, Stage: "parse",
		Summary: "the file holds NUL bytes: not a text page",
		Doc:     "A NUL byte means the file is not text (an image or archive saved with .md). It is not parsed.",
		Bad:     "PK\\x03\\x04… (a zip archive named page.md)",
		Good:    "a markdown page",
	})
	CodeTooLarge = diag.Register(diag.Rule{
		ID: "DG0006", Name: "page-too-large", Severity: diag.Error, Stage: "parse",
		Summary: "the page is larger than the size limit",
		Doc:     "The largest real reference page is well under 1 MB. A larger file is not a page someone wrote; it is not parsed, so memory stays bounded.",
		Bad:     "a 20 MB generated file",
		Good:    "a page under the limit",
	})
	CodeFrontMatter = diag.Register(diag.Rule{
		ID: "DG1001", Name: "front-matter", Severity: diag.Warning, Stage: "parse",
		Summary: "the front matter is not closed or not YAML",
		Doc:     "The YAML header between --- lines gives the page's title, description and doc_type. When it is not closed, or machine translation wrapped its lines in spans, its metadata cannot be read.",
		Bad:     "---\n<span data-ttu-id=\"a\">title: Obter usuário</span>\n---",
		Good:    "---\ntitle: \"Obter usuário\"\n---",
	})
	CodeNoTitle = diag.Register(diag.Rule{
		ID: "DG1002", Name: "no-title", Severity: diag.Warning, Stage: "parse",
		Summary: "the page has no level-1 heading",
		Doc:     "Every reference page starts with one `# Title` heading, which readers and the generated doc comments use.",
		Bad:     "## Permissions",
		Good:    "# Get user\n\n## Permissions",
	})
	CodeBadRequestLine = diag.Register(diag.Rule{
		ID: "DG2001", Name: "request-line", Severity: diag.Warning, Stage: "parse",
		Summary: "a line of the HTTP request block is not METHOD /path",
		Doc:     "Each line of the HTTP request section's code block is one operation: an HTTP method, a space and a path from the service root. Other lines are not operations and are skipped.",
		Bad:     "```http\nFETCH /widgets\nSee the widget documentation\n```",
		Good:    "```http\nGET /widgets\n```",
	})
	CodeNoOperations = diag.Register(diag.Rule{
		ID: "DG2002", Name: "no-operation", Severity: diag.Warning, Stage: "parse",
		Summary: "an API page has no operation in an HTTP request section",
		Doc:     "An API page documents at least one request. Without an HTTP request section holding METHOD /path lines, no client method can be made from it.",
		Bad:     "## HTTP request\n\nSend a GET to the users collection.",
		Good:    "## HTTP request\n\n```http\nGET /users\n```",
	})
	CodePermissionKind = diag.Register(diag.Rule{
		ID: "DG2003", Name: "permission-kind", Severity: diag.Warning, Stage: "parse",
		Summary: "a permissions table row is of no known kind",
		Doc:     "Permission rows are one of three kinds: delegated (work or school account), delegated (personal Microsoft account), application. A row of another label cannot tell an app what to ask for.",
		Bad:     "|Delegated (any account) | User.Read |",
		Good:    "|Delegated (work or school account) | User.Read |",
	})
	CodeNoStatus = diag.Register(diag.Rule{
		ID: "DG2004", Name: "no-success-status", Severity: diag.Warning, Stage: "parse",
		Summary: "no success status in the Response section or its example",
		Doc:     "The Response section says which status a successful call returns (`200 OK`, `204 No Content`), and the example response shows it. Without it, clients and tests cannot tell success.",
		Bad:     "## Response\n\nIf successful, this method returns the user.",
		Good:    "## Response\n\nIf successful, this method returns a `200 OK` response code and a [user](../resources/user.md) object in the response body.",
	})
	CodeHeaderNameInferred = diag.Register(diag.Rule{
		ID: "DG2005", Name: "header-name-translated", Severity: diag.Warning, Stage: "parse",
		Summary: "a header name was translated; it was read from its value",
		Doc:     "Header names are protocol identifiers and must not be translated. The parser recognises `Autorização | Bearer {token}` as Authorization from its value; the page should keep the English name.",
		Bad:     "| Autorização | Bearer {token}. Obrigatório. |",
		Good:    "| Authorization | Bearer {token}. Obrigatório. |",
	})
	CodeBadHeaderName = diag.Register(diag.Rule{
		ID: "DG2006", Name: "header-name", Severity: diag.Warning, Stage: "parse",
		Summary: "a request header name is not an HTTP field name",
		Doc:     "A header table's first cell is an HTTP field name (letters, digits and -). Anything else cannot be sent, so no option is generated for it.",
		Bad:     "| Content Type | application/json |",
		Good:    "| Content-Type | application/json |",
	})
	CodeExampleInPath = diag.Register(diag.Rule{
		ID: "DG2007", Name: "example-value-in-path", Severity: diag.Warning, Stage: "parse",
		Summary: "an HTTP request line holds an example value where a placeholder belongs",
		Doc:     "The HTTP request section gives path templates: every key is a {placeholder}. A GUID or an ellipsis written in its place is an example value copied from a request, so the line documents no general operation; gen leaves it out.",
		Bad:     "PUT /education/classes/72a7baec-c3e9-4213-a850-f62de0adad5f/assignments/{id}/rubric/$ref",
		Good:    "PUT /education/classes/{class-id}/assignments/{assignment-id}/rubric/$ref",
	})
	CodeCollectionOfOne = diag.Register(diag.Rule{
		ID: "DG2008", Name: "collection-of-one", Severity: diag.Warning, Stage: "parse",
		Summary: "the Response section says a collection where the request addresses one entity by its key and the example shows one object",
		Doc:     "A GET whose path ends in a key, `/chats/{chat-id}`, reads that one entity, and the example response shows one object; when the Response section says \"a collection of\", the prose is the slip. The operation is read as returning one object (so gen's method returns it, not an iterator) and the prose is reported.",
		Bad:     "## Response\n\nIf successful, this method returns a `200 OK` response code and a collection of [chat](../resources/chat.md) objects in the response body.\n…\nGET /chats/{chat-id}\n…\n{\"id\": \"19:…\", \"topic\": null}",
		Good:    "## Response\n\nIf successful, this method returns a `200 OK` response code and a [chat](../resources/chat.md) object in the response body.",
	})
	CodeBadAnnotation = diag.Register(diag.Rule{
		ID: "DG4001", Name: "annotation-json", Severity: diag.Warning, Stage: "parse",
		Summary: "an annotation comment is not valid JSON",
		Doc:     "The `<!-- { \"blockType\": … } -->` comment before a code block tells tools what the block is. When it is not JSON, the block's role and type are lost.",
		Bad:     "<!-- { \"blockType\": \"request\", \"name\": get_user -->",
		Good:    "<!-- { \"blockType\": \"request\", \"name\": \"get_user\" } -->",
	})
	CodeBadExampleJSON = diag.Register(diag.Rule{
		ID: "DG4002", Name: "example-json", Severity: diag.Warning, Stage: "parse",
		Summary: "an example body is not valid JSON",
		Doc:     "Example request and response bodies are JSON that a client sends or receives. A body that does not parse cannot be replayed in tests; mark elided parts with a comment outside the JSON or use a truncated annotation.",
		Bad:     "{\n  \"displayName\": \"Sales\",\n}",
		Good:    "{\n  \"displayName\": \"Sales\"\n}",
	})
	CodeSpanPair = diag.Register(diag.Rule{
		ID: "DG5001", Name: "span-pair", Severity: diag.Warning, Stage: "parse",
		Summary: "a translation span pair is broken",
		Doc:     "On side-by-side pages each sentence is `<span data-ttu-id=\"X\">localized</span><span class=\"sxs-lookup\"><span data-stu-id=\"X\">English</span></span>`. A pair whose ids differ, whose English half is missing or whose tags are unbalanced loses the English text that tools compare.",
		Bad:     "<span data-ttu-id=\"b-103\">Obter</span><span class=\"sxs-lookup\"><span data-stu-id=\"b-999\">Get</span></span>",
		Good:    "<span data-ttu-id=\"b-103\">Obter</span><span class=\"sxs-lookup\"><span data-stu-id=\"b-103\">Get</span></span>",
		Fixable: true,
	})
)
