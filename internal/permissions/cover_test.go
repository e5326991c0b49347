package permissions

import (
	"testing"

	graphrt "github.com/docs2go/docs2go/gen/runtime"
	"github.com/google/go-cmp/cmp"
)

func TestCover(t *testing.T) {
	tests := []struct {
		name  string
		calls [][]string // each call's accepted permissions, in the program's order
		other [][]string // lists of the client's other operations (the docs' order)
		want  []string
	}{
		{
			name: "one least privileged permission per call",
			calls: [][]string{
				{"User.Read", "User.ReadWrite", "User.ReadBasic.All", "User.Read.All"},
				{"Mail.Read", "Mail.ReadWrite"},
				{"Mail.Send"},
			},
			want: []string{"User.Read", "Mail.Read", "Mail.Send"},
		},
		{
			name: "a permission one call needs anyway covers another",
			calls: [][]string{
				{"User.Read", "User.ReadWrite", "User.Read.All"},
				{"User.ReadWrite", "User.ReadWrite.All"},
			},
			want: []string{"User.ReadWrite"},
		},
		{
			// The pages rank Z.Read.All both above and below X.Read and
			// Y.Read: it is not more privileged than them, and one
			// permission replaces two.
			name:  "a broad permission not more privileged than the narrow ones replaces them",
			calls: [][]string{{"X.Read", "Z.Read.All"}, {"Y.Read", "Z.Read.All"}},
			other: [][]string{{"Z.Read.All", "X.Read"}, {"Z.Read.All", "Y.Read"}},
			want:  []string{"Z.Read.All"},
		},
		{
			name:  "a broad permission the pages rank higher does not replace them",
			calls: [][]string{{"X.Read", "Z.Read.All"}, {"Y.Read", "Z.Read.All"}},
			want:  []string{"X.Read", "Y.Read"},
		},
		{
			// Directory.Read.All is listed above Group.Read.All, but a page
			// lists it below Member.Read.Hidden, and another page the other
			// way round: it is more privileged than one of the two it would
			// replace.
			name:  "a broad permission more privileged than one of them does not replace them",
			calls: [][]string{{"Group.Read.All", "Directory.Read.All"}, {"Member.Read.Hidden", "Directory.Read.All"}},
			other: [][]string{{"Directory.Read.All", "Member.Read.Hidden"}},
			want:  []string{"Group.Read.All", "Member.Read.Hidden"},
		},
		{
			// A page listing alternatives for different resources, not a
			// privilege order, does not chain Mail.Read below
			// User.ReadBasic.All.
			name:  "pages rank only what they list together",
			calls: [][]string{{"User.ReadBasic.All", "User.Read.All"}, {"Mail.Read", "Mail.ReadWrite"}},
			other: [][]string{{"Mail.Read", "User.Read"}, {"User.Read", "User.ReadBasic.All"}},
			want:  []string{"User.ReadBasic.All", "Mail.Read"},
		},
		{
			name:  "least privileged first, whatever the program's order",
			calls: [][]string{{"Mail.ReadWrite"}, {"Mail.Read"}},
			other: [][]string{{"Mail.Read", "Mail.ReadWrite"}},
			want:  []string{"Mail.Read", "Mail.ReadWrite"},
		},
		{
			name:  "names compare case-insensitively",
			calls: [][]string{{"User.Read"}, {"user.read", "User.ReadWrite"}},
			want:  []string{"User.Read"},
		},
		{name: "no calls", want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var needs []need
			for _, c := range tt.calls {
				needs = append(needs, c)
			}
			got := cover(needs, newOrder(append(tt.other, tt.calls...), nil))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("cover (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMorePrivileged(t *testing.T) {
	o := newOrder([][]string{
		{"Mail.ReadBasic", "Mail.Read", "Mail.ReadWrite"},
		{"Mail.ReadWrite", "Directory.ReadWrite.All"},
		{"Sites.Read.All", "Files.Read.All"},
		{"Files.Read.All", "Sites.Read.All"},
	}, nil)
	for _, tt := range []struct {
		p, q string
		want bool
	}{
		{"Mail.Read", "Mail.ReadBasic", true},
		{"Mail.ReadBasic", "Mail.Read", false},
		{"Mail.ReadWrite", "Mail.ReadBasic", true},
		{"Directory.ReadWrite.All", "Mail.ReadBasic", false}, // a chain of pages does not count
		{"Files.Read.All", "Sites.Read.All", false},          // ranked both ways: peers
		{"Sites.Read.All", "Files.Read.All", false},
		{"Mail.Read", "Files.Read.All", false}, // never compared
		{"mail.read", "MAIL.READBASIC", true},
		{"Mail.Read", "Mail.Read", false},
	} {
		if got := o.morePrivileged(tt.p, tt.q); got != tt.want {
			t.Errorf("morePrivileged(%s, %s) = %v, want %v", tt.p, tt.q, got, tt.want)
		}
	}
}

// TestBuildKinds: a call a kind cannot make is uncovered for it and left
// out of its set; a call whose page says nothing about a kind is listed as
// undocumented.
func TestBuildKinds(t *testing.T) {
	tab := &clientTab{all: []graphrt.Permissions{
		{Method: "GetMe", Operation: "GET /me", DelegatedWork: []string{"User.Read", "User.ReadWrite"}, DelegatedPersonal: []string{"User.Read"}, Application: []string{}},
		{Method: "ListUsers", Operation: "GET /users", DelegatedWork: []string{"User.ReadBasic.All", "User.Read.All"}, DelegatedPersonal: []string{}, Application: []string{"User.Read.All"}},
		{Method: "GetOrganization", Operation: "GET /organization"},
	}}
	call := func(line int, p graphrt.Permissions) Call {
		return Call{File: "main.go", Line: line, Method: p.Method, Operation: p.Operation, Permissions: accepted(p), table: tab}
	}
	r := Build([]Call{call(10, tab.all[0]), call(11, tab.all[1]), call(12, tab.all[2])})
	if diff := cmp.Diff([]string{"User.Read", "User.ReadBasic.All"}, r.DelegatedWork); diff != "" {
		t.Errorf("delegatedWork (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"User.Read"}, r.DelegatedPersonal); diff != "" {
		t.Errorf("delegatedPersonal (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"User.Read.All"}, r.Application); diff != "" {
		t.Errorf("application (-want +got):\n%s", diff)
	}
	wantUncovered := []KindCall{
		{Kind: "delegatedPersonal", File: "main.go", Line: 11, Method: "ListUsers", Operation: "GET /users"},
		{Kind: "application", File: "main.go", Line: 10, Method: "GetMe", Operation: "GET /me"},
	}
	if diff := cmp.Diff(wantUncovered, r.Uncovered); diff != "" {
		t.Errorf("uncovered (-want +got):\n%s", diff)
	}
	if len(r.Undocumented) != 3 || r.Undocumented[0].Method != "GetOrganization" {
		t.Errorf("undocumented = %+v, want GetOrganization for each kind", r.Undocumented)
	}
}
