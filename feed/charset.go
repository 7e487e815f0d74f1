package feed

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

var xmlEncoding = regexp.MustCompile(`^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']`)

// repairUTF8 makes a document that claims, or defaults to, UTF-8 but holds
// stray Latin-1 bytes readable: each byte that is not part of valid UTF-8 is
// read as Windows-1252, the encoding such feeds nearly always really use.
// Documents that declare another encoding are left to the parser, which
// converts them.
func repairUTF8(body []byte) []byte {
	if utf8.Valid(body) {
		return body
	}
	head := body[:min(len(body), 256)]
	if m := xmlEncoding.FindSubmatch(head); m != nil {
		if enc := strings.ToLower(string(m[1])); enc != "utf-8" && enc != "utf8" {
			return body
		}
	}
	dec := charmap.Windows1252
	var out bytes.Buffer
	out.Grow(len(body) + len(body)/8)
	for len(body) > 0 {
		r, size := utf8.DecodeRune(body)
		if r == utf8.RuneError && size == 1 {
			out.WriteRune(dec.DecodeByte(body[0]))
		} else {
			out.Write(body[:size])
		}
		body = body[size:]
	}
	return out.Bytes()
}
