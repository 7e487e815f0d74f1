package config_test

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/config"
)

var update = flag.Bool("update", false, "rewrite the .golden files of the *.bad.yaml tests")

// testEnv is the environment the testdata files are read with.
var testEnv = map[string]string{
	"DISCORD_WEBHOOK_URL": "https://discord.com/api/webhooks/999/env-SECRET7",
	"EMPTY":               "",
}

func lookupTestEnv(name string) (string, bool) {
	v, ok := testEnv[name]
	return v, ok
}

// TestGoodFiles parses every testdata/*.good.yaml and expects no problem.
func TestGoodFiles(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.good.yaml"))
	if len(files) == 0 {
		t.Fatal("no testdata/*.good.yaml")
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			if _, err := parseFile(t, path); err != nil {
				t.Errorf("want no errors, got:\n%v", err)
			}
		})
	}
}

// TestBadFiles parses every testdata/*.bad.yaml and compares the problems,
// one file:line:col line each, with the .golden file next to it.
func TestBadFiles(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.bad.yaml"))
	if len(files) == 0 {
		t.Fatal("no testdata/*.bad.yaml")
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			_, err := parseFile(t, path)
			var errs config.Errors
			if !errors.As(err, &errs) {
				t.Fatalf("want config.Errors, got %T: %v", err, err)
			}
			got := filepath.ToSlash(errs.Error()) + "\n"
			golden := strings.TrimSuffix(path, ".yaml") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("read golden (run with -update to create it): %v", err)
			}
			if got != string(want) {
				t.Errorf("errors differ from %s\ngot:\n%s\nwant:\n%s", golden, got, want)
			}
		})
	}
}

// parseFile parses a testdata file under its relative name, so relative
// paths in it resolve against testdata and messages name it briefly.
func parseFile(t *testing.T, path string) (*config.Config, error) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return config.Parse(path, data, lookupTestEnv)
}
