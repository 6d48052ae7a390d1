package pricing

import (
	"github.com/shopspring/decimal"

	"fmt"
	"strings"
)

// Overrides are negotiated prices from a user's file (--pricing FILE, read by
// advisor/config.ParseOverrides):
//
//	version: acme-2026-q4        # optional label, shown in the book's version
//	as_of: 2026-10-01            # optional date of the agreement (default: the tables' as_of)
//	discounts:                   # percent off list prices
//	  aws: 10                    # a whole cloud
//	  aws-lambda: 17             # one platform; wins over its cloud's discount
//	prices:                      # replace unit prices (USD per the key's unit)
//	  aws-fargate:
//	    us-east-1:
//	      linux-x86-vcpu: 0.035
//
// A replaced price is final: no discount applies to it. Free allowances are not
// prices and cannot be overridden.
type Overrides struct {
	Path      string
	Label     string
	AsOf      string
	Discounts map[string]decimal.Decimal // cloud or platform ID -> percent
	Prices    []PriceOverride
}

// PriceOverride replaces one unit price.
type PriceOverride struct {
	Platform, Region, Key string
	USD                   decimal.Decimal
}

// WithOverrides returns a new book with the overrides applied; b is untouched
// (it is shared by concurrent workers).
func (b *Book) WithOverrides(o *Overrides) (*Book, error) {
	if o == nil {
		return b, nil
	}
	asOf := o.AsOf
	if asOf == "" {
		asOf = b.asOf
	}
	source := "file:" + o.Path
	var tables []*table
	for _, t := range b.tables {
		nt := *t
		nt.keys = map[string][]*keyDef{}
		for _, pid := range t.platforms {
			pct, ok := o.Discounts[pid]
			if !ok {
				pct, ok = o.Discounts[t.cloud]
			}
			for _, k := range t.keys[pid] {
				nk := *k
				nk.prices = map[string]*entry{}
				for region, e := range k.prices {
					ne := *e
					if ok && k.allowance == "" && pct.Sign() > 0 {
						ne.USD = e.USD.Mul(hundred.Sub(decOf(pct))).Div(hundred)
						ne.Overridden = true
						ne.Note = strings.TrimSpace("list price less " + pct.String() + "% negotiated discount (" + o.Path + "); " + e.Note)
					}
					nk.prices[region] = &ne
				}
				for _, p := range o.Prices {
					if p.Platform != pid || p.Key != k.key {
						continue
					}
					ne := entry{USD: decOf(p.USD), Source: source, AsOf: asOf, Overridden: true,
						Note: "negotiated price from " + o.Path}
					nk.prices[p.Region] = &ne
				}
				nt.keys[pid] = append(nt.keys[pid], &nk)
			}
		}
		if asOf > nt.asOf && (len(o.Prices) > 0 || len(o.Discounts) > 0) {
			nt.asOf = asOf
		}
		tables = append(tables, &nt)
	}
	label := o.Label
	if label == "" {
		label = o.Path
	}
	nb, err := newBook(tables, label)
	if err != nil {
		// A replaced price can complete a region that had none, but not a key
		// whose tiers or free pool are missing there.
		return nil, fmt.Errorf("%s: %w", o.Path, err)
	}
	return nb, nil
}

// PlatformIDs lists the IDs of every platform the book prices (glue included),
// in table order.
func (b *Book) PlatformIDs() []string {
	var ids []string
	for _, t := range b.tables {
		ids = append(ids, t.platforms...)
	}
	return ids
}

// PriceKeys lists a platform's overridable keys (prices, not allowances).
func (b *Book) PriceKeys(platform string) []string {
	var keys []string
	for _, k := range b.table(CloudOf(platform)).keys[platform] {
		if k.allowance == "" {
			keys = append(keys, k.key)
		}
	}
	return keys
}

// IsAllowance reports whether key is one of the platform's free allowances.
func (b *Book) IsAllowance(platform, key string) bool {
	for _, k := range b.table(CloudOf(platform)).keys[platform] {
		if k.key == key {
			return k.allowance != ""
		}
	}
	return false
}
