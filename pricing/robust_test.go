package pricing

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// degenerate workloads: zero values, negatives, absurd sizes and unknown words.
func degenerate() []Workload {
	huge := decimal.New(1, 30)
	return []Workload{
		{},
		{RequestsPerMonth: decimal.NewFromInt(-5), PeakRequestsPerSecond: decimal.NewFromInt(-1), AvgDuration: -time.Second,
			MemoryMB: -1, VCPU: decimal.NewFromInt(-2), Concurrency: -3, EphemeralStorageMB: -1, GPU: -1, MinInstances: -4, AsyncCallsOut: -1, PayloadKB: -9},
		{RequestsPerMonth: huge, PeakRequestsPerSecond: huge, AvgDuration: time.Duration(math.MaxInt64), MemoryMB: math.MaxInt32,
			VCPU: huge, Concurrency: math.MaxInt32, EphemeralStorageMB: math.MaxInt32, MinInstances: 1000, PublicHTTP: true, AsyncCallsOut: 1000, PayloadKB: math.MaxInt32},
		{Trigger: "carrier-pigeon", Pattern: "lunar", Arch: "risc-v", OS: "plan9", RequestsPerMonth: decimal.NewFromInt(1)},
		{Trigger: "schedule", RequestsPerMonth: decimal.RequireFromString("0.5"), AvgDuration: time.Nanosecond, Pattern: "sporadic", PeakRequestsPerSecond: decimal.New(1, -20)},
		{Pattern: "diurnal", RequestsPerMonth: decimal.NewFromInt(1000), PeakRequestsPerSecond: decimal.NewFromInt(1_000_000), AvgDuration: time.Hour, Concurrency: 1},
		{Pattern: "spiky", RequestsPerMonth: decimal.NewFromInt(1000), PeakRequestsPerSecond: decimal.New(1, -9)},
	}
}

// No workload makes any entry point panic, and whatever is priced is rounded
// and sums to its total.
func TestDegenerateWorkloads(t *testing.T) {
	b := mustLoad(t)
	settings := []Settings{{}, {FreeTier: true, HoursPerMonth: -3}, {HoursPerMonth: 1}, {Regions: map[string]string{"aws": "eu-west-1", "gcp": "nowhere"}}}
	for i, w := range degenerate() {
		for _, s := range settings {
			for _, q := range b.PriceAll(w, s) {
				checkConsistent(t, i, q)
			}
			for _, q := range b.Glue(w, s) {
				checkConsistent(t, i, q)
			}
			for _, cloud := range append(Clouds, "ibm") {
				be := b.BreakEven(w, s, cloud, nil)
				if be.Sentence == "" || be.Kind == "" {
					t.Errorf("workload %d %s: empty break-even %+v", i, cloud, be)
				}
				items := []Item{{Workload: w, PlatformID: "aws-lambda"}, {Workload: w, PlatformID: "azure-aks"}, {Workload: w, PlatformID: "gcp-gke-autopilot"}, {Workload: w, PlatformID: "nope"}}
				_ = b.ArchitectureTotal(cloud, items, s)
			}
			_ = b.Price("nope", w, s)
		}
	}
}

func checkConsistent(t *testing.T, i int, q Quote) {
	t.Helper()
	sum := decimal.Zero
	for _, l := range q.Lines {
		if !l.Monthly.Equal(l.Monthly.Round(2)) || l.Monthly.Sign() < 0 || l.Quantity.Sign() < 0 {
			t.Errorf("workload %d %s: bad line %+v", i, q.Platform.ID, l)
		}
		sum = sum.Add(l.Monthly)
	}
	if !sum.Equal(q.Monthly) {
		t.Errorf("workload %d %s: total %s != lines %s", i, q.Platform.ID, q.Monthly, sum)
	}
	if !q.Priced && (q.Note == "" || len(q.Lines) > 0) {
		t.Errorf("workload %d %s: unpriced without a note or with lines", i, q.Platform.ID)
	}
}

func TestUnknownPlatform(t *testing.T) {
	b := mustLoad(t)
	q := b.Price("aws-lightsail", typicalWorkload(), Settings{})
	if q.Priced || !strings.Contains(q.Note, "unknown platform") {
		t.Errorf("got %+v", q)
	}
}

func FuzzPriceAll(f *testing.F) {
	b := mustLoad(f)
	f.Add(int64(30_000_000), int64(120), 512, "0.5", 80, "diurnal", "http", 0, 2, uint8(3))
	f.Add(int64(0), int64(0), 0, "0", 0, "", "", 0, 0, uint8(0))
	f.Add(int64(-1), int64(-1), -1, "-1", -1, "spiky", "schedule", 3, -1, uint8(255))
	f.Fuzz(func(t *testing.T, rpm, durMs int64, mem int, vcpu string, conc int, pattern, trigger string, gpu, minInst int, flags uint8) {
		v, err := decimal.NewFromString(vcpu)
		if err != nil {
			v = decimal.Zero
		}
		w := Workload{Trigger: trigger, RequestsPerMonth: decimal.NewFromInt(rpm), PeakRequestsPerSecond: decimal.NewFromInt(rpm / 100000),
			Pattern: pattern, AvgDuration: time.Duration(durMs) * time.Millisecond, MemoryMB: mem, VCPU: v, Concurrency: conc,
			Arch: []string{"x86", "arm"}[flags&1], OS: []string{"linux", "windows"}[flags>>1&1], GPU: gpu, MinInstances: minInst,
			PublicHTTP: flags&4 != 0, AsyncCallsOut: int(flags >> 4), PayloadKB: mem}
		s := Settings{FreeTier: flags&8 != 0}
		for _, q := range b.PriceAll(w, s) {
			checkConsistent(t, 0, q)
		}
		for _, q := range b.Glue(w, s) {
			checkConsistent(t, 0, q)
		}
		b.BreakEven(w, s, Clouds[int(flags)%3], nil)
		b.ArchitectureTotal("aws", []Item{{Workload: w, PlatformID: "aws-fargate"}, {Workload: w, PlatformID: "aws-lambda"}}, s)
	})
}
