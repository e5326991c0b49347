package graphrt

import (
	"context"
	"math"
	"math/rand/v2"
	"net/http"
	"strings"
	"time"
)

// defaultUserAgent identifies generated clients to Graph when the caller
// does not choose a User-Agent of its own.
const defaultUserAgent = "docs2go"

// Client sends requests to Microsoft Graph. It is safe for concurrent use;
// build one with NewClient and share it, so connections and tokens are
// reused. The zero Client works too, like NewClient() without retries.
type Client struct {
	http      *http.Client
	baseURL   string // without trailing slash
	tokens    TokenSource
	retry     RetryPolicy
	userAgent string

	checkPermissions bool // WithPermissionCheck

	// Seams for tests: how to wait, what time it is, and how much of a
	// backoff to actually wait (full jitter).
	sleep  func(ctx context.Context, d time.Duration) error
	now    func() time.Time
	jitter func(d time.Duration) time.Duration
}

// base returns the base URL, DefaultBaseURL for a zero Client.
func (c *Client) base() string {
	if c.baseURL == "" {
		return strings.TrimRight(DefaultBaseURL, "/")
	}
	return c.baseURL
}

// ClientOption configures a Client in NewClient, so that new settings can be
// added without breaking callers.
type ClientOption func(*Client)

// NewClient returns a Client talking to DefaultBaseURL through
// http.DefaultClient, without authentication and with DefaultRetryPolicy,
// each of which an option can change.
func NewClient(opts ...ClientOption) *Client {
	c := &Client{
		http:      http.DefaultClient,
		baseURL:   strings.TrimRight(DefaultBaseURL, "/"),
		retry:     DefaultRetryPolicy,
		userAgent: defaultUserAgent,
		sleep:     sleepContext,
		now:       time.Now,
		jitter:    fullJitter,
	}
	for _, opt := range opts {
		if opt != nil {
			opt(c)
		}
	}
	return c
}

// WithHTTPClient sets the *http.Client used for every request, to control
// transport, proxies, timeouts or instrumentation. Nil keeps
// http.DefaultClient.
func WithHTTPClient(hc *http.Client) ClientOption {
	return func(c *Client) {
		if hc != nil {
			c.http = hc
		}
	}
}

// WithBaseURL sets the service root that request paths are appended to, e.g.
// "https://graph.microsoft.com/beta" or a national cloud endpoint. A trailing
// slash is ignored; an empty string keeps DefaultBaseURL.
func WithBaseURL(u string) ClientOption {
	return func(c *Client) {
		if u = strings.TrimRight(u, "/"); u != "" {
			c.baseURL = u
		}
	}
}

// WithTokenSource sets where bearer tokens come from. It is asked before
// every attempt, so it should cache tokens and refresh them when they expire.
func WithTokenSource(ts TokenSource) ClientOption {
	return func(c *Client) { c.tokens = ts }
}

// WithRetryPolicy replaces DefaultRetryPolicy, e.g. with RetryPolicy{} to
// disable retries.
func WithRetryPolicy(p RetryPolicy) ClientOption {
	return func(c *Client) { c.retry = p }
}

// WithUserAgent sets the User-Agent header, so that an application can be
// identified in Graph's logs and throttling reports. Empty keeps the default.
func WithUserAgent(ua string) ClientOption {
	return func(c *Client) {
		if ua != "" {
			c.userAgent = ua
		}
	}
}

// TokenSource supplies OAuth 2.0 access tokens for Graph. It is deliberately
// minimal so that azidentity credentials, golang.org/x/oauth2 token sources
// or a fixed token plug in with a few lines, without this package importing
// them.
type TokenSource interface {
	// Token returns a valid access token, without the "Bearer " prefix.
	Token(ctx context.Context) (string, error)
}

// TokenSourceFunc adapts a function to a TokenSource, e.g. a closure around
// azidentity's GetToken with the "https://graph.microsoft.com/.default"
// scope.
type TokenSourceFunc func(ctx context.Context) (string, error)

// Token calls f.
func (f TokenSourceFunc) Token(ctx context.Context) (string, error) { return f(ctx) }

// StaticToken returns a TokenSource that always yields token: handy for
// scripts and tests, where the token outlives the program.
func StaticToken(token string) TokenSource {
	return TokenSourceFunc(func(context.Context) (string, error) { return token, nil })
}

// sleepContext waits for d or until ctx is done, whichever comes first.
func sleepContext(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// fullJitter picks a wait uniformly in [0, d].
func fullJitter(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	return rand.N(min(d, math.MaxInt64-1) + 1)
}
