package config

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"

	"go.yaml.in/yaml/v3"
)

// typeBlock is the block of Destination that makes a destination of one
// type. A destination has exactly one; adding a type adds a block here.
type typeBlock struct {
	key  string // the block's key: discord
	name string // the type in messages: Discord
	t    reflect.Type
}

var (
	destinationType  = reflect.TypeFor[Destination]()
	destinationTypes = []typeBlock{
		{"discord", "Discord", reflect.TypeFor[DiscordDestination]()},
		{"json_webhook", "json_webhook", reflect.TypeFor[JSONWebhook]()},
	}
)

// unknownKeyHint explains an unknown key: a setting of another
// destination type says which, anything else gets a spelling suggestion.
func unknownKeyHint(t reflect.Type, key string, names []string) string {
	for _, b := range destinationTypes {
		if _, ok := keysOf(b.t).direct[key]; !ok || b.t == t {
			continue
		}
		if t == destinationType {
			return fmt.Sprintf("; it is a %s setting: write it in the destination's %s: block", b.name, b.key)
		}
		if isTypeBlock(t) {
			return fmt.Sprintf("; it is a %s setting, and a destination has one type", b.name)
		}
	}
	return didYouMean(key, names)
}

// isTypeBlock reports whether t is the block of a destination type.
func isTypeBlock(t reflect.Type) bool {
	for _, b := range destinationTypes {
		if b.t == t {
			return true
		}
	}
	return false
}

// destinationKind checks that destination key is of one type, and returns
// the key of that type's block ("" when none is written). A block's keys
// are written either in the block or flat (the older form), not both; the
// first type written decides, and the keys of any other are reported
// where they are written.
func (ch *checker) destinationKind(key, label string) string {
	kind, first := "", (*yaml.Node)(nil)
	for _, b := range ch.typesWritten(key, label) {
		if kind == "" {
			kind, first = b.block.key, b.nodes[0]
			continue
		}
		for _, n := range b.nodes {
			ch.errs.at(n, "%s: %s in a %s destination (%s: at line %d); a destination has one type",
				label, keyWhat(b.block, n), typeName(kind), first.Value, first.Line)
		}
	}
	return kind
}

// written is a destination type as the file writes it: its block's key,
// or its keys written flat.
type written struct {
	block typeBlock
	nodes []*yaml.Node
}

// typesWritten lists the types of destination key in the order the file
// writes them, reporting flat keys beside their own block.
func (ch *checker) typesWritten(key, label string) []written {
	var ws []written
	for _, b := range destinationTypes {
		path := joinPath(key, b.key)
		blockKey, flat := ch.keys[path], ch.flat[path]
		switch {
		case blockKey != nil:
			for _, kn := range flat {
				ch.errs.at(kn, "%s: %s is written flat beside the %s: block of line %d; move it into the block",
					label, kn.Value, b.key, blockKey.Line)
			}
			ws = append(ws, written{b, []*yaml.Node{blockKey}})
		case len(flat) > 0:
			ws = append(ws, written{b, flat})
		}
	}
	slices.SortStableFunc(ws, func(x, y written) int { return cmp.Compare(x.nodes[0].Line, y.nodes[0].Line) })
	return ws
}

// keyWhat names a key of a destination type in messages: its block, or
// one setting written flat.
func keyWhat(b typeBlock, kn *yaml.Node) string {
	if kn.Value == b.key {
		return fmt.Sprintf("a %s: block", b.key)
	}
	return fmt.Sprintf("%s setting %s", b.name, kn.Value)
}

// typeName names a destination type by its block's key.
func typeName(key string) string {
	for _, b := range destinationTypes {
		if b.key == key {
			return b.name
		}
	}
	return key
}
