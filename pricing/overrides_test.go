package pricing

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// acmeOverrides is the typed form of advisor/config's acme.yaml test file.
func acmeOverrides() *Overrides {
	d := decimal.RequireFromString
	return &Overrides{Path: "acme.yaml", Label: "acme-2026", AsOf: "2026-10-01",
		Discounts: map[string]decimal.Decimal{"aws": d("10"), "aws-lambda": d("20")},
		Prices: []PriceOverride{
			{Platform: "aws-fargate", Region: "us-east-1", Key: "linux-x86-vcpu", USD: d("0.03")},
			{Platform: "azure-container-apps", Region: "westeurope", Key: "active-vcpu", USD: d("0.000025")},
			{Platform: "azure-container-apps", Region: "westeurope", Key: "active-memory", USD: d("0.000003")},
			{Platform: "azure-container-apps", Region: "westeurope", Key: "requests", USD: d("0.0000004")},
		}}
}

func TestWithOverrides(t *testing.T) {
	b := mustLoad(t)
	o := acmeOverrides()
	nb, err := b.WithOverrides(o)
	if err != nil {
		t.Fatal(err)
	}
	w := wl{rpm: "3000000", dur: 120 * time.Millisecond, mem: 1536}.w()
	// Lambda: the platform's 20% wins over the cloud's 10%: 3M x 0.00000016 = 0.48; 540,000 x 0.00001333336 = 7.2000144 -> 7.20
	checkQuote(t, nb.Price("aws-lambda", w, Settings{}), "7.68", []string{"0.48", "7.20"})
	// The original book is untouched (it is shared).
	checkQuote(t, b.Price("aws-lambda", w, Settings{}), "9.60", []string{"0.60", "9.00"})
	// Fargate: vCPU replaced (final, no discount): 730 x 0.03 = 21.90; memory 10% off: 1,460 x 0.0040005 = 5.84073 -> 5.84
	f := wl{rpm: "1000", vcpu: "1", mem: 2048}.w()
	q := nb.Price("aws-fargate", f, Settings{})
	checkQuote(t, q, "27.74", []string{"21.90", "5.84"})
	if q.Lines[0].Source != "file:acme.yaml" {
		t.Errorf("overridden line source = %q", q.Lines[0].Source)
	}
	// An override can price a region the tables do not (no free grant there).
	aca := nb.Price("azure-container-apps", wl{trigger: "queue", rpm: "52560000", dur: 200 * time.Millisecond, conc: 10, vcpu: "0.5", mem: 1024, cpuf: "0.05"}.w(),
		Settings{FreeTier: true, Regions: map[string]string{"azure": "westeurope"}})
	// 1,314,000 x 0.000025 = 32.85; 2,628,000 x 0.000003 = 7.884 -> 7.88
	checkQuote(t, aca, "40.73", []string{"32.85", "7.88"})
	if !strings.Contains(nb.Version(), "overrides acme-2026") || nb.AsOf() != b.AsOf() {
		t.Errorf("version %q as of %q", nb.Version(), nb.AsOf())
	}
	if same, err := b.WithOverrides(nil); err != nil || same != b {
		t.Error("nil overrides should return the book itself")
	}
	// Empty overrides change no price.
	eb, err := b.WithOverrides(&Overrides{Path: "empty.yaml", Discounts: map[string]decimal.Decimal{}})
	if err != nil {
		t.Fatal(err)
	}
	checkQuote(t, eb.Price("aws-lambda", w, Settings{}), "9.60", []string{"0.60", "9.00"})
}

// Books are shared by concurrent workers: pricing on the original and on an
// overridden copy at the same time must not race (run with -race).
func TestBooksAreSafeForConcurrentUse(t *testing.T) {
	b := mustLoad(t)
	o := &Overrides{Path: "x.yaml", Discounts: map[string]decimal.Decimal{"gcp": decimal.NewFromInt(15)}}
	nb, err := b.WithOverrides(o)
	if err != nil {
		t.Fatal(err)
	}
	want := b.PriceAll(typicalWorkload(), Settings{FreeTier: true})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			book := b
			if i%2 == 1 {
				book = nb
			}
			for range 20 {
				got := book.PriceAll(typicalWorkload(), Settings{FreeTier: true})
				book.BreakEven(typicalWorkload(), Settings{FreeTier: true}, "gcp", nil)
				if book == b && !got[0].Monthly.Equal(want[0].Monthly) {
					t.Error("results differ between goroutines")
				}
			}
		}()
	}
	wg.Wait()
}
