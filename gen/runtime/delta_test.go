package graphrt

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDeltaRounds(t *testing.T) {
	var base string
	s := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.RawQuery {
		case "$select=subject":
			fmt.Fprintf(w, `{"@odata.count":3,"value":[{"id":"1"},{"id":"2"}],"@odata.nextLink":%q}`, base+"/me/events/delta?$skiptoken=p2")
		case "$skiptoken=p2":
			fmt.Fprintf(w, `{"value":[{"id":"3"}],"@odata.deltaLink":%q}`, base+"/me/events/delta?$deltatoken=round2")
		case "$deltatoken=round2":
			fmt.Fprintf(w, `{"value":[{"id":"2","@removed":{"reason":"deleted"}}],"@odata.deltaLink":%q}`, base+"/me/events/delta?$deltatoken=round3")
		default:
			w.WriteHeader(http.StatusBadRequest)
		}
	})
	base = s.URL
	c, _ := newTestClient(s.URL, WithTokenSource(StaticToken("tok")))
	ctx := context.Background()
	cl := func() *call { return &call{method: "GET", path: "/me/events/delta", success: 200} }
	ids := func(opts ...RequestOption) []string {
		var out []string
		for v, err := range pages[map[string]any](ctx, c, cl(), opts) {
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, v["id"].(string))
		}
		return out
	}
	var info CollectionInfo
	if got := ids(WithCollectionInfo(&info), Select("subject")); !cmp.Equal(got, []string{"1", "2", "3"}) {
		t.Errorf("first round = %v", got)
	}
	if info.DeltaLink != base+"/me/events/delta?$deltatoken=round2" || info.NextLink != "" || info.Count == nil || *info.Count != 3 {
		t.Errorf("info after the first round = %+v", info)
	}
	saved := info.DeltaLink
	if got := ids(FromLink(saved), WithCollectionInfo(&info), Select("subject")); !cmp.Equal(got, []string{"2"}) {
		t.Errorf("second round = %v", got)
	}
	if info.DeltaLink != base+"/me/events/delta?$deltatoken=round3" || info.Count != nil {
		t.Errorf("info after the second round = %+v", info)
	}
	var queries []string
	for _, h := range s.Hits() {
		queries = append(queries, h.RawQuery)
		if h.Header.Get("Authorization") != "Bearer tok" {
			t.Errorf("request %s without the token", h.RawQuery)
		}
	}
	if want := []string{"$select=subject", "$skiptoken=p2", "$deltatoken=round2"}; !cmp.Equal(queries, want) {
		t.Errorf("queries = %q, want %q (a saved link carries its own query)", queries, want)
	}
}

func TestDeltaStoppedEarly(t *testing.T) {
	var base string
	s := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"value":[{"id":"%d"}],"@odata.nextLink":%q}`, n, base+"/me/messages?$skiptoken=p"+fmt.Sprint(n+1))
	})
	base = s.URL
	c, _ := newTestClient(s.URL)
	var info CollectionInfo
	for range pages[map[string]any](context.Background(), c, &call{method: "GET", path: "/me/messages"}, []RequestOption{WithCollectionInfo(&info)}) {
		break
	}
	if info.NextLink != base+"/me/messages?$skiptoken=p1" || info.DeltaLink != "" {
		t.Errorf("info = %+v, want the next link to resume from", info)
	}
}

func TestFromLinkOtherHost(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) { io.WriteString(w, `{"value":[]}`) })
	c, _ := newTestClient(s.URL, WithTokenSource(StaticToken("tok")))
	for _, err := range pages[map[string]any](context.Background(), c, &call{method: "GET", path: "/me/events/delta"}, []RequestOption{FromLink("https://evil.example/me/events/delta?$deltatoken=x")}) {
		if err == nil || !strings.Contains(err.Error(), "points away") {
			t.Errorf("err = %v, want a refusal", err)
		}
	}
	if n := len(s.Hits()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}
