package graphrt

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"
)

// Models as a generated package declares them: a base type with
// AdditionalData, a derived type embedding it, a type holding the base.
type pmEntity struct {
	ID             *string                    `json:"id,omitempty"`
	AdditionalData map[string]json.RawMessage `json:"-"`
}

type pmAttachment struct {
	pmEntity
	Name *string `json:"name,omitempty"`
}

type pmFileAttachment struct {
	pmAttachment
	ContentBytes *[]byte `json:"contentBytes,omitempty"`
}

type pmMessage struct {
	pmEntity
	Subject     *string        `json:"subject,omitempty"`
	Attachments []pmAttachment `json:"attachments,omitzero"`
}

func withPolymorphicModels(t *testing.T) {
	t.Helper()
	oldFactory, oldTypes := modelFactory, modelODataTypes
	modelFactory = func(name string) any {
		switch strings.TrimPrefix(name, "#") {
		case "microsoft.graph.attachment":
			return new(pmAttachment)
		case "microsoft.graph.fileAttachment":
			return new(pmFileAttachment)
		case "microsoft.graph.message":
			return new(pmMessage)
		}
		return nil
	}
	modelODataTypes = []string{"microsoft.graph.attachment", "microsoft.graph.fileAttachment", "microsoft.graph.message"}
	odataNamesOnce, odataNames = sync.Once{}, nil
	t.Cleanup(func() {
		modelFactory, modelODataTypes = oldFactory, oldTypes
		odataNamesOnce, odataNames = sync.Once{}, nil
	})
}

func TestAsBaseInMessage(t *testing.T) {
	withPolymorphicModels(t)
	att, err := AsBase[pmAttachment](&pmFileAttachment{pmAttachment: pmAttachment{Name: Ptr("notes.txt")}, ContentBytes: Ptr([]byte("hello"))})
	if err != nil {
		t.Fatal(err)
	}
	msg := &pmMessage{Subject: Ptr("Report"), Attachments: []pmAttachment{att}}
	got, err := encodeBody(msg)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"subject":"Report","attachments":[{"name":"notes.txt","@odata.type":"#microsoft.graph.fileAttachment","contentBytes":"aGVsbG8="}]}`
	if !sameJSONText(t, got, want) {
		t.Errorf("message body = %s\n want %s", got, want)
	}
	// Read back, Derived gives the derived type again.
	var back pmMessage
	if err := unmarshalModel(got, &back); err != nil {
		t.Fatal(err)
	}
	d, err := Derived(&back.Attachments[0])
	if err != nil {
		t.Fatal(err)
	}
	fa, ok := d.(*pmFileAttachment)
	if !ok || string(*fa.ContentBytes) != "hello" || *fa.Name != "notes.txt" {
		t.Errorf("Derived = %#v", d)
	}
}

func TestAsBaseBody(t *testing.T) {
	withPolymorphicModels(t)
	// Posted alone, as the body of POST …/attachments, which takes the base.
	att, err := AsBase[pmAttachment](&pmFileAttachment{ContentBytes: Ptr([]byte{0xff})})
	if err != nil {
		t.Fatal(err)
	}
	got, err := encodeBody(&att)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"@odata.type":"#microsoft.graph.fileAttachment","contentBytes":"/w=="}`; !sameJSONText(t, got, want) {
		t.Errorf("body = %s, want %s", got, want)
	}
	// An @odata.type the caller set is kept.
	custom := &pmFileAttachment{}
	custom.AdditionalData = map[string]json.RawMessage{"@odata.type": json.RawMessage(`"#microsoft.graph.itemAttachment"`)}
	att, err = AsBase[pmAttachment](custom)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(att.AdditionalData["@odata.type"]); got != `"#microsoft.graph.itemAttachment"` {
		t.Errorf("@odata.type = %s", got)
	}
	if _, err := AsBase[string](custom); err == nil {
		t.Error("AsBase into a non-model succeeded")
	}
}

func sameJSONText(t *testing.T, got []byte, want string) bool {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("%s: %v", got, err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatal(err)
	}
	gb, _ := json.Marshal(g)
	wb, _ := json.Marshal(w)
	return string(gb) == string(wb)
}
