package app

import (
	"bytes"
	"context"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/config"
)

// FuzzReadStories feeds `test` arbitrary input: it must never panic, and
// input refused as not text must give no story at all.
func FuzzReadStories(f *testing.F) {
	// Seeds are in testdata/fuzz/FuzzReadStories.
	f.Fuzz(func(t *testing.T, data []byte) {
		stories, err := ReadStories(context.Background(), config.Watch{}, "-", bytes.NewReader(data))
		if checkText(data) != nil && (err == nil || len(stories) > 0) {
			t.Fatalf("input that is not text gave %d stories, err %v", len(stories), err)
		}
	})
}
