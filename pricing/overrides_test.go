package pricing

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestParseOverridesErrors(t *testing.T) {
	cases := []struct {
		name, src string
		at        string // "line:col"
		msg       string
	}{
		{"unknown top-level key", "version: q4\ndiscount:\n  aws: 10\n", "2:1", `unknown key "discount" (did you mean "discounts"?)`},
		{"unknown cloud or platform", "discounts:\n  aws: 10\n  awz-lambda: 5\n", "3:3", `unknown cloud or platform "awz-lambda" (did you mean "aws-lambda"?)`},
		{"percent over 100", "discounts:\n  azure: 150\n", "2:10", "must be between 0 and 100"},
		{"negative percent", "discounts:\n  gcp: -5\n", "2:8", "must be between 0 and 100"},
		{"percent not a number", "discounts:\n  gcp: lots\n", "2:8", `"lots" is not a number`},
		{"discount given twice", "discounts:\n  gcp: 5\n  gcp: 6\n", "3:3", "given twice"},
		{"discounts not a mapping", "discounts: [aws]\n", "1:12", "must map a cloud or platform"},
		{"unknown platform in prices", "prices:\n  aws-lamda:\n    us-east-1:\n      requests: 0.1\n", "2:3", `unknown platform "aws-lamda" (did you mean "aws-lambda"?)`},
		{"unknown region", "prices:\n  aws-lambda:\n    us-east-9:\n      requests: 0.0000001\n", "3:5", `unknown aws region "us-east-9" (known: us-east-1, eu-west-1) (did you mean "us-east-1"?)`},
		{"unknown price key", "prices:\n  aws-fargate:\n    us-east-1:\n      linux-x86-cpu: 0.03\n", "4:7", `unknown price key "linux-x86-cpu" for aws-fargate (did you mean "linux-x86-vcpu"?)`},
		{"an allowance is not a price", "prices:\n  aws-lambda:\n    us-east-1:\n      free-requests: 2000000\n", "4:7", "free allowance"},
		{"negative price", "prices:\n  aws-eks:\n    us-east-1:\n      cluster: -0.1\n", "4:16", "cannot be negative"},
		{"price not a number", "prices:\n  aws-eks:\n    us-east-1:\n      cluster: [1]\n", "4:16", "want a number"},
		{"bad as_of", "as_of: soon\n", "1:8", "as_of must be a date"},
		{"not a mapping", "- aws: 10\n", "1:1", "is a mapping"},
		{"yaml syntax", "discounts:\n  aws: 10\n bad: [\n", "2:1", "did not find expected key"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseOverrides("prices.yaml", []byte(c.src))
			if err == nil {
				t.Fatal("no error")
			}
			var oe *OverrideError
			if !errors.As(err, &oe) {
				t.Fatalf("error %T %v is not an *OverrideError", err, err)
			}
			if !strings.HasPrefix(err.Error(), "prices.yaml:"+c.at+": ") || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("error = %q, want prices.yaml:%s: ...%s...", err, c.at, c.msg)
			}
		})
	}
}

func TestWithOverrides(t *testing.T) {
	b := mustLoad(t)
	src := `version: acme-2026
as_of: 2026-10-01
discounts:
  aws: 10
  aws-lambda: 20
prices:
  aws-fargate:
    us-east-1:
      linux-x86-vcpu: 0.03
  azure-container-apps:
    westeurope:
      active-vcpu: "0.000025"
      active-memory: 0.000003
      requests: 0.0000004
`
	o, err := ParseOverrides("acme.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
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
	empty, err := ParseOverrides("empty.yaml", nil)
	if err != nil || len(empty.Discounts) != 0 || len(empty.Prices) != 0 {
		t.Errorf("empty file: %v %+v", err, empty)
	}
}

// Books are shared by concurrent workers: pricing on the original and on an
// overridden copy at the same time must not race (run with -race).
func TestBooksAreSafeForConcurrentUse(t *testing.T) {
	b := mustLoad(t)
	o, err := ParseOverrides("x.yaml", []byte("discounts: {gcp: 15}\n"))
	if err != nil {
		t.Fatal(err)
	}
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
