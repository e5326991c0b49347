package graphrt

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// call describes one API operation as a generated method sees it.
type call struct {
	method  string      // "GET", "POST", ...
	path    string      // escaped path starting with "/", appended to the base URL
	query   url.Values  // query parameters set by the method; may be nil
	header  http.Header // headers set by the method; may be nil
	body    any         // nil: no body; []byte, json.RawMessage and contentBody (setContent) are sent as is, anything else as JSON
	success int         // documented success status, 0 if none; any 2xx succeeds, and so does this one when it is not a 2xx (e.g. 302)
	name    string      // the Client method, whose documented permissions (PermissionsFor) explain a 401 or 403
}

// request is a call resolved to what goes on the wire; it can be sent
// several times.
type request struct {
	method  string
	url     string
	header  http.Header // without Authorization unless the caller set it
	body    []byte
	hasBody bool
	success int
	name    string // the Client method (call.name)
}

// send performs cl with the per-call options, retrying per the client's
// policy. On success it decodes the body into out (see decodeBody) and
// returns the response, whose body has been read and closed. Any other
// status yields an *Error, together with the response for its headers.
func (c *Client) send(ctx context.Context, cl *call, opts []RequestOption, out any) (*http.Response, error) {
	req, err := c.newRequest(cl, collectOptions(opts))
	if err != nil {
		return nil, err
	}
	return c.exchange(ctx, req, out)
}

// newRequest resolves cl and the collected options into a request.
func (c *Client) newRequest(cl *call, ro *requestOptions) (*request, error) {
	query := url.Values{}
	maps.Copy(query, cl.query)
	maps.Copy(query, ro.query)
	u := c.base() + cl.path
	if len(query) > 0 {
		u += "?" + encodeQuery(query)
	}
	r := &request{method: cl.method, url: u, header: c.headers(cl.header, ro.header), success: cl.success, name: cl.name}
	if cl.body != nil {
		body, err := encodeBody(cl.body)
		if err != nil {
			return nil, fmt.Errorf("graph: %s %s: encoding request body: %w", cl.method, u, err)
		}
		r.body, r.hasBody = body, true
		if r.header.Get("Content-Type") == "" {
			r.header.Set("Content-Type", "application/json")
		}
	}
	return r, nil
}

// headers merges the default headers, the method's and the options', later
// ones replacing earlier ones of the same name.
func (c *Client) headers(layers ...http.Header) http.Header {
	h := http.Header{}
	h.Set("Accept", "application/json")
	h.Set("User-Agent", cmp.Or(c.userAgent, defaultUserAgent))
	for _, layer := range layers {
		for k, v := range layer {
			h[http.CanonicalHeaderKey(k)] = slices.Clone(v)
		}
	}
	return h
}

// encodeBody returns the bytes to send for a call body.
func encodeBody(body any) ([]byte, error) {
	switch b := body.(type) {
	case []byte:
		return b, nil
	case json.RawMessage:
		return b, nil
	case contentBody:
		return io.ReadAll(b.r)
	}
	return marshalModel(body) // json.Marshal, plus models' AdditionalData
}

// encodeQuery is url.Values.Encode with spaces as %20 rather than "+" and a
// literal "$" in names: OData servers read "+" as a plus sign, and "$select"
// reads better in logs than "%24select".
func encodeQuery(v url.Values) string {
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(v)) {
		key := strings.ReplaceAll(queryEscape(k), "%24", "$")
		for _, val := range v[k] {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(key)
			b.WriteByte('=')
			b.WriteString(queryEscape(val))
		}
	}
	return b.String()
}

// queryEscape escapes s for a query component, spaces as %20.
func queryEscape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// exchange sends req with retries, checks the status and decodes the body.
func (c *Client) exchange(ctx context.Context, req *request, out any) (*http.Response, error) {
	resp, err := c.roundTrip(ctx, req)
	if err != nil {
		return nil, err
	}
	ok2xx := resp.StatusCode >= 200 && resp.StatusCode < 300
	if !ok2xx && (req.success == 0 || resp.StatusCode != req.success) {
		e := newError(req.method, req.url, resp)
		if resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden {
			if p, ok := PermissionsFor(req.name); ok {
				e.Permissions = &p
			}
		}
		resp.Body = http.NoBody
		return resp, e
	}
	defer func() {
		resp.Body.Close()
		resp.Body = http.NoBody
	}()
	if !ok2xx || out == nil || req.method == http.MethodHead {
		return resp, nil
	}
	if err := decodeBody(resp.Body, resp.Header.Get("Content-Type"), out); err != nil {
		return resp, fmt.Errorf("graph: %s %s: reading response: %w", req.method, req.url, err)
	}
	return resp, nil
}

// decodeBody stores a success body in out: raw into a *[]byte or
// *json.RawMessage, streamed into an io.Writer, as text into a *string
// unless the body is JSON, otherwise decoded as JSON. An empty body leaves
// out untouched.
func decodeBody(body io.Reader, contentType string, out any) error {
	if w, ok := out.(io.Writer); ok {
		_, err := io.Copy(w, body)
		return err
	}
	data, err := io.ReadAll(body)
	if err != nil {
		return err
	}
	switch o := out.(type) {
	case *[]byte:
		*o = data
		return nil
	case *json.RawMessage:
		if len(bytes.TrimSpace(data)) > 0 {
			*o = data
		}
		return nil
	case *string:
		if !isJSON(contentType) {
			*o = string(data)
			return nil
		}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	return unmarshalModel(data, out) // json.Unmarshal, keeping undeclared members in AdditionalData
}

// primitiveResult decodes a result of a primitive or enum type into v (a
// pointer to it): OData wraps such a result, {"value": x}, though some
// endpoints send x alone; both are accepted.
type primitiveResult struct{ v any }

// UnmarshalJSON stores the "value" member of an object, or data itself.
func (p *primitiveResult) UnmarshalJSON(data []byte) error {
	if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '{' {
		var wrapped struct {
			Value json.RawMessage `json:"value"`
		}
		if err := json.Unmarshal(t, &wrapped); err != nil {
			return err
		}
		if wrapped.Value == nil {
			return fmt.Errorf("graph: result object has no \"value\" member")
		}
		data = wrapped.Value
	}
	return json.Unmarshal(data, p.v)
}

// isJSON reports whether a Content-Type is JSON (application/json or a
// +json type); a missing one counts as JSON, as Graph's default.
func isJSON(contentType string) bool {
	if contentType == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json"))
}

// roundTrip sends req, retrying per the client's policy, and returns the
// final response with its body unread, or a transport error.
func (c *Client) roundTrip(ctx context.Context, req *request) (*http.Response, error) {
	tries := max(c.retry.MaxTries, 1)
	sleep, now, jitter := c.sleep, c.now, c.jitter
	if sleep == nil {
		sleep = sleepContext
	}
	if now == nil {
		now = time.Now
	}
	if jitter == nil {
		jitter = fullJitter
	}
	for attempt := 1; ; attempt++ {
		resp, err := c.attempt(ctx, req)
		last := attempt >= tries || ctx.Err() != nil
		var wait time.Duration
		var failure error
		switch {
		case err != nil:
			if last || !retryableError(req.method, err) {
				return nil, err
			}
			wait, failure = jitter(c.retry.backoff(attempt)), err
		case !retryableStatus(req.method, resp.StatusCode) || last:
			return resp, nil
		default:
			if ra, ok := retryAfter(resp.Header, now()); ok {
				if c.retry.MaxDelay > 0 && ra > c.retry.MaxDelay {
					return resp, nil // asked to wait too long: give up now
				}
				wait = ra
			} else {
				wait = jitter(c.retry.backoff(attempt))
			}
			failure = newError(req.method, req.url, resp)
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
			// Waiting would only run into the deadline: fail now.
			return nil, fmt.Errorf("%w (retry abandoned: %w)", failure, context.DeadlineExceeded)
		}
		if err := sleep(ctx, wait); err != nil {
			return nil, fmt.Errorf("%w (retry abandoned: %w)", failure, err)
		}
	}
}

// attempt sends req once, with a fresh body reader and a current token.
func (c *Client) attempt(ctx context.Context, req *request) (*http.Response, error) {
	var body io.Reader
	if req.hasBody {
		body = bytes.NewReader(req.body)
	}
	hr, err := http.NewRequestWithContext(ctx, req.method, req.url, body)
	if err != nil {
		return nil, fmt.Errorf("graph: %s %s: %w", req.method, req.url, err)
	}
	hr.Header = req.header.Clone()
	if c.tokens != nil && hr.Header.Get("Authorization") == "" {
		tok, err := c.tokens.Token(ctx)
		if err != nil {
			return nil, fmt.Errorf("graph: %s %s: getting token: %w", req.method, req.url, err)
		}
		if tok != "" {
			hr.Header.Set("Authorization", "Bearer "+tok)
		}
	}
	if c.checkPermissions {
		if err := checkToken(req.name, hr.Header.Get("Authorization")); err != nil {
			return nil, err
		}
	}
	hc := c.http
	if hc == nil {
		hc = http.DefaultClient
	}
	return hc.Do(hr)
}
