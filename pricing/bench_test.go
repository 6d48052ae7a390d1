package pricing

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// typicalWorkload is a public HTTP API component of the kind the advisor sees most.
func typicalWorkload() Workload {
	return Workload{Name: "catalog", Trigger: "http", RequestsPerMonth: decimal.NewFromInt(30_000_000),
		PeakRequestsPerSecond: decimal.RequireFromString("22.8"), Pattern: "diurnal",
		AvgDuration: 120 * time.Millisecond, MemoryMB: 512, VCPU: decimal.RequireFromString("0.5"),
		Concurrency: 80, Arch: "x86", OS: "linux", EphemeralStorageMB: 512, PublicHTTP: true, AsyncCallsOut: 1, PayloadKB: 4}
}

func BenchmarkPriceAll(b *testing.B) {
	book, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	w, s := typicalWorkload(), Settings{FreeTier: true}
	b.ReportAllocs()
	for b.Loop() {
		_ = book.PriceAll(w, s)
	}
}

// BenchmarkBreakEven measures all three clouds' break-even for one component.
func BenchmarkBreakEven(b *testing.B) {
	book, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	w, s := typicalWorkload(), Settings{FreeTier: true}
	b.ReportAllocs()
	for b.Loop() {
		for _, c := range Clouds {
			_ = book.BreakEven(w, s, c, nil)
		}
	}
}

// batchWorkloads are 200 one-component workloads like scripts/bench-scale.sh's
// profiles: four triggers, steady traffic from 100k to 8M requests a month,
// 50–950 ms, 128 MB to 2 GB.
func batchWorkloads() []Workload {
	triggers := []string{"http", "queue", "event", "schedule"}
	ws := make([]Workload, 0, 200)
	for i := range 200 {
		ws = append(ws, Workload{Name: "c", Trigger: triggers[i%4], RequestsPerMonth: decimal.NewFromInt(int64(100_000 + i*39_595)),
			Pattern: "steady", AvgDuration: time.Duration(50+i*4%900) * time.Millisecond, MemoryMB: 128 * (1 + i%16),
			VCPU: decimal.RequireFromString("0.5"), Concurrency: 80, Arch: "x86", OS: "linux", EphemeralStorageMB: 512, PublicHTTP: i%4 == 0})
	}
	return ws
}

// BenchmarkComponent is the advisor's pricing work per component: prepare the
// calculators once, quote every platform, search each cloud's break-even.
// Reports time per component.
func BenchmarkComponent(b *testing.B) {
	book, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	ws, s := batchWorkloads(), Settings{FreeTier: true}
	b.ReportAllocs()
	for b.Loop() {
		for _, w := range ws {
			pp := book.Prepare(w, s)
			_ = pp.Quotes()
			for _, c := range Clouds {
				_ = pp.BreakEven(c, nil)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(ws))/1000, "µs/component")
}
