package parser_test

import (
	"fmt"
	"testing"

	"github.com/docs2go/docs2go/parser"
	"github.com/google/go-cmp/cmp"
)

// operationOf parses a one-operation page.
func operationOf(t *testing.T, line string) parser.Operation {
	t.Helper()
	page := parser.Parse("api/x.md", []byte("# T\n\n## HTTP request\n\n```http\n"+line+"\n```\n"))
	if len(page.Operations) != 1 {
		t.Fatalf("%q: %d operations, want 1", line, len(page.Operations))
	}
	return page.Operations[0]
}

func TestOperationKey(t *testing.T) {
	for _, tt := range []struct{ a, b string }{
		{"GET /users/{id}", "GET /users/{user-id}"},
		{"GET /users/{id | userPrincipalName}/messages", "GET /Users/{id}/Messages/"},
		{"GET /me/drive/root:/{item-path}:/content", "GET /me/drive/root:/{path}:/content"},
		{"GET /reports/getEmailActivityUserCounts(period='{period_value}')", "GET /reports/getEmailActivityUserCounts(period='{p}')"},
	} {
		ka, kb := operationOf(t, tt.a).Key(), operationOf(t, tt.b).Key()
		if ka != kb {
			t.Errorf("Key(%q) = %q, Key(%q) = %q; want equal", tt.a, ka, tt.b, kb)
		}
	}
	for _, tt := range []struct{ a, b string }{
		{"GET /users/{id}", "DELETE /users/{id}"},
		{"GET /users/{id}", "GET /users/{id}/messages"},
		{"GET /f(a='{x}')", "GET /f(a={x})"},
	} {
		if ka, kb := operationOf(t, tt.a).Key(), operationOf(t, tt.b).Key(); ka == kb {
			t.Errorf("Key(%q) = Key(%q) = %q; want different", tt.a, tt.b, ka)
		}
	}
}

func TestSegmentPieces(t *testing.T) {
	op := operationOf(t, "GET /drives/{drive-id}/root:/{item-path}:/f(a='{x}',b=2,c={y})")
	var got [][]string
	for _, s := range op.Segments {
		var ps []string
		for _, pc := range s.Pieces {
			if pc.Param != nil {
				q := ""
				if pc.Param.Quoted {
					q = " quoted"
				}
				ps = append(ps, "{"+pc.Param.Name+q+" arg="+pc.Param.Arg+"}")
				continue
			}
			ps = append(ps, pc.Text)
		}
		got = append(got, ps)
	}
	want := [][]string{
		{"drives"}, {"{drive-id arg=}"}, {"root:"}, {"{item-path arg=}", ":"},
		{"f(a=", "{x quoted arg=a}", ",b=2,c=", "{y arg=c}", ")"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("pieces (-want +got):\n%s", diff)
	}
}

func TestMatchPath(t *testing.T) {
	for _, tt := range []struct {
		op, path string
		args     []string // nil: no match
	}{
		{"GET /users/{id}", "/users/42", []string{"42"}},
		{"GET /users/{id}", "/USERS/42/", []string{"42"}},
		{"GET /users/{id}", "/users/42/messages", nil},
		{"GET /users/{id}", "/users/", nil},
		{"GET /me/drive/root:/{item-path}:/content", "/me/drive/root:/a/b c.txt:/content", []string{"a/b c.txt"}},
		{"GET /drives/{d}/root:/{p}:", "/drives/b!x/root:/f/g:", []string{"b!x", "f/g"}},
		{"GET /reports/f(period='{v}')", "/reports/f(period='D7')", []string{"D7"}},
		{"GET /reports/f(period='{v}')", "/reports/f(period='it''s')", []string{"it''s"}},
		{"GET /f(a={x},b={y})", "/f(a=1,b=2)", []string{"1", "2"}},
		{"GET /f(a={x},b={y})", "/f(a=1)", nil},
	} {
		args, ok := operationOf(t, tt.op).MatchPath(tt.path)
		if ok != (tt.args != nil) {
			t.Errorf("%s MatchPath(%q) ok = %v, want %v", tt.op, tt.path, ok, tt.args != nil)
			continue
		}
		if diff := cmp.Diff(tt.args, args); ok && diff != "" {
			t.Errorf("%s MatchPath(%q) args (-want +got):\n%s", tt.op, tt.path, diff)
		}
	}
}

// TestOperationsOwnExamples: on docs-input pages with several operations
// and several examples, in another order than the operations, each
// operation gets its own example, with its arguments and its response.
func TestOperationsOwnExamples(t *testing.T) {
	for _, tt := range []struct {
		file string
		want []string
	}{
		{"../docs-input/en-US/api-reference/v1.0/api/driveitem-get.md", []string{
			"GET /me/drive/items/{item-id}: get_my_item [01BYE5RZ5YOS4CWLFWORAJ4U63SCA3JT5P] → 200 at 146",
			"GET /drives/{drive-id}/items/{item-id}: get_item_by_drive_and_id [b!Xq3kN0vZ2E-8aPq1lW7yRc9tB4mH5sJ6uK2oL3pQ7rS8vT1wU4xY 01BYE5RZ6QN3ZWBTUFOFD3GSPGOHDJD36K] → 200 at 84",
			"GET /me/drive/root:/{item-path}:: get_item_by_path [Documents/Q3/report.docx] → 200 at 116",
		}},
		{"../docs-input/pt-BR/api-reference/v1.0/api/reportroot-getoffice365activeuserdetail.md", []string{
			"GET /reports/getOffice365ActiveUserDetail(period='{period_value}'): reportroot_getoffice365activeuserdetail_period [D30] → 200 at 109",
			"GET /reports/getOffice365ActiveUserDetail(date={date_value}): reportroot_getoffice365activeuserdetail_date [2024-05-01] → 200 at 80",
		}},
	} {
		page := parseFile(t, tt.file)
		var got []string
		for _, op := range page.Operations {
			for _, ex := range op.Examples {
				s := fmt.Sprintf("%s %s: %s %v", op.Method, op.Path, ex.Name, ex.Args)
				if ex.Response != nil {
					s += fmt.Sprintf(" → %d at %d", ex.Response.Status, ex.Response.Line)
				}
				got = append(got, s)
			}
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: operation examples (-want +got):\n%s", tt.file, diff)
		}
		if len(page.UnmatchedExamples) > 0 {
			t.Errorf("%s: %d examples match no operation", tt.file, len(page.UnmatchedExamples))
		}
	}
}

func TestItemPaths(t *testing.T) {
	for _, tt := range []struct {
		line string
		want []bool // ItemPath of each placeholder in order
	}{
		{"GET /me/drive/root:/{item-path}", []bool{true}},
		{"GET /drives/{drive-id}/root:/{item-path}:/children", []bool{false, true}},
		{"PUT /me/drive/items/{parent-id}:/{filename}:/content", []bool{false, true}},
		{"GET /me/drive/root:{item-path}:", []bool{true}},
		{"GET /sites/{hostname}:/{server-relative-path}", []bool{false, true}},
		{"GET /users/{id}/messages/{message-id}", []bool{false, false}},
		{"GET /reports/f(date='{d}')", []bool{false}},
		{"GET /sites/{hostname},{site-id}", []bool{false, false}},
	} {
		op := operationOf(t, tt.line)
		var got []bool
		for _, pp := range op.Params {
			got = append(got, pp.ItemPath)
		}
		if !cmp.Equal(got, tt.want) {
			t.Errorf("%s: ItemPath %v, want %v", tt.line, got, tt.want)
		}
	}
	// An item path matches example paths with slashes; a key does not.
	op := operationOf(t, "PUT /me/drive/items/{parent-id}:/{filename}:/content")
	if args, ok := op.MatchPath("/me/drive/items/01AB:/Reports/q1.txt:/content"); !ok || !cmp.Equal(args, []string{"01AB", "Reports/q1.txt"}) {
		t.Errorf("MatchPath = %q, %v", args, ok)
	}
	if _, ok := op.MatchPath("/me/drive/items/01/AB:/q1.txt:/content"); ok {
		t.Error("a key matched two segments")
	}
}

func TestExampleValueInPath(t *testing.T) {
	src := "# T\n\n## HTTP request\n\n```http\nPUT /education/classes/72a7baec-c3e9-4213-a850-f62de0adad5f/rubric/$ref\nGET /me/.../items\nGET /education/classes/{id}\n```\n"
	page := parser.Parse("api/x.md", []byte(src))
	var got []string
	for _, op := range page.Operations {
		v, bad := op.ExampleValue()
		got = append(got, fmt.Sprintf("%s %v %q", op.Path, bad, v))
	}
	want := []string{
		`/education/classes/72a7baec-c3e9-4213-a850-f62de0adad5f/rubric/$ref true "72a7baec-c3e9-4213-a850-f62de0adad5f"`,
		`/me/.../items true "..."`,
		`/education/classes/{id} false ""`,
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("ExampleValue (-want +got):\n%s", d)
	}
	var diags []string
	for _, d := range page.Diagnostics {
		if d.Code == parser.CodeExampleInPath.ID {
			diags = append(diags, fmt.Sprintf("%d:%d", d.Pos.Line, d.Pos.Col))
		}
	}
	if want := []string{"6:24", "7:9"}; !cmp.Equal(diags, want) {
		t.Errorf("DG2007 at %v, want %v", diags, want)
	}
}
