package rules

import "testing"

// A table gives every term its values in order, whether its offsets fit
// 16 bits or not.
func TestTermTableOffsets(t *testing.T) {
	for _, perTerm := range []int{3, 700} { // 300 terms: 900 values, then 210,000
		const terms = 300
		each := func(add func(int32, int32)) {
			for term := range int32(terms) {
				if term%7 == 3 {
					continue // a term with no values
				}
				for k := range int32(perTerm) {
					add(term, term*1000+k)
				}
			}
		}
		tt := newTermTable(terms, each)
		if small := perTerm*terms < 1<<16; (tt.start16 != nil) != small {
			t.Errorf("%d values: 16-bit offsets %v, want %v", perTerm*terms, tt.start16 != nil, small)
		}
		for term := range int32(terms + 2) {
			got := tt.of(term)
			want := 0
			if term < terms && term%7 != 3 {
				want = perTerm
			}
			if len(got) != want {
				t.Fatalf("%d per term: term %d has %d values, want %d", perTerm, term, len(got), want)
			}
			for k, v := range got {
				if v != term*1000+int32(k) {
					t.Fatalf("%d per term: term %d value %d is %d", perTerm, term, k, v)
				}
			}
		}
	}
}
