package graphrt

import (
	"bytes"
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"reflect"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// step is one answer of a scripted server: a status with optional
// Retry-After ("" for none).
type step struct {
	status     int
	retryAfter string
}

func TestRetryStatuses(t *testing.T) {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	s := time.Second
	tests := []struct {
		name      string
		method    string
		policy    *RetryPolicy // nil: DefaultRetryPolicy
		steps     []step       // the last one repeats
		wantTries int
		wantWaits []time.Duration
		wantCode  int // final status; error unless 2xx
	}{
		{name: "GET 429 Retry-After 0", method: "GET", steps: []step{{429, "0"}, {200, ""}}, wantTries: 2, wantWaits: []time.Duration{0}, wantCode: 200},
		{name: "GET 429 Retry-After seconds", method: "GET", steps: []step{{429, "7"}, {429, "3"}, {200, ""}}, wantTries: 3, wantWaits: []time.Duration{7 * s, 3 * s}, wantCode: 200},
		{name: "GET 429 Retry-After date", method: "GET", steps: []step{{429, now.Add(10 * s).Format(http.TimeFormat)}, {200, ""}}, wantTries: 2, wantWaits: []time.Duration{10 * s}, wantCode: 200},
		{name: "GET 429 Retry-After past date", method: "GET", steps: []step{{429, now.Add(-time.Hour).Format(http.TimeFormat)}, {200, ""}}, wantTries: 2, wantWaits: []time.Duration{0}, wantCode: 200},
		{name: "GET 429 bad Retry-After backs off", method: "GET", steps: []step{{429, "soon"}, {200, ""}}, wantTries: 2, wantWaits: []time.Duration{500 * time.Millisecond}, wantCode: 200},
		{name: "GET 503 backoff", method: "GET", steps: []step{{503, ""}, {504, ""}, {503, ""}, {200, ""}}, wantTries: 4, wantWaits: []time.Duration{500 * time.Millisecond, s, 2 * s}, wantCode: 200},
		{name: "GET 503 bounded tries", method: "GET", steps: []step{{503, ""}}, wantTries: 4, wantWaits: []time.Duration{500 * time.Millisecond, s, 2 * s}, wantCode: 503},
		{name: "GET 503 Retry-After", method: "GET", steps: []step{{503, "2"}, {200, ""}}, wantTries: 2, wantWaits: []time.Duration{2 * s}, wantCode: 200},
		{name: "DELETE 504", method: "DELETE", steps: []step{{504, ""}, {204, ""}}, wantTries: 2, wantWaits: []time.Duration{500 * time.Millisecond}, wantCode: 204},
		{name: "PUT 503", method: "PUT", steps: []step{{503, "1"}, {200, ""}}, wantTries: 2, wantWaits: []time.Duration{s}, wantCode: 200},
		{name: "POST 503 not retried", method: "POST", steps: []step{{503, "1"}, {201, ""}}, wantTries: 1, wantCode: 503},
		{name: "POST 504 not retried", method: "POST", steps: []step{{504, ""}, {201, ""}}, wantTries: 1, wantCode: 504},
		{name: "PATCH 503 not retried", method: "PATCH", steps: []step{{503, ""}, {204, ""}}, wantTries: 1, wantCode: 503},
		{name: "POST 429 retried", method: "POST", steps: []step{{429, "1"}, {429, ""}, {201, ""}}, wantTries: 3, wantWaits: []time.Duration{s, s}, wantCode: 201},
		{name: "PATCH 429 retried", method: "PATCH", steps: []step{{429, "0"}, {204, ""}}, wantTries: 2, wantWaits: []time.Duration{0}, wantCode: 204},
		{name: "Retry-After above MaxDelay gives up", method: "GET", steps: []step{{429, "31"}, {200, ""}}, wantTries: 1, wantCode: 429},
		{name: "Retry-After date above MaxDelay gives up", method: "GET", steps: []step{{503, now.Add(time.Hour).Format(http.TimeFormat)}, {200, ""}}, wantTries: 1, wantCode: 503},
		{name: "Retry-After at MaxDelay waits", method: "GET", steps: []step{{429, "30"}, {200, ""}}, wantTries: 2, wantWaits: []time.Duration{30 * s}, wantCode: 200},
		{name: "500 not retried", method: "GET", steps: []step{{500, "1"}, {200, ""}}, wantTries: 1, wantCode: 500},
		{name: "502 not retried", method: "GET", steps: []step{{502, ""}, {200, ""}}, wantTries: 1, wantCode: 502},
		{name: "MaxTries 1", method: "GET", policy: &RetryPolicy{MaxTries: 1, BaseDelay: s}, steps: []step{{429, "0"}, {200, ""}}, wantTries: 1, wantCode: 429},
		{name: "zero policy", method: "GET", policy: &RetryPolicy{}, steps: []step{{503, ""}, {200, ""}}, wantTries: 1, wantCode: 503},
		{name: "backoff capped", method: "GET", policy: &RetryPolicy{MaxTries: 5, BaseDelay: 10 * s, MaxDelay: 15 * s}, steps: []step{{503, ""}}, wantTries: 5, wantWaits: []time.Duration{10 * s, 15 * s, 15 * s, 15 * s}, wantCode: 503},
		{name: "no cap", method: "GET", policy: &RetryPolicy{MaxTries: 3, BaseDelay: time.Minute}, steps: []step{{429, "3600"}, {503, ""}, {200, ""}}, wantTries: 3, wantWaits: []time.Duration{time.Hour, 2 * time.Minute}, wantCode: 200},
		{name: "zero base delay", method: "GET", policy: &RetryPolicy{MaxTries: 3}, steps: []step{{503, ""}, {503, ""}, {200, ""}}, wantTries: 3, wantWaits: []time.Duration{0, 0}, wantCode: 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
				st := tt.steps[min(n, len(tt.steps)-1)]
				var h []string
				if st.retryAfter != "" {
					h = []string{"Retry-After", st.retryAfter}
				}
				body := `{"id":"ok"}`
				if st.status >= 400 {
					body = `{"error":{"code":"c` + strconv.Itoa(n) + `","message":"m"}}`
				}
				if st.status == 204 {
					body = ""
				}
				reply(w, st.status, body, h...)
			})
			var opts []ClientOption
			if tt.policy != nil {
				opts = append(opts, WithRetryPolicy(*tt.policy))
			}
			c, waits := newTestClient(srv.URL, opts...)
			c.now = func() time.Time { return now }
			var body any
			if tt.method == "POST" || tt.method == "PATCH" || tt.method == "PUT" {
				body = map[string]any{"displayName": "Ann", "n": 1}
			}
			var out struct{ ID string }
			resp, err := c.send(context.Background(), &call{method: tt.method, path: "/x", body: body}, nil, &out)
			hits := srv.Hits()
			if len(hits) != tt.wantTries {
				t.Errorf("tries = %d, want %d", len(hits), tt.wantTries)
			}
			if !reflect.DeepEqual(*waits, tt.wantWaits) && (len(*waits) > 0 || len(tt.wantWaits) > 0) {
				t.Errorf("waits = %v, want %v", *waits, tt.wantWaits)
			}
			if resp == nil || resp.StatusCode != tt.wantCode {
				t.Fatalf("response = %v, err %v; want status %d", resp, err, tt.wantCode)
			}
			if tt.wantCode < 300 {
				if err != nil {
					t.Fatalf("err = %v", err)
				}
				if tt.wantCode != 204 && out.ID != "ok" {
					t.Errorf("out = %+v", out)
				}
			} else {
				e, ok := errors.AsType[*Error](err)
				if !ok || e.StatusCode != tt.wantCode || e.Code != "c"+strconv.Itoa(len(hits)-1) {
					t.Errorf("err = %v, want the last answer's *Error", err)
				}
			}
			for i, h := range hits {
				if !bytes.Equal(h.Body, hits[0].Body) || h.Header.Get("Content-Type") != hits[0].Header.Get("Content-Type") || h.Method != tt.method {
					t.Errorf("attempt %d sent %s %q, first sent %s %q", i+1, h.Method, h.Body, hits[0].Method, hits[0].Body)
				}
			}
			if body != nil && string(hits[0].Body) != `{"displayName":"Ann","n":1}` {
				t.Errorf("body = %q", hits[0].Body)
			}
		})
	}
}

func TestRetryFetchesTokenEachAttempt(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 0 {
			reply(w, 429, "", "Retry-After", "0")
			return
		}
		reply(w, 204, "")
	})
	n := 0
	c, _ := newTestClient(srv.URL, WithTokenSource(TokenSourceFunc(func(context.Context) (string, error) {
		n++
		return "t" + strconv.Itoa(n), nil
	})))
	if _, err := c.send(context.Background(), &call{method: "GET", path: "/x"}, nil, nil); err != nil {
		t.Fatal(err)
	}
	hits := srv.Hits()
	if a, b := hits[0].Header.Get("Authorization"), hits[1].Header.Get("Authorization"); a != "Bearer t1" || b != "Bearer t2" {
		t.Errorf("Authorization = %q then %q", a, b)
	}
}

func TestRetryCancelDuringBackoff(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		reply(w, 429, `{"error":{"code":"TooManyRequests","message":"slow down"}}`, "Retry-After", "20")
	})
	c, _ := newTestClient(srv.URL)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var waited []time.Duration
	// The real sleep, canceled while it waits for 20 s.
	c.sleep = func(ctx context.Context, d time.Duration) error {
		waited = append(waited, d)
		cancel()
		return sleepContext(ctx, d)
	}
	start := time.Now()
	resp, err := c.send(ctx, &call{method: "GET", path: "/x"}, nil, nil)
	if d := time.Since(start); d > 10*time.Second {
		t.Fatalf("cancellation did not interrupt the wait: %v", d)
	}
	if resp != nil {
		t.Errorf("response = %v, want nil", resp)
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if e, ok := errors.AsType[*Error](err); !ok || e.StatusCode != 429 || e.Code != "TooManyRequests" {
		t.Errorf("err = %v, want the 429 *Error too", err)
	}
	if len(srv.Hits()) != 1 || !reflect.DeepEqual(waited, []time.Duration{20 * time.Second}) {
		t.Errorf("hits %d, waits %v", len(srv.Hits()), waited)
	}
}

func TestRetryDeadlineDuringBackoff(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 503, "") })
	c, _ := newTestClient(srv.URL)
	ctx, cancel := context.WithCancel(context.Background())
	c.sleep = func(ctx context.Context, d time.Duration) error {
		cancel()
		return ctx.Err()
	}
	_, err := c.send(ctx, &call{method: "GET", path: "/x"}, nil, nil)
	if !errors.Is(err, context.Canceled) || len(srv.Hits()) != 1 {
		t.Errorf("err = %v after %d hits", err, len(srv.Hits()))
	}
}

func TestRetryWaitBeyondDeadline(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 429, "", "Retry-After", "25") })
	tests := []struct {
		name      string
		timeout   time.Duration
		wantHits  int
		wantWaits int
	}{
		{"deadline too close: fail at once", 10 * time.Second, 1, 0},
		{"deadline far enough: wait", time.Hour, 4, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(srv.Hits())
			c, waits := newTestClient(srv.URL)
			ctx, cancel := context.WithTimeout(context.Background(), tt.timeout)
			defer cancel()
			_, err := c.send(ctx, &call{method: "GET", path: "/x"}, nil, nil)
			if e, ok := errors.AsType[*Error](err); !ok || e.StatusCode != 429 {
				t.Errorf("err = %v, want the 429 *Error", err)
			}
			if tt.wantWaits == 0 && !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("err = %v, want context.DeadlineExceeded too", err)
			}
			if hits := len(srv.Hits()) - before; hits != tt.wantHits || len(*waits) != tt.wantWaits {
				t.Errorf("%d hits, waits %v", hits, *waits)
			}
		})
	}
}

// flakyTransport fails the first len(errs) round trips with those errors
// (after reading the request body, as a real transport would), then
// delegates to the default transport.
type flakyTransport struct {
	errs  []error
	calls int
	seen  [][]byte
}

func (f *flakyTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	var body []byte
	if r.Body != nil {
		body, _ = io.ReadAll(r.Body)
		r.Body.Close()
		r.Body = io.NopCloser(bytes.NewReader(body))
	}
	f.seen = append(f.seen, body)
	f.calls++
	if f.calls <= len(f.errs) {
		return nil, f.errs[f.calls-1]
	}
	return http.DefaultTransport.RoundTrip(r)
}

func TestRetryTransportErrors(t *testing.T) {
	dialRefused := &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
	readReset := &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}
	timeout := &net.OpError{Op: "read", Net: "tcp", Err: os.ErrDeadlineExceeded}
	tests := []struct {
		name      string
		method    string
		errs      []error
		wantCalls int
		wantOK    bool
	}{
		{"GET reset retried", "GET", []error{readReset, io.ErrUnexpectedEOF}, 3, true},
		{"GET timeout retried", "GET", []error{timeout}, 2, true},
		{"GET EOF retried", "GET", []error{io.EOF}, 2, true},
		{"GET dial retried", "GET", []error{dialRefused}, 2, true},
		{"GET bounded", "GET", []error{readReset, readReset, readReset, readReset, readReset}, 4, false},
		{"POST dial retried", "POST", []error{dialRefused, dialRefused}, 3, true},
		{"PATCH dial retried", "PATCH", []error{dialRefused}, 2, true},
		{"POST reset not retried", "POST", []error{readReset}, 1, false},
		{"POST timeout not retried", "POST", []error{timeout}, 1, false},
		{"POST EOF not retried", "POST", []error{io.EOF}, 1, false},
		{"GET unknown authority not retried", "GET", []error{x509.UnknownAuthorityError{}}, 1, false},
		{"GET host not found not retried", "GET", []error{&net.OpError{Op: "dial", Err: &net.DNSError{Err: "no such host", Name: "x", IsNotFound: true}}}, 1, false},
		{"POST temporary DNS failure retried", "POST", []error{&net.OpError{Op: "dial", Err: &net.DNSError{Err: "timeout", Name: "x", IsTimeout: true}}}, 2, true},
		{"GET other error not retried", "GET", []error{errors.New("malformed")}, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, `{"id":"ok"}`) })
			ft := &flakyTransport{errs: tt.errs}
			c, waits := newTestClient(srv.URL, WithHTTPClient(&http.Client{Transport: ft}))
			var body any
			if tt.method != "GET" {
				body = map[string]string{"k": "v"}
			}
			var out struct{ ID string }
			resp, err := c.send(context.Background(), &call{method: tt.method, path: "/x", body: body}, nil, &out)
			if ft.calls != tt.wantCalls {
				t.Errorf("calls = %d, want %d", ft.calls, tt.wantCalls)
			}
			if len(*waits) != tt.wantCalls-1 {
				t.Errorf("waits = %v", *waits)
			}
			for i, b := range ft.seen {
				if !bytes.Equal(b, ft.seen[0]) {
					t.Errorf("attempt %d body %q, first %q", i+1, b, ft.seen[0])
				}
			}
			if tt.wantOK {
				if err != nil || resp.StatusCode != 200 || out.ID != "ok" {
					t.Errorf("send = %v, %v, %+v", resp, err, out)
				}
				return
			}
			if err == nil || resp != nil {
				t.Fatalf("send = %v, %v; want an error", resp, err)
			}
			if want := tt.errs[min(ft.calls, len(tt.errs))-1]; !errors.Is(err, want) && !hasErrorType[x509.UnknownAuthorityError](err) {
				t.Errorf("err = %v, want wrapping %v", err, want)
			}
			if _, ok := errors.AsType[*Error](err); ok {
				t.Errorf("transport error reported as *Error: %v", err)
			}
		})
	}
}

func TestRetryConnectionRefused(t *testing.T) {
	// A real refused connection on loopback: a closed server's address.
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {})
	srv.Close()
	for _, method := range []string{"GET", "POST"} {
		ft := &flakyTransport{}
		c, waits := newTestClient(srv.URL, WithHTTPClient(&http.Client{Transport: ft}))
		_, err := c.send(context.Background(), &call{method: method, path: "/x", body: []byte("{}")}, nil, nil)
		if !errors.Is(err, syscall.ECONNREFUSED) {
			t.Errorf("%s: err = %v, want ECONNREFUSED", method, err)
		}
		if ft.calls != DefaultRetryPolicy.MaxTries || len(*waits) != DefaultRetryPolicy.MaxTries-1 {
			t.Errorf("%s: %d calls, waits %v", method, ft.calls, *waits)
		}
	}
}

func TestTransientError(t *testing.T) {
	wrap := func(err error) error { return &url.Error{Op: "Get", URL: "https://x", Err: err} }
	tests := []struct {
		err  error
		want bool
	}{
		{nil, false},
		{context.Canceled, false},
		{wrap(context.Canceled), false},
		{wrap(errors.New(`unsupported protocol scheme ""`)), false},
		{wrap(x509.HostnameError{}), false},
		{wrap(&net.OpError{Op: "dial", Err: &net.DNSError{IsNotFound: true}}), false},
		{wrap(&net.OpError{Op: "dial", Err: &net.DNSError{IsTemporary: true}}), true},
		{wrap(&net.OpError{Op: "read", Err: syscall.ECONNRESET}), true},
		{wrap(fmt.Errorf("write: %w", syscall.EPIPE)), true},
		{wrap(io.ErrUnexpectedEOF), true},
		{wrap(os.ErrDeadlineExceeded), true},
	}
	for _, tt := range tests {
		if got := transientError(tt.err); got != tt.want {
			t.Errorf("transientError(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

func TestBackoff(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		p    RetryPolicy
		want []time.Duration // for retries 1, 2, ...
	}{
		{DefaultRetryPolicy, []time.Duration{500 * ms, 1000 * ms, 2000 * ms, 4000 * ms, 8000 * ms, 16000 * ms, 30000 * ms, 30000 * ms}},
		{RetryPolicy{BaseDelay: 0, MaxDelay: time.Second}, []time.Duration{0, 0}},
		{RetryPolicy{BaseDelay: -ms}, []time.Duration{0}},
		{RetryPolicy{BaseDelay: 2 * time.Second, MaxDelay: time.Second}, []time.Duration{time.Second, time.Second}},
		{RetryPolicy{BaseDelay: time.Hour}, []time.Duration{time.Hour, 2 * time.Hour, 4 * time.Hour}},
	}
	for _, tt := range tests {
		for i, want := range tt.want {
			if got := tt.p.backoff(i + 1); got != want {
				t.Errorf("%+v.backoff(%d) = %v, want %v", tt.p, i+1, got, want)
			}
		}
	}
	// Doubling never overflows.
	if d := (RetryPolicy{BaseDelay: time.Hour}).backoff(200); d <= 0 {
		t.Errorf("backoff overflowed: %v", d)
	}
	for range 100 {
		if j := fullJitter(time.Second); j < 0 || j > time.Second {
			t.Fatalf("fullJitter(1s) = %v", j)
		}
	}
	if j := fullJitter(0); j != 0 {
		t.Errorf("fullJitter(0) = %v", j)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		value  string
		want   time.Duration
		wantOK bool
	}{
		{"", 0, false},
		{"0", 0, true},
		{" 5 ", 5 * time.Second, true},
		{"120", 2 * time.Minute, true},
		{"-1", 0, false},
		{"1.5", 0, false},
		{"99999999999999999", time.Duration(1<<63 - 1), true},
		{"Sat, 01 Mar 2025 12:00:30 GMT", 30 * time.Second, true},
		{"Saturday, 01-Mar-25 12:01:00 GMT", time.Minute, true},
		{"Sat, 01 Mar 2025 11:00:00 GMT", 0, true},
		{"tomorrow", 0, false},
	}
	for _, tt := range tests {
		h := http.Header{}
		if tt.value != "" {
			h.Set("Retry-After", tt.value)
		}
		got, ok := retryAfter(h, now)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("retryAfter(%q) = %v, %v; want %v, %v", tt.value, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestIdempotent(t *testing.T) {
	for m, want := range map[string]bool{"GET": true, "HEAD": true, "PUT": true, "DELETE": true, "OPTIONS": true, "POST": false, "PATCH": false} {
		if idempotent(m) != want {
			t.Errorf("idempotent(%s) = %v", m, !want)
		}
	}
}
