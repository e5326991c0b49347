package parser

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"unsafe"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// methods are the HTTP methods an HTTP request line may start with.
var methods = map[string]Method{
	"GET": "GET", "POST": "POST", "PUT": "PUT", "PATCH": "PATCH",
	"DELETE": "DELETE", "HEAD": "HEAD", "OPTIONS": "OPTIONS",
}

func (p *pageParser) codeText(lines *text.Segments) string {
	if p.code.lines == lines && lines != nil {
		return p.code.text
	}
	n := 0
	for i := range lines.Len() {
		seg := lines.At(i)
		n += len(seg.Value(p.body()))
	}
	var b strings.Builder
	b.Grow(n)
	for i := range lines.Len() {
		seg := lines.At(i)
		b.Write(seg.Value(p.body()))
	}
	p.code.lines, p.code.text = lines, b.String()
	return p.code.text
}

// codeLine is one line of a code block with its source offset.
type codeLine struct {
	text   string
	offset int
}

func (p *pageParser) codeLines(n ast.Node) []codeLine {
	lines := n.Lines()
	// The lines are cut from the block's text, not copied one by one.
	code := p.codeText(lines)
	out := make([]codeLine, 0, lines.Len())
	at := 0
	for i := range lines.Len() {
		seg := lines.At(i)
		k := len(seg.Value(p.body()))
		out = append(out, codeLine{text: strings.TrimRight(code[at:at+k], "\r\n"), offset: p.base + seg.Start})
		at += k
	}
	return out
}

// requestOnFence recovers a request line written on the fence itself
// ("```http GET /education/schools"), which markdown reads as the block's
// info string, and reports it.
func (p *pageParser) requestOnFence(n ast.Node) (codeLine, bool) {
	fc, ok := n.(*ast.FencedCodeBlock)
	if !ok || fc.Info == nil {
		return codeLine{}, false
	}
	raw := fc.Info.Segment.Value(p.body())
	if bytes.IndexByte(bytes.TrimSpace(raw), ' ') < 0 {
		return codeLine{}, false // one word ("http"), as nearly always
	}
	info := string(raw)
	_, rest, ok := strings.Cut(strings.TrimSpace(info), " ")
	rest = strings.TrimSpace(rest)
	if !ok || !isRequestStart(rest) {
		return codeLine{}, false
	}
	off := p.base + fc.Info.Segment.Start + strings.Index(info, rest)
	p.diag(CodeBadRequestLine, off, "request line %q is written on the code fence; it belongs on the next line", rest)
	return codeLine{text: rest, offset: off}, true
}

// splitRequestLine splits "METHOD target" and reports whether it is one.
func splitRequestLine(line string) (Method, string, bool) {
	line = strings.TrimSpace(line)
	i := strings.IndexAny(line, " \t")
	if i < 0 {
		return "", "", false
	}
	m, ok := methods[strings.ToUpper(line[:i])]
	if !ok {
		return "", "", false
	}
	return m, strings.TrimSpace(line[i+1:]), true
}

func looksLikeRequestLines(code string) bool {
	n := 0
	for _, line := range strings.Split(code, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		_, target, ok := splitRequestLine(line)
		if !ok || strings.Contains(target, "://") {
			return false
		}
		n++
	}
	return n > 0
}

func (p *pageParser) operations(n ast.Node) {
	lines := p.codeLines(n)
	if line, ok := p.requestOnFence(n); ok {
		lines = append([]codeLine{line}, lines...)
	}
	for _, line := range lines {
		trimmed := strings.TrimSpace(line.text)
		if trimmed == "" {
			continue
		}
		method, target, ok := splitRequestLine(trimmed)
		col := strings.Index(line.text, trimmed)
		if !ok {
			if _, bare := methods[strings.ToUpper(trimmed)]; bare {
				p.diag(CodeBadRequestLine, line.offset+col, "HTTP request line %q has no path", trimmed)
				continue
			}
			p.diag(CodeBadRequestLine, line.offset+col, "HTTP request line %q does not start with an HTTP method", trimmed)
			continue
		}
		path, query := splitTarget(target)
		if path == "" || spacedPath(path) {
			p.diag(CodeBadRequestLine, line.offset+col, "HTTP request line %q has no usable path", trimmed)
			continue
		}
		op := Operation{Method: method, Path: path, Query: query, Pos: p.lines.pos(line.offset + col), End: p.lines.end(line.offset + col + len(trimmed))}
		// The line as written, when it is not just "METHOD path".
		if rest, ok := strings.CutPrefix(trimmed, string(method)+" "); !ok || rest != path {
			op.Written = trimmed
		}
		op.Segments, op.Params = parsePath(path)
		if v, bad := op.ExampleValue(); bad {
			p.diag(CodeExampleInPath, line.offset+col+strings.Index(trimmed, v), "request line %q holds the example value %q where a {placeholder} belongs", trimmed, v)
		}
		if p.page.Operations == nil {
			// Room for every line of the block (an Operation is large).
			p.page.Operations = make([]Operation, 0, len(lines))
		}
		p.page.Operations = append(p.page.Operations, op)
	}
}

// spacedPath reports white space in a path outside {…} and '…' runs, where
// it is allowed (`{id | userPrincipalName}`, `{tenant id}`), and outside a
// function call's argument list (`range(a={n}, b={n})`).
func spacedPath(s string) bool {
	depth, quote, paren := 0, false, 0
	for _, r := range s {
		switch {
		case r == '\'' && depth == 0:
			quote = !quote
		case r == '{' && !quote:
			depth++
		case r == '}' && !quote && depth > 0:
			depth--
		case depth > 0 || quote:
		case r == '(':
			paren++
		case r == ')' && paren > 0:
			paren--
		case paren > 0:
		case r == ' ' || r == '\t':
			return true
		}
	}
	return false
}

// splitTarget turns a request target into the path as written, without
// host, version prefix or query: "https://graph.microsoft.com/beta/me?$x"
// and "me" both give "/me".
func splitTarget(target string) (path, query string) {
	if i := strings.Index(target, "://"); i >= 0 {
		rest := target[i+3:]
		if j := strings.IndexByte(rest, '/'); j >= 0 {
			target = rest[j:]
		} else {
			target = "/"
		}
		for _, v := range []string{"/v1.0", "/beta"} {
			if strings.HasPrefix(target, v+"/") || target == v {
				target = target[len(v):]
			}
		}
	}
	target = strings.TrimPrefix(target, "~")
	if i := queryStart(target); i >= 0 {
		target, query = target[:i], target[i+1:]
	}
	target = strings.TrimSpace(target)
	if target != "" && !strings.HasPrefix(target, "/") {
		target = "/" + target
	}
	return target, query
}

// queryStart finds the "?" that starts a query, outside braces and quotes.
func queryStart(s string) int {
	depth, quote := 0, false
	for i, r := range s {
		switch {
		case r == '\'':
			quote = !quote
		case r == '{' || r == '(':
			depth++
		case (r == '}' || r == ')') && depth > 0:
			depth--
		case r == '?' && depth == 0 && !quote:
			return i
		}
	}
	return -1
}

// splitOutside splits s at sep where sep is outside braces, parentheses and
// quotes.
func splitOutside(s string, sep rune) []string {
	parts := make([]string, 0, strings.Count(s, string(sep))+1)
	depth, quote, start := 0, false, 0
	for i, r := range s {
		switch {
		case r == '\'':
			quote = !quote
		case quote:
		case r == '{' || r == '(':
			depth++
		case (r == '}' || r == ')') && depth > 0:
			depth--
		case r == sep && depth == 0:
			parts = append(parts, s[start:i])
			start = i + len(string(sep))
		}
	}
	return append(parts, s[start:])
}

// parsePath splits a path into segments and lists its parameters in order.
// Each segment also gets its Pieces: this is the one place that looks for
// braces in a path.
func parsePath(path string) ([]Segment, []PathParam) {
	var params []PathParam
	raws := splitOutside(strings.TrimPrefix(path, "/"), '/')
	segs := make([]Segment, 0, len(raws))
	// The one-piece segments (most) share one array of pieces.
	one := make([]Piece, 0, len(raws))
	onePiece := func(pc Piece) []Piece {
		one = append(one, pc)
		return one[len(one)-1 : len(one) : len(one)]
	}
	for _, raw := range raws {
		if raw == "" {
			continue
		}
		seg := Segment{}
		switch {
		case isPlaceholder(raw):
			pp := placeholder(raw, false)
			seg.Param = &pp
			seg.Pieces = onePiece(Piece{Param: seg.Param})
		case !strings.Contains(raw, "{") && !strings.Contains(raw, "("):
			seg.Literal = raw
			seg.Pieces = onePiece(Piece{Text: raw})
		case strings.HasSuffix(raw, ")") && strings.IndexByte(raw, '(') > 0 && isPlainName(raw[:strings.IndexByte(raw, '(')]):
			open := strings.IndexByte(raw, '(')
			seg.Literal, seg.Call = raw[:open], true
			inner := raw[open+1 : len(raw)-1]
			if strings.TrimSpace(inner) != "" {
				for _, a := range splitOutside(inner, ',') {
					seg.Args = append(seg.Args, parseArg(strings.TrimSpace(a)))
				}
			}
			seg.Pieces = callPieces(seg)
		default:
			seg.Literal = raw
			seg.Pieces = literalPieces(raw)
		}
		segs = append(segs, seg)
	}
	markItemPaths(segs)
	for _, seg := range segs {
		for _, pc := range seg.Pieces {
			if pc.Param != nil {
				params = append(params, *pc.Param)
			}
		}
	}
	return segs, params
}

// markItemPaths marks the placeholders of path-based addressing, whose
// value is a path of its own: what stands between a ":" that ends fixed
// text before a "/" or a placeholder and the ":" that closes it (or the
// path's end) — `root:/{item-path}:`, `{parent-id}:/{filename}:`,
// `root:{item-path}:`, `/sites/{hostname}:/{server-relative-path}`.
func markItemPaths(segs []Segment) {
	open := false
	for si := range segs {
		seg := &segs[si]
		if seg.Call {
			continue
		}
		for i := range seg.Pieces {
			pc := &seg.Pieces[i]
			if pc.Param != nil {
				if open {
					pc.Param.ItemPath = true
				}
				continue
			}
			last := i == len(seg.Pieces)-1
			if strings.HasSuffix(pc.Text, ":") && (last || seg.Pieces[i+1].Param != nil) {
				open = !open
			}
		}
	}
}

// callPieces writes a call segment as the client sends it: no white space
// around its punctuation, a quoted placeholder's quotes in its piece.
func callPieces(seg Segment) []Piece {
	var out []Piece
	text := func(s string) {
		if n := len(out); n > 0 && out[n-1].Param == nil {
			out[n-1].Text += s
			return
		}
		out = append(out, Piece{Text: s})
	}
	text(seg.Literal + "(")
	for i := range seg.Args {
		a := &seg.Args[i]
		if i > 0 {
			text(",")
		}
		if a.Name != "" {
			text(a.Name + "=")
		}
		if a.Param == nil {
			text(a.Value)
			continue
		}
		out = append(out, Piece{Param: a.Param})
	}
	text(")")
	return out
}

// literalPieces splits a literal segment at its placeholders, e.g.
// "root:{item-path}:".
func literalPieces(raw string) []Piece {
	var out []Piece
	for raw != "" {
		i := strings.IndexByte(raw, '{')
		j := -1
		if i >= 0 {
			j = strings.IndexByte(raw[i:], '}')
		}
		if i < 0 || j < 0 {
			out = append(out, Piece{Text: raw})
			break
		}
		if i > 0 {
			out = append(out, Piece{Text: raw[:i]})
		}
		pp := placeholder(raw[i:i+j+1], false)
		out = append(out, Piece{Param: &pp})
		raw = raw[i+j+1:]
	}
	return out
}

func isPlaceholder(s string) bool {
	return len(s) > 2 && s[0] == '{' && s[len(s)-1] == '}' && strings.Count(s, "{") == 1
}

func isPlainName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r == '.' || r == '_' || r == '$' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

func placeholder(s string, quoted bool) PathParam {
	name, rest, more := strings.Cut(strings.TrimSuffix(strings.TrimPrefix(s, "{"), "}"), "|")
	pp := PathParam{Name: strings.TrimSpace(name), Quoted: quoted}
	for more {
		var alt string
		alt, rest, more = strings.Cut(rest, "|")
		if alt = strings.TrimSpace(alt); alt != "" {
			pp.Alternates = append(pp.Alternates, alt)
		}
	}
	return pp
}

func parseArg(a string) FunctionArg {
	name, value, ok := strings.Cut(a, "=")
	if !ok {
		name, value = "", a
	}
	arg := FunctionArg{Name: strings.TrimSpace(name)}
	value = strings.TrimSpace(value)
	quoted := len(value) >= 2 && value[0] == '\'' && value[len(value)-1] == '\''
	inner := value
	if quoted {
		inner = value[1 : len(value)-1]
	}
	if isPlaceholder(inner) {
		pp := placeholder(inner, quoted)
		pp.Arg = arg.Name
		arg.Param = &pp
		return arg
	}
	arg.Value = value
	return arg
}

// example reads an annotated or http code block of the examples.
func (p *pageParser) example(n ast.Node, lang, code string, ann *Annotation) {
	ex := Example{Annotation: ann, Lang: lang, Pos: p.posOf(n)}
	cls := p.codeLines(n)
	for len(cls) > 0 && strings.TrimSpace(cls[len(cls)-1].text) == "" {
		cls = cls[:len(cls)-1]
	}
	if len(cls) > 0 {
		last := cls[len(cls)-1]
		ex.End = p.lines.end(last.offset + len(last.text))
	}
	head, body, _ := strings.Cut(code, "\n\n")
	head = strings.TrimRight(head, "\n")
	firstLine, _, _ := strings.Cut(head, "\n")
	headLines := strings.Count(head, "\n") + 1
	first := strings.TrimSpace(firstLine)
	// firstPos is where the first line's text starts.
	firstPos := ex.Pos
	if len(cls) > 0 {
		firstPos = p.lines.pos(cls[0].offset + strings.Index(cls[0].text, first))
	}
	var hls []HeaderLine
	if headLines > 1 && len(cls) >= headLines {
		hls = p.headerLines(cls[1:headLines])
	}
	switch {
	case strings.HasPrefix(first, "HTTP/") || strings.HasPrefix(first, "HTTP "):
		reply := &HTTPResponse{Body: strings.TrimSpace(body), Pos: firstPos, End: ex.End}
		fields := strings.Fields(first)
		if len(fields) > 1 {
			reply.Status, _ = strconv.Atoi(fields[1])
			reply.StatusText = strings.Join(fields[2:], " ")
		}
		reply.Headers = hls
		ex.Reply = reply
	case isRequestStart(first):
		method, target, _ := splitRequestLine(first)
		// A protocol version after the target is dropped (the target is
		// split into fields only when it can hold one).
		if strings.Contains(target, "HTTP/") {
			if f := strings.Fields(target); len(f) > 1 && strings.HasPrefix(f[len(f)-1], "HTTP/") {
				target = strings.Join(f[:len(f)-1], " ")
			}
		}
		path, query := splitTarget(target)
		ex.Request = &HTTPRequest{Method: method, URL: target, Path: path, Query: query, Pos: firstPos, End: ex.End, Headers: hls, Body: strings.TrimSpace(body)}
	default:
		ex.Code = code
		if ann != nil && ann.BlockType == BlockResponse && lang == "json" {
			ex.Reply = &HTTPResponse{Body: strings.TrimSpace(code), Pos: firstPos, End: ex.End}
			ex.Code = ""
		}
	}
	p.checkExampleJSON(ex)
	p.page.Examples = append(p.page.Examples, ex)
	p.exHeading = append(p.exHeading, len(p.exHeadings)-1)
}

// checkExampleJSON reports an example body that looks like JSON but does
// not parse: clients generated from it would replay broken data.
func (p *pageParser) checkExampleJSON(ex Example) {
	var body string
	switch {
	case ex.Request != nil:
		body = ex.Request.Body
	case ex.Reply != nil:
		body = ex.Reply.Body
	}
	// json.Valid only reads its argument: the body's bytes are passed as
	// they are, not copied.
	if body == "" || body[0] != '{' && body[0] != '[' || json.Valid(unsafe.Slice(unsafe.StringData(body), len(body))) {
		return
	}
	p.diag(CodeBadExampleJSON, p.lines.lineStart(ex.Pos.Line)+ex.Pos.Col-1, "example body is not valid JSON")
}

func isRequestStart(line string) bool {
	_, _, ok := splitRequestLine(line)
	return ok
}

// headerLines reads the "Name: value" lines of an example's head.
func (p *pageParser) headerLines(lines []codeLine) []HeaderLine {
	var out []HeaderLine
	for _, l := range lines {
		name, value, ok := strings.Cut(l.text, ":")
		if !ok || strings.ContainsAny(strings.TrimSpace(name), " \t") {
			continue
		}
		trimmed := strings.TrimRight(l.text, " \t")
		start := len(l.text) - len(strings.TrimLeft(l.text, " \t"))
		out = append(out, HeaderLine{
			Name: strings.TrimSpace(name), Value: strings.TrimSpace(value),
			Pos: p.lines.pos(l.offset + start), End: p.lines.end(l.offset + len(trimmed)),
		})
	}
	return out
}
