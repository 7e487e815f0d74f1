package watchers

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cespare/xxhash/v2"
)

// bodyDigest identifies a fetched body in four parts: its length (the size
// the next read expects), a hash of the URL it came from (against which
// its relative links resolve), a hash of its bytes, and a hash of what a
// poll reads in it, which leaves out comments, white space between tags
// and the feed's own dates (see feed.Scanned.Digest). The bytes are
// compared first, since hashing them costs less than finding the items.
// The hashes are xxhash (several GB/s) rather than SHA-256, which would
// cost a fair share of the GET itself; the chance that a changed document
// shares the digest of the last one is about 2^-64.
//
// A feed's state keeps it as text, "size:url:bytes:reading" with the
// hashes in hex, so that state files written by earlier versions read
// the same.
type bodyDigest struct {
	size               int64
	url, body, reading uint64
}

// digestOf is the digest of resp's body, its reading not yet known.
func digestOf(resp Response) bodyDigest {
	return bodyDigest{size: int64(len(resp.Body)), url: xxhash.Sum64String(resp.URL), body: xxhash.Sum64(resp.Body)}
}

// parseDigest reads a digest as a feed's state keeps it; ok is false for
// none ("") or one that does not read as four parts.
func parseDigest(s string) (d bodyDigest, ok bool) {
	parts := strings.Split(s, ":")
	if len(parts) != 4 {
		return bodyDigest{}, false
	}
	var err error
	if d.size, err = strconv.ParseInt(parts[0], 10, 64); err != nil {
		return bodyDigest{}, false
	}
	for i, h := range []*uint64{&d.url, &d.body, &d.reading} {
		if *h, err = strconv.ParseUint(parts[i+1], 16, 64); err != nil {
			return bodyDigest{}, false
		}
	}
	return d, true
}

func (d bodyDigest) String() string {
	return fmt.Sprintf("%d:%x:%x:%x", d.size, d.url, d.body, d.reading)
}

// sameBytes says whether two digests are of the same bytes from the same
// URL.
func (d bodyDigest) sameBytes(o bodyDigest) bool {
	return d.size == o.size && d.url == o.url && d.body == o.body
}

// sameReading says whether two digests read the same, whatever their
// lengths and bytes: the same URL and the same reading.
func (d bodyDigest) sameReading(o bodyDigest) bool {
	return d.url == o.url && d.reading == o.reading
}
