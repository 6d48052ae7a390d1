package pricing

import (
	"math/rand/v2"
	"testing"
	"time"
)

// The failing workload of the node-catalogue merge: Azure Flex (a straight
// line) and AKS (the cheapest of several node sizes, each the sum of two
// periods' node-count stairs) run nearly parallel from about 5B requests a
// month and interleave around 13B. The search used to give up after 64 chase
// steps and return 13,293,199,128, a volume where Flex had overtaken AKS, though
// AKS was already cheaper at 13.0B ($17,859.30 against $17,875.00).
func TestBreakEvenParallelStairsRegression(t *testing.T) {
	b := mustLoad(t)
	x := wl{rpm: "5000000", pattern: "sporadic", dur: 300 * time.Millisecond, mem: 128, vcpu: "0.5", conc: 4}
	s := Settings{FreeTier: false}
	be := b.BreakEven(x.w(), s, "azure", nil)
	if be.Kind != Crossover || be.FunctionPlatform != "azure-functions-flex" || be.ContainerPlatform != "azure-aks" {
		t.Fatalf("got %s %s/%s: %s", be.Kind, be.FunctionPlatform, be.ContainerPlatform, be.Sentence)
	}
	if !be.RequestsPerMonth.LessThan(d("13000000000")) {
		t.Errorf("crossover at %s, but AKS is already cheaper at 13.0B", be.RequestsPerMonth)
	}
	sampleSides(t, b, x.w(), s, "azure", nil, be)
	// Denser than sampleSides where the two interleave: every 1e-4 from 5B.
	denseFlip(t, b, x.w(), s, "azure", be, 5_000_000_000, 10_000)
}

// denseFlip checks, for a component whose functions are cheaper at one
// request, that they do not lose to containers anywhere in [from, crossing),
// sampled every 1/div of the volume.
func denseFlip(t *testing.T, b *Book, w Workload, s Settings, cloud string, be BreakEven, from, div int64) {
	t.Helper()
	sh := newShape(&w, s)
	rb := b.regions[cloud+"/"+s.regionOf(cloud)]
	fns, ctrs := side{rb: rb, freeTier: s.FreeTier}, side{rb: rb, freeTier: s.FreeTier}
	for _, p := range Platforms {
		if p.Cloud != cloud {
			continue
		}
		pr, _ := b.prepare(p, rb, &sh, &w, s)
		if pr == nil {
			continue
		}
		fd, missing := prepFrontDoor(rb, p, &w, &sh)
		if missing != "" {
			continue
		}
		c := curve{p: p, pr: pr, fd: fd}
		if p.Model == Function {
			fns.curves = append(fns.curves, c)
		} else {
			ctrs.curves = append(ctrs.curves, c)
		}
	}
	limit := be.RequestsPerMonth.IntPart() - 1
	for v := from; v <= limit; v += v/div + 1 {
		if fns.costx(v).GreaterThan(ctrs.costx(v)) {
			t.Errorf("%s: crossover at %s but containers are cheaper already at %d", cloud, be.RequestsPerMonth, v)
			return
		}
	}
}

// synthPricer is a made-up cost curve for the search: f(v) dollars.
type synthPricer struct {
	f     func(v int64) dec
	stair bool
}

var synthMeter = &meter{tiers: []tier{{priceX: xOne}}, pool: -1}

func (p *synthPricer) usages(v dec, out []usage) []usage {
	return append(out, usage{m: synthMeter, qty: p.f(v.IntPart())})
}
func (p *synthPricer) explain(dec, []string, *text) []string { return nil }
func (p *synthPricer) stairs() bool                          { return p.stair }

// stairs is fixed + sum over parts of height x ceil(v / width): one part per
// period of a node pool, say.
type stairs struct {
	fixed  string
	parts  [][2]string // height (dollars), width (requests)
	widths []int64
	hs     []dec
	f      dec
}

func newStairs(fixed string, parts ...[2]string) *stairs {
	s := &stairs{fixed: fixed, parts: parts, f: dd(fixed)}
	for _, p := range parts {
		s.hs = append(s.hs, dd(p[0]))
		s.widths = append(s.widths, d(p[1]).IntPart())
	}
	return s
}

func (s *stairs) at(v int64) dec {
	c := s.f
	for i, w := range s.widths {
		c = c.Add(s.hs[i].Mul(decInt((v + w - 1) / w)))
	}
	return c
}

// minOf is the cheapest of several stair curves at v (the cheapest node size).
func minOf(ss ...*stairs) func(int64) dec {
	return func(v int64) dec {
		best := ss[0].at(v)
		for _, s := range ss[1:] {
			best = decMin(best, s.at(v))
		}
		return best
	}
}

// nextBoundary is the lowest volume above v at which any of ss can step.
func nextBoundary(v int64, ss ...*stairs) int64 {
	n := int64(1) << 62
	for _, s := range ss {
		for _, w := range s.widths {
			n = min(n, ((v+w-1)/w)*w+1)
		}
	}
	return n
}

// Adversarial shapes: a straight line A against the cheapest of stair curves
// whose average slope is nearly A's, so that A meets the stair tops early by the
// jitter of two incommensurate stair widths, or only after thousands of
// stairs. The search must return the lowest crossing, exactly, whether or not
// it knows B is made of stairs.
func TestChaseParallelStairs(t *testing.T) {
	cases := []struct {
		name string
		a    func(int64) dec
		bs   []*stairs
		max  int64 // the brute force looks this far
	}{
		{
			// One stair curve, A a hair steeper: it first touches a stair top
			// after 4,000 stairs.
			name: "one stair curve, thousands of stairs",
			a:    line("10", "0.000010005"),
			bs:   []*stairs{newStairs("12", [2]string{"1", "100000"})},
			max:  1_000_000_000,
		},
		{
			// Two periods of different stair widths (peak and off-peak node
			// counts), the average slope a little below A's: the jitter of the
			// two meets A well before the averages do.
			name: "two periods, incommensurate widths",
			a:    line("40", "0.000002905"),
			bs:   []*stairs{newStairs("60", [2]string{"30.66", "20000000"}, [2]string{"70.08", "51234567"})},
			max:  100_000_000_000,
		},
		{
			// The cheapest of two node sizes, each two periods: the small size
			// wins at first, the large one later; A runs between them.
			name: "cheapest of two sizes, parallel to a line",
			a:    line("10", "0.0000024"),
			bs: []*stairs{
				newStairs("73", [2]string{"20.44", "17000000"}, [2]string{"49.64", "40000000"}),
				newStairs("73", [2]string{"163.52", "140000000"}, [2]string{"397.12", "333333333"}),
			},
			max: 100_000_000_000,
		},
		{
			// The cheapest of two stair curves that interleave with each other
			// and with A, the line having a kink (a free tier's end).
			name: "cheapest of two, A with a kink",
			a: func(v int64) dec {
				f := int64(400_000_000)
				if v <= f {
					return zero
				}
				return decNew(105, -8).Mul(decInt(v - f))
			},
			bs: []*stairs{
				newStairs("25", [2]string{"9.9", "10000000"}),
				newStairs("33", [2]string{"4.95", "5000000"}, [2]string{"0.01", "777777"}),
			},
			max: 100_000_000_000,
		},
	}
	for _, c := range cases {
		for _, known := range []bool{true, false} {
			bf := minOf(c.bs...)
			a := side{curves: []curve{{pr: &synthPricer{f: c.a}}}}
			b := side{curves: []curve{{pr: &synthPricer{f: bf, stair: known}}}}
			a1, b1 := a.costx(1), b.costx(1)
			if !a1.LessThan(b1) {
				t.Fatalf("%s: A must be cheaper at 1", c.name)
			}
			want, ok := bruteCrossing(c.a, bf, c.max, c.bs...)
			if !ok {
				t.Fatalf("%s: no crossing below %d", c.name, c.max)
			}
			got, found := chase(&a, &b, true, a1, b1, beMaxV, a.costx(beMaxV), known)
			if !found || got != want {
				t.Errorf("%s (stairs known: %v): crossing at %d (found %v), want %d", c.name, known, got, found, want)
			}
		}
	}
}

// line is a0 + slope x v.
func line(a0, slope string) func(int64) dec {
	x0, s := dd(a0), dd(slope)
	return func(v int64) dec { return x0.Add(s.Mul(decInt(v))) }
}

// bruteCrossing returns the lowest v <= max with A(v) > B(v), flat by flat:
// B is constant between the stairs' boundaries, A never falls, so a flat holds
// a crossing exactly when A at its right end exceeds B's value on it.
func bruteCrossing(a, b func(int64) dec, max int64, ss ...*stairs) (int64, bool) {
	for l := int64(1); l <= max; {
		r := min(nextBoundary(l, ss...)-1, max)
		y := b(l)
		if a(r).GreaterThan(y) {
			lo, hi := l-1, r // A(lo) <= y < A(hi)
			if a(l).GreaterThan(y) {
				return l, true
			}
			lo = l
			for hi-lo > 1 {
				m := lo + (hi-lo)/2
				if a(m).GreaterThan(y) {
					hi = m
				} else {
					lo = m
				}
			}
			return hi, true
		}
		l = r + 1
	}
	return 0, false
}

// Two components of the example architectures whose AWS crossovers the old
// search overshot the same way: Lambda against EKS's node stairs (reported at
// 13,750,562,112; EKS is cheaper from 13,552,857,792) and against Fargate's
// task stairs (497,787,930; Fargate is cheaper from 497,425,110).
func TestBreakEvenExampleRegressions(t *testing.T) {
	b := mustLoad(t)
	event := func(name, rpm, peak string, dur time.Duration, maxDur time.Duration) Workload {
		return Workload{Name: name, Trigger: "event", RequestsPerMonth: d(rpm), PeakRequestsPerSecond: d(peak),
			Pattern: "sporadic", AvgDuration: dur, MemoryMB: 256, VCPU: d("0.25"), Concurrency: 10, Arch: "x86",
			OS: "linux", EphemeralStorageMB: 512, MinNodes: 2, FrontDoor: "auto", MaxDuration: maxDur, PayloadKB: 1,
			ResponseKB: d("8"), TargetUtilizationPct: 70, CPUFraction: d("0.25")}
	}
	cases := []struct {
		w         Workload
		s         Settings
		container string
		overshot  string
	}{
		{event("notifications", "1200000", "9.1324201", 300*time.Millisecond, 900*time.Millisecond),
			Settings{FreeTier: true, HoursPerMonth: 730}, "aws-eks", "13750562112"},
		{event("alerts", "20000", "0.152207", 250*time.Millisecond, 750*time.Millisecond),
			Settings{Regions: map[string]string{"aws": "eu-west-1"}, HoursPerMonth: 730}, "aws-fargate", "497787930"},
	}
	for _, c := range cases {
		be := b.BreakEven(c.w, c.s, "aws", nil)
		if be.Kind != Crossover || be.FunctionPlatform != "aws-lambda" || be.ContainerPlatform != c.container {
			t.Fatalf("%s: got %s %s/%s: %s", c.w.Name, be.Kind, be.FunctionPlatform, be.ContainerPlatform, be.Sentence)
		}
		if !be.RequestsPerMonth.LessThan(d(c.overshot)) {
			t.Errorf("%s: crossover at %s, not below the overshot %s", c.w.Name, be.RequestsPerMonth, c.overshot)
		}
		sampleSides(t, b, c.w, c.s, "aws", nil, be)
		denseFlip(t, b, c.w, c.s, "aws", be, be.RequestsPerMonth.IntPart()/100, 2000)
	}
}

// A seeded spread of shapes TestBreakEvenLowestCrossing leaves out: public HTTP
// components (front doors on both sides), node pool minimums, CPU shares, long
// requests and high concurrency.
func TestBreakEvenLowestCrossingFrontDoors(t *testing.T) {
	b := mustLoad(t)
	rng := rand.New(rand.NewPCG(99, 1))
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	for k := range 60 {
		x := wl{
			trigger: pick("http", "queue", "schedule", "event"), rpm: pick("1000", "2000000", "90000000", "5000000000"),
			pattern: pick("steady", "diurnal", "spiky", "sporadic"), peak: pick("", "50", "2000"),
			dur: time.Duration(rng.IntN(30000)+1) * time.Millisecond,
			mem: []int{128, 256, 512, 2048, 4096, 8192}[rng.IntN(6)], vcpu: pick("0.25", "0.5", "1", "2", "4"),
			conc: []int{1, 4, 8, 80, 250}[rng.IntN(5)], min: rng.IntN(3), arch: pick("x86", "arm"),
			public: rng.IntN(2) == 0, nodes: rng.IntN(4), cpuf: pick("", "0.05", "0.9"),
		}
		for _, cloud := range Clouds {
			s := Settings{FreeTier: rng.IntN(2) == 0}
			if k%3 == 1 {
				s.Regions = map[string]string{"aws": "eu-west-1", "azure": "westeurope", "gcp": "europe-west3"}
			}
			be := b.BreakEven(x.w(), s, cloud, nil)
			if be.Kind != NotApplicable {
				sampleSides(t, b, x.w(), s, cloud, nil, be)
			}
		}
	}
}
