package graphrt

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxErrorBody caps how much of an error response is kept in Error.Body.
const maxErrorBody = 64 << 10

// Error is returned for every non-success HTTP response, so that callers can
// inspect the status and Graph's error code with errors.As and quote the
// request IDs to Microsoft support.
type Error struct {
	StatusCode      int            // HTTP status code
	Code            string         // Graph error code (error.code), e.g. "Request_ResourceNotFound"
	Message         string         // human-readable message (error.message)
	RequestID       string         // request-id from error.innerError, else from the response header
	ClientRequestID string         // client-request-id from error.innerError, else from the response header
	Date            string         // error.innerError.date, when the service reports it
	InnerError      map[string]any // error.innerError as decoded; nil when absent
	Method          string         // method of the failed request
	URL             string         // URL of the failed request
	Body            []byte         // raw response body, at most 64 KiB
	// Permissions are the operation's documented permissions, set on a 401
	// or 403 (nil otherwise, or when the method is unknown).
	Permissions *Permissions
}

// Error describes the failure on one line, including the request ID and,
// for a 401 or 403, the least-privileged permissions the operation's page
// documents per kind.
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "graph: %s %s: %d", e.Method, e.URL, e.StatusCode)
	switch {
	case e.Code != "" && e.Message != "":
		fmt.Fprintf(&b, " %s: %s", e.Code, e.Message)
	case e.Code != "" || e.Message != "":
		fmt.Fprintf(&b, " %s%s", e.Code, e.Message)
	default:
		if t := http.StatusText(e.StatusCode); t != "" {
			b.WriteString(" " + t)
		}
		if s := bodySnippet(e.Body); s != "" {
			b.WriteString(": " + s)
		}
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " (request-id %s)", e.RequestID)
	}
	if e.Permissions != nil {
		if s := e.Permissions.permissionSummary(); s != "" {
			fmt.Fprintf(&b, "; %s needs one of %s", e.Permissions.Operation, s)
		}
	}
	return b.String()
}

// bodySnippet returns the start of a textual body on one line, or "" for an
// empty or binary body; it makes errors without a Graph error document
// (e.g. an HTML page from a proxy) readable.
func bodySnippet(body []byte) string {
	const maxRunes = 200
	head := body[:min(len(body), 4*maxRunes)]
	s := string(head)
	if len(head) < len(body) {
		// The cut may have split the last rune.
		for i := 0; i < utf8.UTFMax-1 && s != "" && !utf8.ValidString(s); i++ {
			s = s[:len(s)-1]
		}
	}
	if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
		return ""
	}
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > maxRunes {
		s = string(r[:maxRunes]) + "…"
	} else if len(head) < len(body) {
		s += "…"
	}
	return s
}

// newError builds an *Error from a failed response, reading (at most
// maxErrorBody bytes of) and closing its body.
func newError(method, url string, resp *http.Response) *Error {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	resp.Body.Close()
	e := &Error{
		StatusCode: resp.StatusCode,
		Method:     method,
		URL:        url,
		Body:       body,
	}
	e.parseBody(body)
	if e.RequestID == "" {
		e.RequestID = resp.Header.Get("request-id")
	}
	if e.ClientRequestID == "" {
		e.ClientRequestID = resp.Header.Get("client-request-id")
	}
	return e
}

// parseBody fills the fields from a Graph error document,
// {"error":{"code":…,"message":…,"innerError":{…}}}, matching member names
// case-insensitively; it leaves them empty when body is something else.
func (e *Error) parseBody(body []byte) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 || body[0] != '{' {
		return
	}
	var doc map[string]json.RawMessage
	if json.Unmarshal(body, &doc) != nil {
		return
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(member(doc, "error"), &obj) != nil || obj == nil {
		return
	}
	e.Code = jsonText(member(obj, "code"))
	e.Message = jsonText(member(obj, "message"))
	if raw := member(obj, "innerError"); raw != nil {
		var inner map[string]any
		if json.Unmarshal(raw, &inner) == nil && inner != nil {
			e.InnerError = inner
			e.RequestID = anyText(inner["request-id"])
			e.ClientRequestID = anyText(inner["client-request-id"])
			e.Date = anyText(inner["date"])
		}
	}
}

// member returns obj's member called name, preferring an exact match over a
// case-insensitive one; nil when absent.
func member(obj map[string]json.RawMessage, name string) json.RawMessage {
	if v, ok := obj[name]; ok {
		return v
	}
	for k, v := range obj {
		if strings.EqualFold(k, name) {
			return v
		}
	}
	return nil
}

// jsonText renders a JSON string as itself, an OData v3 style
// {"lang":…,"value":…} message as its value, and other scalars as their
// JSON text.
func jsonText(raw json.RawMessage) string {
	var v any
	if len(raw) == 0 || json.Unmarshal(raw, &v) != nil {
		return ""
	}
	if m, ok := v.(map[string]any); ok {
		return anyText(m["value"])
	}
	return anyText(v)
}

// anyText renders a decoded JSON scalar as text; "" for null and containers.
func anyText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	}
	return ""
}
