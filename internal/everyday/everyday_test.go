// Package everyday runs the five everyday tasks of the README against the
// client generated from docs-input (generated/graph) and a local server:
// upload, path addressing, a polymorphic write, resuming a delta query and
// a raw request. It keeps the README's examples true.
package everyday

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/docs2go/docs2go/generated/graph"
	"github.com/google/go-cmp/cmp"
)

// seen is one request as the server got it.
type seen struct {
	Method, Path, Query, ContentType, Body string
}

// server answers every request with the JSON that reply gives for it and
// records what it got.
func server(t *testing.T, reply func(r *http.Request, base string) (int, string)) (*graph.Client, func() []seen) {
	t.Helper()
	var mu sync.Mutex
	var got []seen
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, seen{r.Method, r.URL.EscapedPath(), r.URL.RawQuery, r.Header.Get("Content-Type"), string(body)})
		mu.Unlock()
		status, doc := reply(r, srv.URL)
		w.Header().Set("Content-Type", "application/json")
		if strings.HasSuffix(r.URL.Path, "/content") && r.Method == "GET" {
			w.Header().Set("Content-Type", "text/plain")
		}
		w.WriteHeader(status)
		io.WriteString(w, doc)
	}))
	t.Cleanup(srv.Close)
	c := graph.NewClient(graph.WithBaseURL(srv.URL), graph.WithTokenSource(graph.StaticToken("token")))
	return c, func() []seen {
		mu.Lock()
		defer mu.Unlock()
		return append([]seen(nil), got...)
	}
}

func TestUploadAndPathAddressing(t *testing.T) {
	c, got := server(t, func(r *http.Request, _ string) (int, string) {
		if r.Method == "GET" && strings.HasSuffix(r.URL.Path, "/content") {
			return 200, "the bytes"
		}
		return 200, `{"id":"01ABC","name":"q1 notes.txt"}`
	})
	ctx := context.Background()
	item, err := c.PutMeDriveRootByItemPathContent(ctx, "Documents/Reports/q1 notes.txt", strings.NewReader("Q1: up 4%"), "text/plain")
	if err != nil || *item.Name != "q1 notes.txt" {
		t.Fatalf("upload: %v, %v", item, err)
	}
	if _, err := c.GetMeDriveRootByItemPath(ctx, "Documents/Reports/q1 notes.txt"); err != nil {
		t.Fatal(err)
	}
	rc, err := c.GetMeDriveItemsByIDContent(ctx, "01ABC")
	if err != nil {
		t.Fatal(err)
	}
	content, _ := io.ReadAll(rc)
	rc.Close()
	if string(content) != "the bytes" {
		t.Errorf("download = %q", content)
	}
	// An ordinary key keeps its "/" escaped: it stays one segment.
	if _, err := c.GetMeDriveItemsByID(ctx, "a/b"); err != nil {
		t.Fatal(err)
	}
	want := []seen{
		{"PUT", "/me/drive/root:/Documents/Reports/q1%20notes.txt:/content", "", "text/plain", "Q1: up 4%"},
		{"GET", "/me/drive/root:/Documents/Reports/q1%20notes.txt:", "", "", ""},
		{"GET", "/me/drive/items/01ABC/content", "", "", ""},
		{"GET", "/me/drive/items/a%2Fb", "", "", ""},
	}
	if d := cmp.Diff(want, got()); d != "" {
		t.Errorf("requests (-want +got):\n%s", d)
	}
}

func TestPolymorphicWrite(t *testing.T) {
	c, got := server(t, func(r *http.Request, _ string) (int, string) {
		return 201, `{"@odata.type":"#microsoft.graph.fileAttachment","id":"att1","name":"notes.txt","contentBytes":"aGVsbG8="}`
	})
	att, err := graph.AsBase[graph.Attachment](&graph.FileAttachment{
		Attachment:   graph.Attachment{Name: graph.Ptr("notes.txt"), ContentType: graph.Ptr("text/plain")},
		ContentBytes: []byte("hello"),
	})
	if err != nil {
		t.Fatal(err)
	}
	created, err := c.CreateMeMessagesByIDAttachments(context.Background(), "AAMkAD", &att)
	if err != nil {
		t.Fatal(err)
	}
	d, err := graph.Derived(created)
	if fa, ok := d.(*graph.FileAttachment); err != nil || !ok || string(fa.ContentBytes) != "hello" {
		t.Errorf("Derived(result) = %#v, %v", d, err)
	}
	// The same value in a message's attachments.
	msg := &graph.Message{Subject: graph.Ptr("Q1"), Attachments: []graph.Attachment{att}}
	if err := c.PostMeSendMail(context.Background(), &graph.PostMeSendMailRequest{Message: msg}); err != nil {
		t.Fatal(err)
	}
	reqs := got()
	if len(reqs) != 2 {
		t.Fatalf("%d requests", len(reqs))
	}
	var posted, sent map[string]any
	if err := json.Unmarshal([]byte(reqs[0].Body), &posted); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(reqs[1].Body), &sent); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"@odata.type": "#microsoft.graph.fileAttachment", "name": "notes.txt", "contentType": "text/plain", "contentBytes": "aGVsbG8="}
	if d := cmp.Diff(want, posted); d != "" || reqs[0].Path != "/me/messages/AAMkAD/attachments" {
		t.Errorf("POST %s body (-want +got):\n%s", reqs[0].Path, d)
	}
	wantSent := map[string]any{"message": map[string]any{"subject": "Q1", "attachments": []any{want}}}
	if d := cmp.Diff(wantSent, sent); d != "" {
		t.Errorf("sendMail body (-want +got):\n%s", d)
	}
}

func TestDeltaResume(t *testing.T) {
	c, got := server(t, func(r *http.Request, base string) (int, string) {
		link := base + "/me/mailFolders/inbox/messages/delta?$deltatoken="
		switch r.URL.Query().Get("$deltatoken") {
		case "":
			return 200, fmt.Sprintf(`{"value":[{"id":"m1"},{"id":"m2"}],"@odata.deltaLink":%q}`, link+"t2")
		case "t2":
			return 200, fmt.Sprintf(`{"value":[{"id":"m2","@removed":{"reason":"deleted"}}],"@odata.deltaLink":%q}`, link+"t3")
		}
		return 400, `{"error":{"code":"badToken","message":"no"}}`
	})
	ctx := context.Background()
	round := func(opts ...graph.RequestOption) (ids []string, info graph.CollectionInfo) {
		for m, err := range c.ListMeMailFoldersByIDMessagesDelta(ctx, "inbox", append(opts, graph.WithCollectionInfo(&info))...) {
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, *m.ID)
		}
		return ids, info
	}
	ids, info := round()
	saved := info.DeltaLink // kept between runs
	ids2, info2 := round(graph.FromLink(saved))
	if !cmp.Equal(ids, []string{"m1", "m2"}) || !cmp.Equal(ids2, []string{"m2"}) || !strings.HasSuffix(info2.DeltaLink, "t3") {
		t.Errorf("rounds %v then %v, next link %q", ids, ids2, info2.DeltaLink)
	}
	if q := got()[1].Query; q != "$deltatoken=t2" {
		t.Errorf("second round query %q", q)
	}
}

func TestRawRequest(t *testing.T) {
	c, got := server(t, func(r *http.Request, _ string) (int, string) {
		if r.URL.Path == "/me/insights/trending" {
			return 403, `{"error":{"code":"Forbidden","message":"no"}}`
		}
		return 200, `{"value":[{"id":"1","name":"a.txt"}]}`
	})
	var out struct {
		Value []graph.DriveItem `json:"value"`
	}
	if _, err := c.Do(context.Background(), "GET", "/me/drive/root/children", nil, &out, graph.Top(5)); err != nil {
		t.Fatal(err)
	}
	if len(out.Value) != 1 || *out.Value[0].Name != "a.txt" {
		t.Errorf("out = %+v", out)
	}
	_, err := c.Do(context.Background(), "GET", "/me/insights/trending", nil, nil)
	if gerr, ok := err.(*graph.Error); !ok || gerr.StatusCode != 403 || gerr.Code != "Forbidden" {
		t.Errorf("err = %v, want a *graph.Error 403", err)
	}
	if r := got()[0]; r.Path != "/me/drive/root/children" || r.Query != "$top=5" {
		t.Errorf("request %+v", r)
	}
}
