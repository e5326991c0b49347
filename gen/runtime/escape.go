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

// escapeItemPath escapes a path of path-based addressing, the value of
// `root:/{item-path}:` or `{parent-id}:/{filename}:`: each "/"-separated
// part is escaped as escapePath does, and the "/" between them are kept, so
// "Documents/Reports/q1 notes.txt" is sent as
// "Documents/Reports/q1%20notes.txt". Leading and trailing "/" are kept as
// given.
//
//go:noinline
func escapeItemPath(path string) string {
	parts := strings.Split(path, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.Join(parts, "/")
}
