package pricing

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"
)

// randomWorkload draws a workload from a seeded spread: every trigger and
// pattern, volumes from 1 to 10^10 a month, 10 ms to 100 s, every memory size.
func randomWorkload(rng *rand.Rand) wl {
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	return wl{
		trigger: pick("http", "queue", "event", "schedule", "storage"),
		rpm:     strconv.FormatInt(int64(math.Pow(10, rng.Float64()*10)), 10),
		pattern: pick("steady", "diurnal", "spiky", "sporadic"), peak: pick("", "", "50"),
		dur: time.Duration(math.Pow(10, 1+rng.Float64()*4)) * time.Millisecond,
		mem: 128 << rng.IntN(7), vcpu: pick("0.25", "0.5", "1", "2"),
		conc: []int{1, 4, 8, 80, 250}[rng.IntN(5)], min: []int{0, 0, 1, 3}[rng.IntN(4)],
		arch: pick("x86", "arm"), os: pick("linux", "linux", "windows"), public: rng.IntN(2) == 0,
		payload: rng.IntN(600),
	}
}

// TestFloatSearchMatchesExact compares the break-even search as it runs (on
// float64 costs, checked exactly) with the same search on exact costs only,
// over a seeded spread of workloads: every field of every result must agree.
func TestFloatSearchMatchesExact(t *testing.T) {
	b := mustLoad(t)
	rng := rand.New(rand.NewPCG(15, 4))
	n := 400
	if testing.Short() {
		n = 60
	}
	before := breakEvenReruns.Load()
	searches := 0
	for i := range n {
		x := randomWorkload(rng)
		for _, cloud := range Clouds {
			s := Settings{FreeTier: i%2 == 0}
			if i%5 == 1 {
				s.Regions = map[string]string{"aws": "eu-west-1", "azure": "westeurope", "gcp": "europe-west3"}
			}
			got, _ := b.breakEvenOn(x.w(), s, cloud, nil, false)
			want, _ := b.breakEvenOn(x.w(), s, cloud, nil, true)
			searches++
			if got.Kind != want.Kind || !got.RequestsPerMonth.Equal(want.RequestsPerMonth) || got.Sentence != want.Sentence ||
				got.FunctionPlatform != want.FunctionPlatform || got.ContainerPlatform != want.ContainerPlatform {
				t.Errorf("%s %+v:\nfloat: %+v\nexact: %+v", cloud, x, got, want)
			}
		}
	}
	// Re-runs are correct but slow; most searches must not need one.
	reruns := breakEvenReruns.Load() - before
	t.Logf("%d searches, %d re-run on exact costs", searches, reruns)
	if reruns > int64(searches)/20 {
		t.Errorf("%d of %d searches re-ran on exact costs", reruns, searches)
	}
}

// TestPreparedMatchesFresh checks that quoting first and searching on the same
// prepared calculators gives what separate calls give, and that a released
// Prepared reused for another workload keeps nothing of the last: memos, the
// last volume priced and the calculators' slots must not leak.
func TestPreparedMatchesFresh(t *testing.T) {
	b := mustLoad(t)
	rng := rand.New(rand.NewPCG(7, 9))
	for i := range 150 {
		x := randomWorkload(rng)
		s := Settings{FreeTier: i%2 == 0}
		if i%5 == 1 {
			s.Regions = map[string]string{"aws": "eu-west-1", "azure": "westeurope", "gcp": "nowhere"}
		}
		w := x.w()
		pp := b.Prepare(w, s) // from the second round on, the previous round's, released
		got := pp.Quotes()
		want := make([]Quote, len(Platforms)) // each platform priced on its own, nothing reused
		for j, p := range Platforms {
			want[j] = b.Price(p.ID, w, s)
		}
		for j := range want {
			if !got[j].Monthly.Equal(want[j].Monthly) || joinAssumptions(got[j]) != joinAssumptions(want[j]) || got[j].Note != want[j].Note {
				t.Fatalf("%+v %s: prepared quote %+v, fresh %+v", x, want[j].Platform.ID, got[j], want[j])
			}
		}
		// Every other platform ineligible on some searches, as the advisor's filter does.
		var eligible func(string) bool
		if i%3 == 2 {
			eligible = func(id string) bool { return len(id)%2 == 0 }
		}
		for _, cloud := range append(Clouds, "ibm") {
			g, f := pp.BreakEven(cloud, eligible), b.BreakEven(w, s, cloud, eligible)
			if g.Kind != f.Kind || !g.RequestsPerMonth.Equal(f.RequestsPerMonth) || g.Sentence != f.Sentence ||
				g.FunctionPlatform != f.FunctionPlatform || g.ContainerPlatform != f.ContainerPlatform {
				t.Errorf("%s %+v:\nprepared: %+v\nfresh:    %+v", cloud, x, g, f)
			}
		}
		// And the quotes once more after the searches.
		again := pp.Quotes()
		for j := range want {
			if !again[j].Monthly.Equal(want[j].Monthly) || joinAssumptions(again[j]) != joinAssumptions(want[j]) {
				t.Fatalf("%+v %s: quote after searches %+v, fresh %+v", x, want[j].Platform.ID, again[j], want[j])
			}
		}
		pp.Release()
	}
}
