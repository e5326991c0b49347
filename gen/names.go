package gen

import (
	"fmt"
	"go/token"
	"hash/fnv"
	"strconv"
	"strings"
	"unicode"

	"github.com/docs2go/docs2go/parser"
)

// This file is the one place where Go identifiers are made from Graph
// names: path segments, parameters, headers. Every identifier in a
// generated client goes through pascal or camel.

// initialisms are words written all in capitals in Go identifiers (plus a
// few with their own casing, like OData), keyed by their lower-case form.
var initialisms = map[string]string{
	"acl": "ACL", "api": "API", "ascii": "ASCII", "cpu": "CPU", "css": "CSS",
	"dns": "DNS", "eof": "EOF", "guid": "GUID", "html": "HTML", "http": "HTTP",
	"https": "HTTPS", "id": "ID", "ids": "IDs", "ip": "IP", "json": "JSON",
	"odata": "OData", "os": "OS", "sla": "SLA", "smtp": "SMTP", "sql": "SQL",
	"ssh": "SSH", "tcp": "TCP", "tls": "TLS", "ttl": "TTL", "udp": "UDP",
	"ui": "UI", "uid": "UID", "uri": "URI", "url": "URL", "utf8": "UTF8",
	"uuid": "UUID", "vm": "VM", "xml": "XML", "xmpp": "XMPP", "xsrf": "XSRF",
	"xss": "XSS",
}

// words splits a Graph name into words: at every character that is not an
// ASCII letter or digit ("@odata.type", "item-id", "$value"), and inside
// camel case ("userPrincipalName", "HTTPRequest"). Digits stay with the word
// before them ("office365", "UTF8").
func words(s string) []string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, string(cur))
			cur = cur[:0]
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		if !isASCIIAlnum(r) {
			flush()
			continue
		}
		if len(cur) > 0 && isUpper(r) {
			prev := cur[len(cur)-1]
			nextLower := i+1 < len(rs) && isLower(rs[i+1])
			if isLower(prev) || isDigit(prev) || (isUpper(prev) && nextLower) {
				flush()
			}
		}
		cur = append(cur, r)
	}
	flush()
	return out
}

func isASCIIAlnum(r rune) bool { return isLower(r) || isUpper(r) || isDigit(r) }
func isLower(r rune) bool      { return r >= 'a' && r <= 'z' }
func isUpper(r rune) bool      { return r >= 'A' && r <= 'Z' }
func isDigit(r rune) bool      { return r >= '0' && r <= '9' }

// titleWord writes one word the way it appears inside a Go identifier.
func titleWord(w string) string {
	lw := strings.ToLower(w)
	if ini, ok := initialisms[lw]; ok {
		return ini
	}
	return strings.ToUpper(lw[:1]) + lw[1:]
}

// pascal turns a Graph name into an exported Go name: "userPrincipalName" →
// "UserPrincipalName", "id" → "ID", "@odata.type" → "ODataType", "$value" →
// "Value". It returns "" for a name without letters or digits; the result
// may start with a digit, for callers that append it to a prefix.
func pascal(s string) string {
	var b strings.Builder
	for _, w := range words(s) {
		b.WriteString(titleWord(w))
	}
	return b.String()
}

// camel turns a Graph name into an unexported Go name: "userPrincipalName"
// → "userPrincipalName", "ID" → "id", "item-id" → "itemID". The result is
// always a valid identifier and never a Go keyword: "" gives "v", a leading
// digit gets a "v" prefix, a keyword an "Arg" suffix.
func camel(s string) string {
	ws := words(s)
	var b strings.Builder
	for i, w := range ws {
		if i == 0 {
			b.WriteString(strings.ToLower(w))
			continue
		}
		b.WriteString(titleWord(w))
	}
	out := b.String()
	switch {
	case out == "":
		return "v"
	case unicode.IsDigit(rune(out[0])):
		out = "v" + out
	case token.IsKeyword(out):
		out += "Arg"
	}
	return out
}

// verb is the method-name prefix for an HTTP method: GET of a documented
// collection lists, PATCH updates, POST to a plain collection segment
// creates, other POSTs are actions ("Post").
func verb(m parser.Method, collection, create bool) string {
	switch m {
	case "GET":
		if collection {
			return "List"
		}
		return "Get"
	case "PATCH":
		return "Update"
	case "DELETE":
		return "Delete"
	case "PUT":
		return "Put"
	case "POST":
		if create {
			return "Create"
		}
		return "Post"
	}
	return pascal(strings.ToLower(string(m)))
}

// operationName is a method's name: the verb, then the path's words.
//
//   - a literal segment is its words: "deviceManagement" → "DeviceManagement";
//   - a key segment ("{id}", "{id | userPrincipalName}") is "ByID", whatever
//     the placeholder is called, since placeholders are renamed across pages;
//   - a placeholder inside a literal ("root:{item-path}:") is "By" and its name;
//   - a function call is its name, then each fixed argument's name and value
//     ("filterByCurrentUser(on='reviewer')" → "FilterByCurrentUserOnReviewer"),
//     then "By" and the names of the parameter arguments joined by "And"
//     ("getEmailActivityUserDetail(date={d})" → "GetEmailActivityUserDetailByDate"),
//     so that overloads of one function get different names.
//
// The name depends on the operation alone, never on other pages, so adding
// or removing pages never renames a method.
func operationName(op parser.Operation, collection, create bool) string {
	var b strings.Builder
	b.WriteString(verb(op.Method, collection, create))
	n := b.Len()
	for _, seg := range op.Segments {
		switch {
		case seg.Param != nil:
			b.WriteString("ByID")
		case seg.Call:
			b.WriteString(pascal(seg.Literal))
			var params []string
			for _, a := range seg.Args {
				if a.Param != nil {
					params = append(params, pascal(cmpOr(a.Name, a.Param.Name)))
					continue
				}
				b.WriteString(pascal(a.Name))
				b.WriteString(pascal(a.Value))
			}
			if len(params) > 0 {
				b.WriteString("By" + strings.Join(params, "And"))
			}
		default:
			b.WriteString(literalWords(seg.Pieces))
		}
	}
	if b.Len() == n {
		b.WriteString("Root")
	}
	return b.String()
}

// literalWords names a literal segment that may hold placeholders.
func literalWords(pieces []parser.Piece) string {
	var b strings.Builder
	for _, pc := range pieces {
		if pc.Param == nil {
			b.WriteString(pascal(pc.Text))
			continue
		}
		b.WriteString("By" + pascal(pc.Param.Name))
	}
	return b.String()
}

// uniqueName is how every name collision in generated code is settled
// (types, fields, arguments, header options): want itself when free, else
// want+kind, then want+kind+"2", "3", … The caller passes the names it
// must keep clear of. Operation names are the one exception: they take a
// suffix from their own key (collisionSuffix), so that which pages are
// present never renames a method.
func uniqueName(want, kind string, taken func(string) bool) string {
	if !taken(want) {
		return want
	}
	base := want + kind
	name := base
	for i := 2; taken(name) || name == want; i++ {
		name = base + strconv.Itoa(i)
	}
	return name
}

// collisionSuffix is the stable suffix that tells apart operations whose
// names still collide: a hash of the method and the normalized path, so it
// depends on the operation alone.
func collisionSuffix(key string) string {
	h := fnv.New32a()
	h.Write([]byte(key))
	return fmt.Sprintf("Op%08X", h.Sum32())
}

// headerOptionName is the option function for a documented header:
// "Prefer" → "WithPrefer", "ConsistencyLevel" → "WithConsistencyLevel",
// "MS-APP-ACTS-AS" → "WithMsAppActsAs".
func headerOptionName(header string) string {
	return "With" + pascal(header)
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
