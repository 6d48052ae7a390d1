package config

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
	"gopkg.in/yaml.v3"

	"github.com/hybridadvisor/hybridadvisor/advisor/located"
	"github.com/hybridadvisor/hybridadvisor/advisor/suggest"
	"github.com/hybridadvisor/hybridadvisor/pricing"
)

// Reading the --pricing overrides file (the format is described at
// pricing.Overrides). Parsing lives here, beside the config file it may be
// named by; pricing only applies the typed values (Book.WithOverrides).

var hundredPercent = decimal.NewFromInt(100)

// ParseOverrides reads an overrides file, checking every name against the
// bundled tables. Errors are *Error, with the file, line and column.
func ParseOverrides(path string, src []byte) (*pricing.Overrides, error) {
	book, err := pricing.Load()
	if err != nil {
		return nil, err
	}
	return parseOverrides(book, path, src)
}

func parseOverrides(b *pricing.Book, path string, src []byte) (*pricing.Overrides, error) {
	fail := func(n *yaml.Node, format string, args ...any) error {
		return &Error{Source: located.Source{File: path, Line: n.Line, Column: n.Column}, Message: fmt.Sprintf(format, args...)}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		// yaml.v3 reports syntax errors as "yaml: line N: message", without a column.
		msg, line := strings.TrimPrefix(err.Error(), "yaml: "), 1
		if _, err2 := fmt.Sscanf(msg, "line %d:", &line); err2 == nil {
			msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
		}
		return nil, &Error{Source: located.Source{File: path, Line: line, Column: 1}, Message: msg}
	}
	o := &pricing.Overrides{Path: path, Discounts: map[string]decimal.Decimal{}}
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
			if v.Kind != yaml.ScalarNode || !pricing.IsDate(v.Value) {
				return nil, fail(v, "as_of must be a date (YYYY-MM-DD)")
			}
			o.AsOf = v.Value
		case "discounts":
			if err := parseDiscounts(b, v, o, fail); err != nil {
				return nil, err
			}
		case "prices":
			if err := parsePrices(b, v, o, fail); err != nil {
				return nil, err
			}
		default:
			return nil, fail(k, "unknown key %q%s", k.Value, DidYouMean(k.Value, []string{"version", "as_of", "discounts", "prices"}))
		}
	}
	return o, nil
}

type failFunc func(n *yaml.Node, format string, args ...any) error

func parseDiscounts(b *pricing.Book, n *yaml.Node, o *pricing.Overrides, fail failFunc) error {
	if n.Kind != yaml.MappingNode {
		return fail(n, "discounts must map a cloud or platform ID to a percent")
	}
	names := append(append([]string{}, pricing.Clouds...), b.PlatformIDs()...)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !slices.Contains(names, k.Value) {
			return fail(k, "unknown cloud or platform %q%s", k.Value, DidYouMean(k.Value, names))
		}
		if _, dup := o.Discounts[k.Value]; dup {
			return fail(k, "discount for %s is given twice", k.Value)
		}
		pct, err := number(v)
		if err != nil {
			return fail(v, "discount for %s: %v", k.Value, err)
		}
		if pct.Sign() < 0 || pct.GreaterThan(hundredPercent) {
			return fail(v, "discount for %s is %s%%: a percent must be between 0 and 100", k.Value, pct)
		}
		o.Discounts[k.Value] = pct
	}
	return nil
}

func parsePrices(b *pricing.Book, n *yaml.Node, o *pricing.Overrides, fail failFunc) error {
	if n.Kind != yaml.MappingNode {
		return fail(n, "prices must map platform -> region -> price key -> USD")
	}
	ids := b.PlatformIDs()
	for i := 0; i+1 < len(n.Content); i += 2 {
		pk, pv := n.Content[i], n.Content[i+1]
		if !slices.Contains(ids, pk.Value) {
			return fail(pk, "unknown platform %q%s", pk.Value, DidYouMean(pk.Value, ids))
		}
		cloud := pricing.CloudOf(pk.Value)
		regions := b.Regions(cloud)
		keys := b.PriceKeys(pk.Value)
		if pv.Kind != yaml.MappingNode {
			return fail(pv, "%s must map region -> price key -> USD", pk.Value)
		}
		for j := 0; j+1 < len(pv.Content); j += 2 {
			rk, rv := pv.Content[j], pv.Content[j+1]
			if !slices.Contains(regions, rk.Value) {
				return fail(rk, "unknown %s region %q (known: %s)%s", cloud, rk.Value, strings.Join(regions, ", "), DidYouMean(rk.Value, regions))
			}
			if rv.Kind != yaml.MappingNode {
				return fail(rv, "%s %s must map price key -> USD", pk.Value, rk.Value)
			}
			for m := 0; m+1 < len(rv.Content); m += 2 {
				kk, kv := rv.Content[m], rv.Content[m+1]
				if !slices.Contains(keys, kk.Value) {
					if b.IsAllowance(pk.Value, kk.Value) {
						return fail(kk, "%s is a free allowance, not a price; it cannot be overridden", kk.Value)
					}
					return fail(kk, "unknown price key %q for %s%s (see `hybridadvisor pricing show %s`)", kk.Value, pk.Value, DidYouMean(kk.Value, keys), pk.Value)
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
				o.Prices = append(o.Prices, pricing.PriceOverride{Platform: pk.Value, Region: rk.Value, Key: kk.Value, USD: usd})
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

// DidYouMean returns ` (did you mean "x"?)` for the closest candidate, if
// close (the hint of overrides errors and of pricing.UnknownPlatformError).
func DidYouMean(s string, candidates []string) string {
	best, bestD := "", len(s)/2+2
	for _, c := range candidates {
		if d := suggest.Distance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}
