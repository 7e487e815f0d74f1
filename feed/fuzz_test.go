package feed

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func FuzzParseFeed(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.*")
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		doc, err := Parse(Source{ID: "f", Name: "Fuzzed", URL: "https://base.example/"}, body, time.Now())
		if err != nil {
			if !strings.Contains(err.Error(), "Fuzzed") {
				t.Errorf("error %q does not name the feed", err)
			}
			return
		}
		keys := map[string]bool{}
		for _, s := range doc.Stories() {
			if s.Key == "" || keys[s.Key] {
				t.Errorf("empty or repeated key %q", s.Key)
			}
			keys[s.Key] = true
			if !utf8.ValidString(s.Title) || !utf8.ValidString(s.Link) {
				t.Errorf("invalid UTF-8 in %+v", s)
			}
		}
	})
}
