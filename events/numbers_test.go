package events

import (
	"slices"
	"strings"
	"testing"
)

// numbers returns the values of the numbers of text.
func numbers(text string) []string {
	var out []string
	for _, n := range readNumbers(text) {
		out = append(out, n.value)
	}
	return out
}

// designations returns the values of the numbers of text that count
// nothing: models and measures.
func designations(text string) []string {
	var out []string
	for _, n := range readNumbers(text) {
		if n.model {
			out = append(out, n.value)
		}
	}
	return out
}

func TestNumbers(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"US sanctions 16 firms and 9 tankers", []string{"16", "9"}},
		{"6,700 containers; 6 700 conteneurs; 6.700 Container", []string{"6700", "6700", "6700"}},
		{"$1.2 billion or 1,2 млрд or $1.2bn", []string{"1200000000", "1200000000", "1200000000"}},
		{"$6.5 bln deal, 약 65억달러", []string{"6500000000", "6500000000"}},
		{"12 million shells, 12 Millionen Granaten, 1천200만발, 1200万发", []string{"12000000", "12000000", "12000000", "12000000"}},
		{"약 1천100㎞를 비행, 2억5천만 달러, 3千人", []string{"1100", "250000000", "3000"}},
		{"3 mln rounds; 16 military firms; 5 mil millones", []string{"3000000", "16", "5000000000"}},
		{"майже 800 тисяч снарядів, 10 тис. військових, 2 мільйони, 3 мільярди", []string{"800000", "10000", "2000000", "3000000000"}},
		{"2025年1月6日, 6일 오전", []string{"6", "6"}},
		{"in 2025, resolution 2397 (2017)", []string{"2397"}},
		{"one missile, 1 launch, 0 casualties", nil},
		{"IR-6 centrifuges and Su-30SME jets", []string{"6", "30"}},
		{"ایران بیش از ۲۰۰ موشک", []string{"200"}},
		{"on 6.1.2025 at 10:30", []string{"10", "30"}},
		{"F16s and A4 paper", nil},
	} {
		if got := numbers(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("numbers(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// FuzzNumbers checks that every number comes out canonical: digits with at
// most one decimal point, no leading zero, never a bare year or 0 or 1.
func FuzzNumbers(f *testing.F) {
	for _, s := range []string{"6,700 containers", "1,2 млрд", "۲۰۰", "6.1.2025", "1 200 300", "0.5", "00012", "Seoul names Office 313",
		"1천200만발", "2억5천만", "0천", "3千人", "1.5 mil millones", "$1.2bn", "9 mln", "0.001 million",
		"$6.5 bln", "12 months", "120 240mm", "約86分", "3 ماهواره", "5%", "16-year-old"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, n := range numbers(text) {
			if n == "" || n == "1" || n[0] == '0' || n[0] == '.' || strings.Count(n, ".") > 1 {
				t.Fatalf("numbers(%q) gave %q", text, n)
			}
			for _, r := range n {
				if (r < '0' || r > '9') && r != '.' {
					t.Fatalf("numbers(%q) gave %q", text, n)
				}
			}
		}
	})
}

func TestDesignations(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Test-fire of Hwasong-20 ICBM; 86 minutes", []string{"20", "86"}},
		{"Su-35 jets, MiG-29 parts and 26 Rafale", []string{"35", "29"}},
		{"сухо-۳۵ and a 2-3 split", []string{"35"}},
		{"16 firms in 2025", nil},
		{"first arms sale under Trump 2.0, 2.5 hours", []string{"2.0", "2.5"}},
		{"renews Yemen sanctions for 12 months, 12 Monate, 12 месяцев, 12개월", []string{"12", "12", "12", "12"}},
		{"flew 1,100 km (약 1천100㎞), 240mm rockets, a 16-year-old, up 5%, 飛行時間は約86分", []string{"1100", "1100", "240", "16", "5", "86"}},
		{"16 firms, 12 Daytona engines, 30 ansar fighters", nil},
		// A number after a capitalised word names it, but not the first
		// word's, and not in a headline that capitalises every word.
		{"Seoul designates North Korean IT workers, Office 313 in new sanctions", []string{"313"}},
		{"Police seize ship suspected of damaging Estlink 2", []string{"2"}},
		{"Over 20 countries join the coalition", nil},
		{"Commerce Adds 40 Entities to Entity List", nil},
		{"the US 50 and the EU 27", nil},
		// A sentence's first word names nothing; title case lowers its
		// prepositions.
		{"The Treasury acted on Thursday. Another 12 vessels were identified", nil},
		{"Officials said: Nearly 30 firms were listed", nil},
		{"US Sanctions 16 Firms from China over Iran Drones", nil},
		{"Japan Sanctions 11 Firms over Ties with Russia after Attack on Kyiv", nil},
	} {
		if got := designations(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("designations(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}
