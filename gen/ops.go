package gen

import (
	"cmp"
	"maps"
	"net/textproto"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/docs2go/docs2go/parser"
	"github.com/docs2go/docs2go/parser/schema"
)

// This file turns pages into operations: the Go-shaped description of one
// client method (its name, arguments, result, headers) that the emitters
// read. Nothing here knows about jennifer.

// resultKind is what a method returns besides an error.
type resultKind int

const (
	resultNone       resultKind = iota // error only (204, 202, nothing documented)
	resultJSON                         // one JSON document
	resultBytes                        // raw content ($value, /content, non-JSON): an io.ReadCloser
	resultCollection                   // a paged collection, as an iterator
)

// operation is one generated method.
type operation struct {
	key    string // method and normalized path: the identity used for deduplication
	name   string // Go method name
	page   *parser.Page
	op     parser.Operation
	pieces []pathPiece // the path: literal text and arguments, in order
	args   []arg       // Go arguments after ctx, in order
	body   bool        // takes a request body
	// content: the body is raw content (a file, a photo), taken as an
	// io.Reader and a content type; body is false then.
	content bool
	result  resultKind
	fixed   []fixedHeader // required headers with a concrete value, set by the method
	hdrOpt  []string      // documented header options (their Go names), sorted
	needs   []string      // required headers the caller must supply through an option

	bodyRef *typeRef // the request body's documented type; nil: untyped (any)
	resRef  *typeRef // the result's (or collection item's) documented type; nil: raw JSON
}

// pathPiece is literal path text (already escaped) or an argument.
type pathPiece struct {
	lit string
	arg int // index into args when lit == ""
}

// arg is a Go argument of a method that goes into the path.
type arg struct {
	goName string
	doc    string // the placeholder as written, for the doc comment
	typ    scalar
	quoted bool // an OData string literal: odataString
	slashy bool // an item path ("root:/{item-path}:"): escapeItemPath keeps its slashes
}

// fixedHeader is a header the method always sends.
type fixedHeader struct{ name, value string }

// headerOption is a package-level option function for a documented header.
type headerOption struct {
	goName string // WithPrefer
	header string // header name as documented
	canon  string // canonical header name
}

// managedHeaders are headers the runtime sets itself.
var managedHeaders = map[string]bool{
	"Authorization": true, "Accept": true, "Content-Type": true, "Content-Length": true,
	"Host": true, "User-Agent": true, "Transfer-Encoding": true, "Connection": true,
}

// usable reports whether a page can be generated from: an API page with a
// known version and no error diagnostics.
func usable(p *parser.Page) bool {
	if p == nil || p.Kind != parser.APIPage || p.Version == "" {
		return false
	}
	return !p.HasErrors()
}

// preferPage orders the pages documenting one operation: en-US first, then
// the canonical page over a product-specific variant of it (user-get.md
// over intune-devices-user-get.md: the variant's name is the canonical
// name with a prefix), then a page whose file name names the operation's
// last fixed segment ("user-post-events.md" for POST /me/events, before a
// page on extended properties that shows the same request), then by file
// path.
func preferPage(a, b *parser.Page, op parser.Operation) int {
	ae, be := a.Locale == "en-US", b.Locale == "en-US"
	if ae != be {
		if ae {
			return -1
		}
		return 1
	}
	an, bn := pageName(a), pageName(b)
	switch {
	case strings.HasSuffix(bn, "-"+an):
		return -1
	case strings.HasSuffix(an, "-"+bn):
		return 1
	}
	if last := lastLiteral(op); last != "" {
		an, bn := namesSegment(a, last), namesSegment(b, last)
		if an != bn {
			if an {
				return -1
			}
			return 1
		}
	}
	return cmp.Compare(a.File, b.File)
}

// isDelta reports whether op is a delta query: its last segment is the
// delta function, `delta` or `delta()`.
func isDelta(op parser.Operation) bool {
	n := len(op.Segments)
	return n > 0 && op.Segments[n-1].Param == nil && len(op.Segments[n-1].Args) == 0 && strings.EqualFold(op.Segments[n-1].Literal, "delta")
}

// lastLiteral is the lower-case last fixed segment of op's path, "" if none.
func lastLiteral(op parser.Operation) string {
	for i := len(op.Segments) - 1; i >= 0; i-- {
		if s := op.Segments[i]; s.Param == nil && s.Literal != "" {
			return strings.ToLower(s.Literal)
		}
	}
	return ""
}

// pageName is p's lower-case file name without ".md".
func pageName(p *parser.Page) string {
	return strings.TrimSuffix(strings.ToLower(path.Base(filepath.ToSlash(p.File))), ".md")
}

// namesSegment reports whether p's file name contains seg.
func namesSegment(p *parser.Page, seg string) bool {
	base := strings.ToLower(path.Base(filepath.ToSlash(p.File)))
	return strings.Contains(strings.TrimSuffix(base, ".md"), seg)
}

// collectOperations deduplicates the operations of one version's pages by
// key, keeping the preferred page's, and names them. Reserved names
// (runtime identifiers) are never used; names that still collide get a
// suffix derived from each operation's own key.
func collectOperations(pages []*parser.Page, reserved map[string]bool, d *diags) []*operation {
	type cand struct {
		page *parser.Page
		op   parser.Operation
	}
	best := map[string]cand{}
	for _, p := range pages {
		for _, op := range p.Operations {
			if op.Method == "" || op.Path == "" {
				continue
			}
			if _, bad := op.ExampleValue(); bad {
				continue // a docs defect the parser reports (DG2007): no general operation
			}
			k := op.Key()
			if c, ok := best[k]; !ok || preferPage(p, c.page, op) < 0 {
				best[k] = cand{p, op}
			}
		}
	}
	keys := make([]string, 0, len(best))
	for k := range best {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	ops := make([]*operation, 0, len(keys))
	byName := map[string][]*operation{}
	for _, k := range keys {
		c := best[k]
		o := newOperation(k, c.page, c.op, d)
		ops = append(ops, o)
		byName[o.name] = append(byName[o.name], o)
	}
	for _, o := range ops {
		if len(byName[o.name]) > 1 || reserved[o.name] {
			old := o.name
			o.name += collisionSuffix(o.key)
			d.add(o.page, o.op.Pos, ruleNameCollision, "method name %s is also the name of another operation or a runtime identifier; this operation (%s) is named %s", old, o.key, o.name)
		}
	}
	slices.SortFunc(ops, func(a, b *operation) int { return cmp.Compare(a.name, b.name) })
	return ops
}

func newOperation(key string, p *parser.Page, op parser.Operation, d *diags) *operation {
	o := &operation{key: key, page: p, op: op}
	o.result = resultOf(p, op)
	o.name = operationName(op, o.result == resultCollection, isCreate(p, op))
	o.body = takesBody(p, op)
	if o.body && p.RequestBody.Kind == parser.BodyContent {
		o.body, o.content = false, true
	}
	o.buildPath(d)
	o.headers(d)
	if s := op.Response.Status; s != 0 && successStatus(o) == 0 {
		d.add(p, op.Response.Pos, ruleBogusStatus, "documented success status %d is not a success; the method accepts any 2xx", s)
	}
	return o
}

// isCreate tells a POST to a plain collection segment ("POST /users") from
// an action ("POST /me/sendMail"): it documents 201 Created or takes the
// resource itself as its body.
func isCreate(p *parser.Page, op parser.Operation) bool {
	if op.Method != "POST" || len(op.Segments) == 0 {
		return false
	}
	last := op.Segments[len(op.Segments)-1]
	if last.Param != nil || last.Call || len(last.Pieces) != 1 || strings.ContainsAny(last.Literal, "$:.()") {
		return false
	}
	return op.Response.Status == 201 || p.RequestBody.Kind == parser.BodyResource
}

// takesBody says whether the method has a body argument.
func takesBody(p *parser.Page, op parser.Operation) bool {
	if op.Method == "GET" || op.Method == "HEAD" {
		return false
	}
	switch p.RequestBody.Kind {
	case parser.BodyParameters, parser.BodyResource, parser.BodyJSON, parser.BodyContent:
		return true
	case parser.BodyNone:
		return false
	}
	switch op.Method {
	case "POST", "PUT", "PATCH":
		return true
	}
	return false
}

// resultOf decides what the method returns.
func resultOf(p *parser.Page, op parser.Operation) resultKind {
	r := op.Response
	if n := len(op.Segments); n > 0 && op.Method == "GET" {
		last := op.Segments[n-1]
		if !last.Call && last.Param == nil && (last.Literal == "$value" || strings.EqualFold(last.Literal, "content")) {
			return resultBytes
		}
	}
	if reply := ownReply(op); reply != nil && op.Method == "GET" {
		for _, h := range reply.Headers {
			if strings.EqualFold(h.Name, "Content-Type") && !isJSONType(h.Value) {
				return resultBytes
			}
		}
	}
	switch {
	case r.Status == 204 || r.Status == 202:
		return resultNone
	case r.Collection || r.Type != nil && schema.IsCollection(*r.Type):
		return resultCollection
	case r.Type != nil:
		return resultJSON
	}
	if reply := ownReply(op); reply != nil && strings.TrimSpace(reply.Body) != "" {
		return resultJSON
	}
	return resultNone
}

func isJSONType(ct string) bool {
	ct = strings.ToLower(strings.TrimSpace(ct))
	mt, _, _ := strings.Cut(ct, ";")
	mt = strings.TrimSpace(mt)
	return mt == "" || mt == "application/json" || strings.HasSuffix(mt, "+json")
}

// buildPath splits the path template into literal text and arguments and
// names the arguments.
func (o *operation) buildPath(d *diags) {
	taken := map[string]bool{}
	addArg := func(a arg) int {
		base := a.goName
		if reservedLocal[base] {
			base += "Arg"
		}
		a.goName = uniqueName(base, "", func(n string) bool { return taken[n] })
		taken[a.goName] = true
		o.args = append(o.args, a)
		return len(o.args) - 1
	}
	lit := func(s string) {
		if s != "" {
			o.pieces = append(o.pieces, pathPiece{lit: escapeLiteral(s), arg: -1})
		}
	}
	prev := "" // the last fixed segment: what a bare {id} identifies
	for _, seg := range o.op.Segments {
		lit("/")
		for _, pc := range seg.Pieces {
			pp := pc.Param
			switch {
			case pp == nil:
				lit(pc.Text)
			case seg.Param != nil, !seg.Call:
				// An item path (`root:/{item-path}:`) keeps its slashes.
				// A bare {id} is named after what it identifies, the fixed
				// segment before it ({id} after "messages" is messageID);
				// so is a name an earlier placeholder took.
				name := keyName(prev, *pp, taken)
				o.pieces = append(o.pieces, pathPiece{arg: addArg(arg{goName: name, doc: placeholderText(*pp), typ: scalarString, slashy: pp.ItemPath})})
			default:
				typ := functionParamType(o.page, o.op, pp.Arg, d)
				name := camel(pp.Arg)
				if pp.Arg == "" {
					// A key in parentheses, worksheets({id|name}).
					name = keyName(seg.Literal, *pp, taken)
				}
				o.pieces = append(o.pieces, pathPiece{arg: addArg(arg{goName: name, doc: placeholderText(*pp), typ: typ, quoted: pp.Quoted})})
			}
		}
		if seg.Param == nil && !seg.Call && len(seg.Pieces) == 1 && isIdentifier(seg.Literal) {
			prev = seg.Literal
		}
	}
	if len(o.op.Segments) == 0 {
		lit("/")
	}
	// Merge adjacent literals.
	var merged []pathPiece
	for _, p := range o.pieces {
		if n := len(merged); n > 0 && p.lit != "" && merged[n-1].lit != "" {
			merged[n-1].lit += p.lit
			continue
		}
		merged = append(merged, p)
	}
	o.pieces = merged
}

func placeholderText(pp parser.PathParam) string {
	return "{" + strings.Join(append([]string{pp.Name}, pp.Alternates...), " | ") + "}"
}

// paramName is the Go argument for a placeholder; alternate keys give one
// argument named after all of them: {id | userPrincipalName} →
// idOrUserPrincipalName.
func paramName(pp parser.PathParam) string {
	return camel(strings.Join(append([]string{pp.Name}, pp.Alternates...), " or "))
}

// reservedLocal are names a method's arguments must not take: the receiver,
// the other parameters and locals, and the packages the method uses.
var reservedLocal = map[string]bool{
	"c": true, "ctx": true, "opts": true, "body": true, "cl": true, "out": true, "err": true,
	"context": true, "json": true, "iter": true, "time": true, "strconv": true, "http": true,
	"strings": true, "url": true, "call": true, "content": true, "contentType": true, "setContent": true, "io": true, "escapePath": true, "escapeItemPath": true, "odataString": true,
	"pages": true, "true": true, "false": true, "nil": true, "string": true, "bool": true,
	"int32": true, "int64": true, "float64": true, "any": true, "error": true, "len": true,
	"append": true, "new": true, "make": true, "byte": true, "int": true,
}

// escapeLiteral escapes the characters of fixed path text that cannot
// appear in a URL path as such, keeping OData punctuation ('()=,$:) readable.
func escapeLiteral(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isASCIIAlnum(rune(c)) || strings.IndexByte("-._~!$&'()*+,;=:@/", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// validHeaderName reports whether s is an HTTP token.
func validHeaderName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isASCIIAlnum(rune(c)) && strings.IndexByte("!#$%&'*+-.^_`|~", c) < 0 {
			return false
		}
	}
	return true
}

// headers sorts the documented headers into fixed ones, which the method
// sets, and options, which the caller passes (kept as canonical header
// names; the package's option names are chosen in headerOptions).
func (o *operation) headers(d *diags) {
	seen := map[string]bool{}
	for _, h := range o.page.Headers {
		name := strings.TrimSpace(h.Name)
		if !validHeaderName(name) {
			d.add(o.page, h.Pos, ruleBadHeaderOption, "header %q is not a valid HTTP header name; no option is generated for it", name)
			continue
		}
		canon := textproto.CanonicalMIMEHeaderKey(name)
		if managedHeaders[canon] || seen[canon] {
			continue
		}
		seen[canon] = true
		if h.Required {
			if v, ok := concreteHeaderValue(o.page, name, h); ok {
				o.fixed = append(o.fixed, fixedHeader{name, v})
				continue
			}
			o.needs = append(o.needs, canon)
		}
		o.hdrOpt = append(o.hdrOpt, canon)
	}
	slices.SortFunc(o.fixed, func(a, b fixedHeader) int { return cmp.Compare(a.name, b.name) })
	slices.Sort(o.hdrOpt)
	slices.Sort(o.needs)
}

// concreteHeaderValue returns the value of a required header when the page
// gives one: the table's value starts with the very value an example
// request sends ("eventual. Required." and "ConsistencyLevel: eventual").
func concreteHeaderValue(p *parser.Page, name string, h parser.Header) (string, bool) {
	for _, ex := range p.Examples {
		if ex.Request == nil {
			continue
		}
		for _, hl := range ex.Request.Headers {
			if !strings.EqualFold(hl.Name, name) || hl.Value == "" || strings.ContainsAny(hl.Value, "{}<>") {
				continue
			}
			for _, t := range []string{h.Value.En, h.Value.Text} {
				t = strings.TrimSpace(t)
				if t == hl.Value || strings.HasPrefix(t, hl.Value+".") || strings.HasPrefix(t, hl.Value+" ") {
					return hl.Value, true
				}
			}
		}
	}
	return "", false
}

// headerOptions lists the option functions of a package's operations, one
// per header whatever its case: named after the spelling with the most
// capitals ("ConsistencyLevel" over "consistencylevel"; ties by byte
// order), and clear of runtime identifiers.
func headerOptions(ops []*operation, reserved map[string]bool) []headerOption {
	spelling := map[string]string{}
	for _, o := range ops {
		for _, h := range o.page.Headers {
			name := strings.TrimSpace(h.Name)
			if !validHeaderName(name) {
				continue
			}
			canon := textproto.CanonicalMIMEHeaderKey(name)
			if !slices.Contains(o.hdrOpt, canon) {
				continue
			}
			if cur, ok := spelling[canon]; !ok || capitals(name) > capitals(cur) || capitals(name) == capitals(cur) && name < cur {
				spelling[canon] = name
			}
		}
	}
	var out []headerOption
	taken := map[string]bool{}
	for _, canon := range slices.Sorted(maps.Keys(spelling)) {
		goName := headerOptionName(spelling[canon])
		goName = uniqueName(goName, "Header", func(n string) bool { return reserved[n] || taken[n] })
		taken[goName] = true
		out = append(out, headerOption{goName: goName, header: spelling[canon], canon: canon})
	}
	slices.SortFunc(out, func(a, b headerOption) int { return cmp.Compare(a.goName, b.goName) })
	return out
}

func capitals(s string) int {
	n := 0
	for _, r := range s {
		if isUpper(r) {
			n++
		}
	}
	return n
}

// successStatus is the documented success status the method checks, 0 when
// the page documents none or documents an error status (a docs defect,
// reported when the operation is built).
func successStatus(o *operation) int {
	if s := o.op.Response.Status; s >= 100 && s < 400 {
		return s
	}
	return 0
}

// genericID matches placeholder names that say only "an id": {id}, {id1}.
var genericID = regexp.MustCompile(`(?i)^id\d*$`)

// keyName is the Go argument for a key placeholder. A generic {id} is
// named after what it identifies, the fixed segment before it ({id} after
// "messages" is messageID); so is a name an earlier placeholder took
// ({id | name} after "worksheets" then is worksheetIDOrName).
func keyName(prev string, pp parser.PathParam, taken map[string]bool) string {
	name := paramName(pp)
	switch {
	case prev == "":
	case genericID.MatchString(pp.Name) && (len(pp.Alternates) == 0 || taken[name]):
		name = camel(singular(prev) + " id")
		for _, a := range pp.Alternates {
			name += pascal("or " + a)
		}
	case taken[name]:
		name = camel(singular(prev) + " " + name)
	}
	return name
}

// singular is the English singular of a collection segment, for naming the
// key that follows it: "messages" → "message", "policies" → "policy",
// "children" → "child"; a word it does not know stays as it is.
func singular(s string) string {
	switch {
	case strings.HasSuffix(s, "children"):
		return strings.TrimSuffix(s, "ren")
	case strings.HasSuffix(s, "people"):
		return strings.TrimSuffix(s, "people") + "person"
	case strings.HasSuffix(s, "ies") && len(s) > 4:
		return strings.TrimSuffix(s, "ies") + "y"
	case strings.HasSuffix(s, "sses"), strings.HasSuffix(s, "xes"), strings.HasSuffix(s, "ches"), strings.HasSuffix(s, "shes"):
		return strings.TrimSuffix(s, "es")
	case strings.HasSuffix(s, "s") && !strings.HasSuffix(s, "ss") && !strings.HasSuffix(s, "us") && len(s) > 2:
		return strings.TrimSuffix(s, "s")
	}
	return s
}

// isIdentifier reports whether a fixed segment is a plain name ("messages",
// "mailFolders"), not "root:", "$value" or an example value.
func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}
