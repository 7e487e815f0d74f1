package spelling

import "testing"

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"title", "title", 0},
		{"titel", "title", 1},
		{"Title", "title", 0},
		{"sumary", "summary", 1},
		{"", "feed", 4},
		{"colour", "content", 5},
		{"Кремль", "кремл", 1},
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestNearest(t *testing.T) {
	known := []string{"munitions", "arms_trade", "severity", "schedule"}
	for word, want := range map[string]string{"munition": "munitions", "severty": "severity", "schedul": "schedule", "x": "", "zzzzzz": ""} {
		got, ok := Nearest(word, known)
		if got != want || ok != (want != "") {
			t.Errorf("Nearest(%q) = %q, %v; want %q", word, got, ok, want)
		}
	}
}
