package watchers

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// ErrTooLarge is returned (wrapped) when a body, once decompressed, exceeds
// the limit: an endless body or a decompression bomb.
var ErrTooLarge = errors.New("body too large")

// readBody reads the whole body, gunzipping it when the server compressed
// it, and fails as soon as more than max bytes of either the wire or the
// decompressed stream have been read, so memory stays bounded. The buffer
// starts at the Content-Length, else a little over hint, the size
// expected.
func readBody(resp *http.Response, max, hint int64) ([]byte, error) {
	var r io.Reader = io.LimitReader(resp.Body, max+1)
	if strings.EqualFold(strings.TrimSpace(resp.Header.Get("Content-Encoding")), "gzip") {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("gzip body: %w", err)
		}
		defer zr.Close()
		r = zr
	}
	var buf bytes.Buffer
	switch {
	case resp.ContentLength > 0 && resp.ContentLength <= max:
		buf.Grow(int(resp.ContentLength) + bytes.MinRead) // ReadFrom wants room to see EOF
	case hint > 0:
		buf.Grow(int(min(hint+hint/8, max)) + bytes.MinRead)
	}
	n, err := buf.ReadFrom(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("read body: %w", err)
	}
	if n > max {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, max)
	}
	return buf.Bytes(), nil
}
