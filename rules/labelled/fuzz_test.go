package labelled

import (
	"testing"
)

// FuzzParse: any input gives stories or an error, never a panic, and
// every story returned has an id and some text.
func FuzzParse(f *testing.F) {
	f.Add([]byte("- {id: a, relevant: true, title: x}\n"))
	f.Add([]byte("- id: a\n  relevant: maybe\n"))
	f.Add([]byte("[1, 2]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		set, err := Parse("fuzz.yaml", data)
		if err != nil {
			return
		}
		for _, s := range set {
			if s.ID == "" || s.Title+s.Summary+s.Content == "" {
				t.Errorf("story without id or text accepted: %+v", s)
			}
		}
	})
}
