package graphrt

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"
)

// modelODataTypes lists the @odata.type of every model of the package
// (without "#"); the generated models file sets it. With modelFactory it
// gives the @odata.type of a model's Go type, which AsBase sends.
var modelODataTypes []string

var (
	odataNamesOnce sync.Once
	odataNames     map[reflect.Type]string
)

// odataTypeOf returns the @odata.type of model type t (a struct or a
// pointer to one), "" when the package has no such model.
func odataTypeOf(t reflect.Type) string {
	odataNamesOnce.Do(func() {
		odataNames = make(map[reflect.Type]string, len(modelODataTypes))
		for _, name := range modelODataTypes {
			if modelFactory == nil {
				break
			}
			if m := modelFactory(name); m != nil {
				odataNames[reflect.TypeOf(m).Elem()] = name
			}
		}
	})
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return odataNames[t]
}

// AsBase returns derived, a derived model such as a *FileAttachment, as a
// value of its base model B, such as Attachment, for a request body or a
// field that holds the base type (Message.Attachments, the body of a POST
// to …/attachments). Nothing is lost: the members B does not declare go
// into its AdditionalData, and "@odata.type" names derived's type (unless
// derived's AdditionalData already sets it), so the service reads the
// derived type:
//
//	att, err := graph.AsBase[graph.Attachment](&graph.FileAttachment{
//		Name: graph.Ptr("notes.txt"), ContentBytes: []byte("hello"),
//	})
//	msg.Attachments = append(msg.Attachments, att)
//
// The error is for a derived value that cannot be encoded, or a B without
// AdditionalData (not a model).
func AsBase[B any](derived any) (B, error) {
	var b B
	bt := reflect.TypeFor[B]()
	if bt.Kind() != reflect.Struct || typeInfo(bt).addl == nil {
		return b, fmt.Errorf("graph: AsBase: %s is not a model with AdditionalData", bt)
	}
	data, err := marshalModel(derived)
	if err != nil {
		return b, fmt.Errorf("graph: AsBase: encoding %T: %w", derived, err)
	}
	var members map[string]json.RawMessage
	if err := json.Unmarshal(data, &members); err != nil || members == nil {
		return b, fmt.Errorf("graph: AsBase: %T is not a JSON object", derived)
	}
	if _, ok := members["@odata.type"]; !ok {
		if name := odataTypeOf(reflect.TypeOf(derived)); name != "" {
			members["@odata.type"], _ = json.Marshal("#" + strings.TrimPrefix(name, "#"))
			if data, err = json.Marshal(members); err != nil {
				return b, err
			}
		}
	}
	if err := unmarshalModel(data, &b); err != nil {
		return b, fmt.Errorf("graph: AsBase: decoding %T as %s: %w", derived, bt, err)
	}
	return b, nil
}
