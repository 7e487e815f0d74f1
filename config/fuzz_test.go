package config_test

import (
	"errors"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/config"
)

// FuzzParse feeds arbitrary bytes to Parse: it must not panic, and it must
// return either a config or a non-empty Errors naming the file.
func FuzzParse(f *testing.F) {
	lookup := func(name string) (string, bool) {
		if name == "SET" {
			return "https://example.org/x", true
		}
		return "", false
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := config.Parse("fuzz.yaml", data, lookup)
		if err == nil {
			if c == nil {
				t.Fatal("nil config without an error")
			}
			return
		}
		var errs config.Errors
		if !errors.As(err, &errs) || len(errs) == 0 {
			t.Fatalf("want non-empty config.Errors, got %T %v", err, err)
		}
		for _, e := range errs {
			if e.File != "fuzz.yaml" || e.Msg == "" || e.Line < 0 || e.Col < 0 {
				t.Fatalf("malformed error %#v", e)
			}
		}
	})
}
