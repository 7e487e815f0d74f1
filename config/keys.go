package config

import (
	"reflect"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// structKeys is how the keys of a mapping reach the fields of a struct.
type structKeys struct {
	direct map[string]int       // key -> field index
	flat   map[string]flatField // key of a ",flat" block written on the struct itself
	names  []string             // every key accepted, for suggestions
}

// flatField places a key written flat: field index of the block, name of
// the block, and index of the key's field inside it.
type flatField struct {
	block      int
	blockName  string
	fieldIndex int
}

// keysCache holds keysOf's answer per struct type: building it by
// reflection for every mapping decoded was a fifth of the CPU time of
// parsing a file of many destinations. Entries are never changed.
var keysCache sync.Map // reflect.Type -> structKeys

// keysOf lists the keys of t by yaml tag. Fields tagged "-" are not
// settable. The keys of a field tagged ",flat" are accepted beside it too,
// so that a setting moved into a block keeps being read where older files
// wrote it.
func keysOf(t reflect.Type) structKeys {
	if k, ok := keysCache.Load(t); ok {
		return k.(structKeys)
	}
	k := buildKeys(t)
	keysCache.Store(t, k)
	return k
}

// buildKeys is keysOf without the cache.
func buildKeys(t reflect.Type) structKeys {
	k := structKeys{direct: map[string]int{}, flat: map[string]flatField{}}
	for i := range t.NumField() {
		name, opts, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if name == "" || name == "-" {
			continue
		}
		k.direct[name] = i
		k.names = append(k.names, name)
		if opts != "flat" {
			continue
		}
		inner := keysOf(t.Field(i).Type)
		for key, j := range inner.direct {
			k.flat[key] = flatField{block: i, blockName: name, fieldIndex: j}
		}
		k.names = append(k.names, inner.names...)
	}
	return k
}

// decodeFlat decodes a key of a block written on its parent, under the
// block's path, so that later checks and positions do not depend on the
// form; it remembers the key so that mixing the two forms can be refused.
func (d *decoder) decodeFlat(kn, vn *yaml.Node, v reflect.Value, f flatField, path string) {
	block := joinPath(path, f.blockName)
	d.flat[block] = append(d.flat[block], kn)
	d.keys[joinPath(block, kn.Value)] = kn
	d.asFlat[joinPath(block, kn.Value)] = joinPath(path, kn.Value)
	d.decode(vn, v.Field(f.block).Field(f.fieldIndex), joinPath(block, kn.Value))
}

// written is path as the file writes it, for messages: a value written
// flat is named without its block.
func (d *decoder) written(path string) string {
	if p, ok := d.asFlat[path]; ok {
		return p
	}
	return path
}
