package graphrt

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// hit is one request as the test server saw it.
type hit struct {
	Method   string
	Path     string // escaped path
	RawQuery string
	Header   http.Header
	Body     []byte
}

// testServer records every request and answers with handle, which gets the
// 0-based number of the request.
type testServer struct {
	*httptest.Server
	mu   sync.Mutex
	hits []hit
}

func newServer(t *testing.T, handle func(w http.ResponseWriter, r *http.Request, n int)) *testServer {
	t.Helper()
	s := &testServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		n := len(s.hits)
		s.hits = append(s.hits, hit{r.Method, r.URL.EscapedPath(), r.URL.RawQuery, r.Header.Clone(), body})
		s.mu.Unlock()
		handle(w, r, n)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *testServer) Hits() []hit {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]hit(nil), s.hits...)
}

// newTestClient returns a client for baseURL that never really waits: the
// waits it would have made are recorded, and jitter is disabled so backoffs
// are exact.
func newTestClient(baseURL string, opts ...ClientOption) (*Client, *[]time.Duration) {
	c := NewClient(append([]ClientOption{WithBaseURL(baseURL)}, opts...)...)
	waits := &[]time.Duration{}
	c.sleep = func(ctx context.Context, d time.Duration) error {
		*waits = append(*waits, d)
		return ctx.Err()
	}
	c.jitter = func(d time.Duration) time.Duration { return d }
	return c, waits
}

// reply writes status, optional headers (name, value pairs) and body.
func reply(w http.ResponseWriter, status int, body string, headers ...string) {
	for i := 0; i+1 < len(headers); i += 2 {
		w.Header().Set(headers[i], headers[i+1])
	}
	if body != "" && w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(status)
	io.WriteString(w, body)
}
