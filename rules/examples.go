package rules

import (
	"fmt"
	"strings"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// examples runs every rule's examples against the whole compiled set, the
// way `promtool test rules` runs a rule file's tests: a "match" story must
// fire the rule and a "no_match" story must not.
func (c *compiler) examples(docs []*fileDoc) {
	index := make(map[string]int32, len(c.rs.rules))
	for i, r := range c.rs.rules {
		index[r.id] = int32(i)
	}
	for _, doc := range docs {
		c.file = doc.name
		for _, rd := range doc.rules {
			id := fmt.Sprintf("rule %q", rd.id)
			for _, ex := range rd.match {
				if !c.fires(index[rd.id], ex) {
					c.errorf(ex.node, id, "example should match but does not: %s", exampleName(ex))
				}
			}
			for _, ex := range rd.noMatch {
				if c.fires(index[rd.id], ex) {
					c.errorf(ex.node, id, "example should not match but does: %s", exampleName(ex))
				}
			}
		}
	}
}

func (c *compiler) fires(rule int32, ex exampleDoc) bool {
	return c.rs.holds(rule, &story.Story{Title: ex.title, Summary: ex.summary, Content: ex.content})
}

func exampleName(ex exampleDoc) string {
	s := ex.title
	if s == "" {
		s = ex.summary + " " + ex.content
	}
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > 80 {
		s = string(r[:77]) + "..."
	}
	return fmt.Sprintf("%q", s)
}
