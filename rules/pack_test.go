package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/sanctionwatch/sanctionwatch/internal/corpus"
	"github.com/sanctionwatch/sanctionwatch/language"
	"github.com/sanctionwatch/sanctionwatch/story"
)

func TestDefaultPackCompiles(t *testing.T) {
	t.Parallel() // seconds of CPU under -race, independent of the rest
	rs := defaultPack(t)
	st := rs.Stats()
	if st.Rules < 8 || st.Terms < 500 || st.Entities < 20 {
		t.Errorf("default pack looks thin: %+v", st)
	}
}

// TestEnglishPackCompilesAlone compiles the pack without its language
// files: a deployment may drop rules/pack/lang, and the compile benchmark
// measures the languages against the English pack alone, so the English
// files' examples must hold without the other languages' lists.
func TestEnglishPackCompilesAlone(t *testing.T) {
	t.Parallel()
	var english []Source
	for _, src := range DefaultPack() {
		if !strings.Contains(src.Name, "/lang/") {
			english = append(english, src)
		}
	}
	if _, err := Compile(english, Env{}); err != nil {
		t.Fatalf("the pack without its language files: %v", err)
	}
}

// seedStory reads the story the project was born from, as captured from the
// web: the headline is the first line that mentions Kim.
func seedStory(t *testing.T) story.Story {
	dir := corpus.Path(t, "seed")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		t.Skip("no seed story")
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	var title string
	for _, line := range strings.Split(text, "\n") {
		if strings.Contains(line, "Kim") {
			title = strings.TrimSpace(line)
			break
		}
	}
	_, body, _ := strings.Cut(text, title)
	return story.Story{Title: title, Content: body}
}

func TestSeedStoryAlertsAndExplains(t *testing.T) {
	checkSeed(t, seedStory(t))
}

// TestSeedStoryInKoreanAndRussian runs a Korean and a Russian version of
// the seed story, written the way those media would report it: they must
// alert and explain with the same rules.
func TestSeedStoryInKoreanAndRussian(t *testing.T) {
	for _, lang := range []string{"ko", "ru"} {
		t.Run(lang, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "seed", lang+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			title, body, _ := strings.Cut(string(data), "\n")
			checkSeed(t, story.Story{Title: title, Content: body})
		})
	}
}

// checkSeed holds a version of the seed story to what it must give: a
// critical dprk-russia-arms alert naming both states and the weapons, a
// marked snippet, and the Security Council resolutions.
func checkSeed(t *testing.T, s story.Story) {
	t.Helper()
	rs := defaultPack(t)
	ms := rs.Match(&s)
	byRule := map[string]story.Match{}
	for _, m := range ms {
		byRule[m.RuleID] = m
	}
	m, ok := byRule["dprk-russia-arms"]
	if !ok {
		t.Fatalf("seed story did not fire dprk-russia-arms; fired %v", ruleIDs(ms))
	}
	if m.Severity != story.SeverityCritical {
		t.Errorf("severity %s, want critical", m.Severity)
	}
	found := map[string]bool{}
	for _, h := range m.Hits {
		found[string(h.Source)+":"+h.Ref] = true
	}
	for _, want := range []string{"entity:dprk", "entity:russia", "list:weapons_strong"} {
		if !found[want] {
			t.Errorf("dprk-russia-arms hits lack %s: %v", want, found)
		}
	}
	if !strings.Contains(m.Snippet, story.MarkOpen) {
		t.Errorf("snippet has no marked hits: %q", m.Snippet)
	}
	var resolutions bool
	for _, m := range ms {
		for _, h := range m.Hits {
			resolutions = resolutions || h.Source == story.SourceResolution
		}
	}
	if !resolutions {
		t.Errorf("no rule highlighted the UNSC resolutions; fired %v", ruleIDs(ms))
	}
}

// evalStory is one labelled story of testdata/eval.
type evalStory struct {
	ID       string `yaml:"id"`
	Relevant bool   `yaml:"relevant"`
	Topic    string `yaml:"topic"`
	Title    string `yaml:"title"`
	Summary  string `yaml:"summary"`
	Note     string `yaml:"note"`
}

func loadEval(t *testing.T, name string) []evalStory {
	data, err := os.ReadFile(filepath.Join("testdata", "eval", name))
	if err != nil {
		t.Skipf("no eval set %s", name)
	}
	var out []evalStory
	if err := yaml.Unmarshal(data, &out); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return out
}

// score is recall and precision on one labelled set.
type score struct{ tp, fp, fn, n int }

func (s score) recall() float64    { return float64(s.tp) / float64(max(1, s.tp+s.fn)) }
func (s score) precision() float64 { return float64(s.tp) / float64(max(1, s.tp+s.fp)) }
func (s *score) add(o score)       { s.tp, s.fp, s.fn, s.n = s.tp+o.tp, s.fp+o.fp, s.fn+o.fn, s.n+o.n }

func (s score) String() string {
	return fmt.Sprintf("%d stories, recall %.3f, precision %.3f (tp %d, fp %d, fn %d)",
		s.n, s.recall(), s.precision(), s.tp, s.fp, s.fn)
}

// scoreSet matches every story of a set, logging misses and false alerts.
func scoreSet(t *testing.T, rs *RuleSet, stories []evalStory) score {
	var sc score
	for _, e := range stories {
		fired := rs.Match(&story.Story{Title: e.Title, Summary: e.Summary})
		switch {
		case len(fired) > 0 && e.Relevant:
			sc.tp++
		case len(fired) > 0:
			sc.fp++
			t.Logf("false alert %s (%s): %s %v", e.ID, e.Topic, e.Title, ruleIDs(fired))
		case e.Relevant:
			sc.fn++
			t.Logf("missed %s (%s): %s", e.ID, e.Topic, e.Title)
		}
	}
	sc.n = len(stories)
	return sc
}

// checkFloor fails when recall or precision is below floor.
func checkFloor(t *testing.T, what string, sc score, floor float64) {
	t.Helper()
	if sc.recall() < floor || sc.precision() < floor {
		t.Errorf("%s: recall %.3f / precision %.3f below the %.2f floor", what, sc.recall(), sc.precision(), floor)
	}
}

// TestPackOnLabelledStories measures the default pack on labelled stories
// written to look like the news it will see: relevant ones worded without
// the obvious keywords, and look-alikes that share their words. It fails
// when recall or precision drop below the floor the pack is held to. Each
// language other than English has a dev set (dev-XX.yaml) the pack is
// tuned on, held to 0.90, and a blind set (blind-XX.yaml) written without
// seeing the pack, held to 0.80 per language and 0.90 over all of them; a
// set not written yet is skipped.
func TestPackOnLabelledStories(t *testing.T) {
	t.Parallel() // seconds of CPU under -race, independent of the rest
	rs := defaultPack(t)
	for _, set := range []string{"dev.yaml", "holdout.yaml", "blind.yaml", "blind2.yaml", "blind3.yaml"} {
		t.Run(set, func(t *testing.T) {
			sc := scoreSet(t, rs, loadEval(t, set))
			t.Logf("%s: %s", set, sc)
			checkFloor(t, set, sc, 0.9)
		})
	}
	blind := map[string]*score{"blind": {}, "blind2": {}}
	for _, code := range language.Codes {
		if code == "en" {
			continue
		}
		for _, kind := range []string{"dev", "blind", "blind2"} {
			set := kind + "-" + code + ".yaml"
			t.Run(set, func(t *testing.T) {
				sc := scoreSet(t, rs, loadEval(t, set))
				t.Logf("%s: %s", set, sc)
				if kind == "dev" {
					checkFloor(t, set, sc, 0.9)
					return
				}
				blind[kind].add(sc)
				checkFloor(t, set, sc, 0.8)
			})
		}
	}
	for _, kind := range []string{"blind", "blind2"} {
		if all := blind[kind]; all.n > 0 {
			t.Logf("%s sets, all languages: %s", kind, all)
			checkFloor(t, kind+" sets, all languages", *all, 0.9)
		}
	}
}
