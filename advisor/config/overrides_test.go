package config_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/hybridadvisor/hybridadvisor/advisor/config"
	"github.com/hybridadvisor/hybridadvisor/pricing"
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
			_, err := config.ParseOverrides("prices.yaml", []byte(c.src))
			if err == nil {
				t.Fatal("no error")
			}
			var oe *config.Error
			if !errors.As(err, &oe) {
				t.Fatalf("error %T %v is not a *config.Error", err, err)
			}
			if !strings.HasPrefix(err.Error(), "prices.yaml:"+c.at+": ") || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("error = %q, want prices.yaml:%s: ...%s...", err, c.at, c.msg)
			}
		})
	}
}

func TestParseOverrides(t *testing.T) {
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
	o, err := config.ParseOverrides("acme.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	d := decimal.RequireFromString
	want := &pricing.Overrides{Path: "acme.yaml", Label: "acme-2026", AsOf: "2026-10-01",
		Discounts: map[string]decimal.Decimal{"aws": d("10"), "aws-lambda": d("20")},
		Prices: []pricing.PriceOverride{
			{Platform: "aws-fargate", Region: "us-east-1", Key: "linux-x86-vcpu", USD: d("0.03")},
			{Platform: "azure-container-apps", Region: "westeurope", Key: "active-vcpu", USD: d("0.000025")},
			{Platform: "azure-container-apps", Region: "westeurope", Key: "active-memory", USD: d("0.000003")},
			{Platform: "azure-container-apps", Region: "westeurope", Key: "requests", USD: d("0.0000004")},
		}}
	if !reflect.DeepEqual(o, want) {
		t.Errorf("parsed\n%+v\nwant\n%+v", o, want)
	}
	empty, err := config.ParseOverrides("empty.yaml", nil)
	if err != nil || len(empty.Discounts) != 0 || len(empty.Prices) != 0 {
		t.Errorf("empty file: %v %+v", err, empty)
	}
}

func TestDidYouMean(t *testing.T) {
	ids := []string{"aws-lambda", "aws-fargate"}
	if got := config.DidYouMean("aws-lamda", ids); got != ` (did you mean "aws-lambda"?)` {
		t.Errorf("close: %q", got)
	}
	if got := config.DidYouMean("kubernetes", ids); got != "" {
		t.Errorf("far: %q", got)
	}
}
