package graphrt

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// RetryPolicy says how often and how patiently a request is retried when
// Graph throttles it (429), is temporarily unavailable (503, 504) or the
// connection fails transiently.
//
// Idempotent methods (GET, HEAD, PUT, DELETE, OPTIONS) are retried on all of
// those. POST and PATCH are retried only when the request certainly was not
// processed: a 429 response or a failure to connect; never after a 503, a
// 504, a timeout or a reset connection, since the change may have been made.
// A Retry-After header is honoured; otherwise the wait is an exponential
// backoff with full jitter. Waits end early when the context is done, and a
// wait that would outlast the context's deadline is not begun.
type RetryPolicy struct {
	// MaxTries is the total number of attempts, the first included; 1 or
	// less means no retry.
	MaxTries int
	// BaseDelay is the backoff before the first retry; it doubles for each
	// further retry. Zero or less retries without waiting.
	BaseDelay time.Duration
	// MaxDelay caps any single wait. A Retry-After asking for longer makes
	// the client give up and return the error at once. Zero or less means no
	// cap.
	MaxDelay time.Duration
}

// DefaultRetryPolicy makes up to 4 attempts, backing off from 0.5 s and
// waiting at most 30 s at a time: enough to ride out ordinary throttling
// without stalling a caller for minutes.
var DefaultRetryPolicy = RetryPolicy{MaxTries: 4, BaseDelay: 500 * time.Millisecond, MaxDelay: 30 * time.Second}

// backoff is the upper bound of the wait before retry number n (n >= 1).
func (p RetryPolicy) backoff(n int) time.Duration {
	d := p.BaseDelay
	if d <= 0 {
		return 0
	}
	for range n - 1 {
		if (p.MaxDelay > 0 && d >= p.MaxDelay) || d > math.MaxInt64/2 {
			break
		}
		d *= 2
	}
	if p.MaxDelay > 0 {
		d = min(d, p.MaxDelay)
	}
	return d
}

// idempotent reports whether repeating a request with this method has the
// same effect as sending it once (RFC 9110, section 9.2.2).
func idempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions, http.MethodTrace:
		return true
	}
	return false
}

// retryableStatus reports whether a response with this status may be retried
// for the method: 429 always (the request was throttled, not processed), 503
// and 504 only for idempotent methods.
func retryableStatus(method string, status int) bool {
	switch status {
	case http.StatusTooManyRequests:
		return true
	case http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return idempotent(method)
	}
	return false
}

// retryableError reports whether a transport error may be retried for the
// method: any transient error for idempotent methods, only a transient
// failure to connect for the others.
func retryableError(method string, err error) bool {
	if !transientError(err) {
		return false
	}
	if idempotent(method) {
		return true
	}
	op, ok := errors.AsType[*net.OpError](err)
	return ok && op.Op == "dial"
}

// transientError reports whether a transport error is likely to go away:
// network errors, timeouts and connections closed early, but not a canceled
// request, a certificate problem, an unknown host or a malformed request.
func transientError(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) {
		return false
	}
	if ue, ok := errors.AsType[*url.Error](err); ok {
		err = ue.Err // *url.Error is a net.Error whatever it wraps
	}
	switch {
	case hasErrorType[*tls.CertificateVerificationError](err), hasErrorType[x509.UnknownAuthorityError](err),
		hasErrorType[x509.CertificateInvalidError](err), hasErrorType[x509.HostnameError](err),
		hasErrorType[tls.RecordHeaderError](err):
		return false
	}
	if dnsErr, ok := errors.AsType[*net.DNSError](err); ok {
		return !dnsErr.IsNotFound
	}
	if hasErrorType[net.Error](err) {
		return true
	}
	for _, target := range []error{io.EOF, io.ErrUnexpectedEOF, syscall.ECONNRESET, syscall.ECONNREFUSED,
		syscall.ECONNABORTED, syscall.EPIPE, syscall.ETIMEDOUT} {
		if errors.Is(err, target) {
			return true
		}
	}
	return false
}

// retryAfter parses a Retry-After header, in seconds or as an HTTP date
// relative to now; ok is false when the header is absent or malformed.
func retryAfter(h http.Header, now time.Time) (d time.Duration, ok bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		if secs > int64(math.MaxInt64/time.Second) {
			return time.Duration(math.MaxInt64), true
		}
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// hasErrorType reports whether err's tree holds an error of type E.
func hasErrorType[E error](err error) bool {
	_, ok := errors.AsType[E](err)
	return ok
}
