package config

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// maxNodes bounds the work of one decode, so that a small file whose aliases
// expand exponentially (a "billion laughs") is refused instead of hanging.
const maxNodes = 100_000

var (
	durationType = reflect.TypeFor[time.Duration]()
	secretType   = reflect.TypeFor[Secret]()
	listType     = reflect.TypeFor[List]()
)

// decoder fills a Config from a yaml.Node tree strictly: unknown keys,
// duplicate keys and values of the wrong type are all reported, and
// decoding goes on after each so one run finds every problem. It remembers
// the node of every value by path ("feeds[2].url") for later checks.
type decoder struct {
	errs   *errorList
	lookup func(string) (string, bool)
	pos    map[string]*yaml.Node
	bad    map[string]bool         // paths whose value could not be decoded
	keys   map[string]*yaml.Node   // key node of each value written, by path
	flat   map[string][]*yaml.Node // keys of a block written flat, by block path
	asFlat map[string]string       // path of a value written flat -> path as written
	nodes  int
}

// decode fills v from n; path names v for positions and messages.
func (d *decoder) decode(n *yaml.Node, v reflect.Value, path string) {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if d.nodes++; d.nodes > maxNodes {
		if d.nodes == maxNodes+1 {
			d.errs.at(n, "document too large or too many aliases; giving up")
		}
		return
	}
	d.pos[path] = n
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return // an empty value keeps the default
	}
	switch {
	case v.Type() == durationType || v.Kind() != reflect.Struct && v.Kind() != reflect.Slice && v.Kind() != reflect.Map:
		d.decodeScalar(n, v, path)
	case v.Kind() == reflect.Struct:
		d.decodeStruct(n, v, path)
	case v.Kind() == reflect.Slice:
		d.decodeSlice(n, v, path)
	default:
		d.decodeMap(n, v, path)
	}
}

// decodeStruct fills the fields of a struct from a mapping, by yaml tag.
// The keys of a field tagged ",flat" may also be written on the struct
// itself (see decodeFlat).
func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, path string) {
	if !d.expectKind(n, yaml.MappingNode, path) {
		return
	}
	keys := keysOf(v.Type())
	d.eachPair(n, path, func(key string, kn, vn *yaml.Node) {
		if i, ok := keys.direct[key]; ok {
			d.keys[joinPath(path, key)] = kn
			d.decode(vn, v.Field(i), joinPath(path, key))
			return
		}
		if f, ok := keys.flat[key]; ok {
			d.decodeFlat(kn, vn, v, f, path)
			return
		}
		d.errs.at(kn, "unknown key %q%s%s", key, inPath(path), unknownKeyHint(v.Type(), key, keys.names))
	})
}

// decodeSlice replaces a slice with the items of a sequence.
func (d *decoder) decodeSlice(n *yaml.Node, v reflect.Value, path string) {
	if !d.expectKind(n, yaml.SequenceNode, path) {
		return
	}
	s := reflect.MakeSlice(v.Type(), 0, len(n.Content))
	for i, item := range n.Content {
		elem := reflect.New(v.Type().Elem()).Elem()
		if elem.Type() == listType {
			elem.Set(reflect.ValueOf(defaultList()))
		}
		d.decode(item, elem, fmt.Sprintf("%s[%d]", path, i))
		s = reflect.Append(s, elem)
	}
	v.Set(s)
}

// decodeMap fills a map with string keys from a mapping.
func (d *decoder) decodeMap(n *yaml.Node, v reflect.Value, path string) {
	if !d.expectKind(n, yaml.MappingNode, path) {
		return
	}
	m := reflect.MakeMapWithSize(v.Type(), len(n.Content)/2)
	d.eachPair(n, path, func(key string, _, vn *yaml.Node) {
		elem := reflect.New(v.Type().Elem()).Elem()
		d.decode(vn, elem, joinPath(path, key))
		m.SetMapIndex(reflect.ValueOf(key).Convert(v.Type().Key()), elem)
	})
	v.Set(m)
}

// eachPair calls f for each key of a mapping, reporting keys that are not
// plain strings, merge keys and duplicates instead.
func (d *decoder) eachPair(n *yaml.Node, path string, f func(key string, kn, vn *yaml.Node)) {
	seen := make(map[string]bool, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn, vn := n.Content[i], n.Content[i+1]
		switch {
		case kn.Kind != yaml.ScalarNode:
			d.errs.at(kn, "keys%s must be plain strings", inPath(path))
		case kn.Tag == "!!merge":
			d.errs.at(kn, "merge keys (<<) are not supported; write the keys out")
		case seen[kn.Value]:
			d.errs.at(kn, "duplicate key %q%s", kn.Value, inPath(path))
		default:
			seen[kn.Value] = true
			f(kn.Value, kn, vn)
		}
	}
}

// decodeScalar expands environment variables in a scalar and parses it into
// v by v's type. Values of secret fields are never quoted in messages.
func (d *decoder) decodeScalar(n *yaml.Node, v reflect.Value, path string) {
	if !d.expectKind(n, yaml.ScalarNode, path) {
		return
	}
	s, err := expandEnv(n.Value, d.lookup)
	if err != nil {
		d.bad[path] = true
		d.errs.at(n, "%s: %v", d.written(path), err)
		return
	}
	if err := setScalar(v, strings.TrimSpace(s)); err != nil {
		shown := fmt.Sprintf(", got %q", s)
		if v.Type() == secretType {
			shown = ""
		}
		d.bad[path] = true
		d.errs.at(n, "%s: expected %s%s", d.written(path), err, shown)
	}
}

// setScalar parses s into v; its error names the expected kind of value.
func setScalar(v reflect.Value, s string) error {
	switch {
	case v.Type() == durationType:
		d, err := ParseDuration(s)
		if err != nil {
			return fmt.Errorf("a duration such as 30s, 10m, 6h or 90d")
		}
		v.SetInt(int64(d))
	case v.Kind() == reflect.String:
		v.SetString(s)
	case v.Kind() == reflect.Bool:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return fmt.Errorf("true or false")
		}
		v.SetBool(b)
	case v.Kind() == reflect.Int64:
		n, err := parseSize(s)
		if err != nil {
			return fmt.Errorf("a byte count such as 1048576 or 10MiB")
		}
		v.SetInt(n)
	case v.Kind() == reflect.Int:
		n, err := strconv.ParseInt(s, 10, 32)
		if err != nil {
			return fmt.Errorf("a whole number")
		}
		v.SetInt(n)
	case v.Kind() == reflect.Float64:
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return fmt.Errorf("a number")
		}
		v.SetFloat(f)
	default:
		return fmt.Errorf("a supported value (internal: %s)", v.Type())
	}
	return nil
}

// expectKind reports a value of the wrong shape (a list where a mapping
// belongs, and so on); it returns whether n has the wanted kind.
func (d *decoder) expectKind(n *yaml.Node, want yaml.Kind, path string) bool {
	if n.Kind == want {
		return true
	}
	d.bad[path] = true
	d.errs.at(n, "%s: expected %s, got %s", orTop(d.written(path)), kindName(want), kindName(n.Kind))
	return false
}

// kindName names a node kind for messages.
func kindName(k yaml.Kind) string {
	switch k {
	case yaml.MappingNode:
		return "a mapping (key: value)"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return "a single value"
	}
	return "something else"
}

// joinPath appends a key to a path: "" + "feeds" = "feeds".
func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// inPath is " in <path>" for messages, or "" at the top level.
func inPath(path string) string {
	if path == "" {
		return ""
	}
	return " in " + path
}

// orTop names the top level of the file in messages.
func orTop(path string) string {
	if path == "" {
		return "the file"
	}
	return path
}
