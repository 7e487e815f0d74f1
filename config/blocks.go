package config

import (
	"fmt"
	"reflect"
	"strings"

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

// keysOf lists the keys of t by yaml tag. Fields tagged "-" are not
// settable. The keys of a field tagged ",flat" are accepted beside it too,
// so that a setting moved into a block keeps being read where older files
// wrote it.
func keysOf(t reflect.Type) structKeys {
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

// Types whose keys belong to one destination type only, to name the type
// when a key is written in the wrong one.
var (
	destinationType = reflect.TypeFor[Destination]()
	discordDestType = reflect.TypeFor[DiscordDestination]()
	jsonWebhookType = reflect.TypeFor[JSONWebhook]()
)

// unknownKeyHint explains an unknown key: a setting of the other
// destination type says so, anything else gets a spelling suggestion.
func unknownKeyHint(t reflect.Type, key string, names []string) string {
	_, discordKey := keysOf(discordDestType).direct[key]
	_, hookKey := keysOf(jsonWebhookType).direct[key]
	switch {
	case t == discordDestType && hookKey:
		return "; it is a json_webhook setting, and a destination is either discord or json_webhook"
	case t == jsonWebhookType && discordKey:
		return "; it is a Discord setting, and a destination is either discord or json_webhook"
	case t == destinationType && hookKey:
		return "; it is a json_webhook setting: write it in the destination's json_webhook: block"
	}
	return didYouMean(key, names)
}

// validDestinationType checks that destination key is of one type: Discord
// keys written either in the discord: block or flat (the older form), not
// both, and not beside a json_webhook: block. Each offending key is
// reported where it is written.
func (ch *checker) validDestinationType(key, label string) {
	block := ch.keys[key+".discord"]
	flat := ch.flat[key+".discord"]
	if block != nil {
		for _, kn := range flat {
			ch.errs.at(kn, "%s: %s is written flat beside the discord: block of line %d; move it into the block",
				label, kn.Value, block.Line)
		}
	}
	hook := ch.keys[key+".json_webhook"]
	if hook == nil {
		return
	}
	discordKeys := flat
	if block != nil {
		discordKeys = []*yaml.Node{block}
	}
	for _, kn := range discordKeys {
		ch.errs.at(kn, "%s: %s in a json_webhook destination (json_webhook: at line %d); a destination is either discord or json_webhook",
			label, discordWhat(kn), hook.Line)
	}
}

// discordWhat names a Discord key in messages: the block, or one setting.
func discordWhat(kn *yaml.Node) string {
	if kn.Value == "discord" {
		return "a discord: block"
	}
	return fmt.Sprintf("Discord setting %s", kn.Value)
}
