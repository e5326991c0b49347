package graphrt

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

func TestErrorDecoding(t *testing.T) {
	tests := []struct {
		name    string
		status  int
		body    string
		headers []string
		want    Error // Method, URL and Body are checked separately
		wantMsg string
	}{
		{
			name:   "full Graph error",
			status: 404,
			body: `{"error":{"code":"Request_ResourceNotFound","message":"Resource 'x' does not exist.",
				"innerError":{"date":"2024-05-01T10:00:00","request-id":"rid-inner","client-request-id":"crid-inner"}}}`,
			headers: []string{"request-id", "rid-header", "client-request-id", "crid-header"},
			want: Error{
				StatusCode: 404, Code: "Request_ResourceNotFound", Message: "Resource 'x' does not exist.",
				RequestID: "rid-inner", ClientRequestID: "crid-inner", Date: "2024-05-01T10:00:00",
				InnerError: map[string]any{"date": "2024-05-01T10:00:00", "request-id": "rid-inner", "client-request-id": "crid-inner"},
			},
			wantMsg: "graph: GET {URL}: 404 Request_ResourceNotFound: Resource 'x' does not exist. (request-id rid-inner)",
		},
		{
			name:    "lower-case innererror",
			status:  400,
			body:    `{"error":{"code":"BadRequest","message":"Invalid filter clause","innererror":{"request-id":"rid-2","date":"d","code":"x"}}}`,
			headers: []string{"client-request-id", "crid-header"},
			want: Error{
				StatusCode: 400, Code: "BadRequest", Message: "Invalid filter clause", RequestID: "rid-2", Date: "d",
				ClientRequestID: "crid-header", InnerError: map[string]any{"request-id": "rid-2", "date": "d", "code": "x"},
			},
			wantMsg: "graph: GET {URL}: 400 BadRequest: Invalid filter clause (request-id rid-2)",
		},
		{
			name:    "ids from headers when innerError lacks them",
			status:  403,
			body:    `{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges.","innerError":{"date":"d2"}}}`,
			headers: []string{"request-id", "rid-h", "client-request-id", "crid-h"},
			want: Error{
				StatusCode: 403, Code: "Authorization_RequestDenied", Message: "Insufficient privileges.",
				RequestID: "rid-h", ClientRequestID: "crid-h", Date: "d2", InnerError: map[string]any{"date": "d2"},
			},
			wantMsg: "graph: GET {URL}: 403 Authorization_RequestDenied: Insufficient privileges. (request-id rid-h)",
		},
		{
			name:    "no innerError",
			status:  409,
			body:    `{"error":{"code":"nameAlreadyExists","message":"Name already exists"}}`,
			headers: []string{"request-id", "rid-h"},
			want:    Error{StatusCode: 409, Code: "nameAlreadyExists", Message: "Name already exists", RequestID: "rid-h"},
			wantMsg: "graph: GET {URL}: 409 nameAlreadyExists: Name already exists (request-id rid-h)",
		},
		{
			name:    "OData v3 message object",
			status:  400,
			body:    `{"odata.error":{}, "error":{"code":"-1, Microsoft.SharePoint.Client.InvalidClientQueryException","message":{"lang":"en-US","value":"Bad query"}}}`,
			want:    Error{StatusCode: 400, Code: "-1, Microsoft.SharePoint.Client.InvalidClientQueryException", Message: "Bad query"},
			wantMsg: "graph: GET {URL}: 400 -1, Microsoft.SharePoint.Client.InvalidClientQueryException: Bad query",
		},
		{
			name:    "non-string members",
			status:  500,
			body:    `{"error":{"code":500,"message":true,"innerError":{"request-id":12,"date":null,"nested":{"a":1}}}}`,
			want:    Error{StatusCode: 500, Code: "500", Message: "true", RequestID: "12", InnerError: map[string]any{"request-id": 12.0, "date": nil, "nested": map[string]any{"a": 1.0}}},
			wantMsg: "graph: GET {URL}: 500 500: true (request-id 12)",
		},
		{
			name:    "code only",
			status:  500,
			body:    `{"error":{"code":"generalException"}}`,
			want:    Error{StatusCode: 500, Code: "generalException"},
			wantMsg: "graph: GET {URL}: 500 generalException",
		},
		{
			name:    "HTML body",
			status:  502,
			body:    "<html>\n  <body>Bad   gateway</body>\n</html>",
			headers: []string{"Content-Type", "text/html", "request-id", "rid-h"},
			want:    Error{StatusCode: 502, RequestID: "rid-h"},
			wantMsg: "graph: GET {URL}: 502 Bad Gateway: <html> <body>Bad gateway</body> </html> (request-id rid-h)",
		},
		{
			name:    "empty body",
			status:  401,
			want:    Error{StatusCode: 401},
			wantMsg: "graph: GET {URL}: 401 Unauthorized",
		},
		{
			name:    "JSON that is not a Graph error",
			status:  400,
			body:    `{"error":"invalid_grant","error_description":"x"}`,
			want:    Error{StatusCode: 400},
			wantMsg: `graph: GET {URL}: 400 Bad Request: {"error":"invalid_grant","error_description":"x"}`,
		},
		{
			name:    "binary body",
			status:  500,
			body:    "\x00\x01\xff\xfe",
			headers: []string{"Content-Type", "application/octet-stream"},
			want:    Error{StatusCode: 500},
			wantMsg: "graph: GET {URL}: 500 Internal Server Error",
		},
		{
			name:    "unknown status",
			status:  599,
			want:    Error{StatusCode: 599},
			wantMsg: "graph: GET {URL}: 599",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
				reply(w, tt.status, tt.body, tt.headers...)
			})
			c, _ := newTestClient(srv.URL, WithRetryPolicy(RetryPolicy{}))
			resp, err := c.send(context.Background(), &call{method: "GET", path: "/users/x", query: map[string][]string{"a": {"1"}}}, nil, new(user))
			e, ok := errors.AsType[*Error](err)
			if !ok {
				t.Fatalf("err = %#v, want *Error", err)
			}
			if resp == nil || resp.StatusCode != tt.status || resp.Body != http.NoBody {
				t.Errorf("response = %+v", resp)
			}
			wantURL := srv.URL + "/users/x?a=1"
			if e.Method != "GET" || e.URL != wantURL || string(e.Body) != tt.body {
				t.Errorf("Method %q URL %q Body %q", e.Method, e.URL, e.Body)
			}
			got := *e
			got.Method, got.URL, got.Body = "", "", nil
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("error =\n %#v\nwant\n %#v", got, tt.want)
			}
			if msg, want := e.Error(), strings.ReplaceAll(tt.wantMsg, "{URL}", wantURL); msg != want {
				t.Errorf("Error() =\n %s\nwant\n %s", msg, want)
			}
		})
	}
}

func TestErrorsAsThroughWrapping(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		reply(w, 404, `{"error":{"code":"itemNotFound","message":"gone"}}`)
	})
	c, _ := newTestClient(srv.URL)
	_, err := c.send(context.Background(), &call{method: "GET", path: "/x"}, nil, nil)
	wrapped := fmt.Errorf("sync user: %w", fmt.Errorf("load: %w", err))
	var e *Error
	if !errors.As(wrapped, &e) || e.Code != "itemNotFound" || e.StatusCode != http.StatusNotFound {
		t.Fatalf("errors.As(%v) = %v", wrapped, e)
	}
	if joined := errors.Join(errors.New("other"), err); !errors.As(joined, &e) {
		t.Errorf("errors.As through errors.Join failed")
	}
}

func TestErrorBodyCapped(t *testing.T) {
	big := `{"error":{"code":"x","message":"` + strings.Repeat("m", 100<<10) + `"}}`
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 400, big) })
	c, _ := newTestClient(srv.URL)
	_, err := c.send(context.Background(), &call{method: "GET", path: "/x"}, nil, nil)
	e, ok := errors.AsType[*Error](err)
	if !ok {
		t.Fatalf("err = %v", err)
	}
	if len(e.Body) != maxErrorBody || string(e.Body) != big[:maxErrorBody] {
		t.Errorf("body length %d, want %d", len(e.Body), maxErrorBody)
	}
	// Truncated JSON cannot be decoded: the error still has its status.
	if e.StatusCode != 400 || e.Code != "" {
		t.Errorf("got %d %q", e.StatusCode, e.Code)
	}
	if msg := e.Error(); !strings.HasSuffix(msg, "…") || len(msg) > 1000 {
		t.Errorf("long body not shortened in message: %d bytes", len(msg))
	}
}

func TestBodySnippet(t *testing.T) {
	tests := []struct{ body, want string }{
		{"", ""},
		{"  plain\ttext \n", "plain text"},
		{"\x00binary", ""},
		{"\xff\xfe", ""},
		{strings.Repeat("é", 300), strings.Repeat("é", 200) + "…"},
		// Cut inside a rune after the first 800 bytes: still text.
		{strings.Repeat("a", 799) + "é" + "tail", strings.Repeat("a", 200) + "…"},
		{strings.Repeat("ab ", 60), strings.TrimSpace(strings.Repeat("ab ", 60))},
	}
	for _, tt := range tests {
		if got := bodySnippet([]byte(tt.body)); got != tt.want {
			t.Errorf("bodySnippet(%.20q…) = %.30q…, want %.30q…", tt.body, got, tt.want)
		}
	}
	// 801 bytes whose 800-byte window ends inside "é": the cut rune must
	// not make the body look binary.
	body := []byte(strings.Repeat("x ", 399) + "xé")
	if got := bodySnippet(body); !strings.HasPrefix(got, "x x") || !strings.HasSuffix(got, "…") {
		t.Errorf("cut text body: got %q", got)
	}
}
