package feed

import (
	"os"
	"path/filepath"
	"reflect"
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

// FuzzReader reads two documents in turn with one Reader: the second read
// must give the items Parse gives, and their texts, whatever the first one
// held; and two documents with the same digest must read the same.
func FuzzReader(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.*")
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b, append(b, '\n'))
		}
	}
	f.Fuzz(func(t *testing.T, first, second []byte) {
		var r Reader
		r.Parse(readerSrc, first, parseNow)
		got, err := r.Parse(readerSrc, second, parseNow)
		want, werr := Parse(readerSrc, second, parseNow)
		if (err == nil) != (werr == nil) {
			t.Fatalf("Reader err %v, Parse err %v", err, werr)
		}
		if !reflect.DeepEqual(heads(got), heads(want)) || got.TTL != want.TTL {
			t.Fatalf("Reader read %+v, Parse %+v", heads(got), heads(want))
		}
		if err == nil {
			checkTexts(t, got, want)
		}
		if Scan(first).Digest() != Scan(second).Digest() {
			return
		}
		// The same digest must mean the same reading.
		prev, perr := Parse(readerSrc, first, parseNow)
		if (perr == nil) != (werr == nil) || !reflect.DeepEqual(heads(prev), heads(want)) || prev.TTL != want.TTL {
			t.Fatalf("same digest, different documents: %+v (%v) and %+v (%v)", heads(prev), perr, heads(want), werr)
		}
	})
}
