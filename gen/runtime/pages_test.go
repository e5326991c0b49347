package graphrt

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

type item struct {
	ID string `json:"id"`
}

// pagedServer serves /items in pages of items; link(n) is the next link
// body member of page n (0-based), "" for none.
func pagedServer(t *testing.T, pagesOf [][]string, link func(srvURL string, n int) string) *testServer {
	t.Helper()
	var srv *testServer
	srv = newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		p := 0
		if v := r.URL.Query().Get("page"); v != "" {
			fmt.Sscan(v, &p)
		}
		if p >= len(pagesOf) {
			reply(w, 404, `{"error":{"code":"gone","message":"no page"}}`)
			return
		}
		var vals []string
		for _, id := range pagesOf[p] {
			vals = append(vals, fmt.Sprintf(`{"id":%q}`, id))
		}
		body := `{"@odata.context":"ctx","value":[` + strings.Join(vals, ",") + `]`
		if l := link(srv.URL, p); l != "" {
			body += `,"@odata.nextLink":"` + l + `"`
		}
		reply(w, 200, body+"}")
	})
	return srv
}

func collect[T any](seq func(func(T, error) bool)) (items []T, errs []error) {
	for v, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		items = append(items, v)
	}
	return items, errs
}

func TestPagesFollowsNextLink(t *testing.T) {
	srv := pagedServer(t, [][]string{{"a", "b"}, {"c"}, {"d", "e"}}, func(u string, n int) string {
		if n < 2 {
			return fmt.Sprintf("%s/v1.0/items?$top=2&$skiptoken=tok%d&page=%d", u, n+1, n+1)
		}
		return ""
	})
	c, _ := newTestClient(srv.URL+"/v1.0", WithTokenSource(StaticToken("tok")))
	cl := &call{method: "GET", path: "/items", header: http.Header{"Prefer": {"odata.maxpagesize=2"}}}
	seq := pages[item](context.Background(), c, cl, []RequestOption{Top(2), Filter("x eq 'y'"), WithHeader("ConsistencyLevel", "eventual")})
	items, errs := collect(seq)
	if len(errs) != 0 {
		t.Fatalf("errors: %v", errs)
	}
	if want := []item{{"a"}, {"b"}, {"c"}, {"d"}, {"e"}}; !reflect.DeepEqual(items, want) {
		t.Errorf("items = %v, want %v", items, want)
	}
	hits := srv.Hits()
	wantQueries := []string{"$filter=x%20eq%20%27y%27&$top=2", "$top=2&$skiptoken=tok1&page=1", "$top=2&$skiptoken=tok2&page=2"}
	if len(hits) != len(wantQueries) {
		t.Fatalf("%d requests, want %d", len(hits), len(wantQueries))
	}
	for i, h := range hits {
		if h.Method != "GET" || h.Path != "/v1.0/items" || h.RawQuery != wantQueries[i] {
			t.Errorf("request %d: %s %s?%s, want GET /v1.0/items?%s", i, h.Method, h.Path, h.RawQuery, wantQueries[i])
		}
		if h.Header.Get("Authorization") != "Bearer tok" || h.Header.Get("ConsistencyLevel") != "eventual" || h.Header.Get("Prefer") != "odata.maxpagesize=2" {
			t.Errorf("request %d headers: %v", i, h.Header)
		}
	}
}

func TestPagesPOSTThenGET(t *testing.T) {
	srv := pagedServer(t, [][]string{{"a"}, {"b"}}, func(u string, n int) string {
		if n == 0 {
			return u + "/items?page=1"
		}
		return ""
	})
	c, _ := newTestClient(srv.URL)
	cl := &call{method: "POST", path: "/items/getByIds", body: map[string][]string{"ids": {"a", "b"}}}
	items, errs := collect(pages[item](context.Background(), c, cl, nil))
	if len(errs) != 0 || len(items) != 2 {
		t.Fatalf("items %v, errs %v", items, errs)
	}
	hits := srv.Hits()
	if hits[0].Method != "POST" || string(hits[0].Body) != `{"ids":["a","b"]}` {
		t.Errorf("first request %s %q", hits[0].Method, hits[0].Body)
	}
	if hits[1].Method != "GET" || len(hits[1].Body) != 0 || hits[1].Header.Get("Content-Type") != "" {
		t.Errorf("next request %s %q %v", hits[1].Method, hits[1].Body, hits[1].Header)
	}
}

func TestPagesEarlyBreak(t *testing.T) {
	link := func(u string, n int) string { return fmt.Sprintf("%s/items?page=%d", u, n+1) }
	tests := []struct {
		name      string
		take      int
		wantHits  int
		wantItems []string
	}{
		{"first item", 1, 1, []string{"a"}},
		{"end of first page", 2, 1, []string{"a", "b"}},
		{"first of second page", 3, 2, []string{"a", "b", "c"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := pagedServer(t, [][]string{{"a", "b"}, {"c", "d"}, {"e"}}, link)
			c, _ := newTestClient(srv.URL)
			var got []string
			for v, err := range pages[item](context.Background(), c, &call{method: "GET", path: "/items"}, nil) {
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, v.ID)
				if len(got) == tt.take {
					break
				}
			}
			if !reflect.DeepEqual(got, tt.wantItems) || len(srv.Hits()) != tt.wantHits {
				t.Errorf("items %v after %d requests, want %v after %d", got, len(srv.Hits()), tt.wantItems, tt.wantHits)
			}
		})
	}
}

func TestPagesErrors(t *testing.T) {
	other := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, `{"value":[{"id":"stolen"}]}`) })
	tests := []struct {
		name      string
		pagesOf   [][]string
		link      func(u string, n int) string
		wantItems []item
		wantHits  int
		check     func(t *testing.T, err error)
	}{
		{
			name:      "error on second page",
			pagesOf:   [][]string{{"a", "b"}}, // page 1 answers 404
			link:      func(u string, n int) string { return u + "/items?page=1" },
			wantItems: []item{{"a"}, {"b"}},
			wantHits:  2,
			check: func(t *testing.T, err error) {
				if e, ok := errors.AsType[*Error](err); !ok || e.StatusCode != 404 || e.Code != "gone" {
					t.Errorf("err = %v, want 404 *Error", err)
				}
			},
		},
		{
			name:      "next link loop",
			pagesOf:   [][]string{{"a"}, {"b"}},
			link:      func(u string, n int) string { return u + "/items?page=1" },
			wantItems: []item{{"a"}, {"b"}},
			wantHits:  2,
			check: func(t *testing.T, err error) {
				if err == nil || !strings.Contains(err.Error(), "repeats") {
					t.Errorf("err = %v", err)
				}
			},
		},
		{
			name:      "next link back to the first page",
			pagesOf:   [][]string{{"a"}},
			link:      func(u string, n int) string { return u + "/items" },
			wantItems: []item{{"a"}},
			wantHits:  1,
			check: func(t *testing.T, err error) {
				if err == nil || !strings.Contains(err.Error(), "repeats") {
					t.Errorf("err = %v", err)
				}
			},
		},
		{
			name:      "foreign host",
			pagesOf:   [][]string{{"a"}},
			link:      func(u string, n int) string { return other.URL + "/items?page=1" },
			wantItems: []item{{"a"}},
			wantHits:  1,
			check: func(t *testing.T, err error) {
				if err == nil || !strings.Contains(err.Error(), "points away") {
					t.Errorf("err = %v", err)
				}
			},
		},
		{
			name:      "foreign scheme",
			pagesOf:   [][]string{{"a"}},
			link:      func(u string, n int) string { return strings.Replace(u, "http:", "https:", 1) + "/items?page=1" },
			wantItems: []item{{"a"}},
			wantHits:  1,
			check: func(t *testing.T, err error) {
				if err == nil || !strings.Contains(err.Error(), "points away") {
					t.Errorf("err = %v", err)
				}
			},
		},
		{
			name:     "malformed link",
			pagesOf:  [][]string{{}},
			link:     func(u string, n int) string { return "http://[::1" },
			wantHits: 1,
			check: func(t *testing.T, err error) {
				if err == nil || !strings.Contains(err.Error(), "malformed") {
					t.Errorf("err = %v", err)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := pagedServer(t, tt.pagesOf, tt.link)
			c, _ := newTestClient(srv.URL, WithTokenSource(StaticToken("secret")))
			var items []item
			var errs []error
			for v, err := range pages[item](context.Background(), c, &call{method: "GET", path: "/items"}, nil) {
				if err != nil {
					if v != (item{}) {
						t.Errorf("error yielded with item %v", v)
					}
					errs = append(errs, err)
					continue // the iterator must stop by itself
				}
				items = append(items, v)
			}
			if !reflect.DeepEqual(items, tt.wantItems) {
				t.Errorf("items = %v, want %v", items, tt.wantItems)
			}
			if len(errs) != 1 {
				t.Fatalf("%d errors, want exactly 1: %v", len(errs), errs)
			}
			tt.check(t, errs[0])
			if len(srv.Hits()) != tt.wantHits {
				t.Errorf("%d requests, want %d", len(srv.Hits()), tt.wantHits)
			}
			if len(other.Hits()) != 0 {
				t.Errorf("the token was sent to another host")
			}
		})
	}
}

func TestPagesRelativeAndEmptyPages(t *testing.T) {
	srv := pagedServer(t, [][]string{{}, {"a"}, {}}, func(u string, n int) string {
		switch n {
		case 0:
			return "/items?page=1" // relative: resolved against the current URL
		case 1:
			return "items?page=2"
		}
		return ""
	})
	c, _ := newTestClient(srv.URL)
	items, errs := collect(pages[item](context.Background(), c, &call{method: "GET", path: "/items"}, nil))
	if len(errs) != 0 || !reflect.DeepEqual(items, []item{{"a"}}) || len(srv.Hits()) != 3 {
		t.Errorf("items %v, errs %v, %d requests", items, errs, len(srv.Hits()))
	}
}

func TestOrigin(t *testing.T) {
	tests := []struct {
		a, b string
		same bool
	}{
		{"https://graph.microsoft.com/v1.0", "https://GRAPH.microsoft.com:443/v1.0/users?$skiptoken=x", true},
		{"http://127.0.0.1:8080/x", "http://127.0.0.1:8080/y", true},
		{"http://localhost/x", "http://localhost:80/y", true},
		{"https://graph.microsoft.com", "http://graph.microsoft.com", false},
		{"https://graph.microsoft.com", "https://graph.microsoft.com:8443", false},
		{"https://graph.microsoft.com", "https://graph.microsoft.com.evil.example", false},
		{"https://graph.microsoft.com", "https://user@graph.microsoft.com", true},
	}
	for _, tt := range tests {
		a, _ := url.Parse(tt.a)
		b, _ := url.Parse(tt.b)
		if got := origin(a) == origin(b); got != tt.same {
			t.Errorf("same origin(%s, %s) = %v, want %v", tt.a, tt.b, got, tt.same)
		}
	}
}

func TestPagesFirstRequestFails(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, `{"value":{"not":"an array"}}`) })
	c, _ := newTestClient(srv.URL)
	items, errs := collect(pages[item](context.Background(), c, &call{method: "GET", path: "/items"}, nil))
	if len(items) != 0 || len(errs) != 1 {
		t.Errorf("items %v, errs %v", items, errs)
	}
	// An unencodable body fails before any request.
	cl := &call{method: "POST", path: "/items", body: func() {}}
	items, errs = collect(pages[item](context.Background(), c, cl, nil))
	if len(items) != 0 || len(errs) != 1 || len(srv.Hits()) != 1 {
		t.Errorf("items %v, errs %v, %d requests", items, errs, len(srv.Hits()))
	}
}

func TestPagesBreakOnError(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 500, "") })
	c, _ := newTestClient(srv.URL)
	for _, err := range pages[item](context.Background(), c, &call{method: "GET", path: "/items"}, nil) {
		if err == nil {
			t.Fatal("want an error")
		}
		break // must not panic by yielding again
	}
}
