package app

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the .errors goldens of testdata/*.bad.yaml")

// TestValidateBadConfigs runs validate on every testdata/*.bad.yaml and
// compares its errors, one per line with positions, with the .errors
// golden beside it. Each file holds mistakes of several kinds, so the
// goldens also show that no kind of problem hides another.
func TestValidateBadConfigs(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.bad.yaml"))
	if len(files) == 0 {
		t.Fatal("no testdata/*.bad.yaml")
	}
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			t.Parallel()
			_, err := Validate(context.Background(), path, noEnv)
			if err == nil {
				t.Fatal("validate said ok")
			}
			got := strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "testdata/") + "\n"
			got = filepath.ToSlash(got)
			if strings.Contains(got, "SECRET") {
				t.Errorf("a secret leaked:\n%s", got)
			}
			golden := strings.TrimSuffix(path, ".yaml") + ".errors"
			// run refuses with the very same report.
			if _, runErr := New(context.Background(), Options{ConfigPath: path, LookupEnv: noEnv}); runErr == nil || runErr.Error() != err.Error() {
				t.Errorf("run and validate differ:\n--- run\n%v\n--- validate\n%v", runErr, err)
			}
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("errors differ from %s\n--- got\n%s--- want\n%s", golden, got, want)
			}
		})
	}
}

func noEnv(string) (string, bool) { return "", false }
