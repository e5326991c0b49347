package graphrt

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// PermissionKind is the kind of permission an app holds: delegated for a
// work or school account, delegated for a personal Microsoft account, or an
// application permission.
type PermissionKind int

// The permission kinds, in the order the reference pages list them.
const (
	PermissionDelegatedWork     PermissionKind = iota + 1 // delegated, work or school account ("scp" claim)
	PermissionDelegatedPersonal                           // delegated, personal Microsoft account ("scp" claim)
	PermissionApplication                                 // application ("roles" claim)
)

// String names the kind as the reference pages do.
func (k PermissionKind) String() string {
	switch k {
	case PermissionDelegatedWork:
		return "delegated (work or school account)"
	case PermissionDelegatedPersonal:
		return "delegated (personal Microsoft account)"
	case PermissionApplication:
		return "application"
	}
	return fmt.Sprintf("PermissionKind(%d)", int(k))
}

// Permissions are the permissions the reference page of one operation
// documents, per kind, in the page's order: from least to most privileged.
// A nil list means the page does not say; an empty, non-nil list means
// the kind is "Not supported".
type Permissions struct {
	Method            string   // the Client method, e.g. "GetMe"
	Operation         string   // the documented request, e.g. "GET /me"
	DelegatedWork     []string // delegated (work or school account)
	DelegatedPersonal []string // delegated (personal Microsoft account)
	Application       []string // application
}

// Of returns the permissions of kind k (nil: not documented; empty: not
// supported).
func (p Permissions) Of(k PermissionKind) []string {
	switch k {
	case PermissionDelegatedWork:
		return p.DelegatedWork
	case PermissionDelegatedPersonal:
		return p.DelegatedPersonal
	case PermissionApplication:
		return p.Application
	}
	return nil
}

// PermissionsFor returns the documented permissions of a Client method,
// by its Go name ("GetMe"); ok is false for an unknown name.
func PermissionsFor(method string) (p Permissions, ok bool) {
	p, ok = permissionIndex()[method]
	return p, ok
}

// permissionIndex is PermissionTable read once, on first use, so that a
// program that never asks pays nothing at start-up. Tests replace it.
var permissionIndex = sync.OnceValue(func() map[string]Permissions {
	return indexPermissions(PermissionTable)
})

// indexPermissions maps a table's entries by method.
func indexPermissions(table string) map[string]Permissions {
	m := map[string]Permissions{}
	for _, p := range ParsePermissionTable(table) {
		m[p.Method] = p
	}
	return m
}

// permissionTableMagic is the first line of a PermissionTable.
const permissionTableMagic = "docs2go permissions v1"

// ParsePermissionTable reads the format of PermissionTable: a first line
// "docs2go permissions v1", then one line per method with five
// tab-separated fields: method, operation ("GET /me"), then the
// delegated work, delegated personal and application permissions, each a
// space-separated list, "-" when the kind is not supported and "?" when the
// page does not say. Malformed lines are skipped. Tools (docs2go
// permissions) read a client's table with it.
func ParsePermissionTable(table string) []Permissions {
	lines := strings.Split(table, "\n")
	if len(lines) == 0 || strings.TrimSpace(lines[0]) != permissionTableMagic {
		return nil
	}
	var out []Permissions
	for _, line := range lines[1:] {
		f := strings.Split(strings.TrimSpace(line), "\t")
		if len(f) != 5 || f[0] == "" {
			continue
		}
		out = append(out, Permissions{
			Method: f[0], Operation: f[1],
			DelegatedWork: permissionList(f[2]), DelegatedPersonal: permissionList(f[3]), Application: permissionList(f[4]),
		})
	}
	return out
}

// permissionList reads one kind's field of a table line.
func permissionList(field string) []string {
	switch field {
	case "?":
		return nil
	case "-":
		return []string{}
	}
	return strings.Fields(field)
}

// permissionSummary renders the least-privileged permissions of each
// documented, supported kind, for an error message: "User.Read,
// User.ReadWrite, … (delegated) or User.Read.All, … (application)". The two
// delegated kinds are named once when their shown permissions agree. It is
// "" when the page documents none.
func (p Permissions) permissionSummary() string {
	const shown = 2
	head := func(list []string) ([]string, bool) {
		return list[:min(len(list), shown)], len(list) > shown
	}
	render := func(list []string, more bool) string {
		s := strings.Join(list, ", ")
		if more {
			s += ", …"
		}
		return s
	}
	var parts []string
	work, workMore := head(p.DelegatedWork)
	pers, persMore := head(p.DelegatedPersonal)
	switch {
	case len(work) > 0 && slices.Equal(work, pers):
		parts = append(parts, render(work, workMore || persMore)+" (delegated)")
	default:
		if len(work) > 0 {
			parts = append(parts, render(work, workMore)+" (delegated, work or school account)")
		}
		if len(pers) > 0 {
			parts = append(parts, render(pers, persMore)+" (delegated, personal account)")
		}
	}
	if app, more := head(p.Application); len(app) > 0 {
		parts = append(parts, render(app, more)+" (application)")
	}
	return strings.Join(parts, " or ")
}

// WithPermissionCheck makes the client read the permissions in each
// request's bearer token before sending it: the "scp" claim (delegated) or
// "roles" claim (application) of the token's JWT payload, decoded without
// verifying the signature (the service does that). When the operation's
// reference page documents permissions for the token's kind and the token
// holds none of them, the call fails before any request with a
// *PermissionError. Tokens that are not JWTs (personal-account tokens can
// be opaque), tokens without either claim and operations without
// documented permissions pass unchecked.
func WithPermissionCheck() ClientOption {
	return func(c *Client) { c.checkPermissions = true }
}

// PermissionError is returned by a client made WithPermissionCheck when the
// bearer token holds none of the permissions an operation's reference page
// documents for the token's kind; no request was sent.
type PermissionError struct {
	Method    string         // the Client method, e.g. "GetMe"
	Operation string         // the documented request, e.g. "GET /me"
	Kind      PermissionKind // the token's kind
	Held      []string       // the token's permissions ("scp" or "roles")
	Needed    []string       // the documented permissions of Kind, least privileged first; empty: not supported
}

// Error names the operation, what the token holds and what it needs.
func (e *PermissionError) Error() string {
	held := "no permissions"
	if len(e.Held) > 0 {
		held = strings.Join(e.Held, ", ")
	}
	if len(e.Needed) == 0 {
		return fmt.Sprintf("graph: %s (%s) does not support %s permissions; the token holds %s (no request sent)",
			e.Method, e.Operation, e.Kind, held)
	}
	return fmt.Sprintf("graph: %s (%s) needs one of the %s permissions %s; the token holds %s (no request sent)",
		e.Method, e.Operation, e.Kind, strings.Join(e.Needed, ", "), held)
}

// personalTenant is the tenant id ("tid") of tokens issued to personal
// Microsoft accounts.
const personalTenant = "9188040d-6c67-4c5b-b112-36a304b66dad"

// tokenClaims are the claims the permission check reads.
type tokenClaims struct {
	Scp   string   `json:"scp"`
	Roles []string `json:"roles"`
	Tid   string   `json:"tid"`
}

// tokenPermissions reads the kind and permissions of a bearer token; ok is
// false for a token that is not a JWT or has neither "scp" nor "roles".
func tokenPermissions(token string) (kind PermissionKind, held []string, ok bool) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return 0, nil, false
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return 0, nil, false
	}
	var claims tokenClaims
	if json.Unmarshal(payload, &claims) != nil {
		return 0, nil, false
	}
	switch {
	case strings.TrimSpace(claims.Scp) != "":
		kind = PermissionDelegatedWork
		if strings.EqualFold(claims.Tid, personalTenant) {
			kind = PermissionDelegatedPersonal
		}
		return kind, strings.Fields(claims.Scp), true
	case len(claims.Roles) > 0:
		return PermissionApplication, claims.Roles, true
	}
	return 0, nil, false
}

// checkToken is the permission check of one request of method, sent with
// the Authorization header value auth: nil when it may go.
func checkToken(method, auth string) error {
	tok, ok := strings.CutPrefix(auth, "Bearer ")
	if !ok || method == "" {
		return nil
	}
	perms, ok := PermissionsFor(method)
	if !ok {
		return nil
	}
	kind, held, ok := tokenPermissions(strings.TrimSpace(tok))
	if !ok {
		return nil
	}
	needed := perms.Of(kind)
	if needed == nil {
		return nil
	}
	for _, n := range needed {
		if slices.ContainsFunc(held, func(h string) bool { return strings.EqualFold(h, n) }) {
			return nil
		}
	}
	return &PermissionError{Method: perms.Method, Operation: perms.Operation, Kind: kind, Held: held, Needed: needed}
}
