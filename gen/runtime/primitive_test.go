package graphrt

import (
	"strings"
	"testing"
)

func TestPrimitiveResult(t *testing.T) {
	for _, tc := range []struct {
		body string
		want string
		err  string
	}{
		{body: `{"@odata.context":"x","value":"abc"}`, want: "abc"},
		{body: `"abc"`, want: "abc"},
		{body: `{"value":null}`, want: ""},
		{body: `{"other":1}`, err: `no "value" member`},
		{body: `{"value":1}`, err: "cannot unmarshal number"},
	} {
		var s string
		err := decodeBody(strings.NewReader(tc.body), "application/json", &primitiveResult{&s})
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: err = %v, want %q", tc.body, err, tc.err)
			}
			continue
		}
		if err != nil || s != tc.want {
			t.Errorf("%s: got %q, %v; want %q", tc.body, s, err, tc.want)
		}
	}
	var n int32
	if err := decodeBody(strings.NewReader(`{"value":42}`), "application/json", &primitiveResult{&n}); err != nil || n != 42 {
		t.Errorf("int32: got %d, %v", n, err)
	}
}
