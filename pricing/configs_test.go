package pricing

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// Only configurations the platform accepts are priced: the cheapest valid one
// covering what was asked, with a note. Hand-computed; a month is 2,628,000 s.
func TestValidConfigurations(t *testing.T) {
	b := mustLoad(t)
	// The default HTTP profile: 512 MB -> 0.25 vCPU, concurrency 80, 100M requests x 100 ms, steady.
	def := wl{rpm: "100000000", mem: 512, vcpu: "0.25", conc: 80}
	cases := []struct {
		name, platform string
		w              wl
		free, legacy   bool
		total          string
		lines          []string
		contains       string
	}{
		{name: "cloud run: 0.25 vCPU at concurrency 80 is priced as 1 vCPU, instance-based", platform: "gcp-cloud-run", free: true,
			// Candidates: 0.25 vCPU at concurrency 1 (request-based) and 1 vCPU at 80 (either mode).
			// 38.05 req/s x 0.1 s = 3.805 in flight. With a 0.1 CPU share an instance serves
			// min(80 x 60%, 1 / 0.1 x 60%) = 6: one instance all month.
			// 2,628,000 vCPU-s - 240,000 free = 2,388,000 x 0.000018 = 42.984 -> 42.98
			// 0.5 GiB x 2,628,000 = 1,314,000 - 450,000 free = 864,000 x 0.000002 = 1.728 -> 1.73
			// (0.25 vCPU request-based at concurrency 1 would be 106.48, see below)
			w: func() wl { x := def; x.cpuf = "0.1"; return x }(), total: "44.71", lines: []string{"42.98", "1.73"},
			contains: "is not a configuration Cloud Run accepts"},
		{name: "cloud run: the same at the default 0.25 CPU share needs 2 instances", platform: "gcp-cloud-run", free: true,
			// min(48, 1 / 0.25 x 60% = 2.4) per instance: ceil(3.805 / 2.4) = 2 instances
			// 5,256,000 - 240,000 = 5,016,000 x 0.000018 = 90.288 -> 90.29
			// 2,628,000 - 450,000 = 2,178,000 GiB-s x 0.000002 = 4.356 -> 4.36
			// request-based at 1 vCPU: max(union, 10M s / 2.4) = 4,166,667 s -> 95.68 + 4.31 + 39.20 = 139.19
			w: def, total: "94.65", lines: []string{"90.29", "4.36"}, contains: "CPU-bound"},
		{name: "cloud run functions: 0.25 vCPU at concurrency 1 is the cheaper valid one", platform: "gcp-cloud-run-functions", free: true,
			// 0.25 vCPU, concurrency 1: 38.05 req/s x 0.1 s > 1, so 10M requests x 0.1 s = 10,000,000 busy s
			// 2,500,000 vCPU-s - 180,000 = 2,320,000 x 0.000024 = 55.68
			// 5,000,000 GiB-s - 360,000 = 4,640,000 x 0.0000025 = 11.60; (100M - 2M) x 0.0000004 = 39.20
			// (1 vCPU at 80: 139.19, as above)
			w: def, total: "106.48", lines: []string{"55.68", "11.60", "39.20"}, contains: "Below 1 vCPU Cloud Run bills per request only"},
		{name: "container apps: 0.25 vCPU / 4 GiB is priced as 2 vCPU / 4 GiB", platform: "azure-container-apps",
			// 10M requests x 100 ms: 0.38 in flight -> 1 replica, up all month (a request every 0.26 s)
			// 2 x 2,628,000 = 5,256,000 vCPU-s x 0.000024 = 126.144 -> 126.14
			// 4 x 2,628,000 = 10,512,000 GiB-s x 0.000003 = 31.536 -> 31.54; 10M x 0.0000004 = 4.00
			// (as asked, 0.25 vCPU: 15.77 + 31.54 + 4.00 = 51.31)
			w: wl{rpm: "10000000", mem: 4096, vcpu: "0.25", conc: 80}, total: "161.68", lines: []string{"126.14", "31.54", "4.00"},
			contains: "smallest covering the 0.25 vCPU / 4 GiB asked"},
		{name: "container apps: 0.5 vCPU / 1 GiB is valid as asked", platform: "azure-container-apps",
			// 0.5 x 2,628,000 = 1,314,000 x 0.000024 = 31.536 -> 31.54; 2,628,000 x 0.000003 = 7.884 -> 7.88; 4.00
			w: wl{rpm: "10000000", mem: 1024, vcpu: "0.5", conc: 80}, total: "43.42", lines: []string{"31.54", "7.88", "4.00"},
			contains: "billed per second as asked"},
		{name: "autopilot: a 0.1 vCPU / 128 MiB pod under today's rules", platform: "gcp-gke-autopilot", free: true,
			// 730 x 0.1 = 73 vCPU-h x 0.0445 = 3.2485 -> 3.25; 730 x 0.125 = 91.25 GiB-h x 0.0049225 = 0.4492 -> 0.45
			// cluster fee offset by the GKE credit
			w: wl{rpm: "1000", mem: 128, vcpu: "0.1"}, total: "3.70", lines: []string{"0.00", "3.25", "0.45"}},
		{name: "autopilot: the same pod on a cluster without bursting", platform: "gcp-gke-autopilot", free: true, legacy: true,
			// 0.25 vCPU / 0.5 GiB: 182.5 x 0.0445 = 8.12125 -> 8.12; 365 x 0.0049225 = 1.7967 -> 1.80
			w: wl{rpm: "1000", mem: 128, vcpu: "0.1"}, total: "9.92", lines: []string{"0.00", "8.12", "1.80"}},
		{name: "autopilot: memory below 1 GiB per vCPU is raised", platform: "gcp-gke-autopilot", free: true,
			// 1 vCPU / 0.5 GiB -> 1 GiB: 730 x 0.0445 = 32.485 -> 32.49; 730 x 0.0049225 = 3.5934 -> 3.59
			w: wl{rpm: "1000", mem: 512, vcpu: "1"}, total: "36.08", lines: []string{"0.00", "32.49", "3.59"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q := b.Price(c.platform, c.w.w(), Settings{FreeTier: c.free, AutopilotLegacySizing: c.legacy})
			checkQuote(t, q, c.total, c.lines)
			if c.contains != "" && !strings.Contains(joinAssumptions(q), c.contains) {
				t.Errorf("assumptions lack %q:\n%s", c.contains, joinAssumptions(q))
			}
		})
	}
}

// Configurations beyond a platform's largest are unpriced, with a reason.
func TestConfigurationsTooLarge(t *testing.T) {
	b := mustLoad(t)
	for _, c := range []struct {
		platform string
		w        wl
		note     string
	}{
		{"gcp-cloud-run", wl{vcpu: "8", mem: 40960}, "largest configuration (8 vCPU, 32 GiB)"},
		{"gcp-cloud-run-functions", wl{vcpu: "10"}, "largest configuration"},
		{"azure-container-apps", wl{vcpu: "2", mem: 10240}, "largest Consumption size"},
	} {
		q := b.Price(c.platform, c.w.w(), Settings{})
		if q.Priced || !strings.Contains(q.Note, c.note) {
			t.Errorf("%s %+v: priced %v, note %q", c.platform, c.w, q.Priced, q.Note)
		}
	}
}

// Across generated workloads no platform prices a configuration it rejects.
func TestNoRejectedConfigurationIsPriced(t *testing.T) {
	b := mustLoad(t)
	r := rand.New(rand.NewPCG(7, 11))
	vcpus := []string{"0.05", "0.08", "0.1", "0.25", "0.3", "0.5", "0.6", "0.75", "1", "1.5", "2", "3", "4", "5", "6", "7", "8", "12", "16"}
	mems := []int{128, 256, 512, 600, 1024, 1100, 2048, 3000, 4096, 6000, 8192, 12288, 16384, 24576, 32768}
	concs := []int{1, 2, 10, 80, 250, 1000}
	checked := 0
	for i := range 400 {
		x := wl{rpm: decInt(r.Int64N(1_000_000_000) + 1).String(), vcpu: vcpus[r.IntN(len(vcpus))], mem: mems[r.IntN(len(mems))],
			conc: concs[r.IntN(len(concs))], dur: time.Duration(1+r.IntN(2000)) * time.Millisecond, concDef: r.IntN(2) == 0}
		if i%5 == 0 {
			x.trigger = "queue"
		}
		w := x.w()
		for _, legacy := range []bool{false, true} {
			s := Settings{FreeTier: i%2 == 0, AutopilotLegacySizing: legacy}
			sh := newShape(&w, s)
			for _, p := range Platforms {
				rb := b.regions[p.Cloud+"/"+s.regionOf(p.Cloud)]
				pr, _ := b.prepare(p, rb, &sh, &w, s)
				if pr == nil {
					continue
				}
				var buf []usage
				pr.usages(sh.volume, buf)
				c, ok := chosenConfig(pr)
				if !ok {
					continue
				}
				checked++
				if !configValid(p.ID, c, legacy) {
					t.Fatalf("%s priced a configuration it rejects: %+v (cpu %s, mem %s) for %+v", p.ID, c, c.cpu, c.mem, x)
				}
			}
		}
	}
	if checked < 2000 {
		t.Errorf("only %d configurations checked", checked)
	}
}

// Requests sharing an instance are billed for the union of their busy time,
// and an explicit peak shapes a steady load.
func TestSharedBusyTimeAndSteadyPeak(t *testing.T) {
	b := mustLoad(t)
	cases := []struct {
		name, platform string
		w              wl
		hours          int
		total          string
		lines          []string
		contains       string
	}{
		{name: "flex: one request per billed second on one instance", platform: "azure-functions-flex",
			// 2,628,000 requests of 1 s at concurrency 16 on 512 MB: lambda x b = 1, so the instance is busy
			// 1 - e^-1 = 0.632120558829 of the month = 1,661,212.83 s (summing requests: 2,628,000 s, 58% more)
			// x 0.5 GB = 830,606.41 GB-s x 0.000026 = 21.5958 -> 21.60; executions 2,628,000 x 0.0000004 = 1.0512 -> 1.05
			w: wl{rpm: "2628000", dur: time.Second, conc: 16}, total: "22.65", lines: []string{"21.60", "1.05"}},
		{name: "flex: the size's default concurrency when the profile sets none", platform: "azure-functions-flex", hours: 1,
			// 512 MB defaults to 4 per instance; 40 req/s x 0.25 s = 10 in flight: 144,000 x 0.25 / 4 = 9,000 s
			// (2.5 instances) x 0.5 GB = 4,500 GB-s x 0.000026 = 0.117 -> 0.12; 144,000 x 0.0000004 = 0.0576 -> 0.06
			w: wl{rpm: "144000", dur: 250 * time.Millisecond, concDef: true}, total: "0.18", lines: []string{"0.12", "0.06"},
			contains: "Per-instance HTTP concurrency 4, Flex Consumption's default for a 512 MB instance"},
		{name: "fargate: a written peak shapes a steady load", platform: "aws-fargate",
			// avg 100 req/s, peak 200 given: the peak lasts 30% of 730 h = 219 h (60% of requests); base 57.14 req/s
			// peak 40 in flight / 7 = 5.7 -> 6 tasks; base 11.43 / 7 = 1.6 -> 2: 6 x 219 + 2 x 511 = 2,336 task-h
			// (CPU share 0.05 binds no more: 40 x 0.05 / 0.35 = 5.7)
			// 1,168 vCPU-h x 0.04048 = 47.28064 -> 47.28; 2,336 GB-h x 0.004445 = 10.38352 -> 10.38
			w:     wl{rpm: "262800000", peak: "200", peakSet: true, dur: 200 * time.Millisecond, conc: 10, vcpu: "0.5", mem: 1024, cpuf: "0.05"},
			total: "57.66", lines: []string{"47.28", "10.38"}, contains: "6 tasks for 219 peak hours"},
		{name: "fargate: a derived peak leaves a steady load flat", platform: "aws-fargate",
			// 20 in flight / 7 = 2.9 -> 3 tasks all month: 1,095 vCPU-h x 0.04048 = 44.3256 -> 44.33; 2,190 x 0.004445 = 9.73
			w:     wl{rpm: "262800000", peak: "150", dur: 200 * time.Millisecond, conc: 10, vcpu: "0.5", mem: 1024, cpuf: "0.05"},
			total: "54.06", lines: []string{"44.33", "9.73"}, contains: "3 tasks all month"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q := b.Price(c.platform, c.w.w(), Settings{HoursPerMonth: c.hours})
			checkQuote(t, q, c.total, c.lines)
			if c.contains != "" && !strings.Contains(joinAssumptions(q), c.contains) {
				t.Errorf("assumptions lack %q:\n%s", c.contains, joinAssumptions(q))
			}
		})
	}
}

// busyShare is 1 - e^-x to 12 decimals, monotone, and exactly 1 when saturated.
func TestBusyShare(t *testing.T) {
	if got := busyShare(xOne).String(); got != "0.632120558829" {
		t.Errorf("busyShare(1) = %s", got)
	}
	if !busyShare(decInt(50)).Equal(xOne) || !busyShare(zero).IsZero() {
		t.Error("busyShare bounds")
	}
	prev := zero
	for i := int64(1); i < 5000; i++ {
		s := busyShare(decNew(i, -2))
		if s.LessThan(prev) {
			t.Fatalf("busyShare falls at %d/100", i)
		}
		prev = s
	}
}

// data/scaling.yaml covers every platform with a source and a date.
func TestScalingData(t *testing.T) {
	rules, err := loadScaling()
	if err != nil {
		t.Fatal(err)
	}
	if rules["gcp-cloud-run"].TargetPct != 60 || rules["azure-container-apps"].ScaleRuleConcurrency != 10 ||
		rules["azure-functions-flex"].InstanceConcurrency[2048] != 16 {
		t.Errorf("unexpected rules: %+v", rules)
	}
	if _, err := parseScaling([]byte("version: x\nplatforms: {}\n")); err == nil {
		t.Error("an empty file passed")
	}
}
