package graphrt

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSetContentUploadRetried(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 0 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"id":"1"}`)
	})
	c, _ := newTestClient(s.URL, WithTokenSource(StaticToken("tok")))
	cl := &call{method: "PUT", path: "/me/drive/root:/a.txt:/content"}
	setContent(cl, strings.NewReader("file bytes"), "text/plain")
	var out map[string]any
	if _, err := c.send(context.Background(), cl, nil, &out); err != nil {
		t.Fatal(err)
	}
	hits := s.Hits()
	if len(hits) != 2 {
		t.Fatalf("%d requests, want 2 (one retry)", len(hits))
	}
	for i, h := range hits {
		if string(h.Body) != "file bytes" || h.Header.Get("Content-Type") != "text/plain" || h.Header.Get("Authorization") != "Bearer tok" {
			t.Errorf("attempt %d: body %q, Content-Type %q, Authorization %q", i, h.Body, h.Header.Get("Content-Type"), h.Header.Get("Authorization"))
		}
	}
	if out["id"] != "1" {
		t.Errorf("result %v", out)
	}
}

func TestSetContentDefaults(t *testing.T) {
	cl := &call{method: "PUT", path: "/x", header: http.Header{"If-Match": {"e"}}}
	setContent(cl, nil, "")
	if got := cl.header.Get("Content-Type"); got != "application/octet-stream" {
		t.Errorf("Content-Type = %q", got)
	}
	if cl.header.Get("If-Match") != "e" {
		t.Error("the method's own header was lost")
	}
	b, err := encodeBody(cl.body)
	if err != nil || len(b) != 0 {
		t.Errorf("nil reader: body %q, err %v", b, err)
	}
}

func TestStreamDownload(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch r.URL.Path {
		case "/me/drive/items/1/content":
			http.Redirect(w, r, "/download/1", http.StatusFound)
		case "/download/1":
			w.Header().Set("Content-Type", "application/octet-stream")
			io.WriteString(w, "the bytes")
		default:
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, `{"error":{"code":"itemNotFound","message":"nope"}}`)
		}
	})
	c, _ := newTestClient(s.URL, WithTokenSource(StaticToken("tok")))
	rc, err := c.stream(context.Background(), &call{method: "GET", path: "/me/drive/items/1/content", success: 302}, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(rc)
	rc.Close()
	if string(got) != "the bytes" {
		t.Errorf("content = %q", got)
	}
	_, err = c.stream(context.Background(), &call{method: "GET", path: "/me/drive/items/2/content"}, nil)
	var gerr *Error
	if !errors.As(err, &gerr) || gerr.StatusCode != 404 || gerr.Code != "itemNotFound" {
		t.Errorf("err = %v, want *Error 404 itemNotFound", err)
	}
}

func TestDo(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/missing" {
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, `{"error":{"code":"NotFound","message":"no"}}`)
			return
		}
		io.WriteString(w, `{"id":"7","name":"x"}`)
	})
	c, _ := newTestClient(s.URL, WithTokenSource(StaticToken("tok")))
	ctx := context.Background()
	var out struct{ ID, Name string }
	if _, err := c.Do(ctx, "get", "me/drive/root:/a%20b.txt:", nil, &out, Select("id")); err != nil {
		t.Fatal(err)
	}
	if out.ID != "7" {
		t.Errorf("out = %+v", out)
	}
	if _, err := c.Do(ctx, "PUT", "/me/drive/root:/a.txt:/content", bytes.NewReader([]byte("raw")), nil, WithHeader("Content-Type", "text/plain")); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Do(ctx, "POST", "/me/messages", map[string]string{"subject": "hi"}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Do(ctx, "GET", s.URL+"/me/events/delta?$deltatoken=abc", nil, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Do(ctx, "GET", "https://elsewhere.example/me", nil, nil); err == nil {
		t.Error("a URL on another host was requested")
	}
	_, err := c.Do(ctx, "GET", "/missing", nil, nil)
	var gerr *Error
	if !errors.As(err, &gerr) || gerr.StatusCode != 404 {
		t.Errorf("err = %v, want *Error 404", err)
	}
	type seen struct{ Method, Path, Query, ContentType, Auth, Body string }
	var got []seen
	for _, h := range s.Hits() {
		got = append(got, seen{h.Method, h.Path, h.RawQuery, h.Header.Get("Content-Type"), h.Header.Get("Authorization"), string(h.Body)})
	}
	want := []seen{
		{"GET", "/me/drive/root:/a%20b.txt:", "$select=id", "", "Bearer tok", ""},
		{"PUT", "/me/drive/root:/a.txt:/content", "", "text/plain", "Bearer tok", "raw"},
		{"POST", "/me/messages", "", "application/json", "Bearer tok", `{"subject":"hi"}`},
		{"GET", "/me/events/delta", "$deltatoken=abc", "", "Bearer tok", ""},
		{"GET", "/missing", "", "", "Bearer tok", ""},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("requests (-want +got):\n%s", d)
	}
}
