package parser_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/docs2go/docs2go/parser"
	"github.com/google/go-cmp/cmp"
)

// TestPermissionTables reads permission tables written in other scripts'
// punctuation and with one column per kind, as small pages, and expects
// the permissions the English page says.
func TestPermissionTables(t *testing.T) {
	const front = "---\ntitle: T\ndoc_type: apiPageType\n---\n# T\n\n"
	const request = "\n## <a name=\"http-request\"></a>HTTP\n\n```http\nGET /me\n```\n"
	perms := func(work, personal, app []string) parser.Permissions {
		return parser.Permissions{DelegatedWork: work, DelegatedPersonal: personal, Application: app}
	}
	for _, tc := range []struct {
		name, file, table string
		want              parser.Permissions
	}{
		{
			"zh-CN ideographic comma and full stop", "zh-CN/api-reference/v1.0/api/a.md",
			"|权限类型|权限（从最低特权到最高特权）|\n|:---|:---|\n|委派（工作或学校帐户）|Mail.Read、Mail.ReadWrite。|\n|委派（个人 Microsoft 帐户）|不支持。|\n|应用程序|Mail.Read、Mail.ReadWrite。|\n",
			perms([]string{"Mail.Read", "Mail.ReadWrite"}, []string{}, []string{"Mail.Read", "Mail.ReadWrite"}),
		},
		{
			"zh-CN lead-ins with fullwidth colons, line breaks, fullwidth commas", "zh-CN/api-reference/v1.0/api/a.md",
			"|权限类型|权限|\n|:---|:---|\n|委派（工作或学校帐户）| 对于 **用户** 资源：Chat.ReadBasic、Chat.Read<br/><br/>对于 **频道** 资源：ChannelMember.Read.All |\n|委派（个人 Microsoft 帐户）|不支持。|\n|应用程序|Chat.ReadBasic.All，Chat.Read.All|\n",
			perms([]string{"Chat.ReadBasic", "Chat.Read", "ChannelMember.Read.All"}, []string{}, []string{"Chat.ReadBasic.All", "Chat.Read.All"}),
		},
		{
			"ja-JP side-by-side, cell without spans", "ja-JP/api-reference/v1.0/api/a.md",
			"|<span data-ttu-id=\"a-1\">アクセス許可の種類</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">Permission type</span></span>|<span data-ttu-id=\"a-2\">アクセス許可</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-2\">Permissions</span></span>|\n|:---|:---|\n" +
				"|<span data-ttu-id=\"a-3\">委任（職場または学校のアカウント）</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-3\">Delegated (work or school account)</span></span>|Group.Read.All、Directory.Read.All、Group.ReadWrite.All。|\n" +
				"|<span data-ttu-id=\"a-4\">委任（個人用 Microsoft アカウント）</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-4\">Delegated (personal Microsoft account)</span></span>|<span data-ttu-id=\"a-5\">サポートされていません。</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-5\">Not supported.</span></span>|\n" +
				"|<span data-ttu-id=\"a-6\">アプリケーション</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-6\">Application</span></span>|Group.Read.All・Directory.Read.All|\n",
			perms([]string{"Group.Read.All", "Directory.Read.All", "Group.ReadWrite.All"}, []string{}, []string{"Group.Read.All", "Directory.Read.All"}),
		},
		{
			"ar-SA Arabic comma and semicolon", "ar-SA/api-reference/v1.0/api/a.md",
			"| نوع الإذن | الأذونات |\n|:--|:--|\n| مفوض (حساب العمل أو المؤسسة التعليمية) | User.Read، User.Read.All |\n| مفوض (حساب Microsoft الشخصي) | غير مدعوم. |\n| التطبيق | User.Read.All؛Directory.Read.All |\n",
			perms([]string{"User.Read", "User.Read.All"}, []string{}, []string{"User.Read.All", "Directory.Read.All"}),
		},
		{
			"hi-IN danda", "hi-IN/api-reference/v1.0/api/a.md",
			"|अनुमति प्रकार|अनुमतियाँ|\n|:---|:---|\n|प्रत्यायोजित (कार्य या विद्यालय खाता)|Team.ReadBasic.All। User.Read.All।|\n|प्रत्यायोजित (व्यक्तिगत Microsoft खाता)|समर्थित नहीं।|\n|अनुप्रयोग|Team.ReadBasic.All।|\n",
			perms([]string{"Team.ReadBasic.All", "User.Read.All"}, []string{}, []string{"Team.ReadBasic.All"}),
		},
		{
			"ko-KR OpenID names beside dotted ones", "ko-KR/api-reference/v1.0/api/a.md",
			"|사용 권한 유형|사용 권한|\n|:---|:---|\n|위임(회사 또는 학교 계정)|openid, profile, User.Read|\n|위임(개인 Microsoft 계정)|openid、offline_access|\n|애플리케이션|지원되지 않음.|\n",
			perms([]string{"openid", "profile", "User.Read"}, []string{"openid", "offline_access"}, []string{}),
		},
		{
			"ru-RU kind per column, resource names in parentheses", "ru-RU/api-reference/v1.0/api/a.md",
			"| Ресурс | Делегированное (рабочая или учебная учетная запись) | Делегированное (личная учетная запись Майкрософт) | Для приложений |\n|:--|:--|:--|:--|\n" +
				"| Устройство ([device](../resources/device.md)) | Directory.Read.All | Не поддерживается | Device.ReadWrite.All |\n" +
				"| Сообщение (message) | Mail.Read | Mail.Read | Mail.Read |\n",
			perms([]string{"Directory.Read.All", "Mail.Read"}, []string{"Mail.Read"}, []string{"Device.ReadWrite.All", "Mail.Read"}),
		},
		{
			"pt-BR kind per column, labels of differing first words", "pt-BR/api-reference/v1.0/api/a.md",
			"| Calendário | Delegado (conta corporativa ou de estudante) | Delegada (conta pessoal da Microsoft) | Aplicativo |\n|:--|:--|:--|:--|\n" +
				"| calendário do usuário | Calendars.Read, Calendars.ReadWrite | Calendars.Read | Calendars.Read |\n" +
				"| calendário de grupo | Group.Read.All | Sem suporte. | Sem suporte. |\n",
			perms([]string{"Calendars.Read", "Calendars.ReadWrite", "Group.Read.All"}, []string{"Calendars.Read"}, []string{"Calendars.Read"}),
		},
		{
			"en-US kind per column, a resource named application", "en-US/api-reference/v1.0/api/a.md",
			"| Resource | Delegated (work or school account) | Delegated (personal Microsoft account) | Application |\n|:--|:--|:--|:--|\n" +
				"| application | Application.Read.All | Not supported. | Application.ReadWrite.OwnedBy |\n",
			perms([]string{"Application.Read.All"}, []string{}, []string{"Application.ReadWrite.OwnedBy"}),
		},
		{
			"ru-RU acting on self and others: two permission columns, rows by kind", "ru-RU/api-reference/v1.0/api/a.md",
			"| Тип разрешения | Разрешения для себя (по возрастанию) | Разрешения для других (по возрастанию) |\n|:--|:--|:--|\n" +
				"| Делегированные (рабочая или учебная учетная запись) | User.Read | User.Read.All |\n| Делегированные (личная учетная запись Майкрософт) | Не поддерживается. | Не поддерживается. |\n| Для приложений | Не поддерживается. | User.Read.All |\n",
			perms([]string{"User.Read", "User.Read.All"}, []string{}, []string{"User.Read.All"}),
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := front + "## <a name=\"permissions\"></a>P\n\n" + tc.table + request
			page := parser.Parse(tc.file, []byte(src))
			got := parser.Permissions{DelegatedWork: page.Permissions.DelegatedWork, DelegatedPersonal: page.Permissions.DelegatedPersonal, Application: page.Permissions.Application}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("permissions (-want +got):\n%s", diff)
			}
			for _, d := range page.Diagnostics {
				if d.Code == parser.CodePermissionKind.ID {
					t.Errorf("%d:%d %s %s", d.Pos.Line, d.Pos.Col, d.Code, d.Message)
				}
			}
		})
	}
}

// TestDocsInputOtherScripts pins the permissions of the docs-input pages
// written in other scripts and punctuation to what their English source
// says, beside their goldens.
func TestDocsInputOtherScripts(t *testing.T) {
	for file, want := range map[string]parser.Permissions{
		"zh-CN/api-reference/v1.0/api/chat-list-members.md": {
			DelegatedWork:     []string{"ChatMember.Read", "ChatMember.ReadWrite", "Chat.ReadBasic", "Chat.Read", "Chat.ReadWrite"},
			DelegatedPersonal: []string{},
			Application:       []string{"ChatMember.Read.All", "ChatMember.ReadWrite.All", "Chat.ReadBasic.All"},
		},
		"ja-JP/api-reference/v1.0/api/group-list-owners.md": {
			DelegatedWork:     []string{"Group.Read.All", "Directory.Read.All", "Group.ReadWrite.All"},
			DelegatedPersonal: []string{},
			Application:       []string{"Group.Read.All", "Directory.Read.All", "Group.ReadWrite.All"},
		},
		"ru-RU/api-reference/v1.0/api/opentypeextension-get.md": {
			DelegatedWork:     []string{"Directory.Read.All", "Calendars.Read", "Group.Read.All", "Mail.Read", "User.Read"},
			DelegatedPersonal: []string{"Calendars.Read", "Mail.Read", "User.Read"},
			Application:       []string{"Device.ReadWrite.All", "Calendars.Read", "Group.Read.All", "Mail.Read", "User.Read.All"},
		},
		"ar-SA/api-reference/v1.0/api/user-list-memberof.md": {
			DelegatedWork:     []string{"User.Read", "User.Read.All", "Directory.Read.All"},
			DelegatedPersonal: []string{},
			Application:       []string{"User.Read.All", "Directory.Read.All", "GroupMember.Read.All"},
		},
		"hi-IN/api-reference/v1.0/api/user-list-joinedteams.md": {
			DelegatedWork:     []string{"Team.ReadBasic.All", "TeamSettings.Read.All", "TeamSettings.ReadWrite.All", "User.Read.All"},
			DelegatedPersonal: []string{},
			Application:       []string{"Team.ReadBasic.All", "TeamSettings.Read.All", "User.Read.All"},
		},
	} {
		src, err := os.ReadFile(filepath.Join("../docs-input", file))
		if err != nil {
			t.Fatal(err)
		}
		page := parser.Parse(file, src)
		got := parser.Permissions{DelegatedWork: page.Permissions.DelegatedWork, DelegatedPersonal: page.Permissions.DelegatedPersonal, Application: page.Permissions.Application}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s permissions (-English source +page):\n%s", file, diff)
		}
	}
}
