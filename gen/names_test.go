package gen

import (
	"testing"

	"github.com/docs2go/docs2go/parser"
)

func TestPascalCamel(t *testing.T) {
	tests := []struct{ in, pascal, camel string }{
		{"id", "ID", "id"},
		{"ID", "ID", "id"},
		{"userPrincipalName", "UserPrincipalName", "userPrincipalName"},
		{"@odata.type", "ODataType", "odataType"},
		{"@odata.nextLink", "ODataNextLink", "odataNextLink"},
		{"$value", "Value", "value"},
		{"deviceManagement", "DeviceManagement", "deviceManagement"},
		{"managedDeviceId", "ManagedDeviceID", "managedDeviceID"},
		{"item-id", "ItemID", "itemID"},
		{"period_value", "PeriodValue", "periodValue"},
		{"webUrl", "WebURL", "webURL"},
		{"HTTPRequest", "HTTPRequest", "httpRequest"},
		{"httpStatusCode", "HTTPStatusCode", "httpStatusCode"},
		{"jsonPayload", "JSONPayload", "jsonPayload"},
		{"apiVersion", "APIVersion", "apiVersion"},
		{"getUTF8String", "GetUTF8String", "getUTF8String"},
		{"ipAddress", "IPAddress", "ipAddress"},
		{"ipv4Address", "Ipv4Address", "ipv4Address"},
		{"odataContext", "ODataContext", "odataContext"},
		{"getOffice365ActiveUserDetail", "GetOffice365ActiveUserDetail", "getOffice365ActiveUserDetail"},
		{"MS-APP-ACTS-AS", "MsAppActsAs", "msAppActsAs"},
		{"If-None-Match", "IfNoneMatch", "ifNoneMatch"},
		{"userIds", "UserIDs", "userIDs"},
		{"identity", "Identity", "identity"},
		{"microsoft.graph.delta", "MicrosoftGraphDelta", "microsoftGraphDelta"},
		{"id or userPrincipalName", "IDOrUserPrincipalName", "idOrUserPrincipalName"},
		{"type", "Type", "typeArg"},
		{"func", "Func", "funcArg"},
		{"365days", "365days", "v365days"},
		{"", "", "v"},
		{"$$$", "", "v"},
		{"añoFiscal", "AOFiscal", "aOFiscal"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := pascal(tt.in); got != tt.pascal {
				t.Errorf("pascal(%q) = %q, want %q", tt.in, got, tt.pascal)
			}
			if got := camel(tt.in); got != tt.camel {
				t.Errorf("camel(%q) = %q, want %q", tt.in, got, tt.camel)
			}
		})
	}
}

func TestOperationName(t *testing.T) {
	tests := []struct {
		method     parser.Method
		path       string
		collection bool
		create     bool
		want       string
	}{
		{"GET", "/me", false, false, "GetMe"},
		{"GET", "/users/{id | userPrincipalName}", false, false, "GetUsersByID"},
		{"GET", "/me/messages", true, false, "ListMeMessages"},
		{"GET", "/users/{id}/messages/{id}", false, false, "GetUsersByIDMessagesByID"},
		{"PATCH", "/users/{id}", false, false, "UpdateUsersByID"},
		{"DELETE", "/users/{id}", false, false, "DeleteUsersByID"},
		{"PUT", "/me/drive/items/{id}/content", false, false, "PutMeDriveItemsByIDContent"},
		{"POST", "/users", false, true, "CreateUsers"},
		{"POST", "/me/sendMail", false, false, "PostMeSendMail"},
		{"POST", "/deviceManagement/managedDevices/{managedDeviceId}/recoverPasscode", false, false, "PostDeviceManagementManagedDevicesByIDRecoverPasscode"},
		{"GET", "/reports/getEmailActivityUserCounts(period='{period_value}')", false, false, "GetReportsGetEmailActivityUserCountsByPeriod"},
		{"GET", "/reports/getEmailActivityUserDetail(date={date_value})", false, false, "GetReportsGetEmailActivityUserDetailByDate"},
		{"GET", "/identityGovernance/accessReviews/definitions/{id}/instances/filterByCurrentUser(on='reviewer')", true, false, "ListIdentityGovernanceAccessReviewsDefinitionsByIDInstancesFilterByCurrentUserOnReviewer"},
		{"GET", "/me/calendarView(startDateTime={s},endDateTime={e})", true, false, "ListMeCalendarViewByStartDateTimeAndEndDateTime"},
		{"GET", "/users/delta()", true, false, "ListUsersDelta"},
		{"GET", "/me/photo/$value", false, false, "GetMePhotoValue"},
		{"GET", "/me/drive/root:/{item-path}:/content", false, false, "GetMeDriveRootByItemPathContent"},
		{"GET", "/", false, false, "GetRoot"},
		{"HEAD", "/me", false, false, "HeadMe"},
	}
	for _, tt := range tests {
		t.Run(string(tt.method)+" "+tt.path, func(t *testing.T) {
			p := parser.Parse("x.md", []byte("# t\n\n## HTTP request\n\n```http\n"+string(tt.method)+" "+tt.path+"\n```\n"))
			if len(p.Operations) != 1 {
				t.Fatalf("parsed %d operations from %q", len(p.Operations), tt.path)
			}
			if got := operationName(p.Operations[0], tt.collection, tt.create); got != tt.want {
				t.Errorf("operationName = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCollisionSuffixStable(t *testing.T) {
	a, b := collisionSuffix("GET /me/value"), collisionSuffix("GET /me/$value")
	if a == b || a != collisionSuffix("GET /me/value") {
		t.Errorf("suffixes %q, %q: want distinct and stable", a, b)
	}
}

func TestHeaderOptionName(t *testing.T) {
	for in, want := range map[string]string{
		"Prefer": "WithPrefer", "ConsistencyLevel": "WithConsistencyLevel", "If-Match": "WithIfMatch",
		"Workbook-Session-Id": "WithWorkbookSessionID",
	} {
		if got := headerOptionName(in); got != want {
			t.Errorf("headerOptionName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSanitize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a */ b /* c", "a * / b / * c"},
		{"line1\nline2\r\n\tline3", "line1 line2 line3"},
		{"//go:generate x", "/ /go:generate x"},
		{"bidi \u202eevil\u202c and \u2028 sep", "bidi evil and sep"},
		{"ctl \x00\x01\x07x", "ctl x"},
		{"bad \xff utf8", "bad \uFFFD utf8"},
		{"`raw` \"q\"", "`raw` \"q\""},
	}
	for _, tt := range tests {
		if got := sanitize(tt.in); got != tt.want {
			t.Errorf("sanitize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestUniqueName(t *testing.T) {
	taken := map[string]bool{"Event": true, "EventModel": true, "Prefer": true, "ID": true, "ID2": true}
	isTaken := func(n string) bool { return taken[n] }
	for _, tt := range []struct{ want, kind, got string }{
		{"Message", "Model", "Message"},
		{"Event", "Model", "EventModel2"},
		{"Prefer", "Header", "PreferHeader"},
		{"ID", "", "ID3"},
	} {
		if got := uniqueName(tt.want, tt.kind, isTaken); got != tt.got {
			t.Errorf("uniqueName(%q, %q) = %q, want %q", tt.want, tt.kind, got, tt.got)
		}
	}
}
