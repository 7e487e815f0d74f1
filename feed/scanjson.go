package feed

import (
	"bytes"
	"encoding/binary"

	"github.com/cespare/xxhash/v2"
)

// scanJSONItems finds the items of a JSON Feed: the elements of the
// "items" array of the top-level object. It follows strings with their
// escapes and the nesting of objects and arrays; ok is false for what it
// cannot follow (not JSON, the items key twice in any case, or not an
// array, or a key that only decoding would read), which must be parsed
// whole. The head is what is left with the array emptied; the digest
// leaves out the white space between tokens.
func scanJSONItems(body []byte) (l layout, ok bool) {
	i := skipSpace(body, 0)
	if i >= len(body) || body[i] != '{' {
		return layout{}, false
	}
	i = skipSpace(body, i+1)
	found := false
	for i < len(body) && body[i] != '}' {
		key, end := i, skipString(body, i)
		if end < 0 {
			return layout{}, false
		}
		i = skipSpace(body, end)
		if i >= len(body) || body[i] != ':' {
			return layout{}, false
		}
		i = skipSpace(body, i+1)
		isItems, plain := itemsKey(body[key+1 : end-1])
		if !plain {
			return layout{}, false
		}
		if isItems {
			if found || i >= len(body) || body[i] != '[' {
				return layout{}, false
			}
			found = true
			if i, ok = l.jsonArray(body, i); !ok {
				return layout{}, false
			}
		} else if i = skipValue(body, i); i < 0 {
			return layout{}, false
		}
		if i = skipSpace(body, i); i < len(body) && body[i] == ',' {
			i = skipSpace(body, i+1)
		}
	}
	if i >= len(body) || skipSpace(body, i+1) != len(body) {
		return layout{}, false
	}
	l.digest = jsonDigest(l.head(body), l.spans)
	return l, true
}

// jsonDigest hashes the head without the white space between its tokens,
// then each item's sum.
func jsonDigest(head []byte, spans []itemSpan) uint64 {
	h := xxhash.New()
	for i := 0; i < len(head); {
		switch c := head[i]; {
		case c == '"':
			end := skipString(head, i)
			if end < 0 {
				end = len(head)
			}
			h.Write(head[i:end])
			i = end
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		default:
			h.Write(head[i : i+1])
			i++
		}
	}
	var b [8]byte
	for _, sp := range spans {
		binary.LittleEndian.PutUint64(b[:], sp.sum)
		h.Write(b[:])
	}
	return h.Sum64()
}

// itemsKey says whether a top-level key names the items, as encoding/json
// matches names: without regard to case. A key with escapes or beyond
// ASCII is not plain, since only decoding it would tell.
func itemsKey(key []byte) (items, plain bool) {
	for _, c := range key {
		if c == '\\' || c >= 0x80 {
			return false, false
		}
	}
	return bytes.EqualFold(key, []byte("items")), true
}

// jsonArray records each element of the array at i as an item and the
// array's inside as what to cut; it returns the index past the array.
func (l *layout) jsonArray(body []byte, i int) (int, bool) {
	open := i
	i = skipSpace(body, i+1)
	for i < len(body) && body[i] != ']' {
		end := skipValue(body, i)
		if end < 0 {
			return 0, false
		}
		h := xxhash.New()
		h.WriteString("json\x00")
		h.Write(body[i:end])
		l.spans = append(l.spans, itemSpan{start: i, end: end, sum: h.Sum64()})
		if i = skipSpace(body, end); i < len(body) && body[i] == ',' {
			i = skipSpace(body, i+1)
		}
	}
	if i >= len(body) {
		return 0, false
	}
	l.cuts = append(l.cuts, [2]int{open + 1, i})
	return i + 1, true
}

func skipSpace(body []byte, i int) int {
	for i < len(body) && (body[i] == ' ' || body[i] == '\t' || body[i] == '\n' || body[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the index past the string at i, -1 if there is none.
// A quote ends the string unless an odd run of backslashes escapes it.
func skipString(body []byte, i int) int {
	if i >= len(body) || body[i] != '"' {
		return -1
	}
	for i++; ; i++ {
		j := bytes.IndexByte(body[i:], '"')
		if j < 0 {
			return -1
		}
		i += j
		slashes := 0
		for k := i - 1; k >= 0 && body[k] == '\\'; k-- {
			slashes++
		}
		if slashes%2 == 0 {
			return i + 1
		}
	}
}

// skipValue returns the index past the JSON value at i, -1 if it is not
// one it can follow.
func skipValue(body []byte, i int) int {
	if i >= len(body) {
		return -1
	}
	switch body[i] {
	case '"':
		return skipString(body, i)
	case '{', '[':
		return skipNested(body, i)
	}
	end := i
	for end < len(body) && bytes.IndexByte([]byte(",}] \t\r\n"), body[end]) < 0 {
		end++
	}
	if end == i {
		return -1
	}
	return end
}

// skipNested returns the index past the object or array at i, counting
// brackets outside strings.
func skipNested(body []byte, i int) int {
	depth := 0
	for ; i < len(body); i++ {
		switch body[i] {
		case '"':
			if i = skipString(body, i); i < 0 {
				return -1
			}
			i--
		case '{', '[':
			depth++
		case '}', ']':
			if depth--; depth == 0 {
				return i + 1
			}
		}
	}
	return -1
}
