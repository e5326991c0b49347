package parser

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"

	"github.com/docs2go/docs2go/parser/sxs"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

var kindTable = east.KindTable

// sectionBySlug reads a heading's anchor (localized pages) or the slug of
// its English text as what the section holds. Anchors are made from the
// English heading, so both paths agree whatever the page's language. (A
// switch, not a map: it runs for every heading, and compares lengths
// before bytes.)
func sectionBySlug(slug string) (SectionKind, bool) {
	switch slug {
	case "permissions", "prerequisites":
		return SectionPermissions, true
	case "http-request", "http-requests":
		return SectionHTTPRequest, true
	case "path-parameters":
		return SectionPathParams, true
	case "function-parameters", "parameters":
		return SectionFunctionArgs, true
	case "query-parameters", "optional-query-parameters", "odata-query-parameters", "optional-odata-query-parameters":
		return SectionQuery, true
	case "request-headers", "optional-request-headers", "request-header":
		return SectionHeaders, true
	case "request-body":
		return SectionRequestBody, true
	case "response", "responses":
		return SectionResponse, true
	case "example", "examples":
		return SectionExamples, true
	case "properties":
		return SectionProperties, true
	case "relationships":
		return SectionRelations, true
	case "json-representation":
		return SectionJSON, true
	case "methods":
		return SectionMethods, true
	case "members":
		return SectionEnumValues, true
	}
	return SectionOther, false
}

// subsectionKinds may be introduced by a level-3 heading too.
var subsectionKinds = map[SectionKind]bool{
	SectionHTTPRequest: true, SectionPathParams: true, SectionFunctionArgs: true,
	SectionQuery: true, SectionPermissions: true, SectionHeaders: true,
	SectionRequestBody: true, SectionResponse: true,
}

// trimNumber drops a final "-N" from a slug ("example-2" is "example"),
// the number the docs pipeline appends to a repeated heading's anchor. A
// loop, not a regular expression: it runs for every heading.
func trimNumber(slug string) string {
	i := len(slug)
	for i > 0 && slug[i-1] >= '0' && slug[i-1] <= '9' {
		i--
	}
	if i < len(slug) && i > 0 && slug[i-1] == '-' {
		return slug[:i-1]
	}
	return slug
}

func classify(slug string) SectionKind {
	if k, ok := sectionBySlug(slug); ok {
		return k
	}
	if k, ok := sectionBySlug(trimNumber(slug)); ok && (k == SectionExamples) {
		return k
	}
	if strings.HasPrefix(slug, "example-") {
		return SectionExamples
	}
	// "HTTP request (to upload a new file)": one of several request
	// sections of a page, each a variant of the operation.
	if strings.HasPrefix(slug, "http-request-") || strings.HasPrefix(slug, "http-requests-") {
		return SectionHTTPRequest
	}
	return SectionOther
}

// slugify makes an anchor from heading text the way the docs pipeline does:
// lower case, spaces to dashes, punctuation dropped.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '_':
			dash = true
		}
	}
	return b.String()
}

func anchorOf(h ast.Node) string {
	for c := h.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*sxs.Tag); ok && t.TagKind == sxs.Anchor {
			return t.Value
		}
	}
	return ""
}

// isTabHeading tells the `# [HTTP](#tab/http)` headings of code tabs.
func isTabHeading(h ast.Node) bool {
	c := h.FirstChild()
	if _, ok := c.(*sxs.Tag); ok {
		c = c.NextSibling()
	}
	ln, ok := c.(*ast.Link)
	return ok && strings.HasPrefix(string(ln.Destination), "#tab/")
}

func (p *pageParser) heading(h *ast.Heading) {
	if isTabHeading(h) {
		return
	}
	if h.Level == 1 {
		if !p.titleSeen {
			p.titleSeen = true
			p.page.Title = p.text(h)
			p.page.TitlePos = p.posOf(h)
		}
		return
	}
	anchor := anchorOf(h)
	heading := p.text(h)
	kind := SectionOther
	if anchor != "" {
		kind = classify(anchor)
	}
	// The heading's slug is its anchor, or where it has none, its text's.
	slug := anchor
	if kind == SectionOther {
		textSlug := slugify(p.plainText(h, p.englishOr()))
		kind = classify(textSlug)
		if slug == "" {
			slug = textSlug
		}
	}
	p.page.Sections = append(p.page.Sections, Section{Kind: kind, Level: h.Level, Anchor: anchor, Heading: heading, Pos: p.posOf(h)})
	p.exHeadings = append(p.exHeadings, exampleHeading{level: h.Level, role: headingRole(slug)})
	if kind == SectionOther && strings.HasSuffix(slug, "-values") && p.section != SectionExamples {
		kind = SectionEnumValues
	}
	switch {
	case kind == SectionEnumValues:
		p.section = kind
		p.intro = false
		p.enumName = p.enumNameFrom(h, anchor)
	case h.Level == 2:
		p.section = kind
		p.intro = false
	case kind != SectionOther && subsectionKinds[kind] && p.section != SectionExamples:
		p.section = kind
	}
}

// namespaceLine is "Namespace: microsoft.graph" in any language
// ("Espacio de nombres: …", "名前空間: …").
var namespaceLine = regexp.MustCompile(`^[^:：]{1,40}[:：]\s*(microsoft\.graph[\w.]*)\s*$`)

func namespaceMatch(text string) []string {
	if !strings.Contains(text, "microsoft.graph") {
		return nil
	}
	return namespaceLine.FindStringSubmatch(text)
}

func (p *pageParser) paragraph(n ast.Node) {
	switch {
	case p.intro:
		t := p.text(n)
		// (The regular expression only on a text that can match.)
		if m := namespaceMatch(t.Text); m != nil {
			p.page.Namespace = m[1]
			p.page.NamespacePos = p.posOf(n)
			return
		}
		if p.titleSeen && p.page.Description.Text == "" && n.Parent().Kind() == ast.KindDocument {
			p.page.Description = t
			p.page.DescriptionPos = p.posOf(n)
		}
		p.baseTypeParagraph(n)
	case p.section == SectionProperties:
		p.baseTypeParagraph(n)
	case p.section == SectionResponse:
		p.responseParagraph(n)
	case p.section == SectionRequestBody:
		p.requestBodyParagraph(n)
	case p.section == SectionQuery:
		for _, code := range p.codeSpans(n, local) {
			if strings.HasPrefix(code, "$") && len(code) > 1 && !strings.ContainsAny(code, " =") {
				p.addQueryParameter(QueryParameter{Name: code, Pos: p.posOf(n)})
			}
		}
	}
}

func (p *pageParser) addQueryParameter(q QueryParameter) {
	for _, have := range p.page.QueryParameters {
		if have.Name == q.Name {
			return
		}
	}
	p.page.QueryParameters = append(p.page.QueryParameters, q)
}

var statusCode = regexp.MustCompile(`^([1-5]\d\d)(?:\s+(.*))?$`)
var statusInProse = regexp.MustCompile(`\b([1-5]\d\d) ([A-Z][A-Za-z-]*(?: [A-Z][A-Za-z-]*)*)`)

func (p *pageParser) responseParagraph(n ast.Node) {
	r := &p.page.Response
	if r.Description.Text == "" {
		r.Description = p.text(n)
		r.Pos = p.posOf(n)
	}
	if r.Status == 0 {
		for _, code := range p.codeSpans(n, local) {
			// (The regular expression only on a span that starts as a status.)
			code = strings.TrimSpace(code)
			if code == "" || code[0] < '1' || code[0] > '5' {
				continue
			}
			if m := statusCode.FindStringSubmatch(code); m != nil {
				r.Status, _ = strconv.Atoi(m[1])
				r.StatusText = strings.TrimSpace(m[2])
				r.Pos = p.posOf(n)
				break
			}
		}
	}
	if r.Status == 0 {
		var m []string
		if text := p.plainText(n, p.englishOr()); strings.ContainsAny(text, "12345") {
			m = statusInProse.FindStringSubmatch(text)
		}
		if m != nil {
			r.Status, _ = strconv.Atoi(m[1])
			r.StatusText = m[2]
			r.Pos = p.posOf(n)
		}
	}
	if r.Type == nil {
		l := p.englishOr()
		for _, ln := range p.links(n, l) {
			if ref, ok := resourceRef(ln); ok {
				en := strings.ToLower(p.plainText(n, l))
				ref.Collection = hasCollectionWord(en) || strings.Contains(en, "list of") || strings.Contains(en, "array of")
				if l == local && !p.englishPlain {
					ref.Collection = false // decided from the examples in finishResponse
				}
				r.Type = &ref
				break
			}
		}
	}
}

// resourceRef turns a link to a resource page into a type reference.
func resourceRef(ln link) (TypeRef, bool) {
	dest := ln.dest
	if i := strings.IndexAny(dest, "#?"); i >= 0 {
		dest = dest[:i]
	}
	if !strings.HasSuffix(dest, ".md") || !strings.Contains(dest, "resources/") && strings.Contains(dest, "/") {
		return TypeRef{}, false
	}
	name := strings.TrimSuffix(dest[strings.LastIndex(dest, "/")+1:], ".md")
	if name == "" {
		return TypeRef{}, false
	}
	text := strings.Trim(ln.text, " .`*")
	if text != "" && strings.EqualFold(text, name) {
		name = text
	}
	return TypeRef{Name: name, Link: ln.dest}, true
}

func (p *pageParser) requestBodyParagraph(n ast.Node) {
	b := &p.page.RequestBody
	if b.Description.Text == "" {
		b.Description = p.text(n)
		b.Pos = p.posOf(n)
	}
	if b.Resource == nil {
		for _, ln := range p.links(n, p.englishOr()) {
			if ref, ok := resourceRef(ln); ok {
				b.Resource = &ref
				break
			}
		}
	}
}

// finishResponse gives each operation its examples and response, and the
// page the Response section's facts, completed where the prose is silent by
// its first operation's own (the operation a reader meets first); it
// decides the request body kind from what the section held.
func (p *pageParser) finishResponse() {
	pg := p.page
	p.prose = pg.Response
	p.finishOperations()
	r := &pg.Response
	if len(pg.Operations) > 0 {
		first := pg.Operations[0].Response
		for _, op := range pg.Operations {
			if len(op.Examples) > 0 {
				first = op.Response
				break
			}
		}
		if r.Status == 0 && first.Status != 0 {
			r.Status, r.StatusText = first.Status, first.StatusText
		}
		if r.Type == nil && first.Type != nil {
			t := *first.Type
			r.Type = &t
		}
		if r.Type != nil && first.Type != nil && first.Type.Name == r.Type.Name {
			r.Type.Collection = first.Type.Collection
		}
		if r.Type != nil {
			r.Collection = r.Type.Collection
		}
	}
	if pg.Kind == APIPage && r.Status == 0 && len(pg.Operations) > 0 {
		p.diag(CodeNoStatus, p.lines.lineStart(r.Pos.Line), "no success status code in the Response section or its example")
	}
	b := &pg.RequestBody
	switch {
	case len(b.Parameters) > 0:
		b.Kind = BodyParameters
	case b.Resource != nil:
		b.Kind = BodyResource
	case b.Kind == BodyJSON:
	case p.contentBody():
		b.Kind = BodyContent
	case b.Description.Text != "":
		b.Kind = BodyNone
	}
}

// contentBody reports whether the page's request body is raw content
// rather than JSON: the English prose says the body is binary ("the
// binary stream of the file"), an example request sends a body with a
// Content-Type that is not JSON, or the page's writing operations all
// address a media resource (a path ending in /content or /$value).
func (p *pageParser) contentBody() bool {
	pg := p.page
	if en := strings.ToLower(pg.RequestBody.Description.En); strings.Contains(en, "binary") {
		return true
	}
	for _, ex := range pg.Examples {
		rq := ex.Request
		if rq == nil || rq.Body == "" || rq.Method == "GET" {
			continue
		}
		for _, h := range rq.Headers {
			if strings.EqualFold(h.Name, "Content-Type") && !jsonMediaType(h.Value) {
				return true
			}
		}
	}
	writes := 0
	for _, op := range pg.Operations {
		switch op.Method {
		case "GET", "DELETE", "HEAD", "OPTIONS":
			continue
		}
		writes++
		n := len(op.Segments)
		if n == 0 || op.Segments[n-1].Param != nil || op.Segments[n-1].Call {
			return false
		}
		if l := strings.ToLower(op.Segments[n-1].Literal); l != "content" && l != "$value" {
			return false
		}
	}
	return writes > 0
}

// jsonMediaType reports whether a Content-Type value is JSON (or says
// nothing a client could send otherwise).
func jsonMediaType(v string) bool {
	mt, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(v)), ";")
	mt = strings.TrimSpace(mt)
	return mt == "" || mt == "application/json" || strings.HasSuffix(mt, "+json") || strings.ContainsAny(mt, "{<")
}

func isCollectionBody(body string) bool {
	var v struct {
		Value json.RawMessage `json:"value"`
	}
	return json.Unmarshal([]byte(body), &v) == nil && strings.HasPrefix(strings.TrimSpace(string(v.Value)), "[")
}

func (p *pageParser) hasSection(kind SectionKind) bool {
	for _, s := range p.page.Sections {
		if s.Kind == kind {
			return true
		}
	}
	return false
}

func (p *pageParser) htmlBlock(n *ast.HTMLBlock) {
	// The block's text goes into the scratch buffer, not a string of its
	// own: only an annotation is kept, and json.Unmarshal copies the
	// strings it keeps.
	b := p.scratch[:0]
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		b = append(b, seg.Value(p.body())...)
	}
	if n.HasClosure() {
		b = append(b, n.ClosureLine.Value(p.body())...)
	}
	p.scratch = b
	raw := bytes.TrimSpace(b)
	if !bytes.HasPrefix(raw, []byte("<!--")) {
		return
	}
	inner := bytes.TrimSpace(bytes.TrimSuffix(bytes.TrimPrefix(raw, []byte("<!--")), []byte("-->")))
	if !bytes.HasPrefix(inner, []byte("{")) {
		return
	}
	var ann Annotation
	if err := json.Unmarshal(inner, &ann); err != nil {
		p.diag(CodeBadAnnotation, p.offsetOf(n), "annotation comment is not valid JSON: %v", err)
		// Still honour the block type so the example is classified.
		if m := blockTypeRe.FindSubmatch(inner); m != nil {
			ann = Annotation{BlockType: BlockType(m[1])}
		} else {
			return
		}
	}
	ann.Pos = p.posOf(n)
	p.annotation = &ann
}

var blockTypeRe = regexp.MustCompile(`"blockType"\s*:\s*"(\w+)"`)

func (p *pageParser) codeBlock(n ast.Node, lang string, lines *text.Segments) {
	code := p.codeText(lines)
	lang = strings.ToLower(strings.TrimSpace(lang))
	ann := p.annotation
	switch {
	case ann != nil && ann.BlockType == BlockResource, p.section == SectionJSON && (lang == "json" || lang == ""):
		p.resourceJSON(n, code, ann)
	case p.section == SectionHTTPRequest:
		p.operations(n)
	case ann != nil && (ann.BlockType == BlockRequest || ann.BlockType == BlockResponse):
		p.example(n, lang, code, ann)
	case p.section == SectionExamples && (lang == "http" || lang == "msgraph-interactive" || lang == "json" || lang == ""):
		p.example(n, lang, code, ann)
	case p.section == SectionRequestBody && lang == "json":
		p.page.RequestBody.Kind = BodyJSON
	case p.section != SectionExamples && len(p.page.Operations) == 0 && !p.hasSection(SectionHTTPRequest) && looksLikeRequestLines(code):
		// A page whose HTTP request heading is missing, or carries neither
		// anchor nor English text: the block is still recognisable by its
		// shape, "METHOD /path" lines without a host.
		p.operations(n)
	}
}
