package pricing

import (
	"math/rand/v2"
	"testing"
	"time"
)

// derivedPeak is the peak the profile parser derives from requests_per_month:
// the average rate rounded to 9 decimals, times factor.
func derivedPeak(rpm string, hours int64, factor string) string {
	avg := dd(rpm).DivRound(decInt(hours*3600), 9)
	return avg.Mul(dd(factor)).String()
}

func TestDerivedRatio(t *testing.T) {
	cases := []struct {
		rpm, peak string
		want      string // "" = not recognised: the ratio stays peak / average
	}{
		{"45000000", derivedPeak("45000000", 730, "3"), "3"}, // 51.369863013
		{"600000", derivedPeak("600000", 730, "10"), "10"},   // 2.28310502 (a trailing zero dropped)
		{"1000", derivedPeak("1000", 730, "20"), "20"},
		{"5000000", derivedPeak("5000000", 730, "1.5"), "1.5"},
		{"1", derivedPeak("1", 730, "3"), "3"}, // 0.000001143: 3.0038 x the exact average
		{"30000000", "22.8", ""},               // given by hand: 1.99728, kept
		{"7000000", "3", ""},                   // whole: kept
		{"45000000", "51.369863014", ""},       // one digit off a multiple: kept
	}
	for _, c := range cases {
		w := wl{rpm: c.rpm, peak: c.peak, pattern: "diurnal"}.w()
		sh := newShape(&w, Settings{})
		exact := dd(c.peak).Div(dd(c.rpm).Div(decInt(730 * 3600)))
		want := decMax(one, exact)
		if c.want != "" {
			want = dd(c.want)
		}
		if !sh.ratio.Equal(want) {
			t.Errorf("%s req/month, peak %s: ratio %s, want %s", c.rpm, c.peak, sh.ratio, want)
		}
	}
}

// A peak derived from a rounded average no longer leaves tails such as
// 664,200.00005508 vCPU-s: the month's requests split into the periods exactly.
func TestDerivedPeakQuantitiesAreClean(t *testing.T) {
	b := mustLoad(t)
	w := wl{rpm: "45000000", peak: derivedPeak("45000000", 730, "3"), pattern: "diurnal", dur: 180 * time.Millisecond,
		mem: 1024, vcpu: "0.5", conc: 1}.w()
	q := b.Price("gcp-cloud-run-functions", w, Settings{FreeTier: true})
	// Concurrency 1 (0.5 vCPU is only valid at 1), so requests bill alone.
	// 45M x 10% = 4.5M base requests isolated at 200 ms = 900,000 s; the peak
	// period's 40.5M requests overlap: 40.5M x 0.18 s = 7,290,000 s; 8,190,000 s,
	// 4,095,000 vCPU-s and 8,190,000 GiB-s less the free tier ($4.32 = 180,000
	// vCPU-s; $0.90 = 360,000 GiB-s): 3,915,000 x 0.000024 = 93.96;
	// 7,830,000 x 0.0000025 = 19.575 -> 19.58; 43M requests x 0.0000004 = 17.20
	checkQuote(t, q, "130.74", []string{"93.96", "19.58", "17.20"})
	for i, want := range []string{"3915000", "7830000", "43000000"} {
		if got := q.Lines[i].Quantity.String(); got != want {
			t.Errorf("line %d quantity %s, want %s", i, got, want)
		}
	}
}

// Every line's quantity times its unit price rounds to its cost, and a
// quantity shows more than six decimals only where rounding it to six would
// change that cost.
func TestQuantitiesShowAtMostSixDecimals(t *testing.T) {
	b := mustLoad(t)
	rng := rand.New(rand.NewPCG(17, 19))
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	long := 0
	for i := range 150 {
		rpm := pick("1000", "600000", "2000000", "45000000", "90000000", "875999.9124")
		x := wl{trigger: pick("http", "queue", "schedule"), rpm: rpm, pattern: pick("steady", "diurnal", "spiky", "sporadic"),
			peak: pick("", "50", derivedPeak(rpm, 730, pick("1.5", "3", "10", "20"))),
			dur:  time.Duration(rng.IntN(5000)+1) * time.Millisecond, mem: []int{128, 512, 2048, 4096}[rng.IntN(4)],
			vcpu: pick("0.25", "0.3", "1"), conc: []int{1, 8, 80}[rng.IntN(3)], min: rng.IntN(3), public: true, async: 1, payload: 4}
		s := Settings{FreeTier: i%2 == 0}
		quotes := b.PriceAll(x.w(), s)
		for _, g := range b.Glue(x.w(), s) {
			quotes = append(quotes, g)
		}
		for _, q := range quotes {
			for _, l := range q.Lines {
				if !l.Quantity.Mul(l.UnitPrice).Round(2).Equal(l.Monthly) {
					t.Errorf("%s %q: %s x %s does not round to %s", q.Platform.ID, l.Name, l.Quantity, l.UnitPrice, l.Monthly)
				}
				if l.Quantity.Exponent() < -quantityDecimals && !l.Quantity.Equal(l.Quantity.Round(quantityDecimals)) {
					long++
					if l.Quantity.Round(quantityDecimals).Mul(l.UnitPrice).Round(2).Equal(l.Monthly) {
						t.Errorf("%s %q: quantity %s could show as %s", q.Platform.ID, l.Name, l.Quantity, l.Quantity.Round(quantityDecimals))
					}
				}
			}
		}
	}
	t.Logf("%d quantities keep more than six decimals (rounding them would change the cost)", long)
}

// The book is shared by concurrent workers: calculations running at the same
// time (they draw scratch memory from a pool) give the results they give alone.
func TestConcurrentCalculations(t *testing.T) {
	b := mustLoad(t)
	ws := []Workload{typicalWorkload(), wl{rpm: "45000000", peak: derivedPeak("45000000", 730, "3"), pattern: "diurnal", min: 1}.w(),
		wl{trigger: "schedule", rpm: "720", dur: 30 * time.Second}.w(), degenerate()[2]}
	type result struct {
		quotes []Quote
		bes    []BreakEven
		total  Total
	}
	calc := func(w Workload) result {
		s := Settings{FreeTier: true}
		r := result{quotes: b.PriceAll(w, s), total: b.ArchitectureTotal("aws", []Item{{Workload: w, PlatformID: "aws-lambda"}, {Workload: w, PlatformID: "aws-fargate"}}, s)}
		for _, c := range Clouds {
			r.bes = append(r.bes, b.BreakEven(w, s, c, nil))
		}
		return r
	}
	same := func(a, b result) bool {
		for i := range a.quotes {
			if !a.quotes[i].Monthly.Equal(b.quotes[i].Monthly) || len(a.quotes[i].Lines) != len(b.quotes[i].Lines) ||
				joinAssumptions(a.quotes[i]) != joinAssumptions(b.quotes[i]) {
				return false
			}
			for j, l := range a.quotes[i].Lines {
				if !l.Quantity.Equal(b.quotes[i].Lines[j].Quantity) {
					return false
				}
			}
		}
		for i := range a.bes {
			if a.bes[i].Sentence != b.bes[i].Sentence || !a.bes[i].RequestsPerMonth.Equal(b.bes[i].RequestsPerMonth) {
				return false
			}
		}
		return a.total.Monthly.Equal(b.total.Monthly)
	}
	want := make([]result, len(ws))
	for i, w := range ws {
		want[i] = calc(w)
	}
	errs := make(chan string, 64)
	done := make(chan struct{})
	for g := range 8 {
		go func() {
			defer func() { done <- struct{}{} }()
			for k := range 12 {
				i := (g + k) % len(ws)
				if !same(calc(ws[i]), want[i]) {
					errs <- ws[i].RequestsPerMonth.String()
				}
			}
		}()
	}
	for range 8 {
		<-done
	}
	close(errs)
	for e := range errs {
		t.Errorf("concurrent result for %s req/month differs from the sequential one", e)
	}
}
