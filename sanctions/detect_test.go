package sanctions

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDetectFormat(t *testing.T) {
	for file, want := range map[string]string{
		"testdata/un/v1.xml":          FormatUN,
		"testdata/ofac/SDN.CSV":       FormatOFAC,
		"testdata/entities.ftm.jsonl": FormatFTM,
		"testdata/targets.simple.csv": FormatOSSimple,
	} {
		got, err := detectFile(file)
		if err != nil || got != want {
			t.Errorf("%s: %q, %v; want %s", file, got, err, want)
		}
	}
	if _, err := DetectFormat(strings.NewReader("name,country\nAcme,ru\n")); err == nil ||
		!strings.Contains(err.Error(), "--format") {
		t.Errorf("an unknown CSV: %v", err)
	}
}

// TestDiffFilesAnyNames: two OFAC downloads under names from which the
// companion files cannot be derived still compare, with the format
// detected; two files of different formats are refused.
func TestDiffFilesAnyNames(t *testing.T) {
	dir := t.TempDir()
	sdn, err := os.ReadFile("testdata/ofac/SDN.CSV")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(sdn), "\n")
	oldPath, newPath := filepath.Join(dir, "before.csv"), filepath.Join(dir, "after.csv")
	os.WriteFile(oldPath, sdn, 0o644)
	os.WriteFile(newPath, []byte(strings.Join(lines[1:], "")), 0o644) // first entry delisted
	ch, err := DiffFiles(context.Background(), "", oldPath, newPath)
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Removed) != 1 || len(ch.Added) != 0 || !strings.Contains(lines[0], ch.Removed[0].Name) {
		t.Fatalf("changes: %+v", ch)
	}
	if _, err := DiffFiles(context.Background(), "", oldPath, "testdata/un/v1.xml"); err == nil ||
		!strings.Contains(err.Error(), "is un-xml") {
		t.Fatalf("mixed formats: %v", err)
	}
}
