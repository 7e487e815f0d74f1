package interactions

import (
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"
)

// BenchmarkInteractionLoopback answers signed interaction requests on
// loopback end to end: HTTP, signature, decoding, the bot, the SQLite
// write, the answer. The median and p99 of one answer are reported.
func BenchmarkInteractionLoopback(b *testing.B) {
	for _, kind := range []string{"ping", "verdict"} {
		b.Run(kind, func(b *testing.B) {
			st := openStore(b)
			srv, sg, _ := startEndpoint(b, newBot(st, &announcer{}), 0)
			var lat []time.Duration
			n := 0
			for b.Loop() {
				n++
				body := []byte(fmt.Sprintf(`{"id":"%d","type":1}`, n))
				if kind == "verdict" {
					body = clickJSON(fmt.Sprint(n), fmt.Sprintf("u%d", n%50), false, "sw:rel:1")
				}
				b.SetBytes(int64(len(body)))
				req := sg.request(b, srv.URL, body, time.Now())
				start := time.Now()
				if code, _ := post(b, req); code != http.StatusOK {
					b.Fatalf("status %d", code)
				}
				lat = append(lat, time.Since(start))
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "median-µs")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
		})
	}
}
