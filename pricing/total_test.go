package pricing

import (
	"math/rand"
	rand2 "math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestGlue(t *testing.T) {
	b := mustLoad(t)
	cases := []struct {
		name, cloud string
		w           wl
		free        bool
		total       string
		lines       []string
	}{
		// The API gateways moved to the platforms' quotes (front doors); the glue is queues and egress.
		// SQS: 30M x 1 edge x 3 requests (send, receive, delete) = 90M - 1M free = 89M x 0.0000004 = 35.60
		{"aws sqs", "aws", wl{rpm: "30000000", public: true, async: 1, payload: 4}, true, "35.60", []string{"35.60"}},
		// Messages, not callers: 45M requests send 0.0133333333333333333333 messages each (600k of them);
		// 45M x 0.0133333333333333333333 = 599,999.99999999999999985 x 3 = 1,799,999.99999999999999955 - 1M free
		// = 799,999.99999999999999955 x 0.0000004 = 0.31999999... -> 0.32
		{"aws sqs messages per request", "aws", wl{rpm: "45000000", async: 1, payload: 1, msgs: "0.0133333333333333333333"}, true, "0.32", []string{"0.32"}},
		// 600 KB payload: 10 SQS chunks of 64 KB x 3 requests x 2 edges = 60 per request; 1M x 60 = 60M x 0.0000004 = 24.00
		{"aws large payloads", "aws", wl{rpm: "1000000", public: true, async: 2, payload: 600}, false, "24.00", []string{"24.00"}},
		// Service Bus Basic 30M x 3 = 90M operations x 0.00000005 = 4.50
		{"azure service bus", "azure", wl{rpm: "30000000", public: true, async: 1, payload: 4}, true, "4.50", []string{"4.50"}},
		// Pub/Sub: 30M x 2 x 4,096 B = 245,760,000,000 B = 0.2235174 TiB - 10 GiB = 0.2137518 TiB x 40 = 8.55
		{"gcp pub/sub", "gcp", wl{rpm: "30000000", public: true, async: 1, payload: 4}, true, "8.55", []string{"8.55"}},
		// Pub/Sub minimum 1,000 B each way: 1e9 x 2,000 B = 2e12 B / 2^40 = 1.8189894 TiB x 40 = 72.76
		{"gcp pub/sub 1,000-byte minimum", "gcp", wl{rpm: "1000000000", async: 1}, false, "72.76", []string{"72.76"}},
		// Egress inside the free allowance: 10M x 8 KB = 80,000,000 KB / 1,048,576 = 76.29 GB < 100 GB free
		{"aws egress inside the free 100 GB", "aws", wl{rpm: "10000000", public: true, resp: "8"}, true, "0.00", []string{"0.00"}},
		// Without the free tier: 76.2939453125 GB x 0.09 = 6.866455078125 -> 6.87
		{"aws egress without the free tier", "aws", wl{rpm: "10000000", public: true, resp: "8"}, false, "6.87", []string{"6.87"}},
		// Across the 10 TB boundary: 12,582,912 x 1,024 KB = 12,288 GB.
		// (10,240 - 100 free) x 0.09 = 912.60; 2,048 x 0.085 = 174.08 => 1,086.68
		{"aws egress across 10 TB", "aws", wl{rpm: "12582912", public: true, resp: "1024"}, true, "1086.68", []string{"912.60", "174.08"}},
		// Without the free tier: 10,240 x 0.09 = 921.60 + 174.08 = 1,095.68
		{"aws egress across 10 TB, no free tier", "aws", wl{rpm: "12582912", public: true, resp: "1024"}, false, "1095.68", []string{"921.60", "174.08"}},
		// Azure: (10,240 - 100) x 0.087 = 882.18; 2,048 x 0.083 = 169.984 -> 169.98 => 1,052.16
		{"azure egress across 10 TB", "azure", wl{rpm: "12582912", public: true, resp: "1024"}, true, "1052.16", []string{"882.18", "169.98"}},
		// Google Cloud, GiB: (1,024 - 1 free) x 0.12 = 122.76; 9,216 x 0.11 = 1,013.76; 2,048 x 0.08 = 163.84 => 1,300.36
		{"gcp egress across 1 and 10 TiB", "gcp", wl{rpm: "12582912", public: true, resp: "1024"}, true, "1300.36", []string{"122.76", "1013.76", "163.84"}},
		// Egress is for public HTTP only: an internal component's responses stay in the cloud.
		{"no egress when not public", "aws", wl{rpm: "12582912", resp: "1024"}, false, "0.00", []string{}},
		// no public entry and no async call: no glue
		{"nothing to glue", "aws", wl{rpm: "30000000"}, true, "0.00", []string{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := b.Glue(c.w.w(), Settings{FreeTier: c.free})
			q := g[c.cloud]
			if q.Platform.ID != c.cloud+"-glue" || q.Platform.Model != "glue" || q.Platform.Cloud != c.cloud || len(g) != 3 {
				t.Errorf("platform = %+v, %d clouds", q.Platform, len(g))
			}
			checkQuote(t, q, c.total, c.lines)
		})
	}
}

func TestArchitectureTotalSharesFreeTiers(t *testing.T) {
	b := mustLoad(t)
	s := Settings{FreeTier: true}
	// Two Lambda functions of 1M requests, 100 ms, 1 GB: alone each is free.
	one := wl{rpm: "1000000", mem: 1024}.w()
	q := b.Price("aws-lambda", one, s)
	if !q.Monthly.IsZero() {
		t.Fatalf("one function alone = %s, want 0", q.Monthly)
	}
	// Together: 2M - 1M free = 1M x 0.0000002 = 0.20; 200,000 GB-s are inside the 400,000 free.
	// Savings: 0.40 - 0.20 + 200,000 x 0.0000166667 = 3.33334 -> 3.33 => 3.53
	tot := b.ArchitectureTotal("aws", []Item{{Workload: one, PlatformID: "aws-lambda"}, {Workload: one, PlatformID: "aws-lambda"}}, s)
	if tot.Monthly.StringFixed(2) != "0.20" || tot.FreeTierSavings.StringFixed(2) != "3.53" || len(tot.Unpriced) > 0 {
		t.Errorf("total = %s, savings %s, unpriced %v", tot.Monthly, tot.FreeTierSavings, tot.Unpriced)
	}
	if len(tot.Lines) != 2 || !strings.HasPrefix(tot.Lines[0].Name, "AWS Lambda: Requests") {
		t.Errorf("lines = %+v", tot.Lines)
	}
	// Without the free tier: each alone is 0.20 + 100,000 x 0.0000166667 = 1.66667 -> 1.67 = 1.87;
	// together the summed usage is rounded once: 0.40 + 3.33334 -> 3.33 = 3.73.
	off := Settings{}
	if alone := b.Price("aws-lambda", one, off).Monthly.StringFixed(2); alone != "1.87" {
		t.Errorf("alone = %s", alone)
	}
	tot = b.ArchitectureTotal("aws", []Item{{Workload: one, PlatformID: "aws-lambda"}, {Workload: one, PlatformID: "aws-lambda"}}, off)
	if tot.Monthly.StringFixed(2) != "3.73" || !tot.FreeTierSavings.IsZero() {
		t.Errorf("no free tier: total %s, savings %s", tot.Monthly, tot.FreeTierSavings)
	}
}

func TestArchitectureTotalVolumeTiersOnSummedUsage(t *testing.T) {
	b := mustLoad(t)
	// Two components of 4e9 GB-s each: alone, both in tier 1; together 8e9 GB-s,
	// 6e9 x 0.0000166667 = 100,000.20 and 2e9 x 0.000015 = 30,000.00; requests 8e9 x 0.0000002 = 1,600.00.
	big := wl{rpm: "4000000000", dur: time.Second, mem: 1024}.w()
	tot := b.ArchitectureTotal("aws", []Item{{Workload: big, PlatformID: "aws-lambda"}, {Workload: big, PlatformID: "aws-lambda"}}, Settings{})
	if got := strings.Join(monthlies(tot.Lines), " "); got != "1600.00 100000.20 30000.00" || tot.Monthly.StringFixed(2) != "131600.20" {
		t.Errorf("lines %s, total %s", got, tot.Monthly)
	}
}

func TestArchitectureTotalClusterFeeOnce(t *testing.T) {
	b := mustLoad(t)
	a := wl{rpm: "1000", vcpu: "1", mem: 2048}.w()
	c := wl{rpm: "1000", vcpu: "0.5", mem: 1024, arch: "arm"}.w()
	// Each on its own pool of 2 nodes (the default minimum): 1,460 h x 0.08925 = 130.305 -> 130.31
	// (c7i.large) and 1,460 x 0.0725 = 105.85 (c7g.large). Together: one cluster fee.
	tot := b.ArchitectureTotal("aws", []Item{{Workload: a, PlatformID: "aws-eks"}, {Workload: c, PlatformID: "aws-eks"}}, Settings{})
	if got := strings.Join(monthlies(tot.Lines), " "); got != "73.00 130.31 105.85" || tot.Monthly.StringFixed(2) != "309.16" {
		t.Errorf("lines %s, total %s", got, tot.Monthly)
	}
	if !strings.Contains(strings.Join(tot.Assumptions, " "), "fee is counted once") {
		t.Errorf("assumptions: %v", tot.Assumptions)
	}
	// GKE: one fee, one $74.40 credit, whatever the number of components.
	p := wl{rpm: "1000", vcpu: "0.5", mem: 512}.w()
	gke := b.ArchitectureTotal("gcp", []Item{{Workload: p, PlatformID: "gcp-gke-autopilot"}, {Workload: p, PlatformID: "gcp-gke-autopilot"}}, Settings{FreeTier: true})
	// fee 730 h fully credited; 2 x 365 vCPU-h x 0.0445 = 32.485 -> 32.49; 2 x 365 GiB-h x 0.0049225 = 3.593425 -> 3.59
	if got := strings.Join(monthlies(gke.Lines), " "); got != "0.00 32.49 3.59" || gke.FreeTierSavings.StringFixed(2) != "73.00" {
		t.Errorf("gke lines %s, savings %s", got, gke.FreeTierSavings)
	}
}

func TestArchitectureTotalIncludesGlue(t *testing.T) {
	b := mustLoad(t)
	w := wl{rpm: "30000000", public: true, async: 1, payload: 4, dur: 120 * time.Millisecond, mem: 512}.w()
	s := Settings{FreeTier: true}
	tot := b.ArchitectureTotal("aws", []Item{{Workload: w, PlatformID: "aws-lambda"}}, s)
	q, g := b.Price("aws-lambda", w, s), b.Glue(w, s)["aws"]
	// Alone, the total is the quote plus its glue.
	// The glue is the SQS line (35.60, as in TestGlue); API Gateway is in the Lambda quote.
	if !tot.Monthly.Equal(q.Monthly.Add(g.Monthly)) || !tot.Glue.Equal(g.Monthly) || tot.Glue.StringFixed(2) != "35.60" {
		t.Errorf("total %s = quote %s + glue %s? glue %s", tot.Monthly, q.Monthly, g.Monthly, tot.Glue)
	}
	if !tot.FreeTierSavings.Equal(q.FreeTierSavings.Add(g.FreeTierSavings)) {
		t.Errorf("savings %s vs %s + %s", tot.FreeTierSavings, q.FreeTierSavings, g.FreeTierSavings)
	}
}

func TestArchitectureTotalUnpriced(t *testing.T) {
	b := mustLoad(t)
	ok := wl{rpm: "1000"}.w()
	win := wl{rpm: "1000", gpu: 16}.w() // no node size has 16 GPUs
	win.Name = "legacy"
	tot := b.ArchitectureTotal("aws", []Item{{Workload: ok, PlatformID: "aws-lambda"}, {Workload: win, PlatformID: "aws-eks"}, {Workload: ok, PlatformID: "gcp-cloud-run"}}, Settings{})
	if len(tot.Unpriced) != 2 || !strings.Contains(tot.Unpriced[0], "legacy on aws-eks") || !strings.Contains(tot.Unpriced[1], "not a aws platform") {
		t.Errorf("unpriced = %v", tot.Unpriced)
	}
	if !strings.Contains(strings.Join(tot.Assumptions, " "), "Incomplete") {
		t.Errorf("assumptions: %v", tot.Assumptions)
	}
	empty := b.ArchitectureTotal("azure", nil, Settings{})
	if !empty.Monthly.IsZero() || len(empty.Lines) != 0 {
		t.Errorf("empty total = %+v", empty)
	}
}

// TestAloneTotalMatchesArchitectureTotal checks AloneTotal against ArchitectureTotal over
// random one-component workloads on every platform, with and without free tiers, in both
// regions of each cloud.
func TestAloneTotalMatchesArchitectureTotal(t *testing.T) {
	b := mustLoad(t)
	r := rand.New(rand.NewSource(1))
	triggers := []string{"http", "queue", "event", "schedule", "stream", "manual", "storage"}
	patterns := []string{"steady", "diurnal", "spiky", "sporadic"}
	eu := map[string]string{"aws": "eu-west-1", "azure": "westeurope", "gcp": "europe-west1"}
	checked := 0
	for i := 0; i < 1500; i++ {
		x := wl{trigger: triggers[r.Intn(len(triggers))], rpm: strconv.Itoa(r.Intn(5) * r.Intn(100_000_000)),
			pattern: patterns[r.Intn(len(patterns))], dur: time.Duration(1+r.Intn(3_000_000)) * time.Millisecond / 10,
			mem: 128 * (1 + r.Intn(64)), vcpu: []string{"0.25", "0.5", "1", "2", "4"}[r.Intn(5)], conc: 1 + r.Intn(200),
			arch: []string{"x86", "arm"}[r.Intn(2)], min: r.Intn(3), public: r.Intn(2) == 0, async: r.Intn(3),
			payload: 1 + r.Intn(300), gpu: r.Intn(2)}
		w := x.w()
		for _, s := range []Settings{{FreeTier: true}, {}, {FreeTier: true, Regions: eu}} {
			glue := b.Glue(w, s)
			for _, q := range b.PriceAll(w, s) {
				alone, ok := AloneTotal(q, glue[q.Platform.Cloud])
				if !ok {
					continue
				}
				tot := b.ArchitectureTotal(q.Platform.Cloud, []Item{{Workload: w, PlatformID: q.Platform.ID}}, s)
				if !tot.Monthly.Equal(alone.Monthly) || !tot.Glue.Equal(alone.Glue) || !tot.FreeTierSavings.Equal(alone.FreeTierSavings) {
					t.Fatalf("%s %+v %+v: ArchitectureTotal %s (glue %s, saved %s), AloneTotal %s (glue %s, saved %s)", q.Platform.ID, x, s,
						tot.Monthly, tot.Glue, tot.FreeTierSavings, alone.Monthly, alone.Glue, alone.FreeTierSavings)
				}
				checked++
			}
		}
	}
	if checked < 10_000 {
		t.Fatalf("only %d comparisons", checked)
	}
}

// A total over items that carry their prepared calculators is the total
// computed from scratch: same amount, lines and sentences, on every cloud and
// for settings the calculators were not prepared under (they are not reused then).
func TestArchitectureTotalReusesPrepared(t *testing.T) {
	b := mustLoad(t)
	ws := []Workload{typicalWorkload(), wl{trigger: "queue", rpm: "4000000", dur: 300 * time.Millisecond, mem: 1024, min: 1}.w(),
		wl{trigger: "schedule", rpm: "720", dur: 30 * time.Second, public: true}.w()}
	s := Settings{FreeTier: true}
	var pps []*Prepared
	for _, w := range ws {
		pps = append(pps, b.Prepare(w, s))
	}
	for _, other := range []Settings{s, {FreeTier: true, HoursPerMonth: 720}, {}, {FreeTier: true, AKSTier: AKSFree, AutopilotLegacySizing: true},
		{Regions: map[string]string{"aws": "eu-west-1", "azure": "westeurope", "gcp": "europe-west1"}}} {
		for _, p := range Platforms {
			var plain, reuse []Item
			for i, w := range ws {
				plain = append(plain, Item{Workload: w, PlatformID: p.ID})
				reuse = append(reuse, Item{Workload: w, PlatformID: p.ID, Prepared: pps[i]})
			}
			want, got := b.ArchitectureTotal(p.Cloud, plain, other), b.ArchitectureTotal(p.Cloud, reuse, other)
			if !got.Monthly.Equal(want.Monthly) || len(got.Lines) != len(want.Lines) ||
				strings.Join(got.Assumptions, "|") != strings.Join(want.Assumptions, "|") || strings.Join(got.Unpriced, "|") != strings.Join(want.Unpriced, "|") {
				t.Errorf("%s under %+v: reusing %s (%d lines), fresh %s (%d lines)", p.ID, other, got.Monthly, len(got.Lines), want.Monthly, len(want.Lines))
			}
			for j := range min(len(got.Lines), len(want.Lines)) {
				if got.Lines[j].Name != want.Lines[j].Name || !got.Lines[j].Quantity.Equal(want.Lines[j].Quantity) || !got.Lines[j].Monthly.Equal(want.Lines[j].Monthly) {
					t.Errorf("%s line %d: %+v, fresh %+v", p.ID, j, got.Lines[j], want.Lines[j])
				}
			}
		}
	}
	for _, pp := range pps {
		pp.Release()
	}
}

// MonthlyCost is the quote's amount, for every platform, across a seeded
// spread of workloads and settings.
func TestMonthlyCostIsThePricedAmount(t *testing.T) {
	b := mustLoad(t)
	rng := rand2.New(rand2.NewPCG(3, 5))
	for i := range 60 {
		w := randomWorkload(rng).w()
		s := Settings{FreeTier: i%2 == 0}
		if i%4 == 1 {
			s.Regions = map[string]string{"aws": "eu-west-1", "azure": "westeurope", "gcp": "europe-west1"}
		}
		for _, p := range append(Platforms, Platform{ID: "nope"}) {
			want := b.Price(p.ID, w, s).Monthly
			if got := b.MonthlyCost(p.ID, w, s); !got.Equal(want) || got.String() != want.String() {
				t.Errorf("%s %+v: MonthlyCost %s, Price %s", p.ID, w, got, want)
			}
		}
	}
}
