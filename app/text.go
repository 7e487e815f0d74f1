package app

import (
	"bytes"
	"errors"
	"fmt"
)

// errNotText is returned for input that is a binary or random bytes: its
// "words" are noise that can spell any term, so it must never be matched.
var errNotText = errors.New("input is not text")

// maxControlShare is the share of control bytes (other than tab, newline,
// carriage return and form feed) above which input is not text. Text in
// any single-byte or UTF-8 encoding has next to none; random bytes about
// one in eight.
const maxControlShare = 0.01

// checkText refuses data with a NUL byte or too many control bytes,
// saying where the first one is.
func checkText(data []byte) error {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return fmt.Errorf("%w: NUL byte at offset %d (a binary file?); give a feed, an HTML page or text", errNotText, i)
	}
	controls, first := 0, -1
	for i, c := range data {
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7f {
			controls++
			if first < 0 {
				first = i
			}
		}
	}
	if controls > 0 && float64(controls) > maxControlShare*float64(len(data)) {
		return fmt.Errorf("%w: %d control bytes, the first at offset %d; give a feed, an HTML page or text", errNotText, controls, first)
	}
	return nil
}
