package labelled

import (
	"slices"
	"sort"

	"github.com/sanctionwatch/sanctionwatch/rules"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// Counts are the outcomes of one rule, or of all rules together.
type Counts struct {
	TruePos  int `json:"true_alerts"`
	FalsePos int `json:"false_alerts"`
	FalseNeg int `json:"misses"`
}

// Precision is the share of alerts that were relevant; 1 with no alerts,
// since a silent rule raised no false alarm.
func (c Counts) Precision() float64 { return ratio(c.TruePos, c.TruePos+c.FalsePos) }

// Recall is the share of relevant stories that alerted; 1 with none.
func (c Counts) Recall() float64 { return ratio(c.TruePos, c.TruePos+c.FalseNeg) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// Outcome is one story that was scored wrong, with the rules that fired.
type Outcome struct {
	Story Story    `json:"-"`
	ID    string   `json:"id"`
	Title string   `json:"title"`
	Rules []string `json:"rules,omitempty"`
}

// RuleScore is one rule's counts. Its recall is over the relevant stories
// that expect it: those naming it under rules:, and those naming no rules.
type RuleScore struct {
	Rule string `json:"rule"`
	Counts
}

// Report is a rule set's score on a labelled set.
type Report struct {
	Stories     int         `json:"stories"`
	Relevant    int         `json:"relevant"`
	Overall     Counts      `json:"overall"`
	Rules       []RuleScore `json:"rules"`
	Misses      []Outcome   `json:"missed"`
	FalseAlerts []Outcome   `json:"false_alerts_list"`
}

// Score runs rs over set.
func Score(rs *rules.RuleSet, set []Story) Report {
	r := Report{Stories: len(set)}
	per := map[string]*Counts{}
	for _, id := range rs.RuleIDs() {
		per[id] = &Counts{}
	}
	for _, ls := range set {
		s := ls.Story()
		fired := ruleIDs(rs, &s)
		r.add(ls, fired)
		scoreRules(per, ls, fired)
	}
	ids := make([]string, 0, len(per))
	for id := range per {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		r.Rules = append(r.Rules, RuleScore{Rule: id, Counts: *per[id]})
	}
	return r
}

func ruleIDs(rs *rules.RuleSet, s *story.Story) []string {
	ms := rs.Match(s)
	ids := make([]string, len(ms))
	for i, m := range ms {
		ids[i] = m.RuleID
	}
	return ids
}

// add counts one story in the overall score.
func (r *Report) add(ls Story, fired []string) {
	o := Outcome{Story: ls, ID: ls.ID, Title: ls.Title, Rules: fired}
	if ls.Relevant {
		r.Relevant++
	}
	switch {
	case len(fired) > 0 && ls.Relevant:
		r.Overall.TruePos++
	case len(fired) > 0:
		r.Overall.FalsePos++
		r.FalseAlerts = append(r.FalseAlerts, o)
	case ls.Relevant:
		r.Overall.FalseNeg++
		r.Misses = append(r.Misses, o)
	}
}

// scoreRules counts one story for every rule.
func scoreRules(per map[string]*Counts, ls Story, fired []string) {
	for id, c := range per {
		hit := slices.Contains(fired, id)
		switch {
		case hit && ls.Relevant:
			c.TruePos++
		case hit:
			c.FalsePos++
		case ls.Relevant && (len(ls.Rules) == 0 || slices.Contains(ls.Rules, id)):
			c.FalseNeg++
		}
	}
}
