package events

import (
	"slices"
	"testing"
	"time"
)

func TestCountriesOf(t *testing.T) {
	for _, tc := range []struct {
		title string
		want  []string
	}{
		{"Poland – AH-64E Apache Helicopters", []string{"poland"}},
		{"Госдеп одобрил продажу Польше вертолетов Apache", []string{"poland"}},
		{"美国务院批准向波兰出售阿帕奇直升机", []string{"poland"}},
		{"Norway – AIM-9X Block II Sidewinder Missiles", []string{"norway"}},
		{"Washington approves air defense deal for Egypt", []string{"egypt"}},
		{"البنك المركزي المصري يرفع الفائدة", []string{"egypt"}},
		{"مصرف مركزي", nil}, // a bank, not Egypt
		{"Security Council extends mandate of UN force in Lebanon", []string{"lebanon"}},
		{"Независимые данные о грузах", nil}, // "данные" is no Denmark, "грузах" no Georgia
		{"Indian Navy tracks independent tanker", []string{"india"}},
	} {
		if got := placesOf(foldText(tc.title)).countries; !slices.Equal(got, tc.want) {
			t.Errorf("placesOf(%q).countries = %v, want %v", tc.title, got, tc.want)
		}
	}
}

// A ship's flag or owner is a place of the story, not its subject.
func TestShipCountriesAreNoSubjects(t *testing.T) {
	p := placesOf(foldText("Malta-flagged tanker and Greek-owned bulker hit off Oman"))
	all, subjects := p.countries, p.subjects
	if !slices.Equal(all, []string{"malta", "greece", "oman"}) || !slices.Equal(subjects, []string{"oman"}) {
		t.Errorf("countries %v, subjects %v; want malta, greece, oman and only oman", all, subjects)
	}
}

func TestSubjectsApart(t *testing.T) {
	for _, tc := range []struct {
		name string
		a, b []string
		want bool
	}{
		{"two sales notified the same day", []string{"poland"}, []string{"norway"}, true},
		{"two renewals of watched regimes", []string{"yemen"}, []string{"central-africa", "somalia"}, true},
		{"an unwatched teller and a watched subject", []string{"japan"}, []string{"dprk"}, false},
		{"one shared", []string{"dprk", "japan"}, []string{"dprk", "south-korea"}, false},
		{"one headline names none", nil, []string{"egypt"}, false},
		{"a watched subject and unwatched tellers", []string{"dprk", "japan"}, []string{"south-korea"}, false},
		{"watched subjects apart, a place shared", []string{"russia", "poland"}, []string{"ukraine", "poland"}, true},
	} {
		if got := subjectsApart(tc.a, tc.b); got != tc.want {
			t.Errorf("%s: subjectsApart(%v, %v) = %v, want %v", tc.name, tc.a, tc.b, got, tc.want)
		}
	}
}

// A group's headline is about the country it holds, but two groups never
// share a country through it.
func TestSubjectsOfGroups(t *testing.T) {
	subjects := func(ids ...string) []string {
		f := Features{Keys: map[string]float32{}}
		for _, id := range ids {
			f.Keys[prefixSubject+id] = titleBoost
		}
		return subjectsOf(f)
	}
	houthis, yemen := subjects("houthis"), subjects("yemen")
	if subjectsApart(houthis, yemen) || subjectsApart(subjects("houthis", "israel"), subjects("yemen", "philippines")) {
		t.Errorf("the Houthis are apart from Yemen: %v, %v", houthis, yemen)
	}
	if !subjectsApart(houthis, subjects("hezbollah")) || !subjectsApart(houthis, subjects("central-africa")) {
		t.Errorf("the Houthis meet another group or country: %v", houthis)
	}
	if got := subjects("houthis", "yemen"); len(got) != 2 {
		t.Errorf("a group and its country named together: %v, want each once", got)
	}
}

// Reports in two languages that share one small number and nothing else
// language-free are not one happening ("Estlink 2" and "2명"), and the
// pack's entity for many countries at once is no evidence.
func TestWeakEvidenceJoinsNothing(t *testing.T) {
	g := newGrouper(t)
	en := report(t, "yle", "a", "Police: Eagle S crew interrogations largely done", "Investigators questioned the crew over the damage to the Estlink 2 power cable.", t0)
	ko := report(t, "yonhap", "b", "국정원 \"우크라, 북한군 2명 생포 확인\"", "국가정보원은 우크라이나군이 북한군 2명을 생포했다고 밝혔다.", t0.Add(time.Hour))
	en.Features.Lang, ko.Features.Lang = "en", "ko"
	as := assign(t, g, en, ko)
	if as[0].Event == as[1].Event {
		t.Errorf("joined on the number 2 alone: %+v", as)
	}
	if _, ok := ko.Features.Keys[prefixCountry+"other-suppliers"]; ok {
		t.Errorf("features keep the entity for many countries: %v", ko.Features.Keys)
	}
	if !weakEvidence("n:2") || weakEvidence("n:26") || weakEvidence("w:two") {
		t.Error("weakEvidence: only numbers under 10 are weak")
	}
}
