package parser

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestScopeNames reads permission names by their shape, whatever the
// punctuation and script around them.
func TestScopeNames(t *testing.T) {
	for _, tc := range []struct {
		cell string
		want []string
	}{
		{"Mail.Read, Mail.ReadWrite", []string{"Mail.Read", "Mail.ReadWrite"}},
		{"Not supported.", []string{}},
		{"Mail.Read、Mail.ReadWrite。", []string{"Mail.Read", "Mail.ReadWrite"}},
		{"Mail.Read，Mail.ReadWrite，Mail.Send", []string{"Mail.Read", "Mail.ReadWrite", "Mail.Send"}},
		{"对于 **用户** 资源：Chat.ReadBasic、Chat.Read 对于 **频道** 资源：ChannelMember.Read.All", []string{"Chat.ReadBasic", "Chat.Read", "ChannelMember.Read.All"}},
		{"Group.Read.All、Directory.Read.All、Group.ReadWrite.All", []string{"Group.Read.All", "Directory.Read.All", "Group.ReadWrite.All"}},
		{"（最低特権）User.Read.All（高い特権）Directory.Read.All", []string{"User.Read.All", "Directory.Read.All"}},
		{"User.Read.All،Directory.Read.All", []string{"User.Read.All", "Directory.Read.All"}},
		{"User.Read.All، Directory.Read.All؛ Group.Read.All", []string{"User.Read.All", "Directory.Read.All", "Group.Read.All"}},
		{"User.Read.All। Directory.Read.All।", []string{"User.Read.All", "Directory.Read.All"}},
		{"User.Read.All։ Directory.Read.All", []string{"User.Read.All", "Directory.Read.All"}},
		{"User.Read.All・Directory.Read.All", []string{"User.Read.All", "Directory.Read.All"}},
		{"Файлы: Files.Read.All; Sites.Read.All¹", []string{"Files.Read.All", "Sites.Read.All"}},
		{"*Sites.Selected*, `Files.ReadWrite`", []string{"Sites.Selected", "Files.ReadWrite"}},
		{"User-Mail.ReadWrite.All, User-PasswordProfile.ReadWrite.All", []string{"User-Mail.ReadWrite.All", "User-PasswordProfile.ReadWrite.All"}},
		{"Mail.Read / Mail.Read.Shared", []string{"Mail.Read", "Mail.Read.Shared"}},
		{"Mail.Read (Mail.ReadWrite)", []string{"Mail.Read", "Mail.ReadWrite"}},
		{"Mail.Read<br/>Mail.ReadWrite", []string{"Mail.Read", "Mail.ReadWrite"}},
		// Machine translation splits names; runs joined by spaces are joined again.
		{"Group. Read. All", []string{"Group.Read.All"}},
		{"Group.Read.All, Group. ReadWrite. All", []string{"Group.Read.All", "Group.ReadWrite.All"}},
		// Plain OpenID Connect names count beside other names or alone, not in prose.
		{"openid, profile, email, offline_access, User.Read", []string{"openid", "profile", "email", "offline_access", "User.Read"}},
		{"openid、profile、offline_access", []string{"openid", "profile", "offline_access"}},
		{"offline_access", []string{"offline_access"}},
		{"Send email as the user", []string{}},
		{"Nicht unterstützt.", []string{}},
		{"Não há suporte.", []string{}},
		// Versions and numbers are not names.
		{"v1.0, 1.2.3", []string{}},
		{"Mail.Read, Mail.Read", []string{"Mail.Read"}},
	} {
		if diff := cmp.Diff(tc.want, scopeNames(tc.cell)); diff != "" {
			t.Errorf("scopeNames(%q) (-want +got):\n%s", tc.cell, diff)
		}
	}
}

func TestHeaderName(t *testing.T) {
	for cell, want := range map[string]string{
		"Authorization":                       "Authorization",
		"`Prefer: outlook.body-content-type`": "Prefer",
		"Prefer：outlook.body-content-type":    "Prefer",
		"**Content-Type**":                    "Content-Type",
		"`ConsistencyLevel`: eventual":        "ConsistencyLevel",
	} {
		if got := headerName(cell); got != want {
			t.Errorf("headerName(%q) = %q, want %q", cell, got, want)
		}
	}
}
