package rules

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// The default rule pack lives in pack/ as plain YAML that users read and
// copy; it is embedded so the binary works on its own. The whole folder is
// embedded (not pack/*.yaml and pack/lang/*.yaml) because a pattern that
// matches nothing fails the build, and pack/lang may be empty.
//
//go:embed pack
var pack embed.FS

// packGlobs are the pack's rule files: the shared vocabulary and rules,
// then each language's additions, which extend the shared lists.
var packGlobs = []string{"pack/*.yaml", "pack/lang/*.yaml"}

// DefaultPack returns the embedded default rule files, named as they are in
// the source tree (rules/pack/NAME.yaml, rules/pack/lang/NAME.yaml) so
// errors point at the file to edit.
func DefaultPack() []Source {
	var names []string
	for _, g := range packGlobs {
		found, _ := fs.Glob(pack, g)
		sort.Strings(found)
		names = append(names, found...)
	}
	out := make([]Source, 0, len(names))
	for _, n := range names {
		data, _ := pack.ReadFile(n)
		out = append(out, Source{Name: "rules/" + n, Data: data})
	}
	return out
}

// ReadPaths reads rule files: each path is a YAML file or a folder whose
// *.yaml and *.yml files are read in name order.
func ReadPaths(paths []string) ([]Source, error) {
	var out []Source
	for _, p := range paths {
		files, err := ruleFiles(p)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				return nil, fmt.Errorf("read rules: %w", err)
			}
			out = append(out, Source{Name: f, Data: data})
		}
	}
	return out, nil
}

func ruleFiles(p string) ([]string, error) {
	info, err := os.Stat(p)
	if err != nil {
		return nil, fmt.Errorf("read rules: %w", err)
	}
	if !info.IsDir() {
		return []string{p}, nil
	}
	entries, err := os.ReadDir(p)
	if err != nil {
		return nil, fmt.Errorf("read rules: %w", err)
	}
	var files []string
	for _, e := range entries {
		n := e.Name()
		if !e.IsDir() && (strings.HasSuffix(n, ".yaml") || strings.HasSuffix(n, ".yml")) {
			files = append(files, filepath.Join(p, n))
		}
	}
	sort.Strings(files)
	return files, nil
}
