package graphrt

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// RequestOption adjusts one call: extra headers, query parameters and the
// OData system query options. Options are applied in order and override what
// the method itself sets, so a later option wins.
type RequestOption func(*requestOptions)

// requestOptions collects what RequestOptions set for one call.
type requestOptions struct {
	header http.Header
	query  url.Values
	// info and link are for collections (delta.go): where to report
	// @odata.deltaLink and @odata.count, and a saved link to start from.
	info *CollectionInfo
	link string
}

// collectOptions applies opts to a fresh requestOptions.
func collectOptions(opts []RequestOption) *requestOptions {
	ro := &requestOptions{header: http.Header{}, query: url.Values{}}
	for _, opt := range opts {
		if opt != nil {
			opt(ro)
		}
	}
	return ro
}

// WithHeader sets a request header, replacing any value the method or an
// earlier option set: for documented optional headers such as
// ConsistencyLevel or Prefer.
func WithHeader(name, value string) RequestOption {
	return func(ro *requestOptions) { ro.header.Set(name, value) }
}

// WithQuery sets a raw query parameter, replacing any value the method or an
// earlier option set. The value is escaped by the client.
func WithQuery(name, value string) RequestOption {
	return func(ro *requestOptions) { ro.query.Set(name, value) }
}

// Select limits the properties returned ($select), which makes responses
// smaller and sometimes is the only way to get non-default properties.
func Select(fields ...string) RequestOption {
	return WithQuery("$select", strings.Join(fields, ","))
}

// Expand includes related entities inline ($expand), saving round trips.
func Expand(fields ...string) RequestOption {
	return WithQuery("$expand", strings.Join(fields, ","))
}

// Filter restricts a collection to the items matching an OData expression
// ($filter), e.g. Filter("startswith(displayName,'A')").
func Filter(expr string) RequestOption {
	return WithQuery("$filter", expr)
}

// OrderBy sorts a collection ($orderby); each field may carry " desc".
func OrderBy(fields ...string) RequestOption {
	return WithQuery("$orderby", strings.Join(fields, ","))
}

// Search restricts a collection by a search expression ($search). Graph
// wants the value in double quotes, which the caller supplies, e.g.
// Search(`"displayName:Joe"`).
func Search(expr string) RequestOption {
	return WithQuery("$search", expr)
}

// Top sets the page size ($top). Paging still follows @odata.nextLink.
func Top(n int) RequestOption {
	return WithQuery("$top", strconv.Itoa(n))
}

// Skip skips the first n items of a collection ($skip).
func Skip(n int) RequestOption {
	return WithQuery("$skip", strconv.Itoa(n))
}

// Count asks for the total number of matching items ($count), which
// advanced queries in directory resources require.
func Count(b bool) RequestOption {
	return WithQuery("$count", strconv.FormatBool(b))
}

// SkipToken resumes a collection at a server-issued token ($skiptoken),
// for callers that persist paging state themselves.
func SkipToken(tok string) RequestOption {
	return WithQuery("$skiptoken", tok)
}
