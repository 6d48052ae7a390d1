package gate

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/hybridadvisor/hybridadvisor/data"
)

// CostLimit is a --max-monthly-cost value: an amount on the primary cloud, or on
// a named cloud ("aws=500").
type CostLimit struct {
	Cloud string // "" means each architecture's primary cloud
	USD   decimal.Decimal
	Text  string // as given
}

// ParseCostLimit reads "N" or "CLOUD=N" (N in USD per month, "$" and "," allowed).
func ParseCostLimit(s string) (CostLimit, error) {
	l := CostLimit{Text: strings.TrimSpace(s)}
	amount := l.Text
	if cloud, rest, ok := strings.Cut(l.Text, "="); ok {
		cloud = strings.ToLower(strings.TrimSpace(cloud))
		if !slices.Contains(data.Clouds, cloud) {
			return l, fmt.Errorf("%q: unknown cloud %q (want aws, azure or gcp)", s, cloud)
		}
		l.Cloud, amount = cloud, rest
	}
	d, err := money(amount)
	if err != nil {
		return l, fmt.Errorf("%q: %w", s, err)
	}
	l.USD = d
	return l, nil
}

// Increase is a --max-cost-increase value: an amount in USD per month, or a
// percentage of the baseline ("10%").
type Increase struct {
	Percent bool
	Value   decimal.Decimal
	Text    string
}

// ParseIncrease reads "N" (USD per month) or "P%".
func ParseIncrease(s string) (Increase, error) {
	inc := Increase{Text: strings.TrimSpace(s)}
	v := inc.Text
	if p, ok := strings.CutSuffix(v, "%"); ok {
		inc.Percent, v = true, strings.TrimSpace(p)
	}
	d, err := money(v)
	if err != nil {
		return inc, fmt.Errorf("%q: %w", s, err)
	}
	inc.Value = d
	return inc, nil
}

func money(s string) (decimal.Decimal, error) {
	s = strings.ReplaceAll(strings.TrimPrefix(strings.TrimSpace(s), "$"), ",", "")
	if s == "" {
		return decimal.Zero, errors.New("want an amount such as 500 or 99.50")
	}
	if _, err := strconv.ParseFloat(s, 64); err != nil {
		return decimal.Zero, errors.New("want an amount such as 500 or 99.50")
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Zero, errors.New("want an amount such as 500 or 99.50")
	}
	if d.Sign() < 0 {
		return decimal.Zero, errors.New("want an amount of zero or more")
	}
	return d, nil
}
