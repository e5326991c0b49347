package gen

import (
	"testing"

	"github.com/docs2go/docs2go/gen/runtime"
	"github.com/docs2go/docs2go/parser"
	"github.com/google/go-cmp/cmp"
)

// TestPermissionTableRoundTrip: what the generator writes, the runtime
// reads back as the pages say: order kept, "not supported" apart from "not
// documented", names no token could carry dropped, repeats once.
func TestPermissionTableRoundTrip(t *testing.T) {
	page := func(p parser.Permissions) *parser.Page { return &parser.Page{Permissions: p} }
	ops := []*operation{
		{name: "PostMeSendMail", op: parser.Operation{Method: "POST", Path: "/me/sendMail"},
			page: page(parser.Permissions{DelegatedWork: []string{"Mail.Send"}, DelegatedPersonal: []string{"Mail.Send"}, Application: []string{"Mail.Send"}})},
		{name: "GetMe", op: parser.Operation{Method: "GET", Path: "/me\t`x`"},
			page: page(parser.Permissions{
				DelegatedWork:     []string{"User.Read", "User.ReadWrite", "User.Read", "two words", "-", "?", "a`b", ""},
				DelegatedPersonal: []string{},
				Application:       nil,
			})},
		{name: "GetOrganization", op: parser.Operation{Method: "GET", Path: "/organization"},
			page: page(parser.Permissions{DelegatedWork: []string{"bad\u202ename"}})},
	}
	got := graphrt.ParsePermissionTable(permissionTable(ops))
	want := []graphrt.Permissions{
		{Method: "GetMe", Operation: "GET /me 'x'", DelegatedWork: []string{"User.Read", "User.ReadWrite"}, DelegatedPersonal: []string{}},
		{Method: "GetOrganization", Operation: "GET /organization", DelegatedWork: []string{}},
		{Method: "PostMeSendMail", Operation: "POST /me/sendMail",
			DelegatedWork: []string{"Mail.Send"}, DelegatedPersonal: []string{"Mail.Send"}, Application: []string{"Mail.Send"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("table read back (-want +got):\n%s", diff)
	}
}
