// This file is written by hand (it has no generated-code header, so
// docs2go gen never touches it): the README's client example, run against a
// local server that answers as Graph does when the device is unknown.

package graphbeta_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/docs2go/docs2go/generated/graphbeta"
)

func Example_recoverPasscode() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"error":{"code":"ResourceNotFound","message":"Device not found","innerError":{"request-id":"7e4d0c2a-1111-4c2b-9a51-0d6c2b7e9f10","date":"2026-11-22T10:00:00"}}}`)
	}))
	defer srv.Close()

	client := graphbeta.NewClient(
		graphbeta.WithBaseURL(srv.URL+"/beta"),
		graphbeta.WithTokenSource(graphbeta.StaticToken("token")),
	)
	err := client.PostDeviceManagementManagedDevicesByIDRecoverPasscode(context.Background(), "5d2b9c4e")
	var gerr *graphbeta.Error
	if errors.As(err, &gerr) {
		fmt.Println(gerr.StatusCode, gerr.Code, gerr.RequestID)
		fmt.Println(err.Error()[len("graph: POST "+srv.URL):])
	}
	// Output:
	// 404 ResourceNotFound 7e4d0c2a-1111-4c2b-9a51-0d6c2b7e9f10
	// /beta/deviceManagement/managedDevices/5d2b9c4e/recoverPasscode: 404 ResourceNotFound: Device not found (request-id 7e4d0c2a-1111-4c2b-9a51-0d6c2b7e9f10)
}
