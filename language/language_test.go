package language

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/sanctionwatch/sanctionwatch/story"
)

func TestDetectShortTexts(t *testing.T) {
	tests := []struct{ text, want string }{
		{"North Korea shipped artillery shells to Russia, officials said", "en"},
		{"КНДР передала России артиллерийские снаряды", "ru"},
		{"КНДР передала Росії артилерійські снаряди, заявили в ГУР", "uk"},
		{"북한이 러시아에 포탄을 보냈다", "ko"},
		{"朝鲜向俄罗斯提供炮弹", "zh"},
		{"北朝鮮がロシアに砲弾を供与", "ja"},
		{"كوريا الشمالية أرسلت قذائف مدفعية إلى روسيا", "ar"},
		{"کره شمالی گلوله‌های توپ به روسیه فرستاد", "fa"},
		{"La Corée du Nord a livré des obus à la Russie", "fr"},
		{"Nordkorea hat Russland Artilleriegranaten geliefert", "de"},
		{"Corea del Norte envió proyectiles de artillería a Rusia", "es"},
		{"OK", ""},
		{"", ""},
		{"2397 1718 2231 !!!", ""},
	}
	for _, tt := range tests {
		if got := Detect(tt.text); got != tt.want {
			t.Errorf("Detect(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

type labelled struct {
	Title   string `yaml:"title"`
	Summary string `yaml:"summary"`
}

// evalSets maps each language to the labelled stories of the rule pack's
// evaluation sets: real-looking wire copy, relevant and look-alike.
func evalSets(t *testing.T) map[string][]labelled {
	out := map[string][]labelled{}
	files, _ := filepath.Glob("../rules/testdata/eval/dev*.yaml")
	for _, f := range files {
		code := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), "dev-"), ".yaml")
		if code == "dev" {
			code = "en"
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var stories []labelled
		if err := yaml.Unmarshal(data, &stories); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[code] = stories
	}
	if len(out) == 0 {
		t.Skip("no labelled stories")
	}
	return out
}

// TestDetectLabelledStories holds the detector to the labelled stories of
// every language: headlines alone, and headline with summary.
func TestDetectLabelledStories(t *testing.T) {
	for code, stories := range evalSets(t) {
		var wrongTitle, wrongStory int
		for _, s := range stories {
			if got := Detect(s.Title); got != code {
				wrongTitle++
				t.Logf("%s title: got %q: %s", code, got, s.Title)
			}
			// A headline with no summary is a headline: held to the
			// headline budget below, not to exactness.
			if got := Detect(s.Title + "\n" + s.Summary); got != code && s.Summary != "" {
				wrongStory++
				t.Errorf("%s story: got %q: %s", code, got, s.Title)
			}
		}
		t.Logf("%s: %d stories, %d headlines and %d stories wrong", code, len(stories), wrongTitle, wrongStory)
		// A headline has a handful of words, often names; a story is
		// what Detect is given, and must be right.
		if wrongTitle*10 > len(stories) {
			t.Errorf("%s: %d of %d headlines wrong, more than 10%%", code, wrongTitle, len(stories))
		}
	}
}

func FuzzDetect(f *testing.F) {
	f.Add("КНДР передала России снаряды")
	f.Add("\xff\xfe北朝鮮")
	f.Fuzz(func(t *testing.T, s string) {
		if got := Detect(s); got != "" && !Known(got) {
			t.Fatalf("Detect(%q) = %q, not a known code", s, got)
		}
	})
}

func TestTag(t *testing.T) {
	tests := []struct {
		s    story.Story
		want string
	}{
		{story.Story{Title: "북한이 러시아에 포탄을 보냈다", Language: "en-US"}, "ko"},
		{story.Story{Title: "OK", Language: "de-DE"}, "de"},
		{story.Story{Title: "OK", Language: "tlh"}, ""},
		{story.Story{Title: "North Korea shipped shells", Lang: "fr"}, "fr"},
	}
	for _, tt := range tests {
		Tag(&tt.s)
		if tt.s.Lang != tt.want {
			t.Errorf("Tag(%q, feed %q) = %q, want %q", tt.s.Title, tt.s.Language, tt.s.Lang, tt.want)
		}
	}
}
