package query

import "testing"

// benchQuery is a realistic rule query of about 300 bytes.
const benchQuery = `(@dprk OR @russia OR "North Korea*" OR Pyongyang) NEAR/15 ($munitions OR "artillery shells" OR missile* OR @kind:vessel)
AND (transfer* OR shipment* OR deliver* OR "ship-to-ship") AND NOT title:(chair OR sofa OR "video game")
OR resolution:2397 OR regime:dprk OR /KN-\d{2}/ -"missile command"`

func BenchmarkParse(b *testing.B) {
	b.SetBytes(int64(len(benchQuery)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(benchQuery); err != nil {
			b.Fatal(err)
		}
	}
}
