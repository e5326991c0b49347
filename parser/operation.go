package parser

import (
	"encoding/json"
	"regexp"
	"strings"
)

// This file gives each operation its own facts: its identity (Key), the
// page's example requests that fit its template (MatchPath), the response
// the page pairs with each of them, its rows of the parameter tables and
// its success status and type.

// Key identifies an operation across pages, locales and revisions: its
// method and path template, case folded (Graph matches path segments
// case-insensitively), with every placeholder written "{}" whatever its
// name ("{id}" and "{user-id}" are one), an OData string placeholder
// "'{}'". gen, lint and diff compare operations by it.
func (op Operation) Key() string {
	var b strings.Builder
	b.WriteString(string(op.Method))
	b.WriteByte(' ')
	if len(op.Segments) == 0 {
		b.WriteByte('/')
	}
	for _, seg := range op.Segments {
		b.WriteByte('/')
		for _, pc := range seg.Pieces {
			switch {
			case pc.Param == nil:
				b.WriteString(strings.ToLower(pc.Text))
			case pc.Param.Quoted:
				b.WriteString("'{}'")
			default:
				b.WriteString("{}")
			}
		}
	}
	return b.String()
}

// guid is a GUID as example requests write one.
var guid = regexp.MustCompile(`(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

// ExampleValue returns the fixed text of op's path that is an example
// value rather than part of a template — a GUID, or an ellipsis standing
// for elided segments ("/.../") — and whether there is one. Such a request
// line is a docs defect (DG2007): it documents no general operation.
func (op Operation) ExampleValue() (string, bool) {
	for _, seg := range op.Segments {
		for _, pc := range seg.Pieces {
			if pc.Param != nil {
				continue
			}
			// (The regular expression only where a GUID fits.)
			if len(pc.Text) >= 36 && strings.Contains(pc.Text, "-") {
				if m := guid.FindString(pc.Text); m != "" {
					return m, true
				}
			}
			if strings.Contains(pc.Text, "...") || strings.Contains(pc.Text, "…") {
				return pc.Text, true
			}
		}
	}
	return "", false
}

// templatePiece is a piece of the whole path template: fixed text, or a
// placeholder that may (an item path, `root:/{item-path}:`) or may not span
// several path segments.
type templatePiece struct {
	text   string
	param  *PathParam
	slashy bool
}

func (op Operation) template() []templatePiece {
	var out []templatePiece
	// Fixed text gathers in buf until a placeholder or the end: one string
	// per run, not one per piece.
	var buf []byte
	flush := func() {
		if len(buf) > 0 {
			out = append(out, templatePiece{text: string(buf)})
			buf = buf[:0]
		}
	}
	for _, seg := range op.Segments {
		buf = append(buf, '/')
		for _, pc := range seg.Pieces {
			if pc.Param == nil {
				buf = append(buf, pc.Text...)
				continue
			}
			flush()
			out = append(out, templatePiece{param: pc.Param, slashy: pc.Param.ItemPath})
		}
	}
	if len(out) == 0 && len(buf) == 0 {
		buf = append(buf, '/')
	}
	flush()
	return out
}

// MatchPath reports whether an example request path (as HTTPRequest.Path
// holds it: no host, version or query) fits op's template, and returns the
// text of each placeholder in the order of op.Params. Fixed text compares
// case-insensitively; a trailing "/" is ignored; a placeholder takes at
// least one character and no "/" unless it is an item path;
// an OData string placeholder takes the quoted literal, returned without
// its quotes.
func (op Operation) MatchPath(path string) ([]string, bool) {
	return matchTemplate(op.template(), len(op.Params), path)
}

// matchTemplate is MatchPath for a template made once; params is the
// number of placeholders.
func matchTemplate(t []templatePiece, params int, path string) ([]string, bool) {
	if len(path) > 1 {
		path = strings.TrimSuffix(path, "/")
	}
	args := make([]string, 0, params)
	var match func(i, pos int) bool
	match = func(i, pos int) bool {
		if i == len(t) {
			return pos == len(path)
		}
		pc := t[i]
		if pc.param == nil {
			end := pos + len(pc.text)
			if end > len(path) || !strings.EqualFold(path[pos:end], pc.text) {
				return false
			}
			return match(i+1, end)
		}
		for end := pos + 1; end <= len(path); end++ {
			c := path[end-1]
			if c == '/' && !pc.slashy {
				return false
			}
			v := path[pos:end]
			if pc.param.Quoted && len(v) >= 2 && v[0] == '\'' {
				if v[len(v)-1] != '\'' {
					continue
				}
				v = v[1 : len(v)-1]
			}
			args = append(args, v)
			if match(i+1, end) {
				return true
			}
			args = args[:len(args)-1]
		}
		return false
	}
	if !match(0, 0) {
		return nil, false
	}
	return args, true
}

// fixedLength is how much of a template is fixed text: the more, the more
// specific the template when two fit one request.
func fixedLength(t []templatePiece) int {
	n := 0
	for _, pc := range t {
		n += len(pc.text)
	}
	return n
}

// exampleHeading is a level-2 or lower heading of the page.
type exampleHeading struct {
	level int
	// role is what the heading's anchor or English text says it
	// introduces: "request", "response" or "" (an example's title, another
	// section, or a heading in a language the parser does not read).
	role string
}

// headingRole reads "request" or "response" from a heading's slug
// ("request", "response-1", "request-headers" is neither).
func headingRole(slug string) string {
	s := trimNumber(slug)
	switch s {
	case "request", "requests", "example-request", "http-request":
		return "request"
	case "response", "responses", "example-response", "http-response":
		return "response"
	}
	return ""
}

// pairExamples pairs the page's example requests with their responses by
// the page's structure:
//
//   - a response whose annotation names a request (the same "name") is that
//     request's;
//   - otherwise it answers the earliest unanswered request before it in the
//     same example, an example being what an example title heading (any
//     heading that is not a request or response heading) introduces, or a
//     new request heading at the level of the previous one.
//
// Request and response headings are known by their anchor or English text
// and, where the page carries neither, by the block that follows them.
func (p *pageParser) pairExamples() []ExamplePair {
	exs := p.page.Examples
	roles := make([]string, len(p.exHeadings))
	for i, h := range p.exHeadings {
		roles[i] = h.role
	}
	// A heading of unknown role right above a request or response block
	// introduces it.
	for i, ex := range exs {
		h := p.exHeading[i]
		if h < 0 || roles[h] != "" || i > 0 && p.exHeading[i-1] == h {
			continue
		}
		switch {
		case ex.Request != nil:
			roles[h] = "request"
		case ex.Reply != nil:
			roles[h] = "response"
		}
	}
	var pairs []ExamplePair
	var pending []int // indexes into pairs of unanswered requests
	lastReqHeading := -1
	for i, ex := range exs {
		h := p.exHeading[i]
		if i > 0 {
			// Any other heading between the previous block and this one
			// starts a new example.
			for k := p.exHeading[i-1] + 1; k <= h; k++ {
				if roles[k] == "" {
					pending, lastReqHeading = nil, -1
					break
				}
			}
		}
		switch {
		case ex.Request != nil:
			// A new request heading at the level of the previous request's
			// heading, or above, starts a new example too.
			if h >= 0 && lastReqHeading >= 0 && h != lastReqHeading && roles[h] == "request" &&
				p.exHeadings[h].level <= p.exHeadings[lastReqHeading].level {
				pending = nil
			}
			lastReqHeading = h
			pr := ExamplePair{Request: ex.Request, RequestIndex: i, ResponseIndex: -1}
			if ex.Annotation != nil {
				pr.Name = ex.Annotation.Name
			}
			pairs = append(pairs, pr)
			pending = append(pending, len(pairs)-1)
		case ex.Reply != nil:
			k := -1
			if ex.Annotation != nil && ex.Annotation.Name != "" {
				for j, pi := range pending {
					if pairs[pi].Name == ex.Annotation.Name {
						k = j
						break
					}
				}
			}
			if k < 0 && len(pending) > 0 {
				k = 0
			}
			if k < 0 {
				continue
			}
			pi := pending[k]
			pairs[pi].Response, pairs[pi].ResponseIndex = ex.Reply, i
			pending = append(pending[:k:k], pending[k+1:]...)
		}
	}
	return pairs
}

// finishOperations gives every operation its examples, its rows of the
// parameter tables and its response.
func (p *pageParser) finishOperations() {
	pg := p.page
	pairs := p.pairExamples()
	for i := range pg.Operations {
		pg.Operations[i].Examples = []ExamplePair{}
	}
	// Each operation's template is made once, when an example first needs it.
	templates := make([][]templatePiece, len(pg.Operations))
	for _, pr := range pairs {
		best, bestLen := -1, -1
		var bestArgs []string
		for i, op := range pg.Operations {
			if op.Method != pr.Request.Method {
				continue
			}
			if templates[i] == nil {
				templates[i] = op.template()
			}
			args, ok := matchTemplate(templates[i], len(op.Params), pr.Request.Path)
			if !ok {
				continue
			}
			if n := fixedLength(templates[i]); n > bestLen {
				best, bestLen, bestArgs = i, n, args
			}
		}
		if best < 0 {
			pg.UnmatchedExamples = append(pg.UnmatchedExamples, pr)
			continue
		}
		pr.Args = bestArgs
		pg.Operations[best].Examples = append(pg.Operations[best].Examples, pr)
	}
	for i := range pg.Operations {
		op := &pg.Operations[i]
		op.PathParameters = rowsFor(pg.PathParameters, op.Params, false)
		op.FunctionParameters = rowsFor(pg.FunctionParameters, op.Params, true)
		op.Response = p.operationResponse(op)
	}
}

// rowsFor picks the table rows that document params: by placeholder name
// (any of its alternates), or for function arguments by argument name.
func rowsFor(rows []Parameter, params []PathParam, function bool) []Parameter {
	var out []Parameter
	for _, r := range rows {
		name := strings.Trim(r.Name, "{}' ")
		for _, pp := range params {
			if function && pp.Arg == "" {
				continue
			}
			if function && strings.EqualFold(pp.Arg, name) || !function && placeholderNamed(pp, name) {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

// placeholderNamed reports whether name is one of pp's keys, ignoring case
// and the dashes and underscores that pages spell differently.
func placeholderNamed(pp PathParam, name string) bool {
	n := looseName(name)
	if looseName(pp.Name) == n {
		return true
	}
	for _, a := range pp.Alternates {
		if looseName(a) == n {
			return true
		}
	}
	return false
}

func looseName(s string) string {
	return strings.ToLower(looseMarks.Replace(s))
}

// looseMarks drops what looseName ignores; built once (a Replacer is safe
// for concurrent use), not per name.
var looseMarks = strings.NewReplacer("-", "", "_", "", " ", "")

// addressesOne tells a path whose last segment is a bare key placeholder
// (`/chats/{chat-id}`): it names one entity.
func addressesOne(op *Operation) bool {
	n := len(op.Segments)
	return n > 0 && op.Segments[n-1].Param != nil && !op.Segments[n-1].Call && op.Segments[n-1].Literal == ""
}

// isObjectBody tells a body that is one JSON object.
func isObjectBody(body string) bool {
	var v map[string]json.RawMessage
	return json.Unmarshal([]byte(body), &v) == nil
}

// operationResponse is op's success status and type: the Response section
// says them for every operation of the page; an operation's own example
// reply comes first when several operations share that prose (a page with
// GET and a POST that returns 201), and fills what the prose leaves out.
func (p *pageParser) operationResponse(op *Operation) Response {
	prose := p.prose
	var reply *HTTPResponse
	var ann *Annotation
	for _, pr := range op.Examples {
		if pr.Response != nil {
			reply = pr.Response
			ann = p.page.Examples[pr.ResponseIndex].Annotation
			break
		}
	}
	r := prose
	if r.Type != nil {
		t := *r.Type
		r.Type = &t
	}
	shared := len(p.page.Operations) > 1
	if reply != nil && reply.Status >= 200 && reply.Status < 300 && (r.Status == 0 || shared && reply.Status != r.Status) {
		r.Status, r.StatusText, r.Pos = reply.Status, reply.StatusText, reply.Pos
	}
	if r.Type == nil && ann != nil && ann.ODataType != "" && r.Status != 204 {
		// The prose names no type; the example's annotation does, in a
		// form no translation touches.
		name := strings.TrimPrefix(strings.TrimPrefix(ann.ODataType, "Edm."), "microsoft.graph.")
		r.Type = &TypeRef{Name: name, Written: ann.ODataType}
	}
	if r.Type != nil {
		if ann != nil && ann.IsCollection {
			r.Type.Collection = true
		}
		if !r.Type.Collection && !p.sxs && !p.englishPlain && reply != nil {
			r.Type.Collection = isCollectionBody(reply.Body)
		}
		// A GET of an entity addressed by its key reads that one entity:
		// when the operation's own example shows one object too, prose
		// saying "a collection of" is the page's slip (chat-get: "returns a
		// collection of chat objects" over {"id": …}).
		if r.Type.Collection && op.Method == "GET" && addressesOne(op) && reply != nil &&
			(ann == nil || !ann.IsCollection) && isObjectBody(reply.Body) && !isCollectionBody(reply.Body) {
			r.Type.Collection = false
			if !p.collectionOfOne { // once a page: its operations share the prose
				p.collectionOfOne = true
				at := reply.Pos
				if prose.Pos.IsValid() {
					at = prose.Pos
				}
				p.diag(CodeCollectionOfOne, p.lines.lineStart(at.Line), "the Response section says a collection of %s, but %s %s addresses one by its key and its example shows one object; read as one %s", r.Type.Name, op.Method, op.Path, r.Type.Name)
			}
		}
		r.Collection = r.Type.Collection
	}
	return r
}
