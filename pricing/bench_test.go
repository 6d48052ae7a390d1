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
