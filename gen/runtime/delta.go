package graphrt

import "net/http"

// CollectionInfo receives what a collection's responses say besides their
// items, for a caller that passes WithCollectionInfo:
//
//	var info graph.CollectionInfo
//	for ev, err := range client.ListMeEventsDelta(ctx, graph.WithCollectionInfo(&info)) { … }
//	save(info.DeltaLink) // later: client.ListMeEventsDelta(ctx, graph.FromLink(saved))
type CollectionInfo struct {
	// DeltaLink is the @odata.deltaLink of the last page of a delta query:
	// the link that starts the next round, returning only what changed.
	DeltaLink string
	// NextLink is the @odata.nextLink of the last page read, "" once the
	// collection is exhausted: where to resume an iteration stopped early.
	NextLink string
	// Count is the @odata.count the service sent (ask with Count(true)),
	// nil when it sent none.
	Count *int64
}

// record stores what one page said; a nil info records nothing.
func (info *CollectionInfo) record(next, delta string, count *int64) {
	if info == nil {
		return
	}
	info.NextLink = next
	if delta != "" {
		info.DeltaLink = delta
	}
	if count != nil && info.Count == nil {
		n := *count
		info.Count = &n
	}
}

// WithCollectionInfo makes a collection method report its @odata.deltaLink,
// @odata.nextLink and @odata.count into info as it pages.
func WithCollectionInfo(info *CollectionInfo) RequestOption {
	return func(ro *requestOptions) { ro.info = info }
}

// FromLink starts a collection method at a link saved from an earlier
// iteration: an @odata.deltaLink (the next round of a delta query) or an
// @odata.nextLink. The link carries its own query, so the method's query
// options are not added; it must be on the client's base URL's host.
func FromLink(link string) RequestOption {
	return func(ro *requestOptions) { ro.link = link }
}

// startAt replaces req's URL with a saved link, checked like a next link.
func (c *Client) startAt(req *request, link string) (*request, error) {
	u, err := c.nextURL(req.method, req.url, link)
	if err != nil {
		return nil, err
	}
	h := req.header.Clone()
	h.Del("Content-Type")
	return &request{method: http.MethodGet, url: u, header: h, success: req.success, name: req.name}, nil
}
