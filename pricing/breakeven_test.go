package pricing

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

func only(ids ...string) func(string) bool {
	return func(id string) bool {
		for _, x := range ids {
			if x == id {
				return true
			}
		}
		return false
	}
}

// Lambda 512 MB / 100 ms against one Fargate task of 1 vCPU / 2 GB (the
// reference's derived check, adapted: concurrency 80 keeps one task up to 56
// requests in flight, so Fargate costs its flat 730 x (0.04048 + 2 x 0.004445)
// = $36.0401 unrounded).
func TestBreakEvenKnownCrossover(t *testing.T) {
	b := mustLoad(t)
	w := wl{rpm: "30000000", dur: 100 * time.Millisecond, mem: 512, vcpu: "1", conc: 80}.w()
	fargate := d("36.0401")
	perRequest := d("0.0000002").Add(d("0.05").Mul(d("0.0000166667"))) // $0.000001033335
	cases := []struct {
		name       string
		free       bool
		want       decimal.Decimal
		inSentence string
	}{
		// 36.0401 / 0.000001033335 = 34,877,459.4: "about 34.9M" in the reference
		{"no free tier", false, fargate.DivRound(perRequest, 6), "34.9M"},
		// (36.0401 + 0.20 + 400,000 x 0.0000166667) / 0.000001033335 = 41,522,357.8: "about 41.5M"
		{"free tier", true, fargate.Add(d("0.2")).Add(d("400000").Mul(d("0.0000166667"))).DivRound(perRequest, 6), "41.5M"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			be := b.BreakEven(w, Settings{FreeTier: c.free}, "aws", only("aws-lambda", "aws-fargate"))
			if be.Kind != Crossover || be.FunctionPlatform != "aws-lambda" || be.ContainerPlatform != "aws-fargate" {
				t.Fatalf("got %+v", be)
			}
			// The volume found is the lowest integer with Lambda >= Fargate, to 1e-4.
			got := be.RequestsPerMonth
			if got.LessThan(c.want) || got.GreaterThan(c.want.Mul(d("1.0001")).Add(decimal.NewFromInt(1))) {
				t.Errorf("crossover at %s, want %s (+1e-4)", got, c.want)
			}
			if !strings.Contains(be.Sentence, "Below about "+c.inSentence+" requests/month") ||
				!strings.Contains(be.Sentence, "AWS Lambda is cheaper than AWS Fargate (ECS); above it, AWS Fargate (ECS) is cheaper.") {
				t.Errorf("sentence %q", be.Sentence)
			}
			// The quotes agree on either side of it.
			for _, f := range []string{"0.9", "1.1"} {
				w2 := w
				w2.RequestsPerMonth = got.Mul(d(f)).Round(0)
				s := Settings{FreeTier: c.free}
				l, fg := b.Price("aws-lambda", w2, s).Monthly, b.Price("aws-fargate", w2, s).Monthly
				if (f == "0.9") != l.LessThan(fg) {
					t.Errorf("at %s x the crossover: Lambda $%s, Fargate $%s", f, l, fg)
				}
			}
		})
	}
}

func TestBreakEvenKinds(t *testing.T) {
	b := mustLoad(t)
	cases := []struct {
		name     string
		cloud    string
		w        wl
		eligible func(string) bool
		kind     string
		sentence string
	}{
		// One 0.25 vCPU / 0.5 GB task per 0.7 requests in flight ($9.02 per 1.84M
		// requests of 1 s) grows faster than Lambda's $2.28 per 1M.
		{"functions always", "aws", wl{rpm: "1000000", dur: time.Second, mem: 128, vcpu: "0.25", conc: 1},
			only("aws-lambda", "aws-fargate"), FunctionsAlways, "AWS Lambda is cheaper than AWS Fargate (ECS) at every volume from 1 to 1T requests/month."},
		// Premium's EP1 costs at least $157.72; Container Apps scales to zero and
		// each replica serves as many requests as an EP1 instance.
		{"containers always", "azure", wl{rpm: "1000000", dur: 200 * time.Millisecond, mem: 1024, vcpu: "0.5", conc: 10},
			only("azure-functions-premium", "azure-container-apps"), ContainersAlways, "Azure Container Apps is cheaper than Azure Functions Premium at every volume"},
		{"no eligible container", "aws", wl{}, only("aws-lambda"), NotApplicable, "No eligible, priced container platform on AWS"},
		{"no eligible function", "gcp", wl{}, only("gcp-cloud-run"), NotApplicable, "No eligible, priced function platform on Google Cloud"},
		// A GPU component: no function platform has a GPU price.
		{"gpu: no priced function", "aws", wl{gpu: 1, vcpu: "2", mem: 8192}, nil, NotApplicable, "No eligible, priced function platform"},
		{"nothing eligible", "azure", wl{}, only(), NotApplicable, "No eligible, priced platform on Azure."},
		{"unknown region", "gcp", wl{}, nil, NotApplicable, "No gcp price table for region"},
		// Cloud Run functions and Cloud Run bill identically until instance-based
		// billing wins: the sentence says "costs no more than".
		{"identical prices until they are not", "gcp", wl{rpm: "1000000", dur: 100 * time.Millisecond, vcpu: "1", conc: 80},
			only("gcp-cloud-run-functions", "gcp-cloud-run"), Crossover, "Cloud Run functions costs no more than Cloud Run; above it, Cloud Run is cheaper."},
		{"jobs count runs", "aws", wl{trigger: "schedule", rpm: "100", dur: time.Minute, mem: 1024, vcpu: "1"},
			only("aws-lambda", "aws-fargate"), Crossover, "runs/month"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := Settings{FreeTier: true}
			if c.name == "unknown region" {
				s.Regions = map[string]string{"gcp": "mars-1"}
			}
			be := b.BreakEven(c.w.w(), s, c.cloud, c.eligible)
			if be.Kind != c.kind || !strings.Contains(be.Sentence, c.sentence) || be.Cloud != c.cloud {
				t.Errorf("got %s %q, want %s %q", be.Kind, be.Sentence, c.kind, c.sentence)
			}
			if (be.Kind == Crossover) != be.RequestsPerMonth.IsPositive() {
				t.Errorf("volume %s for kind %s", be.RequestsPerMonth, be.Kind)
			}
			if be.Kind == FunctionsAlways || be.Kind == ContainersAlways {
				sampleSides(t, b, c.w.w(), s, c.cloud, c.eligible, be)
			}
		})
	}
}

// The search returns the lowest crossing even where container costs are stairs;
// a dense sample of the volume range must find no earlier flip.
func TestBreakEvenLowestCrossing(t *testing.T) {
	b := mustLoad(t)
	var ws []wl
	for _, pattern := range []string{"steady", "diurnal", "spiky", "sporadic"} {
		for _, conc := range []int{1, 4, 80} {
			for _, mem := range []int{128, 1024, 3072} {
				ws = append(ws, wl{rpm: "5000000", pattern: pattern, dur: 300 * time.Millisecond, mem: mem, vcpu: "0.5", conc: conc})
			}
		}
	}
	// And a seeded spread of other shapes: durations, min instances, triggers, regions.
	rng := rand.New(rand.NewPCG(7, 11))
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	for range 40 {
		ws = append(ws, wl{
			trigger: pick("http", "queue", "schedule"), rpm: pick("1000", "2000000", "90000000"),
			pattern: pick("steady", "diurnal", "spiky", "sporadic"), peak: pick("", "50"),
			dur: time.Duration(rng.IntN(5000)+5) * time.Millisecond,
			mem: []int{128, 512, 2048, 4096}[rng.IntN(4)], vcpu: pick("0.25", "1", "2"),
			conc: []int{1, 8, 80}[rng.IntN(3)], min: rng.IntN(3), arch: pick("x86", "arm"),
		})
	}
	for i, x := range ws {
		for _, cloud := range Clouds {
			for _, free := range []bool{false, true} {
				s := Settings{FreeTier: free}
				if i%3 == 1 {
					s.Regions = map[string]string{"aws": "eu-west-1", "azure": "westeurope", "gcp": "europe-west3"}
				}
				be := b.BreakEven(x.w(), s, cloud, nil)
				if be.Kind == NotApplicable {
					if s.Regions == nil {
						t.Errorf("%s %+v: not applicable: %s", cloud, x, be.Sentence)
					}
					continue
				}
				sampleSides(t, b, x.w(), s, cloud, nil, be)
			}
		}
	}
}

// sampleSides checks a break-even against a dense log-spaced sample: no flip of
// "functions cost no more" below the crossing, a flip at it and none one
// request below it (the search's volume is exact), and none at all for the
// "always" kinds.
func sampleSides(t *testing.T, b *Book, w Workload, s Settings, cloud string, eligible func(string) bool, be BreakEven) {
	t.Helper()
	sh := newShape(&w, s)
	rb := b.regions[cloud+"/"+s.regionOf(cloud)]
	fns, ctrs := side{rb: rb, freeTier: s.FreeTier}, side{rb: rb, freeTier: s.FreeTier}
	for _, p := range Platforms {
		if p.Cloud != cloud || (eligible != nil && !eligible(p.ID)) {
			continue
		}
		pr, _ := b.prepare(p, rb, &sh, &w, s)
		if pr == nil {
			continue
		}
		fd, missing := prepFrontDoor(rb, p, &w, &sh) // the search counts front doors too
		if missing != "" {
			continue
		}
		if p.Model == Function {
			fns.curves = append(fns.curves, curve{p: p, pr: pr, fd: fd})
		} else {
			ctrs.curves = append(ctrs.curves, curve{p: p, pr: pr, fd: fd})
		}
	}
	fnWins := func(v int64) bool { return fns.cost(v).LessThanOrEqual(ctrs.cost(v)) }
	if strings.HasPrefix(be.Sentence, "The costs cross more than once: ") {
		// The sides flip back before the workload's volume: RequestsPerMonth is the
		// last flip at or below it, and the side that wins there wins up to it.
		ref := min(max(sh.volume.IntPart(), beMinV), beMaxV)
		lo, at := be.RequestsPerMonth.IntPart(), fnWins(ref)
		if be.Kind != Crossover || lo > ref || lo < 2 {
			t.Errorf("%s %+v: %s at %d for a workload of %d: %s", cloud, w, be.Kind, lo, ref, be.Sentence)
			return
		}
		if fnWins(lo-1) == at {
			t.Errorf("%s %+v: no flip at the reported crossing %d", cloud, w, lo)
		}
		if fnWins(1) != at {
			t.Errorf("%s %+v: the side that wins at %d does not win at 1: an odd number of crossings", cloud, w, ref)
		}
		if fnWins(lo) != at {
			t.Errorf("%s %+v: the side that wins at %d does not win at the reported crossing %d", cloud, w, ref, lo)
		}
		return
	}
	start := fnWins(1)
	limit := beMaxV
	if be.Kind == Crossover {
		limit = be.RequestsPerMonth.IntPart() - 1
		if fnWins(be.RequestsPerMonth.IntPart()) == start {
			t.Errorf("%s %+v: no flip at the reported crossing %s", cloud, w, be.RequestsPerMonth)
		}
		// The crossing is exact: one request below it, the sides have not flipped.
		if x := be.RequestsPerMonth.IntPart() - 1; x >= 1 && fnWins(x) != start {
			t.Errorf("%s %+v: the cost flips already at %d, one below the reported crossing", cloud, w, x)
		}
	} else if start != (be.Kind == FunctionsAlways) {
		t.Errorf("%s: kind %s but functions win at 1 = %v", cloud, be.Kind, start)
	}
	for v := int64(1); v <= limit; v = v + v/50 + 1 {
		if fnWins(v) != start {
			t.Errorf("%s %+v free=%v: %s at %s but the cost flips already at %d", cloud, w, s.FreeTier, be.Kind, be.RequestsPerMonth, v)
			return
		}
	}
}

// The search exploits structure rather than sampling: a typical component
// costs a few dozen evaluations per cloud.
func TestBreakEvenIsCheap(t *testing.T) {
	b := mustLoad(t)
	total := 0
	for _, c := range Clouds {
		be, n := b.breakEven(typicalWorkload(), Settings{FreeTier: true}, c, nil)
		// With front doors counted the crossovers are early (Fargate at 22.1M,
		// Container Apps at 4.29M, Cloud Run at 2.0M: 32, 53 and 44
		// evaluations). The bound leaves room for a crossover after about a
		// hundred stairs at three evaluations each (two of a straight A, one
		// of B), after the first inversion from one request (about 25): before
		// front doors Azure's was AKS at 596M, 109 evaluations.
		if be.Kind != Crossover || n > 400 {
			t.Errorf("%s: %s after %d evaluations", c, be.Sentence, n)
		}
		total += n
	}
	t.Logf("%d cost evaluations for three clouds", total)
}

func TestBreakEvenDoesNotChangeTheWorkload(t *testing.T) {
	b := mustLoad(t)
	w := typicalWorkload()
	before := b.PriceAll(w, Settings{FreeTier: true})
	for _, c := range Clouds {
		b.BreakEven(w, Settings{FreeTier: true}, c, nil)
	}
	after := b.PriceAll(w, Settings{FreeTier: true})
	for i := range before {
		if !before[i].Monthly.Equal(after[i].Monthly) {
			t.Errorf("%s changed: %s -> %s", before[i].Platform.ID, before[i].Monthly, after[i].Monthly)
		}
	}
}

// The search rests on every platform's cost never falling as volume grows
// (with the workload's shape fixed). Check it on a dense sample.
func TestCostsAreMonotoneInVolume(t *testing.T) {
	b := mustLoad(t)
	rng := rand.New(rand.NewPCG(3, 5))
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	for range 30 {
		x := wl{trigger: pick("http", "queue", "schedule"), rpm: pick("1000", "5000000"), pattern: pick("steady", "diurnal", "spiky", "sporadic"),
			dur: time.Duration(rng.IntN(3000)+1) * time.Millisecond, mem: []int{128, 1024, 4096}[rng.IntN(3)], vcpu: pick("0.25", "1"),
			conc: []int{1, 8, 80}[rng.IntN(3)], min: rng.IntN(3), arch: pick("x86", "arm"), public: true, async: 1}
		w := x.w()
		for _, free := range []bool{false, true} {
			s := Settings{FreeTier: free}
			sh := newShape(&w, s)
			for _, p := range Platforms {
				rb := b.regions[p.Cloud+"/"+s.regionOf(p.Cloud)]
				pr, _ := b.prepare(p, rb, &sh, &w, s)
				if pr == nil {
					continue
				}
				sd := side{rb: rb, freeTier: free, curves: []curve{{p: p, pr: pr}}}
				prev := zero
				for v := int64(1); v < beMaxV; v += v/15 + 1 {
					c := sd.cost(v)
					if c.LessThan(prev) {
						t.Errorf("%s %+v free=%v: cost falls from %s to %s at %d", p.ID, x, free, prev, c, v)
						break
					}
					prev = c
				}
			}
		}
	}
}
