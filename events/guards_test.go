package events

import "testing"

// conflicting is the two guards on numbers together (see guardOf): whether
// two reports whose headlines give counts or amounts tell different events: neither headline's count is found
// anywhere in the other report ("16 firms" and "8 firms"; resolution 2781
// and resolution 2769), however alike their words. Numbers only in the
// summaries do not conflict: they are as often other facts of the story
// (a death toll, an earlier package) as the same fact told otherwise.
// A round count near the other's ("more than 100" and 107, "180-plus" and
// 183) is one outlet rounding, not another event; but close counts are not
// anchors (see compare): on the labelled sets that merged more look-alikes
// than it joined reports. Amounts that differ do not conflict when a count
// one headline gives is in the other report (see countsAgree): "26 Rafale
// jets" for $7.4 billion and "26 Rafale Marine" for 6.6 billion euros are
// one deal in two currencies.
func conflicting(a, b counted) bool {
	return amountsDiffer(a, b) || countsDiffer(a, b)
}

func TestConflictingCounts(t *testing.T) {
	for _, tc := range []struct {
		name string
		a, b counted
		want bool
	}{
		{"headline counts differ", counted{title: []float64{16}, all: []float64{16}}, counted{title: []float64{8}, all: []float64{8}}, true},
		{"one headline's count is in the other's summary", counted{title: []float64{107}, all: []float64{107}}, counted{title: []float64{100}, all: []float64{100, 107}}, false},
		{"a round figure for a near one", counted{title: []float64{180}, all: []float64{180}}, counted{title: []float64{183}, all: []float64{183}}, false},
		{"two significant digits are not rounded to a tenth", counted{title: []float64{210}, all: []float64{210}}, counted{title: []float64{230}, all: []float64{230}}, true},
		{"summary counts alone never conflict", counted{all: []float64{25}}, counted{all: []float64{150}}, false},
		{"different amounts anywhere", counted{all: []float64{210e9}}, counted{title: []float64{230e9}, all: []float64{230e9}}, true},
		{"the same amount written otherwise", counted{all: []float64{12e6}}, counted{all: []float64{12e6, 250}}, false},
		{"one sum in two currencies", counted{title: []float64{1.1e9}, all: []float64{1.1e9}}, counted{title: []float64{170e9}, all: []float64{170e9}}, false},
		{"one deal of 26 jets in dollars and euros", counted{title: []float64{7.4e9, 26}, all: []float64{7.4e9, 26}}, counted{title: []float64{6.6e9, 26}, all: []float64{6.6e9, 26, 22}}, false},
		{"amounts that differ, and small counts alike", counted{title: []float64{210e9, 2}, all: []float64{210e9, 2}}, counted{title: []float64{230e9, 2}, all: []float64{230e9, 2}}, true},
	} {
		if got := conflicting(tc.a, tc.b); got != tc.want {
			t.Errorf("%s: conflicting(%v, %v) = %v, want %v", tc.name, tc.a, tc.b, got, tc.want)
		}
	}
}

func TestHeadlineActors(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"UK follows US in sanctioning two Russian oil giants", "US imposes sweeping sanctions on Russian oil producers", true},
		{"Britain, France, Germany trigger snapback of UN sanctions on Iran", "Iran : Paris, Londres et Berlin déclenchent le snapback", false},
		{"US sanctions UAE, Turkish firms over supplies to Russian military", "Treasury targets Gulf, Turkish suppliers of Russia's war machine", false},
		{"Treasury sanctions Hong Kong network over Iranian oil", "State Department sanctions traders of Iranian petrochemicals", true},
		{"Минфин США ввел санкции против «Газпром нефти»", "US hits Russian oil with toughest sanctions yet", false},
		{"Security Council renews Libya inspections", "US sanctions Libyan smugglers", false},
		{"E3 trigger snapback of UN sanctions on Iran", "Iran : Paris, Londres et Berlin déclenchent le snapback", false},
		{"E3 joint statement on Iranian transfer of missiles to Russia", "US confirms Iranian missiles reached Russia", true},
		{"Blinken says Russia received Iranian missiles", "E3 sanction Iran Air over missile deliveries", true},
	} {
		ha, hb := headlineOf(tc.a), headlineOf(tc.b)
		if got := ha.conflicts(hb); got != tc.want {
			t.Errorf("%q (%+v) against %q (%+v): conflict %v, want %v", tc.a, ha, tc.b, hb, got, tc.want)
		}
	}
}

// headlineOf is what grouping keeps of a headline's governments.
func headlineOf(title string) headline {
	f := Features{Keys: map[string]float32{}}
	for i, a := range headlineActors(foldText(title)) {
		f.Keys[prefixActor+a] = boostOf(i == 0)
	}
	return actorsOf(f)
}

// A count one headline gives and the other report gives too outweighs the
// countries the headlines name; a measure is no such count.
func TestSubjectsYieldToSharedCount(t *testing.T) {
	keys := func(kv ...string) Features {
		f := Features{Keys: map[string]float32{}}
		for _, k := range kv {
			f.Keys[k] = titleBoost
		}
		return f
	}
	for _, tc := range []struct {
		name string
		a, b Features
		want bool
	}{
		{"disjoint headline countries", keys("t:yemen"), keys("t:central-africa", "t:somalia"), true}, // the pack files Somalia under central-africa
		{"one package of 107", keys("t:dprk", "n:107"), Features{Keys: map[string]float32{"t:russia": titleBoost, "n:107": summaryBoost}}, false},
		{"a rounded count", keys("t:dprk", "n:107"), keys("t:russia", "n:100"), false},
		{"two renewals for 12 months", keys("t:yemen", "n:12", "m:12"), keys("t:central-africa", "t:somalia", "n:12", "m:12"), true},
	} {
		q := &query{nums: counts(tc.a), actors: actorsOf(tc.a), subjects: subjectsOf(tc.a)}
		m := &member{nums: counts(tc.b), actors: actorsOf(tc.b), subjects: subjectsOf(tc.b)}
		if got := guardOf(q, m) != ""; got != tc.want {
			t.Errorf("%s: conflict %v, want %v", tc.name, got, tc.want)
		}
	}
}
