package graphrt

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strings"
)

// page is one response of a Graph collection.
type page[T any] struct {
	Value     []T    `json:"value"`
	NextLink  string `json:"@odata.nextLink"`
	DeltaLink string `json:"@odata.deltaLink"`
	Count     *int64 `json:"@odata.count"`
}

// pages iterates over a collection: it performs cl, yields the items of the
// "value" array, then follows @odata.nextLink with GET (the link already
// carries the query, so options' query parameters are not re-added, but
// their headers are) until there is none, reporting @odata.deltaLink and
// @odata.count to a WithCollectionInfo option; FromLink starts it at a
// saved link instead of cl's path. It stops when the consumer
// breaks. On failure it yields the zero T with the error once and stops; a
// next link seen before or pointing to another scheme or host than the base
// URL is such a failure, so that a loop does not spin forever and a token is
// never sent elsewhere.
//
// Kept out of line for the same reason as escapePath: inlined, its closure
// was compiled again in every collection method.
//
//go:noinline
func pages[T any](ctx context.Context, c *Client, cl *call, opts []RequestOption) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		fail := func(err error) {
			var zero T
			yield(zero, err)
		}
		ro := collectOptions(opts)
		if ro.info != nil {
			*ro.info = CollectionInfo{}
		}
		req, err := c.newRequest(cl, ro)
		if err != nil {
			fail(err)
			return
		}
		if ro.link != "" {
			if req, err = c.startAt(req, ro.link); err != nil {
				fail(err)
				return
			}
		}
		seen := map[string]bool{req.url: true}
		for {
			var p page[T]
			if _, err := c.exchange(ctx, req, &p); err != nil {
				fail(err)
				return
			}
			ro.info.record(p.NextLink, p.DeltaLink, p.Count)
			for _, v := range p.Value {
				if !yield(v, nil) {
					return
				}
			}
			if p.NextLink == "" {
				return
			}
			next, err := c.nextURL(req.method, req.url, p.NextLink)
			if err != nil {
				fail(err)
				return
			}
			if seen[next] {
				fail(fmt.Errorf("graph: %s %s: @odata.nextLink repeats an earlier page: %s", req.method, req.url, next))
				return
			}
			seen[next] = true
			req = &request{method: http.MethodGet, url: next, header: req.header.Clone(), name: req.name}
			req.header.Del("Content-Type")
		}
	}
}

// nextURL resolves a next link against the current URL and checks that it
// stays on the base URL's scheme and host.
func (c *Client) nextURL(method, current, link string) (string, error) {
	bad := func(why string) error {
		return fmt.Errorf("graph: %s %s: @odata.nextLink %q %s", method, current, link, why)
	}
	cur, err := url.Parse(current)
	if err != nil {
		return "", bad("cannot be resolved: " + err.Error())
	}
	ref, err := url.Parse(link)
	if err != nil {
		return "", bad("is malformed: " + err.Error())
	}
	next := cur.ResolveReference(ref)
	base, err := url.Parse(c.base())
	if err != nil {
		return "", bad("cannot be checked against the base URL: " + err.Error())
	}
	if origin(next) != origin(base) {
		return "", bad("points away from " + base.Scheme + "://" + base.Host)
	}
	return next.String(), nil
}

// origin is u's scheme, host and port, lower-cased and with the default port
// made explicit, for comparing where requests go.
func origin(u *url.URL) string {
	scheme := strings.ToLower(u.Scheme)
	port := u.Port()
	if port == "" {
		switch scheme {
		case "https":
			port = "443"
		case "http":
			port = "80"
		}
	}
	return scheme + "://" + strings.ToLower(u.Hostname()) + ":" + port
}
