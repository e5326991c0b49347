package graphrt

import (
	"net/url"
	"strings"
)

// escapePath escapes one path segment value, such as an ID that may contain
// "/" or "#", so that it stays a single segment.
//
// It is kept out of line: every generated method calls it, and inlining
// url.PathEscape into thousands of methods made a large client's build take
// 70% more time and memory.
//
//go:noinline
func escapePath(segment string) string {
	return url.PathEscape(segment)
}

// odataString renders value as an OData string literal for a function
// parameter in a path: in single quotes, each embedded quote doubled, then
// path-escaped, so O'Neil becomes %27O%27%27Neil%27.
func odataString(value string) string {
	return url.PathEscape("'" + strings.ReplaceAll(value, "'", "''") + "'")
}
