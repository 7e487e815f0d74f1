package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"

	"go.yaml.in/yaml/v3"

	"github.com/sanctionwatch/sanctionwatch/internal/yamlpos"
)

// EmbeddedName is the file name under which the built-in default config
// reports its problems.
const EmbeddedName = "config.yaml (embedded)"

// Load reads, decodes and validates the config file at path, expanding
// environment variables from the process environment. Relative paths in it
// resolve against the file's folder. Problems in the file come back as
// Errors, all of them at once; a file that cannot be read is a plain error.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	c, err := parse(path, dir, data, os.LookupEnv)
	if err != nil {
		return nil, err // parse's partial config is for ParseAll only
	}
	c.Path = path
	return c, nil
}

// Parse decodes and validates config data; name is used in error positions
// and its folder is the base of relative paths (so "config.yaml (embedded)"
// resolves them against the working directory). lookupEnv answers ${NAME}
// references; nil means the process environment. Problems come back as
// Errors. Config.Path is left empty: Load sets it.
func Parse(name string, data []byte, lookupEnv func(string) (string, bool)) (*Config, error) {
	c, err := ParseAll(name, data, lookupEnv)
	if err != nil {
		return nil, err
	}
	return c, nil
}

// ParseAll is Parse for checkers that go on past the config's own
// problems: it returns the config as far as it could be decoded together
// with every problem, so that rule files can be checked in the same run.
// The config is nil only when the YAML itself could not be read. A config
// returned with an error must never be run.
func ParseAll(name string, data []byte, lookupEnv func(string) (string, bool)) (*Config, error) {
	if lookupEnv == nil {
		lookupEnv = os.LookupEnv
	}
	return parse(name, filepath.Dir(name), data, lookupEnv)
}

// parse runs the stages in order: defaults, strict decode, path resolution,
// secret files, validation. Later stages run even after earlier problems so
// that a single run reports as much as it can.
func parse(name, dir string, data []byte, lookup func(string) (string, bool)) (*Config, error) {
	errs := &errorList{file: name}
	c := Default()
	root, ok := parseYAML(data, errs)
	d := &decoder{errs: errs, lookup: lookup, pos: map[string]*yaml.Node{}, bad: map[string]bool{},
		keys: map[string]*yaml.Node{}, flat: map[string][]*yaml.Node{}, asFlat: map[string]string{}}
	if ok && root != nil {
		d.decode(root, reflect.ValueOf(c).Elem(), "")
	}
	if !ok {
		return nil, errs.list.sorted()
	}
	ch := &checker{errs: errs, pos: d.pos, bad: d.bad, keys: d.keys, flat: d.flat}
	c.pos, c.source = d.pos, name
	resolvePaths(c, dir)
	ch.readSecretFiles(c)
	ch.settleState(c)
	ch.validate(c)
	if len(errs.list) > 0 {
		return c, errs.list.sorted()
	}
	return c, nil
}

// parseYAML reads a single YAML document. A syntax error is reported at
// its line, and ok is false; an empty file gives a nil root.
func parseYAML(data []byte, errs *errorList) (root *yaml.Node, ok bool) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, true
		}
		e := yamlpos.Locate(data, err)
		errs.addAt(e.Line, e.Col, "invalid YAML: %s", e.Msg)
		return nil, false
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		errs.addAt(extra.Line, extra.Column, "only one YAML document is allowed")
		return nil, false
	}
	if len(doc.Content) == 0 {
		return nil, true
	}
	return doc.Content[0], true
}

// errorList gathers the problems of one file.
type errorList struct {
	file string
	list Errors
}

// at reports a problem at node n (nil when there is no position).
func (l *errorList) at(n *yaml.Node, format string, args ...any) {
	line, col := 0, 0
	if n != nil {
		line, col = n.Line, n.Column
	}
	l.addAt(line, col, format, args...)
}

func (l *errorList) addAt(line, col int, format string, args ...any) {
	l.list = append(l.list, Error{File: l.file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
}
