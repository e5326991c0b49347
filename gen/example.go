package gen

import (
	"encoding/json"
	"github.com/docs2go/docs2go/parser/schema"
	"math"
	"net/textproto"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dave/jennifer/jen"
	"github.com/docs2go/docs2go/parser"
)

// This file prepares the emitted test of each method: the operation's own
// example (the parser links each example request to the operation whose
// template it fits and pairs it with its response), otherwise a request
// built from the template.

// replay is everything an emitted test needs for one method.
type replay struct {
	example  *parser.ExamplePair // the example replayed; nil when built from the template (and once prepared)
	replayed bool                // an example is replayed (example may be nil once prepared)
	line     int                 // the line of its request
	args     []jen.Code          // literal values of the method's path arguments
	wirePath string              // the escaped path the method must request
	query    map[string]string
	options  []replayOption // header options passed, with their values
	header   map[string]string
	body     string
	hasBody  bool
	// contentType is the Content-Type of a content body (o.content).
	contentType string
	status      int
	respHeader  map[string]string
	respBody    string
	// notes say which parts of the example were replaced by values built
	// from the documented type, because they do not fit it.
	notes []string
}

type replayOption struct{ goName, value string }

// ownReply is the response the page pairs with op's first example, nil
// when op has no example or the page shows no response for it.
func ownReply(op parser.Operation) *parser.HTTPResponse {
	if len(op.Examples) == 0 {
		return nil
	}
	return op.Examples[0].Response
}

// argValue is a Go literal for a scalar value written as text, and the
// text the method puts in the path for it.
func argValue(s scalar, text string) (jen.Code, string, bool) {
	switch s {
	case scalarInt32:
		n, err := strconv.ParseInt(text, 10, 32)
		return jen.Lit(int32(n)), strconv.FormatInt(n, 10), err == nil
	case scalarInt64:
		n, err := strconv.ParseInt(text, 10, 64)
		return jen.Lit(n), strconv.FormatInt(n, 10), err == nil
	case scalarBool:
		v, err := strconv.ParseBool(text)
		return jen.Lit(v), strconv.FormatBool(v), err == nil
	case scalarFloat64:
		v, err := strconv.ParseFloat(text, 64)
		if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
			return nil, "", false
		}
		return jen.Lit(v), strconv.FormatFloat(v, 'g', -1, 64), true
	case scalarTime:
		v, err := time.Parse(time.RFC3339Nano, text)
		if err != nil {
			return nil, "", false
		}
		v = v.UTC()
		lit := jen.Qual("time", "Unix").Call(jen.Lit(v.Unix()), jen.Lit(v.Nanosecond())).Dot("UTC").Call()
		return lit, v.Format(time.RFC3339Nano), true
	}
	return jen.Lit(text), text, true
}

// escapeArg escapes an argument's text as the runtime does.
func escapeArg(a arg, text string) string {
	switch {
	case a.quoted:
		return url.PathEscape("'" + strings.ReplaceAll(text, "'", "''") + "'")
	case a.slashy:
		return strings.ReplaceAll(url.PathEscape(text), "%2F", "/")
	}
	return url.PathEscape(text)
}

// sampleText is the value a template-built test passes for an argument:
// characters that need escaping, so the test checks the escaping too.
func sampleText(a arg, i int) string {
	switch a.typ {
	case scalarInt32, scalarInt64:
		return strconv.Itoa(7 + i)
	case scalarBool:
		return "true"
	case scalarFloat64:
		return "1.5"
	case scalarTime:
		return "2021-09-12T10:30:00Z"
	}
	if a.slashy {
		return "folder/file " + strconv.Itoa(i+1) + ".txt"
	}
	return a.goName + " #" + strconv.Itoa(i+1) + "/x'y"
}

// buildReplay prepares the emitted test of o. options maps canonical header
// names to the package's option functions.
func buildReplay(o *operation, options map[string]string, m *models, d *diags) replay {
	for i := range o.op.Examples {
		if r, ok := exampleReplay(o, &o.op.Examples[i], options); ok {
			r.fitTypes(o, m, d)
			return r
		}
	}
	return templateReplay(o, m)
}

// fitTypes checks the example's request body and response against the
// method's types. One that does not fit (a docs defect, reported) is
// replaced by a value built from the type, so that the emitted test still
// checks the method's path, headers and decoding.
func (r *replay) fitTypes(o *operation, m *models, d *diags) {
	if t := o.bodyRef; r.hasBody && t != nil && !t.IsRaw() && !t.IsBytes() {
		if e := m.check(*t, []byte(r.body), schema.RoundTrips); e != nil {
			if !e.Syntax {
				d.add(o.page, r.example.Request.Pos, ruleRequestExampleMismatch, "example request body of %s does not fit its documented type (%s): %v; the emitted test sends a built one", o.name, t.String(), e)
			}
			r.body = m.sampleJSON(*t)
			r.notes = append(r.notes, "request body")
		}
	}
	if o.resRef == nil || r.respBody == "" || o.shape() == shapeRaw || o.shape() == shapeBytes {
		return
	}
	if e := m.checkResult(o, r.respBody); e != nil {
		if !e.Syntax {
			d.add(o.page, r.example.Response.Pos, ruleResponseExampleMismatch, "example response of %s does not fit its documented type (%s): %v; the emitted test serves a built one", o.name, o.resRef.String(), e)
		}
		r.respBody = m.sampleResult(o)
		r.notes = append(r.notes, "response body")
	}
}

// checkResult checks a response body against o's result type with the
// schema's rules for response bodies (schema.CheckResponse, which lint's
// DG4103 uses too): a collection's "value" items, a primitive's "value"
// member (or the bare value), a model's document. o.resRef is the item
// type (typeOperations clears its Collection); o.result says whether the
// method returns a collection.
func (m *models) checkResult(o *operation, body string) *schema.Mismatch {
	t := o.resRef.Type
	t.Collection = o.result == resultCollection
	return m.s.CheckResponse(t, []byte(body))
}

// sampleResult is a response body for o built from its result type.
func (m *models) sampleResult(o *operation) string {
	switch {
	case o.result == resultCollection:
		return `{"value":[` + m.sampleJSON(*o.resRef) + `]}`
	case o.shape() == shapeValue:
		return `{"value":` + m.sampleJSON(*o.resRef) + `}`
	}
	return m.sampleJSON(*o.resRef)
}

func (r *replay) setPath(o *operation, texts []string) {
	var b strings.Builder
	for _, p := range o.pieces {
		if p.lit != "" {
			b.WriteString(p.lit)
			continue
		}
		b.WriteString(escapeArg(o.args[p.arg], texts[p.arg]))
	}
	r.wirePath = b.String()
}

func (r *replay) setFixedHeaders(o *operation) {
	r.header = map[string]string{}
	for _, h := range o.fixed {
		r.header[h.name] = h.value
	}
}

func templateReplay(o *operation, m *models) replay {
	r := replay{query: map[string]string{}, respHeader: map[string]string{}}
	texts := make([]string, len(o.args))
	for i, a := range o.args {
		lit, text, _ := argValue(a.typ, sampleText(a, i))
		r.args = append(r.args, lit)
		texts[i] = text
	}
	r.setPath(o, texts)
	r.setFixedHeaders(o)
	if o.body {
		r.body, r.hasBody = `{"sample":true}`, true
		if t := o.bodyRef; t != nil && !t.IsRaw() && !t.IsBytes() {
			r.body = m.sampleJSON(*t)
			if t.IsModel() && !t.Collection && m.check(*t, []byte(`{"sample":true}`), schema.RoundTrips) == nil {
				r.body = `{"sample":true}`
			}
		}
	}
	if o.content {
		r.body, r.hasBody, r.contentType = "content", true, "application/octet-stream"
		r.header["Content-Type"] = r.contentType
	}
	r.status = successStatus(o)
	if r.status == 0 {
		r.status = 200
	}
	switch o.result {
	case resultJSON:
		r.respBody = `{"id":"1"}`
		if o.resRef != nil && o.shape() != shapeRaw {
			r.respBody = m.sampleResult(o)
		}
		r.respHeader["Content-Type"] = "application/json"
	case resultCollection:
		r.respBody = `{"value":[{"id":"1"},{"id":"2"}]}`
		if o.resRef != nil && !o.resRef.IsRaw() {
			r.respBody = m.sampleResult(o)
		}
		r.respHeader["Content-Type"] = "application/json"
	case resultBytes:
		r.respBody = "content"
		r.respHeader["Content-Type"] = "application/octet-stream"
	}
	r.fixBody(o)
	return r
}

func exampleReplay(o *operation, ex *parser.ExamplePair, options map[string]string) (replay, bool) {
	if len(ex.Args) != len(o.args) {
		return replay{}, false
	}
	r := replay{example: ex, query: map[string]string{}, respHeader: map[string]string{}}
	texts := make([]string, len(o.args))
	for n, a := range o.args {
		v := ex.Args[n]
		if a.quoted {
			v = strings.ReplaceAll(v, "''", "'")
		}
		if u, err := url.PathUnescape(v); err == nil {
			v = u
		}
		lit, text, ok := argValue(a.typ, v)
		if !ok {
			return replay{}, false
		}
		r.args = append(r.args, lit)
		texts[n] = text
	}
	r.setPath(o, texts)
	r.setFixedHeaders(o)
	for _, kv := range strings.Split(ex.Request.Query, "&") {
		k, v, _ := strings.Cut(kv, "=")
		if k = strings.TrimSpace(k); k == "" {
			continue
		}
		if u, err := url.PathUnescape(k); err == nil {
			k = u
		}
		if u, err := url.PathUnescape(v); err == nil {
			v = u
		}
		r.query[k] = v
	}
	seen := map[string]bool{}
	for _, h := range ex.Request.Headers {
		name := textproto.CanonicalMIMEHeaderKey(h.Name)
		goName, ok := options[name]
		if !ok || seen[name] || !validHeaderValue(h.Value) {
			continue
		}
		if slices.ContainsFunc(o.fixed, func(f fixedHeader) bool { return textproto.CanonicalMIMEHeaderKey(f.name) == name }) {
			continue
		}
		seen[name] = true
		r.options = append(r.options, replayOption{goName, h.Value})
		r.header[h.Name] = h.Value
	}
	slices.SortFunc(r.options, func(a, b replayOption) int { return strings.Compare(a.goName, b.goName) })
	if o.body && strings.TrimSpace(ex.Request.Body) != "" {
		r.body, r.hasBody = ex.Request.Body, true
	}
	if o.content {
		// The example's content and its Content-Type, sent as they are.
		r.body, r.hasBody, r.contentType = ex.Request.Body, true, "application/octet-stream"
		for _, h := range ex.Request.Headers {
			if strings.EqualFold(h.Name, "Content-Type") && validHeaderValue(h.Value) && h.Value != "" {
				r.contentType = h.Value
			}
		}
		r.header["Content-Type"] = r.contentType
	}
	doc := successStatus(o)
	reply := ex.Response
	r.status = doc
	if reply != nil && reply.Status >= 200 && (reply.Status < 300 || reply.Status == doc) {
		r.status = reply.Status
	}
	if r.status < 200 {
		r.status = 200
	}
	if reply != nil {
		for _, h := range reply.Headers {
			name := textproto.CanonicalMIMEHeaderKey(h.Name)
			if validHeaderName(h.Name) && validHeaderValue(h.Value) && !managedReplyHeaders[name] {
				r.respHeader[name] = h.Value
			}
		}
		r.respBody = reply.Body
	}
	switch o.result {
	case resultCollection:
		r.respBody = collectionBody(r.respBody)
	case resultJSON:
		if strings.TrimSpace(r.respBody) == "" {
			r.respBody = `{}`
		}
	}
	if o.result != resultBytes && o.result != resultNone {
		if _, ok := r.respHeader["Content-Type"]; !ok {
			r.respHeader["Content-Type"] = "application/json"
		}
	}
	r.fixBody(o)
	return r, true
}

// managedReplyHeaders are example response headers the test server must not
// copy: the server computes them.
var managedReplyHeaders = map[string]bool{"Content-Length": true, "Transfer-Encoding": true, "Connection": true}

// fixBody drops a body that the status or method cannot carry.
func (r *replay) fixBody(o *operation) {
	if r.status == 204 || r.status == 304 || o.op.Method == "HEAD" {
		r.respBody = ""
		delete(r.respHeader, "Content-Type")
	}
}

// collectionBody keeps an example collection that is a JSON object with a
// "value" array, without its @odata.nextLink (the test server has no next
// page); anything else becomes an empty collection.
func collectionBody(body string) string {
	var doc map[string]json.RawMessage
	if json.Unmarshal([]byte(body), &doc) != nil {
		return `{"value":[]}`
	}
	var items []json.RawMessage
	if json.Unmarshal(doc["value"], &items) != nil || items == nil {
		return `{"value":[]}`
	}
	delete(doc, "@odata.nextLink")
	out, err := json.Marshal(doc)
	if err != nil {
		return `{"value":[]}`
	}
	return string(out)
}

func validHeaderValue(v string) bool {
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < ' ' && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}
