package unsc

import "testing"

// TestTableIsConsistent: ids are unique, no resolution or reference prefix
// belongs to two regimes, and each committee's resolution is its own.
func TestTableIsConsistent(t *testing.T) {
	ids, res, prefixes := map[string]bool{}, map[int]string{}, map[string]string{}
	for _, r := range regimes {
		if ids[r.ID] {
			t.Errorf("duplicate id %s", r.ID)
		}
		ids[r.ID] = true
		for _, n := range r.Resolutions {
			if other, ok := res[n]; ok {
				t.Errorf("resolution %d in %s and %s", n, other, r.ID)
			}
			res[n] = r.ID
		}
		for _, p := range r.Prefixes {
			if other, ok := prefixes[p]; ok {
				t.Errorf("prefix %s in %s and %s", p, other, r.ID)
			}
			prefixes[p] = r.ID
		}
		if got, ok := ByResolution(r.Committee); !ok || got.ID != r.ID {
			t.Errorf("%s: committee resolution %d maps to %q", r.ID, r.Committee, got.ID)
		}
	}
}

// TestLookupsAgree: the names a list uses and the ids rules use reach the
// same regime.
func TestLookupsAgree(t *testing.T) {
	for _, tc := range []struct {
		got  func() (Regime, bool)
		want string
	}{
		{func() (Regime, bool) { return ByReference("QDi.115") }, "isil-alqaida"},
		{func() (Regime, bool) { return ByReference("kpe.033") }, "dprk"},
		{func() (Regime, bool) { return ByProgramme("ISIL/Al-Qaida") }, "isil-alqaida"},
		{func() (Regime, bool) { return ByProgramme("1267") }, "isil-alqaida"},
		{func() (Regime, bool) { return ByProgramme("DPRK") }, "dprk"},
		{func() (Regime, bool) { return ByID("south-sudan") }, "south-sudan"},
		{func() (Regime, bool) { return ByResolution(2397) }, "dprk"},
	} {
		if r, ok := tc.got(); !ok || r.ID != tc.want {
			t.Errorf("got %q %v, want %s", r.ID, ok, tc.want)
		}
	}
	for _, miss := range []string{"RUSSIA-EO14024", "isil-al-qaida", ""} {
		if r, ok := ByProgramme(miss); ok {
			t.Errorf("ByProgramme(%q) = %s", miss, r.ID)
		}
	}
	if _, ok := ByReference("X"); ok {
		t.Error("a one-letter reference has a regime")
	}
}
