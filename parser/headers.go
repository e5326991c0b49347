package parser

import (
	"regexp"
	"strings"
)

// knownHeaders are request header names that reference pages use. A name
// on this list is taken as written; a name that is not (a translated name
// on a plain localized page, "Autorização" for Authorization) is read from
// its value, which translation leaves recognisable.
var knownHeaders = map[string]bool{}

func init() {
	for _, h := range []string{
		"Accept", "Accept-Charset", "Accept-Encoding", "Accept-Language", "Authorization", "Cache-Control",
		"client-request-id", "ConsistencyLevel", "Content-Disposition", "Content-Encoding", "Content-Language",
		"Content-Length", "Content-Range", "Content-Type", "Cookie", "Date", "Expect", "Host", "If-Match",
		"If-Modified-Since", "If-None-Match", "If-Range", "If-Unmodified-Since", "Location", "Origin",
		"Prefer", "Range", "Referer", "return-client-request-id", "Retry-After", "Transfer-Encoding",
		"User-Agent", "Workbook-Session-Id", "X-AnchorMailbox", "Ocp-Apim-Subscription-Key", "Slug",
	} {
		knownHeaders[strings.ToLower(h)] = true
	}
}

var (
	tokenValue     = regexp.MustCompile(`(?i)bearer|[{<]\s*(access[ _-]?)?token\s*[}>]|&lt;\s*token\s*&gt;`)
	preferValue    = regexp.MustCompile(`(?i)outlook\.[a-z-]+|odata\.[a-z-]+|respond-async|include-unknown-enum-members|\bprefer\b|[\pL\d_.-]+=[\pL\d{"']`)
	eventualValue  = regexp.MustCompile(`(?i)\beventual\b`)
	rangeValue     = regexp.MustCompile(`(?i)\bbytes\s*=\s*[\d{]`)
	mediaTypeValue = regexp.MustCompile(`(?i)\b(application|text|image|multipart|audio|video)/[a-z0-9.+*-]+|\*/\*`)
)

// isHeaderToken tells whether s could be an HTTP field name (RFC 9110 token).
func isHeaderToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"(),/:;<=>?@[\]{}`, c) >= 0 {
			return false
		}
	}
	return true
}

// canonicalHeader returns the header a row documents. written is the name
// cell in the page's reading language, value the description cell and
// first whether the row is the table's first. inferred reports a name that
// had to be read from the value.
func canonicalHeader(written, value string, first bool) (name string, inferred bool) {
	if knownHeaders[strings.ToLower(written)] || strings.HasPrefix(strings.ToLower(written), "x-") || strings.ContainsRune(written, '-') && isHeaderToken(written) {
		return written, false
	}
	switch {
	case tokenValue.MatchString(value):
		return "Authorization", true
	case rangeValue.MatchString(value):
		return "Range", true
	case preferValue.MatchString(value):
		return "Prefer", true
	case eventualValue.MatchString(value):
		return "ConsistencyLevel", true
	case mediaTypeValue.MatchString(value):
		// Content-Type keeps its name in translation (it is not a word);
		// the one-word Accept is the header that gets translated.
		return "Accept", true
	case first:
		// Every reference page lists Authorization first; a translated
		// first row whose value says nothing recognisable is still it.
		return "Authorization", true
	}
	return written, false
}
