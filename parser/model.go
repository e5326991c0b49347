package parser

import "github.com/docs2go/docs2go/parser/diag"

// This file is the page model: the one typed description of a reference page
// that every command (parse, gen, lint, diff, drift) works from. Field names
// and JSON keys are a contract with tools downstream; add, don't rename.

// Pos is a 1-based line and column (in bytes) in the page's source file.
type Pos = diag.Pos

// Range is where an item sits: Pos its first byte, End just after its
// last one.
type Range struct {
	Pos Pos `json:"pos"`
	End Pos `json:"end"`
}

// Text is a piece of prose in both languages. On side-by-side pages Text is
// the localized half and En the English half; on plain English pages both
// hold the same text; on plain localized pages En is empty, because the page
// carries no English.
type Text struct {
	Text string `json:"text"`
	En   string `json:"en,omitempty"`
	// IDs are the data-ttu-id values of the pairs the text was made of.
	IDs []string `json:"ids,omitempty"`
	// Pairs are those pairs one by one, so a check can point at one
	// sentence: set on side-by-side pages only.
	Pairs []Pair `json:"pairs,omitempty"`
}

// Pair is one translation pair of a side-by-side page: the data-ttu-id,
// the localized half, the English half and the range of the whole
// `<span data-ttu-id>…</span><span class="sxs-lookup">…</span>` run.
type Pair struct {
	ID    string `json:"id"`
	Local string `json:"text"`
	En    string `json:"en"`
	Pos   Pos    `json:"pos"`
	End   Pos    `json:"end"`
}

// Shape tells how a page carries its languages.
type Shape string

const (
	// Plain pages hold one language (English or localized).
	Plain Shape = "plain"
	// SideBySide pages hold span pairs of localized and English text.
	SideBySide Shape = "side-by-side"
)

// PageKind tells an API page (operations) from a resource page (a type).
type PageKind string

const (
	APIPage      PageKind = "api"
	ResourcePage PageKind = "resource"
	OtherPage    PageKind = "other"
)

// Method is an HTTP method as written in an HTTP request block.
type Method string

// Page is one parsed reference page.
type Page struct {
	File    string   `json:"file"`
	Locale  string   `json:"locale"`
	Shape   Shape    `json:"shape"`
	Kind    PageKind `json:"kind"`
	Version string   `json:"version"` // "v1.0", "beta" or "" when unknown
	// Rewritten is set when the text read is not the file's bytes: invalid
	// UTF-8 or NUL bytes were read as U+FFFD. Positions still point into
	// the file, but a text's length in it may differ, so no edit of the
	// file can be made from the page's texts.
	Rewritten   bool        `json:"rewritten,omitempty"`
	FrontMatter FrontMatter `json:"frontMatter"`
	Title       Text        `json:"title"`
	TitlePos    Pos         `json:"titlePos"`
	Description Text        `json:"description"`
	// DescriptionPos and NamespacePos locate the intro paragraph and the
	// "Namespace: microsoft.graph" line.
	DescriptionPos Pos    `json:"descriptionPos,omitzero"`
	Namespace      string `json:"namespace,omitempty"`
	NamespacePos   Pos    `json:"namespacePos,omitzero"`

	Operations  []Operation `json:"operations"`
	Permissions Permissions `json:"permissions"`
	// Headers, QueryParameters and FunctionParameters are the page's
	// tables, shared by its operations; each Operation also lists the rows
	// that concern it.
	Headers            []Header         `json:"headers"`
	QueryParameters    []QueryParameter `json:"queryParameters,omitempty"`
	FunctionParameters []Parameter      `json:"functionParameters,omitempty"`
	// PathParameters is the page's path parameter table.
	PathParameters []Parameter `json:"pathParameters,omitempty"`
	RequestBody    RequestBody `json:"requestBody"`
	// Response is the Response section, shared by the page's operations;
	// when the prose gives no status, the first operation's own example
	// does. Each Operation has its own Response too.
	Response Response `json:"response"`
	// Examples are the example code blocks in page order; each operation's
	// Examples pair them into requests and responses.
	Examples []Example `json:"examples,omitempty"`
	// UnmatchedExamples are the example requests (with their responses)
	// whose method and path fit none of the page's operations.
	UnmatchedExamples []ExamplePair `json:"unmatchedExamples,omitempty"`
	Resource          *Resource     `json:"resource,omitempty"`
	Enums             []Enum        `json:"enums,omitempty"`

	Sections    []Section    `json:"sections,omitempty"`
	Diagnostics []Diagnostic `json:"diagnostics"`

	// Links are the page's links to other pages by relative path, in its
	// own text (the localized half of side-by-side pages).
	Links []Link `json:"links,omitempty"`
	// DefinedPermissions are the permission names a page that is neither
	// an API nor a resource page defines in its tables (the permissions
	// reference: one name in a row's first cell).
	DefinedPermissions []Name `json:"definedPermissions,omitempty"`
	// Pairs are the translation pairs of a side-by-side page that checks
	// comparing the halves can need, in page order: those whose ids
	// differ, that have an empty half, or whose source holds a digit, a
	// code span or a dotted name (prose without any cannot differ in an
	// identifier). Not part of the JSON output (every Text carries its
	// own pairs).
	Pairs []TranslationPair `json:"-"`
	// Directives are the page's suppression comments.
	Directives []Directive `json:"directives,omitempty"`
}

// FrontMatter is the page's YAML header. The ms.* fields that localization
// and drift checks use are named; the rest are kept in Other, in file order.
type FrontMatter struct {
	Title           string  `json:"title,omitempty"`
	Description     string  `json:"description,omitempty"`
	Author          string  `json:"author,omitempty"`
	DocType         string  `json:"doc_type,omitempty"`
	Prod            string  `json:"ms.prod,omitempty"`
	ContentLocale   string  `json:"ms.contentlocale,omitempty"`
	SourceGitCommit string  `json:"ms.sourcegitcommit,omitempty"`
	OpenLocFileHash string  `json:"ms.openlocfilehash,omitempty"`
	TranslationType string  `json:"ms.translationtype,omitempty"`
	LastHandoff     string  `json:"ms.lasthandoff,omitempty"`
	LocFileID       string  `json:"ms.locfileid,omitempty"`
	Other           []Field `json:"other,omitempty"`
	// Entries are all the entries in file order, named or not, with their
	// ranges.
	Entries []Field `json:"entries,omitempty"`
	Pos     Pos     `json:"pos"`
	End     Pos     `json:"end,omitzero"`
}

// Field is one front matter entry: in Other, one not named in
// FrontMatter. Pos is its key, End the end of its value.
type Field struct {
	Key   string `json:"key"`
	Value string `json:"value"`
	Pos   Pos    `json:"pos,omitzero"`
	End   Pos    `json:"end,omitzero"`
}

// SectionKind is what a level-2 section of an API or resource page is for,
// recognised from its anchor or English heading, never from localized words.
type SectionKind string

const (
	SectionOther        SectionKind = "other"
	SectionPermissions  SectionKind = "permissions"
	SectionHTTPRequest  SectionKind = "http-request"
	SectionPathParams   SectionKind = "path-parameters"
	SectionFunctionArgs SectionKind = "function-parameters"
	SectionQuery        SectionKind = "query-parameters"
	SectionHeaders      SectionKind = "request-headers"
	SectionRequestBody  SectionKind = "request-body"
	SectionResponse     SectionKind = "response"
	SectionExamples     SectionKind = "examples"
	SectionProperties   SectionKind = "properties"
	SectionRelations    SectionKind = "relationships"
	SectionJSON         SectionKind = "json-representation"
	SectionMethods      SectionKind = "methods"
	SectionEnumValues   SectionKind = "enum-values"
)

// Section is one heading of the page with the kind it was recognised as.
type Section struct {
	Kind    SectionKind `json:"kind"`
	Level   int         `json:"level"`
	Anchor  string      `json:"anchor,omitempty"`
	Heading Text        `json:"heading"`
	Pos     Pos         `json:"pos"`
	// Content is true when a block other than a heading stands in the
	// section or one of its subsections.
	Content bool `json:"content,omitempty"`
}

// Operation is one line of the HTTP request section: a method and a path,
// with the facts the page gives about it.
type Operation struct {
	Method Method `json:"method"`
	// Path starts with "/", has no host or version prefix and no query
	// string, and is otherwise as written (`{id | userPrincipalName}`,
	// `filterByCurrentUser(on='reviewer')`).
	Path string `json:"path"`
	// Query is the query string written after "?", if any.
	Query string `json:"query,omitempty"`
	// Written is the line as written when it differs from "METHOD Path".
	Written  string    `json:"written,omitempty"`
	Segments []Segment `json:"segments"`
	// Params are the placeholders of the path in order: bare segments,
	// function arguments and placeholders inside literal segments.
	Params []PathParam `json:"pathParams,omitempty"`
	Pos    Pos         `json:"pos"`
	End    Pos         `json:"end,omitzero"`

	// PathParameters are the rows of the page's path parameter table that
	// document this operation's placeholders.
	PathParameters []Parameter `json:"pathParameters,omitempty"`
	// FunctionParameters are the rows of the page's function parameter
	// table that document this operation's function arguments.
	FunctionParameters []Parameter `json:"functionParameters,omitempty"`
	// Headers and QueryParameters are set when the page says they belong
	// to this operation only; otherwise the page's tables apply.
	Headers         []Header         `json:"headers,omitempty"`
	QueryParameters []QueryParameter `json:"queryParameters,omitempty"`
	// Examples are the page's example requests that fit this operation's
	// method and path template, each with the response the page pairs it
	// with.
	Examples []ExamplePair `json:"examples"`
	// Response is this operation's documented success status and type:
	// the page's Response section when it is the page's only operation;
	// when several operations share the prose, the operation's own example
	// comes first.
	Response Response `json:"response"`
}

// Segment is one "/"-separated piece of a path.
type Segment struct {
	// Literal is the fixed text of the segment, or the function name of a
	// call segment; empty for a bare parameter segment.
	Literal string `json:"literal,omitempty"`
	// Param is set when the segment is a parameter, `{id}`.
	Param *PathParam `json:"param,omitempty"`
	// Args is set when the segment is a function call, `name(a='{x}')`.
	Args []FunctionArg `json:"args,omitempty"`
	// Call is true for a call segment, with or without arguments.
	Call bool `json:"call,omitempty"`
	// Pieces is the whole segment as fixed text and placeholders in order:
	// `root:{item-path}:` is "root:", item-path, ":";
	// `f(a='{x}',b=1)` is "f(a=", x (Quoted: the piece stands for the
	// quotes too), ",b=1)". No later stage needs to look for braces.
	Pieces []Piece `json:"pieces"`
}

// Piece is fixed path text or a placeholder.
type Piece struct {
	Text  string     `json:"text,omitempty"`
	Param *PathParam `json:"param,omitempty"`
}

// PathParam is a `{name}` placeholder. `{id | userPrincipalName}` is one
// parameter with two alternative keys.
type PathParam struct {
	Name       string   `json:"name"`
	Alternates []string `json:"alternates,omitempty"`
	// Quoted is true for placeholders written inside OData quotes, `'{x}'`,
	// whose value is a string literal.
	Quoted bool `json:"quoted,omitempty"`
	// Arg is the function argument the placeholder is passed as, if any.
	Arg string `json:"arg,omitempty"`
	// ItemPath is true for a placeholder of path-based addressing, between
	// the colons of `root:/{item-path}:` or `{parent-id}:/{filename}:`: its
	// value is a path whose "/" are sent as they are.
	ItemPath bool `json:"itemPath,omitempty"`
}

// FunctionArg is one `name=value` argument of a function call segment.
// Either Param is set (`period='{period_value}'`) or Value holds the fixed
// literal as written (`on='reviewer'`).
type FunctionArg struct {
	Name  string     `json:"name"`
	Param *PathParam `json:"param,omitempty"`
	Value string     `json:"value,omitempty"`
}

// PermissionKind is one of the three canonical permission kinds.
type PermissionKind string

const (
	DelegatedWork     PermissionKind = "delegatedWork"
	DelegatedPersonal PermissionKind = "delegatedPersonal"
	Application       PermissionKind = "application"
)

// Permissions holds the scopes for each kind. A nil list means the page
// does not say; an empty list means "Not supported".
type Permissions struct {
	DelegatedWork     []string        `json:"delegatedWork"`
	DelegatedPersonal []string        `json:"delegatedPersonal"`
	Application       []string        `json:"application"`
	Rows              []PermissionRow `json:"rows,omitempty"`
}

// PermissionRow is one row of a permissions table.
type PermissionRow struct {
	Kind   PermissionKind `json:"kind"`
	Label  Text           `json:"label"`
	Scopes []string       `json:"scopes"`
	Cell   Text           `json:"cell"`
	Pos    Pos            `json:"pos"`
	End    Pos            `json:"end,omitzero"`
	Cells  []Range        `json:"cells,omitempty"`
	// CellPos and CellEnd are the range of the permission cells (from
	// the first after the label to the last); Names where each scope
	// name is written in them (every occurrence, in source order).
	CellPos Pos    `json:"cellPos,omitzero"`
	CellEnd Pos    `json:"cellEnd,omitzero"`
	Names   []Name `json:"names,omitempty"`
}

// Header is one row of the request headers table.
type Header struct {
	Name        string  `json:"name"`
	Value       Text    `json:"value"`
	Required    bool    `json:"required"`
	Pos         Pos     `json:"pos"`
	End         Pos     `json:"end,omitzero"`
	Cells       []Range `json:"cells,omitempty"`
	WrittenName Text    `json:"writtenName,omitzero"`
	// Columns is the number of cells of the table's header row (Cells
	// are the row's cells as written).
	Columns int `json:"columns,omitempty"`
}

// QueryParameter is an optional query parameter, from a table row or from
// an OData option (`$select`) named in the section's prose.
type QueryParameter struct {
	Name        string  `json:"name"`
	Type        string  `json:"type,omitempty"`
	Description Text    `json:"description,omitzero"`
	Pos         Pos     `json:"pos"`
	End         Pos     `json:"end,omitzero"`
	Cells       []Range `json:"cells,omitempty"`
}

// Parameter is a row of a parameter or property table: request body
// parameters of actions, function parameters, resource properties.
type Parameter struct {
	Name        string  `json:"name"`
	Type        TypeRef `json:"type"`
	Description Text    `json:"description"`
	Required    bool    `json:"required,omitempty"`
	Optional    bool    `json:"optional,omitempty"`
	ReadOnly    bool    `json:"readOnly,omitempty"`
	Nullable    bool    `json:"nullable,omitempty"`
	// Values are the possible values the description lists in code spans
	// ("Possible values are: `low`, `normal`, `high`."), for enum types
	// that have no page of their own.
	Values []string `json:"values,omitempty"`
	Pos    Pos      `json:"pos"`
	End    Pos      `json:"end,omitzero"`
	Cells  []Range  `json:"cells,omitempty"`
}

// TypeRef is a documented type: a primitive (`String`, `Int32`,
// `DateTimeOffset`, …), or a resource or enum named by a link.
type TypeRef struct {
	// Name is the primitive name or the resource/enum name, as written in
	// English where the page says it (e.g. "message").
	Name string `json:"name"`
	// Link is the link target as written (`../resources/message.md`).
	Link       string `json:"link,omitempty"`
	Collection bool   `json:"collection,omitempty"`
	// Written is the type cell or phrase as written on the page.
	Written string `json:"written,omitempty"`
	// Pos and End locate the type cell, when the type comes from a table.
	Pos Pos `json:"pos,omitzero"`
	End Pos `json:"end,omitzero"`
}

// BodyKind says what the request body section documents.
type BodyKind string

const (
	BodyUnknown    BodyKind = ""
	BodyNone       BodyKind = "none"
	BodyParameters BodyKind = "parameters"
	BodyResource   BodyKind = "resource"
	BodyJSON       BodyKind = "json"
	// BodyContent is raw content rather than JSON: a file's bytes, a
	// photo, a `$value`.
	BodyContent BodyKind = "content"
)

// RequestBody is the Request body section.
type RequestBody struct {
	Kind        BodyKind    `json:"kind"`
	Parameters  []Parameter `json:"parameters,omitempty"`
	Resource    *TypeRef    `json:"resource,omitempty"`
	Description Text        `json:"description,omitzero"`
	Pos         Pos         `json:"pos"`
}

// Response is the documented success response.
type Response struct {
	Status      int      `json:"status"`
	StatusText  string   `json:"statusText,omitempty"`
	Type        *TypeRef `json:"type,omitempty"`
	Collection  bool     `json:"collection,omitempty"`
	Description Text     `json:"description,omitzero"`
	Pos         Pos      `json:"pos"`
}

// BlockType is the "blockType" of a docs annotation comment.
type BlockType string

const (
	BlockRequest  BlockType = "request"
	BlockResponse BlockType = "response"
	BlockResource BlockType = "resource"
	BlockIgnored  BlockType = "ignored"
)

// Annotation is the `<!-- { "blockType": … } -->` comment before a code block.
type Annotation struct {
	BlockType    BlockType `json:"blockType,omitempty"`
	Name         string    `json:"name,omitempty"`
	ODataType    string    `json:"@odata.type,omitempty"`
	IsCollection bool      `json:"isCollection,omitempty"`
	Truncated    bool      `json:"truncated,omitempty"`
	BaseType     string    `json:"baseType,omitempty"`
	KeyProperty  string    `json:"keyProperty,omitempty"`
	OpenType     bool      `json:"openType,omitempty"`
	Optional     []string  `json:"optionalProperties,omitempty"`
	Pos          Pos       `json:"pos"`
}

// Example is an annotated or http code block of the Example section.
type Example struct {
	Annotation *Annotation `json:"annotation,omitempty"`
	Lang       string      `json:"lang,omitempty"`
	// Request is set for an HTTP request block, Reply for an HTTP response.
	Request *HTTPRequest  `json:"request,omitempty"`
	Reply   *HTTPResponse `json:"reply,omitempty"`
	// Code is the block as written, for blocks that are neither.
	Code string `json:"code,omitempty"`
	Pos  Pos    `json:"pos"`
	End  Pos    `json:"end,omitzero"`
}

// ExamplePair is one example of an operation: a request and the response
// the page shows for it (nil when it shows none), paired by the page's
// structure (headings, annotation names), never by guessing.
type ExamplePair struct {
	// Name is the request annotation's name, "" when it has none.
	Name     string        `json:"name"`
	Request  *HTTPRequest  `json:"request"`
	Response *HTTPResponse `json:"response"`
	// Args are the request's values of the operation's placeholders, in
	// the order of Operation.Params, as written in the URL (not unescaped;
	// an OData string argument without its quotes).
	Args []string `json:"args,omitempty"`
	// RequestIndex and ResponseIndex index Page.Examples (-1: none).
	RequestIndex  int `json:"requestIndex"`
	ResponseIndex int `json:"responseIndex"`
}

// HTTPRequest is a request example: "POST https://graph…/v1.0/me/sendMail",
// headers and body. Pos (line, col) is the request line.
type HTTPRequest struct {
	Method Method `json:"method"`
	URL    string `json:"url"`
	Path   string `json:"path"`
	Query  string `json:"query,omitempty"`
	Pos
	End     Pos          `json:"end,omitzero"`
	Headers []HeaderLine `json:"headers,omitempty"`
	Body    string       `json:"body,omitempty"`
}

// HTTPResponse is a response example: "HTTP/1.1 200 OK", headers and body.
// Pos (line, col) is the status line, or the body's start when there is
// none.
type HTTPResponse struct {
	Status     int    `json:"status"`
	StatusText string `json:"statusText,omitempty"`
	Pos
	End     Pos          `json:"end,omitzero"`
	Headers []HeaderLine `json:"headers,omitempty"`
	Body    string       `json:"body,omitempty"`
}

// HeaderLine is a "Name: value" line of an HTTP example.
type HeaderLine struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	Pos   Pos    `json:"pos"`
	End   Pos    `json:"end,omitzero"`
}

// Resource is what a resource page documents.
type Resource struct {
	Name      string `json:"name"`
	ODataType string `json:"odataType,omitempty"`
	BaseType  string `json:"baseType,omitempty"`
	// InheritsFrom is the base type named in prose ("Inherits from
	// [entity](entity.md).") when no annotation names it.
	InheritsFrom  string        `json:"inheritsFrom,omitempty"`
	KeyProperty   string        `json:"keyProperty,omitempty"`
	OpenType      bool          `json:"openType,omitempty"`
	Properties    []Parameter   `json:"properties,omitempty"`
	Relationships []Parameter   `json:"relationships,omitempty"`
	JSON          string        `json:"json,omitempty"`
	Annotation    *Annotation   `json:"annotation,omitempty"`
	Pos           Pos           `json:"pos"`
	Methods       []MethodEntry `json:"methods,omitempty"`
}

// Enum is an enumeration documented on a page: an enum page's Members
// table, or a "### name values" table of a resource page or enums.md.
type Enum struct {
	Name    string       `json:"name"`
	Members []EnumMember `json:"members"`
	Pos     Pos          `json:"pos"`
}

// EnumMember is a member of an enum documented on a page.
type EnumMember struct {
	Name        string  `json:"name"`
	Value       string  `json:"value,omitempty"`
	Description Text    `json:"description,omitzero"`
	Pos         Pos     `json:"pos"`
	End         Pos     `json:"end,omitzero"`
	Cells       []Range `json:"cells,omitempty"`
}

// MethodEntry is a row of a resource page's Methods table.
type MethodEntry struct {
	Name  Text    `json:"name"`
	Link  string  `json:"link,omitempty"`
	Pos   Pos     `json:"pos"`
	End   Pos     `json:"end,omitzero"`
	Cells []Range `json:"cells,omitempty"`
}

// Severity orders diagnostics.
type Severity = diag.Severity

const (
	Error   = diag.Error
	Warning = diag.Warning
)

// Diagnostic is a problem found in the page. It never stops parsing. The
// rules the parser reports are in rules.go.
type Diagnostic = diag.Diagnostic

// HasErrors reports whether the page has an error diagnostic: the one place
// that decides a page cannot be trusted (gen skips it, parse exits 1).
func (p *Page) HasErrors() bool { return diag.HasErrors(p.Diagnostics) }
