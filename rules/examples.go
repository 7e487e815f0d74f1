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
	for _, doc := range docs {
		c.file = doc.name
		for _, rd := range doc.rules {
			id := fmt.Sprintf("rule %q", rd.id)
			for _, ex := range rd.match {
				if !c.fires(rd.id, ex) {
					c.errorf(ex.node, id, "example should match but does not: %s", exampleName(ex))
				}
			}
			for _, ex := range rd.noMatch {
				if c.fires(rd.id, ex) {
					c.errorf(ex.node, id, "example should not match but does: %s", exampleName(ex))
				}
			}
		}
	}
}

func (c *compiler) fires(ruleID string, ex exampleDoc) bool {
	s := &story.Story{Title: ex.title, Summary: ex.summary, Content: ex.content}
	only := func(id string, _ []string) bool { return id == ruleID }
	return len(c.rs.MatchWith(s, MatchOptions{Allow: only}).Matches) > 0
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
