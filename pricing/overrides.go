package pricing

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
	"gopkg.in/yaml.v3"

	suggestpkg "github.com/hybridadvisor/hybridadvisor/advisor/suggest"
)

// Overrides are negotiated prices from a user's file (--pricing FILE):
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

// OverrideError is an invalid overrides file, at the place of the problem.
type OverrideError struct {
	Path         string
	Line, Column int
	Message      string
}

func (e *OverrideError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Column, e.Message)
}

// ParseOverrides reads an overrides file, checking every name against the
// bundled tables. Errors carry the file, line and column.
func ParseOverrides(path string, src []byte) (*Overrides, error) {
	book, err := Load()
	if err != nil {
		return nil, err
	}
	return book.parseOverrides(path, src)
}

func (b *Book) parseOverrides(path string, src []byte) (*Overrides, error) {
	fail := func(n *yaml.Node, format string, args ...any) error {
		return &OverrideError{Path: path, Line: n.Line, Column: n.Column, Message: fmt.Sprintf(format, args...)}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		// yaml.v3 reports syntax errors as "yaml: line N: message", without a column.
		msg, line := strings.TrimPrefix(err.Error(), "yaml: "), 1
		if _, err2 := fmt.Sscanf(msg, "line %d:", &line); err2 == nil {
			msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
		}
		return nil, &OverrideError{Path: path, Line: line, Column: 1, Message: msg}
	}
	o := &Overrides{Path: path, Discounts: map[string]decimal.Decimal{}}
	if len(doc.Content) == 0 {
		return o, nil // an empty file changes nothing
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, fail(root, "an overrides file is a mapping with version, as_of, discounts and prices")
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if seen[k.Value] {
			return nil, fail(k, "%s is given twice", k.Value)
		}
		seen[k.Value] = true
		switch k.Value {
		case "version":
			if v.Kind != yaml.ScalarNode || v.Value == "" {
				return nil, fail(v, "version must be a non-empty string")
			}
			o.Label = v.Value
		case "as_of":
			if v.Kind != yaml.ScalarNode || !isDate(v.Value) {
				return nil, fail(v, "as_of must be a date (YYYY-MM-DD)")
			}
			o.AsOf = v.Value
		case "discounts":
			if err := b.parseDiscounts(v, o, fail); err != nil {
				return nil, err
			}
		case "prices":
			if err := b.parsePrices(v, o, fail); err != nil {
				return nil, err
			}
		default:
			return nil, fail(k, "unknown key %q%s", k.Value, suggest(k.Value, []string{"version", "as_of", "discounts", "prices"}))
		}
	}
	return o, nil
}

type failFunc func(n *yaml.Node, format string, args ...any) error

func (b *Book) parseDiscounts(n *yaml.Node, o *Overrides, fail failFunc) error {
	if n.Kind != yaml.MappingNode {
		return fail(n, "discounts must map a cloud or platform ID to a percent")
	}
	names := append(append([]string{}, Clouds...), b.platformIDs()...)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !slices.Contains(names, k.Value) {
			return fail(k, "unknown cloud or platform %q%s", k.Value, suggest(k.Value, names))
		}
		if _, dup := o.Discounts[k.Value]; dup {
			return fail(k, "discount for %s is given twice", k.Value)
		}
		pct, err := number(v)
		if err != nil {
			return fail(v, "discount for %s: %v", k.Value, err)
		}
		if pct.Sign() < 0 || pct.GreaterThan(hundred) {
			return fail(v, "discount for %s is %s%%: a percent must be between 0 and 100", k.Value, pct)
		}
		o.Discounts[k.Value] = pct
	}
	return nil
}

func (b *Book) parsePrices(n *yaml.Node, o *Overrides, fail failFunc) error {
	if n.Kind != yaml.MappingNode {
		return fail(n, "prices must map platform -> region -> price key -> USD")
	}
	ids := b.platformIDs()
	for i := 0; i+1 < len(n.Content); i += 2 {
		pk, pv := n.Content[i], n.Content[i+1]
		if !slices.Contains(ids, pk.Value) {
			return fail(pk, "unknown platform %q%s", pk.Value, suggest(pk.Value, ids))
		}
		cloud := cloudOf(pk.Value)
		regions := b.Regions(cloud)
		keys := b.priceKeys(pk.Value)
		if pv.Kind != yaml.MappingNode {
			return fail(pv, "%s must map region -> price key -> USD", pk.Value)
		}
		for j := 0; j+1 < len(pv.Content); j += 2 {
			rk, rv := pv.Content[j], pv.Content[j+1]
			if !slices.Contains(regions, rk.Value) {
				return fail(rk, "unknown %s region %q (known: %s)%s", cloud, rk.Value, strings.Join(regions, ", "), suggest(rk.Value, regions))
			}
			if rv.Kind != yaml.MappingNode {
				return fail(rv, "%s %s must map price key -> USD", pk.Value, rk.Value)
			}
			for m := 0; m+1 < len(rv.Content); m += 2 {
				kk, kv := rv.Content[m], rv.Content[m+1]
				if !slices.Contains(keys, kk.Value) {
					if b.isAllowance(pk.Value, kk.Value) {
						return fail(kk, "%s is a free allowance, not a price; it cannot be overridden", kk.Value)
					}
					return fail(kk, "unknown price key %q for %s%s (see `hybridadvisor pricing show %s`)", kk.Value, pk.Value, suggest(kk.Value, keys), pk.Value)
				}
				usd, err := number(kv)
				if err != nil {
					return fail(kv, "%s: %v", kk.Value, err)
				}
				if usd.Sign() < 0 {
					return fail(kv, "%s: a price cannot be negative (%s)", kk.Value, usd)
				}
				for _, p := range o.Prices {
					if p.Platform == pk.Value && p.Region == rk.Value && p.Key == kk.Value {
						return fail(kk, "%s %s %s is given twice", pk.Value, rk.Value, kk.Value)
					}
				}
				o.Prices = append(o.Prices, PriceOverride{Platform: pk.Value, Region: rk.Value, Key: kk.Value, USD: usd})
			}
		}
	}
	return nil
}

// number reads a YAML scalar as an exact decimal (plain numbers keep their text).
func number(n *yaml.Node) (decimal.Decimal, error) {
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float" && n.Tag != "!!str") {
		return decimal.Zero, fmt.Errorf("want a number")
	}
	d, err := decimal.NewFromString(strings.TrimSpace(n.Value))
	if err != nil {
		return decimal.Zero, fmt.Errorf("%q is not a number", n.Value)
	}
	return d, nil
}

func (b *Book) platformIDs() []string {
	var ids []string
	for _, t := range b.tables {
		ids = append(ids, t.platforms...)
	}
	return ids
}

// priceKeys lists a platform's overridable keys (prices, not allowances).
func (b *Book) priceKeys(platform string) []string {
	var keys []string
	for _, k := range b.table(cloudOf(platform)).keys[platform] {
		if k.allowance == "" {
			keys = append(keys, k.key)
		}
	}
	return keys
}

func (b *Book) isAllowance(platform, key string) bool {
	for _, k := range b.table(cloudOf(platform)).keys[platform] {
		if k.key == key {
			return k.allowance != ""
		}
	}
	return false
}

// suggest returns ` (did you mean "x"?)` for the closest candidate, if close.
func suggest(s string, candidates []string) string {
	best, bestD := "", len(s)/2+2
	for _, c := range candidates {
		if d := suggestpkg.Distance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
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
						ne.USD = e.USD.Mul(hundred.Sub(pct)).Div(hundred)
						ne.Overridden = true
						ne.Note = strings.TrimSpace("list price less " + pct.String() + "% negotiated discount (" + o.Path + "); " + e.Note)
					}
					nk.prices[region] = &ne
				}
				for _, p := range o.Prices {
					if p.Platform != pid || p.Key != k.key {
						continue
					}
					ne := entry{USD: p.USD, Source: source, AsOf: asOf, Overridden: true,
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
