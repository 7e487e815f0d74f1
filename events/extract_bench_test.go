package events

import "testing"

// BenchmarkExtract computes the features of the labelled sets' stories,
// beside the floor of that work: the rules' evidence alone, which Extract
// starts from.
func BenchmarkExtract(b *testing.B) {
	set := append(loadSet(b, "dev.yaml"), loadSet(b, "blind.yaml")...)
	rs := defaultPack(b)
	var bytes int64
	for _, l := range set {
		bytes += int64(len(l.s.Title) + len(l.s.Summary))
	}
	b.Run("evidence", func(b *testing.B) {
		b.SetBytes(bytes)
		for range b.N {
			for i := range set {
				rs.Evidence(&set[i].s)
			}
		}
	})
	b.Run("evidence+features", func(b *testing.B) {
		b.SetBytes(bytes)
		for range b.N {
			for i := range set {
				Extract(&set[i].s, rs.Evidence(&set[i].s), DefaultConfig().WeaponLists)
			}
		}
	})
}
