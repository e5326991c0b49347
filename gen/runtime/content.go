package graphrt

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// This file holds what raw content needs: request bodies that are a file's
// bytes rather than JSON (uploads, photos), responses that are content
// (downloads), and Do, the escape hatch for requests no method covers.

// contentBody is a request body of raw content. It is read whole before
// the first attempt, so that a retried request sends it again: simple
// uploads are small (Graph takes up to 4 MB; larger files go through an
// upload session, whose chunks are sent the same way).
type contentBody struct{ r io.Reader }

// setContent gives cl a content body and its Content-Type
// (application/octet-stream when contentType is empty). A nil r sends an
// empty body.
func setContent(cl *call, r io.Reader, contentType string) {
	if r == nil {
		r = strings.NewReader("")
	}
	cl.body = contentBody{r}
	if cl.header == nil {
		cl.header = http.Header{}
	}
	if contentType == "" {
		contentType = "application/octet-stream"
	}
	cl.header.Set("Content-Type", contentType)
}

// stream performs cl like send but leaves the success body to the caller:
// a download. A documented redirect to the content (302 with Location) is
// followed by the HTTP client, without the Authorization header when it
// leads to another host. The caller must close the body.
func (c *Client) stream(ctx context.Context, cl *call, opts []RequestOption) (io.ReadCloser, error) {
	req, err := c.newRequest(cl, collectOptions(opts))
	if err != nil {
		return nil, err
	}
	req.header.Set("Accept", "*/*")
	resp, err := c.roundTrip(ctx, req)
	if err != nil {
		return nil, err
	}
	if (resp.StatusCode < 200 || resp.StatusCode >= 300) && (req.success == 0 || resp.StatusCode != req.success) {
		return nil, newError(req.method, req.url, resp)
	}
	return resp.Body, nil
}

// Do sends a request that no generated method covers, through the same
// token source, retries and errors as the methods:
//
//   - path is relative to the client's base URL ("/me/drive/root:/a.txt:/content",
//     already escaped), or an absolute URL under it (an @odata.nextLink or
//     @odata.deltaLink);
//   - body is nil (none), []byte or json.RawMessage (sent as is, as JSON
//     unless an option sets Content-Type), an io.Reader (raw content, read
//     whole; application/octet-stream unless an option sets Content-Type),
//     or anything else (sent as JSON);
//   - out receives a success body: a model or any JSON value through a
//     pointer, *[]byte or *json.RawMessage as is, an io.Writer streamed;
//     nil discards it.
//
// Any 2xx (or a followed redirect) succeeds; anything else is an *Error.
// The response is returned with its body read and closed.
func (c *Client) Do(ctx context.Context, method, path string, body, out any, opts ...RequestOption) (*http.Response, error) {
	if strings.Contains(path, "://") {
		base := c.base()
		if !strings.HasPrefix(path, base+"/") {
			return nil, fmt.Errorf("graph: %s %s: the URL is not under the client's base URL %s", method, path, base)
		}
		path = path[len(base):]
	}
	if path != "" && path[0] != '/' {
		path = "/" + path
	}
	cl := &call{method: strings.ToUpper(method), path: path}
	switch b := body.(type) {
	case nil:
	case io.Reader:
		setContent(cl, b, "")
	default:
		cl.body = b
	}
	return c.send(ctx, cl, opts, out)
}
