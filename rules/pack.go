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
// copy; it is embedded so the binary works on its own.
//
//go:embed pack/*.yaml
var pack embed.FS

// DefaultPack returns the embedded default rule files, named as they are in
// the source tree (rules/pack/NAME.yaml) so errors point at the file to edit.
func DefaultPack() []Source {
	names, _ := fs.Glob(pack, "pack/*.yaml")
	sort.Strings(names)
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
