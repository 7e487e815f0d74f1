package rules

import "strings"

// textStore holds copies of the texts a compiled set keeps from its rule
// files (rule titles and queries, entity names, list names).
// Read as they are, they are parts of each file's whole text, which any
// one of them keeps alive for the life of the set: with the default pack
// that was every file, a tenth of the set's memory.
type textStore struct {
	b strings.Builder
}

// storeChunk is the size of the buffers texts are copied into.
const storeChunk = 16 << 10

// keep returns a copy of s that shares no memory with the rule files. The
// copies are written one after another into a builder: what it holds is
// never written again, so parts of its String stay valid as it grows, and
// a new one starts when a text would not fit (growing would copy it).
func (t *textStore) keep(s string) string {
	if s == "" {
		return ""
	}
	if t.b.Cap()-t.b.Len() < len(s) {
		t.b.Reset()
		t.b.Grow(max(len(s), storeChunk))
	}
	t.b.WriteString(s)
	all := t.b.String()
	return all[len(all)-len(s):]
}

// keepAll returns copies of the texts of ss in a new slice: ss may be the
// caller's (an Env's generated rules), which Compile must not write.
func (t *textStore) keepAll(ss []string) []string {
	if ss == nil {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = t.keep(s)
	}
	return out
}
