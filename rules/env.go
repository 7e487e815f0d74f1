package rules

import (
	"slices"

	"go.yaml.in/yaml/v3"

	"github.com/sanctionwatch/sanctionwatch/unsc"
)

// Env is everything rule files may refer to that they do not define
// themselves: the sanctions lists the config declares, the entities of
// those already imported, and rules generated from configuration.
type Env struct {
	// Lists are the declared sanctions lists, imported or not: @list:NAME
	// must name one of them.
	Lists []string
	// Pending names declared lists not imported yet. Their programmes are
	// unknown, so an @regime: name nothing else knows is accepted unless it
	// looks like a typo of a known one.
	Pending []string
	// Entities come from imported lists.
	Entities []*Entity
	// Generated are rules built by the program (one per sanctions list),
	// compiled with the files' rules.
	Generated []Spec
}

// Spec is a rule built as data rather than read from a file.
type Spec struct {
	ID, Title string
	Severity  string
	Tags      []string
	Route     []string
	Query     string
}

// GeneratedName is the file name errors in generated rules are reported
// under.
const GeneratedName = "config lists (generated rules)"

// specDoc turns generated rules into the shape a file decodes to, so they
// go through exactly the checks written rules do. Their nodes have no
// position: errors name the rule, not a line.
func specDoc(specs []Spec) *fileDoc {
	doc := &fileDoc{name: GeneratedName}
	for _, s := range specs {
		rd := ruleDoc{node: &yaml.Node{Kind: yaml.MappingNode}, id: s.ID, title: s.Title, tags: s.Tags,
			severity: scalar(s.Severity), query: scalar(s.Query), routes: s.Route}
		doc.rules = append(doc.rules, rd)
	}
	return doc
}

func scalar(v string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v}
}

// knownRegimes are the regimes @regime: may name: the Security Council's
// and every programme of an imported entity.
func (c *compiler) knownRegimes() []string {
	known := unsc.IDs()
	seen := map[string]bool{}
	for _, r := range known {
		seen[r] = true
	}
	c.liveEntities(func(_ int32, e *Entity) {
		for _, r := range e.Regimes {
			if r != "" && !seen[r] {
				seen[r] = true
				known = append(known, r)
			}
		}
	})
	slices.Sort(known)
	return known
}

// DefinedIDs returns the ids of the rules the sources and generated specs
// define, read without compiling: a caller checking names against them
// (rules.disabled) can report its own mistakes beside the compile errors
// of a rule set that does not compile.
func DefinedIDs(sources []Source, generated []Spec) []string {
	var ids []string
	for _, src := range sources {
		doc, _ := parseFile(src.Name, src.Data)
		for _, r := range doc.rules {
			ids = append(ids, r.id)
		}
	}
	for _, s := range generated {
		ids = append(ids, s.ID)
	}
	return ids
}
