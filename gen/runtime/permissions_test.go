package graphrt

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// testPermissionTable is a table as a generated package holds it: GET /me
// as its page documents it, sendMail, an operation whose page documents no
// application permission ("-": not supported) and one that says nothing
// ("?").
const testPermissionTable = permissionTableMagic + `
GetMe	GET /me	User.Read User.ReadWrite User.ReadBasic.All User.Read.All	User.Read User.ReadWrite	User.Read.All User.ReadWrite.All Directory.Read.All
PostMeSendMail	POST /me/sendMail	Mail.Send	Mail.Send	Mail.Send
GetMeMailboxSettings	GET /me/mailboxSettings	MailboxSettings.Read	MailboxSettings.Read	-
GetOrganization	GET /organization	?	?	?
this line is malformed
`

// useTestPermissions makes PermissionsFor read testPermissionTable for the
// duration of the test.
func useTestPermissions(t *testing.T) {
	t.Helper()
	saved := permissionIndex
	permissionIndex = func() map[string]Permissions { return indexPermissions(testPermissionTable) }
	t.Cleanup(func() { permissionIndex = saved })
}

// jwt builds an unsigned token with the given claims, shaped like Entra
// ID's (header.payload.signature, base64url without padding).
func jwt(t *testing.T, claims map[string]any) string {
	t.Helper()
	payload, err := json.Marshal(claims)
	if err != nil {
		t.Fatal(err)
	}
	enc := base64.RawURLEncoding.EncodeToString
	return enc([]byte(`{"typ":"JWT","alg":"RS256"}`)) + "." + enc(payload) + "." + enc([]byte("not-a-signature"))
}

func TestParsePermissionTable(t *testing.T) {
	got := ParsePermissionTable(testPermissionTable)
	want := []Permissions{
		{Method: "GetMe", Operation: "GET /me",
			DelegatedWork:     []string{"User.Read", "User.ReadWrite", "User.ReadBasic.All", "User.Read.All"},
			DelegatedPersonal: []string{"User.Read", "User.ReadWrite"},
			Application:       []string{"User.Read.All", "User.ReadWrite.All", "Directory.Read.All"}},
		{Method: "PostMeSendMail", Operation: "POST /me/sendMail",
			DelegatedWork: []string{"Mail.Send"}, DelegatedPersonal: []string{"Mail.Send"}, Application: []string{"Mail.Send"}},
		{Method: "GetMeMailboxSettings", Operation: "GET /me/mailboxSettings",
			DelegatedWork: []string{"MailboxSettings.Read"}, DelegatedPersonal: []string{"MailboxSettings.Read"}, Application: []string{}},
		{Method: "GetOrganization", Operation: "GET /organization"},
	}
	// Not supported (empty) and not documented (nil) must stay apart.
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ParsePermissionTable (-want +got):\n%s", diff)
	}
	if got := ParsePermissionTable("GetMe\tGET /me\t?\t?\t?\n"); got != nil {
		t.Errorf("table without its first line: got %v, want nil", got)
	}
}

func TestPermissionsFor(t *testing.T) {
	useTestPermissions(t)
	p, ok := PermissionsFor("PostMeSendMail")
	if !ok || p.Operation != "POST /me/sendMail" || !cmp.Equal(p.Of(PermissionApplication), []string{"Mail.Send"}) {
		t.Errorf("PermissionsFor(PostMeSendMail) = %+v, %v", p, ok)
	}
	if _, ok := PermissionsFor("NoSuchMethod"); ok {
		t.Error("PermissionsFor(NoSuchMethod): ok, want not found")
	}
}

// TestForbiddenNamesPermissions: a 403 comes back as *Error carrying the
// operation's documented permissions, and its message names the least
// privileged ones per kind.
func TestForbiddenNamesPermissions(t *testing.T) {
	useTestPermissions(t)
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		reply(w, 403, `{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation.","innerError":{"request-id":"rid-403"}}}`)
	})
	c, _ := newTestClient(srv.URL)
	_, err := c.send(context.Background(), &call{method: "GET", path: "/me", name: "GetMe"}, nil, nil)
	gerr, ok := errors.AsType[*Error](err)
	if !ok {
		t.Fatalf("error %v (%T), want *Error", err, err)
	}
	want := "graph: GET " + srv.URL + "/me: 403 Authorization_RequestDenied: Insufficient privileges to complete the operation. (request-id rid-403); " +
		"GET /me needs one of User.Read, User.ReadWrite, … (delegated) or User.Read.All, User.ReadWrite.All, … (application)"
	if got := gerr.Error(); got != want {
		t.Errorf("message:\n got %s\nwant %s", got, want)
	}
	if gerr.Permissions == nil || gerr.Permissions.Method != "GetMe" || len(gerr.Permissions.DelegatedWork) != 4 {
		t.Errorf("Permissions = %+v, want GetMe's", gerr.Permissions)
	}

	// Kinds not supported are left out; the delegated kinds are told apart
	// when they differ.
	p := Permissions{Operation: "GET /me/mailboxSettings", DelegatedWork: []string{"A", "B", "C"}, DelegatedPersonal: []string{"A"}, Application: []string{}}
	if got, want := p.permissionSummary(), "A, B, … (delegated, work or school account) or A (delegated, personal account)"; got != want {
		t.Errorf("summary = %q, want %q", got, want)
	}
	if got := (Permissions{Operation: "GET /organization"}).permissionSummary(); got != "" {
		t.Errorf("summary of an undocumented operation = %q, want empty", got)
	}
}

// TestOtherErrorsCarryNoPermissions: only 401 and 403 are about
// permissions.
func TestOtherErrorsCarryNoPermissions(t *testing.T) {
	useTestPermissions(t)
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		reply(w, 404, `{"error":{"code":"ResourceNotFound","message":"nope"}}`)
	})
	c, _ := newTestClient(srv.URL)
	_, err := c.send(context.Background(), &call{method: "GET", path: "/me", name: "GetMe"}, nil, nil)
	gerr, ok := errors.AsType[*Error](err)
	if !ok || gerr.Permissions != nil || strings.Contains(gerr.Error(), "needs") {
		t.Errorf("404: %v, Permissions %+v; want *Error without permissions", err, gerr)
	}
}

func TestPermissionCheck(t *testing.T) {
	useTestPermissions(t)
	tests := []struct {
		name    string
		method  string // Client method
		token   string
		refused string // the *PermissionError's message; "" when the request goes out
	}{
		{
			name: "delegated token without the permission", method: "GetMe",
			token:   jwt(t, map[string]any{"scp": "Calendars.Read Mail.Read", "tid": "72f988bf-86f1-41af-91ab-2d7cd011db47"}),
			refused: "graph: GetMe (GET /me) needs one of the delegated (work or school account) permissions User.Read, User.ReadWrite, User.ReadBasic.All, User.Read.All; the token holds Calendars.Read, Mail.Read (no request sent)",
		},
		{
			name: "personal account token", method: "GetMe",
			token:   jwt(t, map[string]any{"scp": "Mail.Read", "tid": personalTenant}),
			refused: "graph: GetMe (GET /me) needs one of the delegated (personal Microsoft account) permissions User.Read, User.ReadWrite; the token holds Mail.Read (no request sent)",
		},
		{
			name: "application token without the role", method: "PostMeSendMail",
			token:   jwt(t, map[string]any{"roles": []string{"Mail.Read"}}),
			refused: "graph: PostMeSendMail (POST /me/sendMail) needs one of the application permissions Mail.Send; the token holds Mail.Read (no request sent)",
		},
		{
			name: "application token where the page says not supported", method: "GetMeMailboxSettings",
			token:   jwt(t, map[string]any{"roles": []string{"MailboxSettings.Read"}}),
			refused: "graph: GetMeMailboxSettings (GET /me/mailboxSettings) does not support application permissions; the token holds MailboxSettings.Read (no request sent)",
		},
		{name: "delegated token that covers", method: "GetMe", token: jwt(t, map[string]any{"scp": "openid profile User.ReadWrite"})},
		{name: "scope names compare case-insensitively", method: "GetMe", token: jwt(t, map[string]any{"scp": "user.read"})},
		{name: "application token that covers", method: "GetMe", token: jwt(t, map[string]any{"roles": []string{"Directory.Read.All"}})},
		{name: "opaque token", method: "GetMe", token: "EwAoA8l6BAAUkj1Mopaque"},
		{name: "three parts but no JSON", method: "GetMe", token: "a.b.c"},
		{name: "JWT without scp or roles", method: "GetMe", token: jwt(t, map[string]any{"aud": "https://graph.microsoft.com"})},
		{name: "operation without documented permissions", method: "GetOrganization", token: jwt(t, map[string]any{"scp": "User.Read"})},
		{name: "method not in the table", method: "", token: jwt(t, map[string]any{"scp": "User.Read"})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 204, "") })
			c, _ := newTestClient(srv.URL, WithTokenSource(StaticToken(tt.token)), WithPermissionCheck())
			_, err := c.send(context.Background(), &call{method: "GET", path: "/x", name: tt.method}, nil, nil)
			hits := len(srv.Hits())
			if tt.refused == "" {
				if err != nil || hits != 1 {
					t.Fatalf("err %v, %d requests; want it sent once without error", err, hits)
				}
				return
			}
			perr, ok := errors.AsType[*PermissionError](err)
			if !ok {
				t.Fatalf("err %v (%T), want *PermissionError", err, err)
			}
			if hits != 0 {
				t.Errorf("%d requests reached the server, want none", hits)
			}
			if got := perr.Error(); got != tt.refused {
				t.Errorf("message:\n got %s\nwant %s", got, tt.refused)
			}
		})
	}
}

// TestPermissionCheckOff: without the option a token lacking the
// permission is sent, and the service's 403 explains.
func TestPermissionCheckOff(t *testing.T) {
	useTestPermissions(t)
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 204, "") })
	c, _ := newTestClient(srv.URL, WithTokenSource(StaticToken(jwt(t, map[string]any{"scp": "Calendars.Read"}))))
	if _, err := c.send(context.Background(), &call{method: "GET", path: "/me", name: "GetMe"}, nil, nil); err != nil || len(srv.Hits()) != 1 {
		t.Errorf("err %v, %d requests; want it sent", err, len(srv.Hits()))
	}
}

// TestPermissionCheckHeaderToken: a token the caller put in the
// Authorization header is checked too.
func TestPermissionCheckHeaderToken(t *testing.T) {
	useTestPermissions(t)
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 204, "") })
	c, _ := newTestClient(srv.URL, WithPermissionCheck())
	opt := WithHeader("Authorization", "Bearer "+jwt(t, map[string]any{"roles": []string{"Mail.Read"}}))
	_, err := c.send(context.Background(), &call{method: "POST", path: "/me/sendMail", name: "PostMeSendMail"}, []RequestOption{opt}, nil)
	if _, ok := errors.AsType[*PermissionError](err); !ok || len(srv.Hits()) != 0 {
		t.Errorf("err %v, %d requests; want a *PermissionError and none", err, len(srv.Hits()))
	}
}
