package graphrt

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"testing"
	"time"
)

func TestNewClientDefaults(t *testing.T) {
	c := NewClient()
	if c.http != http.DefaultClient {
		t.Errorf("http = %v, want http.DefaultClient", c.http)
	}
	if c.baseURL != DefaultBaseURL {
		t.Errorf("baseURL = %q, want %q", c.baseURL, DefaultBaseURL)
	}
	if c.tokens != nil {
		t.Errorf("tokens = %v, want nil", c.tokens)
	}
	if c.retry != DefaultRetryPolicy {
		t.Errorf("retry = %+v, want %+v", c.retry, DefaultRetryPolicy)
	}
	if c.userAgent != defaultUserAgent {
		t.Errorf("userAgent = %q", c.userAgent)
	}

	hc := &http.Client{}
	p := RetryPolicy{MaxTries: 2}
	c = NewClient(nil, WithHTTPClient(hc), WithBaseURL("https://graph.microsoft.com/beta/"),
		WithRetryPolicy(p), WithUserAgent("app/1"), WithTokenSource(StaticToken("t")))
	if c.http != hc || c.baseURL != "https://graph.microsoft.com/beta" || c.retry != p || c.userAgent != "app/1" || c.tokens == nil {
		t.Errorf("options not applied: %+v", c)
	}
	// Empty values keep the defaults.
	c = NewClient(WithHTTPClient(nil), WithBaseURL(""), WithUserAgent(""))
	if c.http != http.DefaultClient || c.baseURL != DefaultBaseURL || c.userAgent != defaultUserAgent {
		t.Errorf("empty options changed defaults: %+v", c)
	}
}

func TestZeroClient(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, `{"id":"1"}`) })
	var c Client
	// No request to the real service: only check where it would go.
	req, err := c.newRequest(&call{method: "GET", path: "/x"}, collectOptions([]RequestOption{WithQuery("a", "b")}))
	if err != nil || req.url != DefaultBaseURL+"/x?a=b" {
		t.Fatalf("zero client request = %+v, %v", req, err)
	}
	var out struct{ ID string }
	c = Client{baseURL: srv.URL}
	if _, err := c.send(context.Background(), &call{method: "GET", path: "/x"}, nil, &out); err != nil || out.ID != "1" {
		t.Fatalf("send = %v, out %+v", err, out)
	}
	if ua := srv.Hits()[0].Header.Get("User-Agent"); ua != defaultUserAgent {
		t.Errorf("User-Agent = %q", ua)
	}
}

func TestTokenSources(t *testing.T) {
	ctx := context.Background()
	if tok, err := StaticToken("abc").Token(ctx); tok != "abc" || err != nil {
		t.Errorf("StaticToken = %q, %v", tok, err)
	}
	want := errors.New("no token")
	var ts TokenSource = TokenSourceFunc(func(context.Context) (string, error) { return "", want })
	if _, err := ts.Token(ctx); err != want {
		t.Errorf("TokenSourceFunc err = %v", err)
	}
}

func TestSendHeaders(t *testing.T) {
	tests := []struct {
		name       string
		opts       []ClientOption
		cl         call
		reqOpts    []RequestOption
		want       map[string]string // header -> value; "" means absent
		wantTokens int
	}{
		{
			name: "defaults without token",
			cl:   call{method: "GET", path: "/me"},
			want: map[string]string{"Accept": "application/json", "User-Agent": defaultUserAgent, "Authorization": "", "Content-Type": ""},
		},
		{
			name:       "token and user agent",
			opts:       []ClientOption{WithUserAgent("myapp/2.0")},
			cl:         call{method: "GET", path: "/me"},
			want:       map[string]string{"Authorization": "Bearer tok-1", "User-Agent": "myapp/2.0", "Accept": "application/json"},
			wantTokens: 1,
		},
		{
			name: "method headers then option headers override",
			cl: call{method: "GET", path: "/me", header: http.Header{
				"ConsistencyLevel": {"session"}, "Prefer": {"a"}, "Accept": {"application/octet-stream"},
			}},
			reqOpts: []RequestOption{WithHeader("consistencylevel", "eventual"), WithHeader("X-Extra", "1"), WithHeader("X-Extra", "2")},
			want: map[string]string{
				"Consistencylevel": "eventual", "Prefer": "a", "Accept": "application/octet-stream", "X-Extra": "2",
				"Authorization": "Bearer tok-1",
			},
			wantTokens: 1,
		},
		{
			name:       "explicit Authorization skips the token source",
			cl:         call{method: "GET", path: "/me"},
			reqOpts:    []RequestOption{WithHeader("Authorization", "Bearer other")},
			want:       map[string]string{"Authorization": "Bearer other"},
			wantTokens: 0,
		},
		{
			name:       "body gets JSON content type",
			cl:         call{method: "POST", path: "/users", body: map[string]string{"a": "b"}},
			want:       map[string]string{"Content-Type": "application/json"},
			wantTokens: 1,
		},
		{
			name:       "method content type kept",
			cl:         call{method: "PUT", path: "/x/content", body: []byte("hello"), header: http.Header{"Content-Type": {"text/plain"}}},
			want:       map[string]string{"Content-Type": "text/plain"},
			wantTokens: 1,
		},
		{
			name:       "option content type wins",
			cl:         call{method: "PUT", path: "/x/content", body: []byte("hello"), header: http.Header{"Content-Type": {"text/plain"}}},
			reqOpts:    []RequestOption{WithHeader("Content-Type", "text/csv")},
			want:       map[string]string{"Content-Type": "text/csv"},
			wantTokens: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 204, "") })
			tokens := 0
			ts := TokenSourceFunc(func(ctx context.Context) (string, error) { tokens++; return "tok-1", nil })
			opts := tt.opts
			if tt.name != "defaults without token" {
				opts = append(opts, WithTokenSource(ts))
			}
			c, _ := newTestClient(srv.URL, opts...)
			if _, err := c.send(context.Background(), &tt.cl, tt.reqOpts, nil); err != nil {
				t.Fatal(err)
			}
			h := srv.Hits()[0].Header
			for k, v := range tt.want {
				if got := h.Get(k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
			if len(h.Values("X-Extra")) > 1 {
				t.Errorf("X-Extra sent twice: %q", h.Values("X-Extra"))
			}
			if tokens != tt.wantTokens {
				t.Errorf("token source called %d times, want %d", tokens, tt.wantTokens)
			}
		})
	}
}

func TestSendTokenError(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, "{}") })
	want := errors.New("expired refresh token")
	c, _ := newTestClient(srv.URL, WithTokenSource(TokenSourceFunc(func(context.Context) (string, error) { return "", want })))
	_, err := c.send(context.Background(), &call{method: "GET", path: "/me"}, nil, nil)
	if !errors.Is(err, want) {
		t.Fatalf("err = %v, want wrapping %v", err, want)
	}
	if n := len(srv.Hits()); n != 0 {
		t.Errorf("%d requests sent without a token", n)
	}
}

func TestSendURL(t *testing.T) {
	tests := []struct {
		name      string
		path      string
		query     map[string][]string
		opts      []RequestOption
		wantPath  string
		wantQuery string
	}{
		{name: "plain", path: "/me", wantPath: "/v1.0/me"},
		{name: "escaped segment kept", path: "/users/" + escapePath("a/b c#d") + "/messages", wantPath: "/v1.0/users/a%2Fb%20c%23d/messages"},
		{name: "function parameter", path: "/reports/getX(period=" + odataString("D7") + ")", wantPath: "/v1.0/reports/getX(period=%27D7%27)"},
		{
			name:      "odata options",
			path:      "/users",
			opts:      []RequestOption{Select("id", "displayName"), Expand("manager"), Top(5), Skip(10), Count(true), OrderBy("displayName desc", "id")},
			wantQuery: "$count=true&$expand=manager&$orderby=displayName%20desc%2Cid&$select=id%2CdisplayName&$skip=10&$top=5",
		},
		{
			name:      "filter and search escaped",
			path:      "/users",
			opts:      []RequestOption{Filter("startswith(displayName,'A&B') and mail eq 'x+y@z.com'"), Search(`"displayName:Jo Ann"`)},
			wantQuery: "$filter=startswith%28displayName%2C%27A%26B%27%29%20and%20mail%20eq%20%27x%2By%40z.com%27&$search=%22displayName%3AJo%20Ann%22",
		},
		{
			name:      "method query merged and overridden",
			path:      "/reports/x",
			query:     map[string][]string{"period": {"D7"}, "$format": {"text/csv"}, "keep": {"1", "2"}},
			opts:      []RequestOption{WithQuery("period", "D30"), SkipToken("abc=="), Count(false)},
			wantQuery: "$count=false&$format=text%2Fcsv&$skiptoken=abc%3D%3D&keep=1&keep=2&period=D30",
		},
		{
			name:      "later option wins",
			path:      "/users",
			opts:      []RequestOption{Top(1), Top(2), WithQuery("$top", "3"), nil},
			wantQuery: "$top=3",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 204, "") })
			c, _ := newTestClient(srv.URL + "/v1.0/")
			cl := &call{method: "GET", path: tt.path, query: tt.query}
			if _, err := c.send(context.Background(), cl, tt.opts, nil); err != nil {
				t.Fatal(err)
			}
			h := srv.Hits()[0]
			want := tt.wantPath
			if want == "" {
				want = "/v1.0" + tt.path
			}
			if h.Path != want {
				t.Errorf("path = %q, want %q", h.Path, want)
			}
			if h.RawQuery != tt.wantQuery {
				t.Errorf("query = %q\n      want %q", h.RawQuery, tt.wantQuery)
			}
		})
	}
}

type user struct {
	ID          string   `json:"id"`
	DisplayName string   `json:"displayName"`
	Mail        *string  `json:"mail"`
	Groups      []string `json:"groups,omitempty"`
}

func TestSendBody(t *testing.T) {
	mail := "a@b.c"
	tests := []struct {
		name string
		body any
		want string
	}{
		{"struct", user{ID: "1", DisplayName: "Ann", Mail: &mail}, `{"id":"1","displayName":"Ann","mail":"a@b.c"}`},
		{"pointer", &user{ID: "2"}, `{"id":"2","displayName":"","mail":null}`},
		{"map", map[string]any{"accountEnabled": false}, `{"accountEnabled":false}`},
		{"bytes as is", []byte("raw \x00 bytes"), "raw \x00 bytes"},
		{"raw JSON as is", json.RawMessage(`{ "keep" : "spacing" }`), `{ "keep" : "spacing" }`},
		{"empty bytes", []byte{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 201, `{}`) })
			c, _ := newTestClient(srv.URL)
			if _, err := c.send(context.Background(), &call{method: "POST", path: "/users", body: tt.body, success: 201}, nil, nil); err != nil {
				t.Fatal(err)
			}
			h := srv.Hits()[0]
			if string(h.Body) != tt.want {
				t.Errorf("body = %q, want %q", h.Body, tt.want)
			}
			if ct := h.Header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type = %q", ct)
			}
		})
	}

	t.Run("unencodable", func(t *testing.T) {
		c, _ := newTestClient("http://127.0.0.1:1")
		_, err := c.send(context.Background(), &call{method: "POST", path: "/x", body: map[string]any{"f": func() {}}}, nil, nil)
		var je *json.UnsupportedTypeError
		if !errors.As(err, &je) {
			t.Errorf("err = %v, want *json.UnsupportedTypeError", err)
		}
	})
	t.Run("no body", func(t *testing.T) {
		srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 204, "") })
		c, _ := newTestClient(srv.URL)
		if _, err := c.send(context.Background(), &call{method: "DELETE", path: "/users/1"}, nil, nil); err != nil {
			t.Fatal(err)
		}
		h := srv.Hits()[0]
		if len(h.Body) != 0 || h.Header.Get("Content-Type") != "" || h.Method != "DELETE" {
			t.Errorf("got %+v", h)
		}
	})
}

// writerOnly hides everything but Write, to test io.Writer outputs.
type writerOnly struct{ w *bytes.Buffer }

func (w writerOnly) Write(p []byte) (int, error) { return w.w.Write(p) }

func TestSendDecode(t *testing.T) {
	const userJSON = `{"id":"7","displayName":"Ann","mail":null,"extra":1}`
	tests := []struct {
		name    string
		status  int
		body    string
		success int
		ctype   string
		out     func() any // fresh out value
		want    any        // expected *out after send; nil to skip
		wantErr bool
	}{
		{name: "struct", status: 200, body: userJSON, out: func() any { return new(user) }, want: &user{ID: "7", DisplayName: "Ann"}},
		{name: "map", status: 200, body: `{"a":[1,"x"]}`, out: func() any { return new(map[string]any) }, want: &map[string]any{"a": []any{1.0, "x"}}},
		{name: "201 documented", status: 201, success: 201, body: userJSON, out: func() any { return new(user) }, want: &user{ID: "7", DisplayName: "Ann"}},
		{name: "200 for documented 201", status: 200, success: 201, body: userJSON, out: func() any { return new(user) }, want: &user{ID: "7", DisplayName: "Ann"}},
		{name: "204 nil out", status: 204, success: 204, out: func() any { return nil }},
		{name: "204 leaves out untouched", status: 204, out: func() any { return &user{ID: "keep"} }, want: &user{ID: "keep"}},
		{name: "empty 200", status: 200, body: "", out: func() any { return &user{ID: "keep"} }, want: &user{ID: "keep"}},
		{name: "whitespace 202", status: 202, body: " \n", out: func() any { return &user{ID: "keep"} }, want: &user{ID: "keep"}},
		{name: "raw bytes", status: 200, body: "%PDF-1.7\x00\xff", out: func() any { return new([]byte) }, want: ptr([]byte("%PDF-1.7\x00\xff"))},
		{name: "raw JSON", status: 200, body: userJSON, out: func() any { return new(json.RawMessage) }, want: ptr(json.RawMessage(userJSON))},
		{name: "writer", status: 200, body: "a,b\n1,2\n", out: func() any { return writerOnly{new(bytes.Buffer)} }},
		{name: "bad JSON", status: 200, body: `{"id":`, out: func() any { return new(user) }, wantErr: true},
		{name: "wrong JSON type", status: 200, body: `[1]`, out: func() any { return new(user) }, wantErr: true},
		{name: "nil out ignores body", status: 200, body: `not json`, out: func() any { return nil }},
		{name: "count as int", status: 200, body: "42", ctype: "text/plain", out: func() any { return new(int) }, want: ptr(42)},
		{name: "text into string", status: 200, body: `"quoted" text`, ctype: "text/plain; charset=utf-8", out: func() any { return new(string) }, want: ptr(`"quoted" text`)},
		{name: "JSON string into string", status: 200, body: `"a\u0041"`, ctype: "application/json; odata.metadata=minimal", out: func() any { return new(string) }, want: ptr("aA")},
		{name: "bad content type is text", status: 200, body: `x`, ctype: "application/json;;", out: func() any { return new(string) }, want: ptr("x")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
				h := []string{"request-id", "rid-1"}
				if tt.ctype != "" {
					h = append(h, "Content-Type", tt.ctype)
				}
				reply(w, tt.status, tt.body, h...)
			})
			c, _ := newTestClient(srv.URL)
			out := tt.out()
			resp, err := c.send(context.Background(), &call{method: "GET", path: "/x", success: tt.success}, nil, out)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if resp == nil {
				t.Fatal("nil response")
			}
			if resp.StatusCode != tt.status || resp.Header.Get("request-id") != "rid-1" {
				t.Errorf("response %d %v", resp.StatusCode, resp.Header)
			}
			if resp.Body != http.NoBody {
				t.Errorf("response body not replaced by http.NoBody")
			}
			if tt.want != nil && !reflect.DeepEqual(out, tt.want) {
				t.Errorf("out = %#v, want %#v", out, tt.want)
			}
			if w, ok := out.(writerOnly); ok && w.w.String() != tt.body {
				t.Errorf("writer got %q", w.w.String())
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

func TestSendHEAD(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("Content-Length", "12")
		w.WriteHeader(200)
	})
	c, _ := newTestClient(srv.URL)
	out := &user{ID: "keep"}
	resp, err := c.send(context.Background(), &call{method: "HEAD", path: "/x"}, nil, out)
	if err != nil || resp.ContentLength != 12 || out.ID != "keep" {
		t.Errorf("HEAD: %v, %v, %+v", err, resp, out)
	}
}

func TestSendDocumentedRedirect(t *testing.T) {
	// Drive item content answers 302 Found; a client that does not follow
	// redirects must see it as the documented success.
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		reply(w, http.StatusFound, "", "Location", "https://download.example/file")
	})
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	c, _ := newTestClient(srv.URL, WithHTTPClient(noFollow))
	var raw []byte
	resp, err := c.send(context.Background(), &call{method: "GET", path: "/content", success: 302}, nil, &raw)
	if err != nil || resp.StatusCode != 302 || resp.Header.Get("Location") != "https://download.example/file" {
		t.Fatalf("documented 302: %v, %v", resp, err)
	}
	// Undocumented, the same answer is an error.
	_, err = c.send(context.Background(), &call{method: "GET", path: "/content"}, nil, &raw)
	if e, ok := errors.AsType[*Error](err); !ok || e.StatusCode != 302 {
		t.Errorf("undocumented 302: err = %v", err)
	}
}

func TestSendCanceledContext(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, "{}") })
	c, waits := newTestClient(srv.URL)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.send(ctx, &call{method: "GET", path: "/x"}, nil, nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if len(srv.Hits()) != 0 || len(*waits) != 0 {
		t.Errorf("hits %d, waits %v", len(srv.Hits()), *waits)
	}
}

func TestSleepContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	if err := sleepContext(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled: err = %v", err)
	}
	if err := sleepContext(ctx, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled, zero wait: err = %v", err)
	}
	if err := sleepContext(context.Background(), 0); err != nil {
		t.Errorf("zero wait: err = %v", err)
	}
	if err := sleepContext(context.Background(), time.Microsecond); err != nil {
		t.Errorf("short wait: err = %v", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("sleepContext ignored cancellation: took %v", d)
	}
}
