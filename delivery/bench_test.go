package delivery

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/delivery/discord"
	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// BenchmarkRenderQueue10000 renders 10,000 alerts as Discord messages and
// queues them in a real store file, in batches of 100 as polls do.
func BenchmarkRenderQueue10000(b *testing.B) {
	const n = 10000
	ctx := context.Background()
	alerts := make([]story.Alert, n)
	for i := range alerts {
		a := SampleAlert("ops", newClock().Now())
		a.Story.Key = fmt.Sprintf("k%05d", i)
		a.Story.Title = fmt.Sprintf("Story %d: shipment of drones to Example Republic", i)
		alerts[i] = a
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st, err := store.Open(ctx, filepath.Join(b.TempDir(), fmt.Sprintf("bench%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		for j := 0; j < n; j += 100 {
			for _, a := range alerts[j : j+100] {
				m := discord.Render(a, nil, discord.RenderOptions{})
				if len(m.Embeds) != 1 {
					b.Fatal("no embed")
				}
			}
			if _, err := st.EnqueueAlerts(ctx, alerts[j:j+100]); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "alerts/s")
}
