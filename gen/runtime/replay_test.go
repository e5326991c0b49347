package graphrt

// This file is copied into every generated package as the harness of its
// emitted tests: each test replays a documented example (or a request built
// from the path template) against a local server and checks both sides.
// It is compiled and tested here, in the runtime, like the rest.

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"iter"
	"net/http"
	"net/http/httptest"
	"testing"
)

// replayCase is one request a method must send and the response it gets.
type replayCase struct {
	method     string            // documented HTTP method
	path       string            // escaped path the method must request
	query      map[string]string // query parameters, exactly
	header     map[string]string // request headers that must be set
	body       string            // request body, compared as JSON when it is JSON
	status     int               // response status
	respHeader map[string]string
	respBody   string
	result     int // how the result is checked: replayNone, replayRaw, ...
}

// How a replayed method's result is checked.
const (
	replayNone       = iota // no result
	replayRaw               // json.RawMessage: the same JSON as served
	replayModel             // a model: re-encoded, it keeps every member served
	replayValue             // a primitive: the served value, or its "value" member
	replayBytes             // []byte or an io.ReadCloser: the served bytes
	replayCollection        // a slice of items: each keeps every member served
)

const replayToken = "replay-token"

// newReplayClient is a client of a test server: a token, no retries, no redirects.
func newReplayClient(url string) *Client {
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
	return NewClient(WithBaseURL(url), WithHTTPClient(hc), WithTokenSource(StaticToken(replayToken)), WithRetryPolicy(RetryPolicy{}))
}

// replayBody decodes an example request body into a method's body type, as
// a caller would build it.
func replayBody[T any](t *testing.T, body string) T {
	t.Helper()
	var v T
	if err := unmarshalModel([]byte(body), &v); err != nil {
		t.Fatalf("example body does not decode into %T: %v", v, err)
	}
	return v
}

// collectReplay drains a collection iterator into a slice.
func collectReplay[T any](seq iter.Seq2[T, error]) (any, error) {
	items := []T{}
	for v, err := range seq {
		if err != nil {
			return items, err
		}
		items = append(items, v)
	}
	return items, nil
}

// sameBody compares bodies as JSON when both are JSON (see sameJSON), else
// byte for byte (ignoring surrounding white space).
func sameBody(got, want []byte) bool {
	var g, w any
	if json.Unmarshal(got, &g) == nil && json.Unmarshal(want, &w) == nil {
		return sameJSON(g, w)
	}
	return bytes.Equal(bytes.TrimSpace(got), bytes.TrimSpace(want))
}

// sameJSON compares decoded JSON values; two strings that differ are still
// the same when they are one date and time, date, time of day or duration
// written two ways ("2021-09-12T10:30:00" and "2021-09-12T10:30:00Z"),
// since models send what they decoded in the canonical form.
func sameJSON(got, want any) bool {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok || len(g) != len(w) {
			return false
		}
		for k, wv := range w {
			gv, ok := g[k]
			if !ok || !sameJSON(gv, wv) {
				return false
			}
		}
		return true
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return false
		}
		for i := range w {
			if !sameJSON(g[i], w[i]) {
				return false
			}
		}
		return true
	case string:
		g, ok := got.(string)
		return ok && (g == w || sameTime(g, w))
	}
	return got == want
}

// sameTime reports whether a and b are one DateTimeOffset, Date, TimeOfDay
// or Duration.
func sameTime(a, b string) bool {
	if x, err := ParseDateTimeOffset(a); err == nil {
		y, err := ParseDateTimeOffset(b)
		return err == nil && x.Equal(y.Time)
	}
	if x, err := ParseTimeOfDay(a); err == nil {
		y, err := ParseTimeOfDay(b)
		return err == nil && x == y
	}
	if x, err := ParseDuration(a); err == nil {
		y, err := ParseDuration(b)
		return err == nil && x == y
	}
	return false
}

// lostMembers lists the members of want (decoded JSON) that got lacks, as
// JSON paths; arrays must keep their length. Values are not compared: a
// model may write a date or a number another way.
func lostMembers(path string, got, want any) []string {
	var lost []string
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return []string{path + " (not an object)"}
		}
		for k, wv := range w {
			gv, ok := g[k]
			if !ok {
				lost = append(lost, path+"."+k)
				continue
			}
			lost = append(lost, lostMembers(path+"."+k, gv, wv)...)
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return []string{path + " (array length)"}
		}
		for i := range w {
			lost = append(lost, lostMembers(path+"["+itoa(i)+"]", g[i], w[i])...)
		}
	}
	return lost
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

// checkResult compares what a method returned with the body served.
func checkResult(t *testing.T, tc replayCase, got any) {
	t.Helper()
	want := []byte(tc.respBody)
	encoded := func() any {
		b, err := marshalModel(got)
		if err != nil {
			t.Fatalf("encoding the result: %v", err)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatalf("encoding the result: %v", err)
		}
		return v
	}
	var w any
	switch tc.result {
	case replayModel, replayValue, replayCollection:
		if len(bytes.TrimSpace(want)) == 0 {
			return // nothing served (204), nothing decoded
		}
		if err := json.Unmarshal(want, &w); err != nil {
			t.Fatalf("served body is not JSON: %v", err)
		}
	}
	switch tc.result {
	case replayRaw:
		if raw, _ := got.(json.RawMessage); !sameBody(raw, want) {
			t.Errorf("result = %s\n      want %s", raw, want)
		}
	case replayBytes:
		raw, _ := got.([]byte)
		if rc, ok := got.(io.ReadCloser); ok {
			raw, _ = io.ReadAll(rc)
			rc.Close()
		}
		if !bytes.Equal(raw, want) {
			t.Errorf("result = %q, want %q", raw, want)
		}
	case replayModel:
		if lost := lostMembers("", encoded(), w); len(lost) > 0 {
			t.Errorf("result lost members %v\n      got %v\n      want %s", lost, got, want)
		}
	case replayValue:
		if obj, ok := w.(map[string]any); ok {
			w = obj["value"]
		}
		if g := encoded(); !sameJSON(g, w) {
			t.Errorf("result = %v, want %v", g, w)
		}
	case replayCollection:
		obj, _ := w.(map[string]any)
		if lost := lostMembers("", encoded(), obj["value"]); len(lost) > 0 {
			t.Errorf("items lost members %v\n      want %s", lost, want)
		}
	}
}

// replay serves tc to the method call run and checks both sides: the request
// the method sends and the result it returns.
func replay(t *testing.T, tc replayCase, run func(context.Context, *Client) (any, error)) {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != tc.method {
			t.Errorf("method = %s, want %s", r.Method, tc.method)
		}
		if p := r.URL.EscapedPath(); p != tc.path {
			t.Errorf("path = %s\n      want %s", p, tc.path)
		}
		q := r.URL.Query()
		if len(q) != len(tc.query) {
			t.Errorf("query = %v, want %v", q, tc.query)
		}
		for k, v := range tc.query {
			if got := q.Get(k); got != v {
				t.Errorf("query %s = %q, want %q", k, got, v)
			}
		}
		if got := r.Header.Get("Authorization"); got != "Bearer "+replayToken {
			t.Errorf("Authorization = %q", got)
		}
		for k, v := range tc.header {
			if got := r.Header.Get(k); got != v {
				t.Errorf("header %s = %q, want %q", k, got, v)
			}
		}
		body, _ := io.ReadAll(r.Body)
		if !sameBody(body, []byte(tc.body)) {
			t.Errorf("body = %s\n      want %s", body, tc.body)
		}
		for k, v := range tc.respHeader {
			w.Header().Set(k, v)
		}
		w.WriteHeader(tc.status)
		io.WriteString(w, tc.respBody)
	}))
	defer srv.Close()
	got, err := run(context.Background(), newReplayClient(srv.URL))
	if err != nil {
		t.Fatalf("call failed: %v", err)
	}
	if tc.status < 200 || tc.status > 299 {
		return // a documented non-2xx success (e.g. a redirect) has no result
	}
	checkResult(t, tc, got)
}
