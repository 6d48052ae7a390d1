package baseline

import (
	"fmt"
	"io"
	"os"

	"github.com/shopspring/decimal"

	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

// Baseline is a saved result reduced to what a cost diff needs: per architecture
// the primary cloud and the recommended total on each cloud, per component the
// recommended placement on each cloud. It is read file by file, so a baseline of
// thousands of files costs a few hundred bytes each.
type Baseline struct {
	// Name is how the baseline was given (its path), shown in the diff.
	Name    string
	Pricing result.PricingInfo
	archs   []*arch
	byKey   map[key]int
	byName  map[string][]int
}

type key struct {
	path string
	doc  int
}

type arch struct {
	key
	name   string
	cloud  string
	totals map[string]result.Money // recommended placement per cloud
	// incomplete names the clouds whose recommended total leaves out unpriced parts.
	incomplete map[string]bool
	comps      []comp
}

type comp struct {
	name     string
	perCloud map[string]result.Placement
}

// Load reads a saved JSON result (the -o json output of an earlier run).
func Load(path string) (*Baseline, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := Read(f, path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return b, nil
}

// Read reads a saved JSON result from r; name is how it is shown.
func Read(r io.Reader, name string) (*Baseline, error) {
	b := &Baseline{Name: name, byKey: map[key]int{}, byName: map[string][]int{}}
	err := Scan(r, Visitor{
		Head: func(h *result.Result) error { b.Pricing = h.Pricing; return nil },
		File: func(f *result.File) error {
			if f.Architecture == nil {
				return nil // an error in the baseline: nothing to compare with
			}
			a := f.Architecture
			ba := &arch{key: key{f.Path, f.Document}, name: a.Name, cloud: a.Cloud, totals: map[string]result.Money{}, incomplete: map[string]bool{}}
			for c, t := range a.Totals {
				ba.totals[c] = t.Recommended
				if !t.Complete() {
					ba.incomplete[c] = true
				}
			}
			for _, c := range a.Components {
				bc := comp{name: c.Name, perCloud: map[string]result.Placement{}}
				for cloud, rec := range c.PerCloud {
					bc.perCloud[cloud] = result.Placement{Model: rec.Model, Platform: rec.Platform, MonthlyCostUSD: rec.MonthlyCostUSD}
				}
				if len(bc.perCloud) == 0 && c.Recommendation.Cloud != "" {
					rec := c.Recommendation
					bc.perCloud[rec.Cloud] = result.Placement{Model: rec.Model, Platform: rec.Platform, MonthlyCostUSD: rec.MonthlyCostUSD}
				}
				ba.comps = append(ba.comps, bc)
			}
			if _, dup := b.byKey[ba.key]; dup {
				return nil // the same file twice: the first counts
			}
			b.byKey[ba.key] = len(b.archs)
			b.byName[a.Name] = append(b.byName[a.Name], len(b.archs))
			b.archs = append(b.archs, ba)
			return nil
		},
	})
	if err != nil {
		return nil, err
	}
	return b, nil
}

// Len is the number of architectures in the baseline.
func (b *Baseline) Len() int { return len(b.archs) }

// Differ builds the cost diff of a run against a baseline while the run streams.
// Not safe for concurrent use.
type Differ struct {
	b        *Baseline
	runPaths map[string]bool
	matched  []bool
	diff     result.Diff
	before   map[string]decimal.Decimal
	after    map[string]decimal.Decimal
	// incomplete names the clouds where a total on either side leaves out unpriced parts.
	incomplete map[string]bool
}

// NewDiffer starts a diff. runPaths are the paths this run scores: an
// architecture is matched by path and document, and by name only when its path is
// not in the baseline, the name is unique there, and the baseline's file is not
// part of this run (it was renamed).
func (b *Baseline) NewDiffer(runPaths []string) *Differ {
	d := &Differ{
		b: b, runPaths: map[string]bool{}, matched: make([]bool, len(b.archs)),
		before: map[string]decimal.Decimal{}, after: map[string]decimal.Decimal{}, incomplete: map[string]bool{},
		diff: result.Diff{Baseline: b.Name, BaselinePricing: b.Pricing, Architectures: []result.ArchitectureDiff{}},
	}
	for _, p := range runPaths {
		d.runPaths[p] = true
	}
	return d
}

func (d *Differ) match(path string, doc int, name string) *arch {
	if i, ok := d.b.byKey[key{path, doc}]; ok && !d.matched[i] {
		d.matched[i] = true
		return d.b.archs[i]
	}
	if name == "" {
		return nil
	}
	if idx := d.b.byName[name]; len(idx) == 1 {
		i := idx[0]
		if ba := d.b.archs[i]; !d.matched[i] && !d.runPaths[ba.path] {
			d.matched[i] = true
			return ba
		}
	}
	return nil
}

// File compares one file of this run with the baseline and returns the change of
// its architecture (Status "" when nothing changed), or nil for a file that could
// not be scored (its baseline entry, if any, is not reported as removed).
func (d *Differ) File(f *result.File) *result.ArchitectureDiff {
	if f.Architecture == nil {
		if i, ok := d.b.byKey[key{f.Path, f.Document}]; ok {
			d.matched[i] = true
		}
		return nil
	}
	a := f.Architecture
	ba := d.match(f.Path, f.Document, a.Name)
	ad := result.ArchitectureDiff{Path: f.Path, Document: f.Document, Name: a.Name, Cloud: a.Cloud, PerCloud: map[string]result.CostChange{}, Components: []result.ComponentDiff{}}
	after := map[string]result.Money{}
	for c, t := range a.Totals {
		after[c] = t.Recommended
	}
	var before map[string]result.Money
	var beforeIncomplete map[string]bool
	if ba != nil {
		before, beforeIncomplete = ba.totals, ba.incomplete
		ad.BaselineCloud = ba.cloud
	}
	changed := false
	for _, c := range clouds(before, after) {
		ch := change(before[c].Decimal, after[c].Decimal)
		ch.Incomplete = beforeIncomplete[c] || !a.Totals[c].Complete()
		if ch.Incomplete {
			d.incomplete[c] = true
		}
		ad.PerCloud[c] = ch
		d.before[c] = d.before[c].Add(before[c].Decimal)
		d.after[c] = d.after[c].Add(after[c].Decimal)
		if !ch.Delta.IsZero() {
			changed = true
		}
	}
	ad.Cost = change(before[a.Cloud].Decimal, after[a.Cloud].Decimal)
	ad.Cost.Incomplete = beforeIncomplete[a.Cloud] || !a.Totals[a.Cloud].Complete()

	seen := map[string]bool{}
	for _, c := range a.Components {
		seen[c.Name] = true
		rec := c.PerCloud[a.Cloud]
		if rec.Platform == "" && rec.Model == "" && a.Cloud == c.Recommendation.Cloud {
			rec = c.Recommendation
		}
		now := &result.Placement{Model: rec.Model, Platform: rec.Platform, MonthlyCostUSD: rec.MonthlyCostUSD}
		if ba == nil {
			continue // a new architecture: its components are all new, not listed one by one
		}
		var was *result.Placement
		for _, bc := range ba.comps {
			if bc.name == c.Name {
				p, ok := bc.perCloud[a.Cloud]
				if !ok {
					p = result.Placement{}
				}
				was = &p
				break
			}
		}
		switch {
		case was == nil:
			ad.Components = append(ad.Components, result.ComponentDiff{Name: c.Name, Status: result.DiffAdded, After: now, Delta: placementCost(now)})
		case was.Model != now.Model || was.Platform != now.Platform || !sameCost(was, now):
			ad.Components = append(ad.Components, result.ComponentDiff{Name: c.Name, Status: result.DiffChanged, Before: was, After: now,
				Delta: costDelta(was, now)})
		}
	}
	if ba != nil {
		for _, bc := range ba.comps {
			if seen[bc.name] {
				continue
			}
			p := bc.perCloud[a.Cloud]
			var delta *result.Money
			if m := placementCost(&p); m != nil {
				neg := result.USD(m.Neg())
				delta = &neg
			}
			ad.Components = append(ad.Components, result.ComponentDiff{Name: bc.name, Status: result.DiffRemoved, Before: &p, Delta: delta})
		}
	}

	switch {
	case ba == nil:
		ad.Status = result.DiffAdded
		d.diff.Added++
	case changed || len(ad.Components) > 0 || ba.cloud != a.Cloud || ba.name != a.Name:
		ad.Status = result.DiffChanged
		d.diff.Changed++
	default:
		d.diff.Unchanged++
		return &ad
	}
	d.diff.Architectures = append(d.diff.Architectures, ad)
	return &ad
}

// Finish reports the baseline's architectures that this run did not have as
// removed and returns the diff.
func (d *Differ) Finish() *result.Diff {
	for i, ba := range d.b.archs {
		if d.matched[i] {
			continue
		}
		ad := result.ArchitectureDiff{Path: ba.path, Document: ba.doc, Name: ba.name, Status: result.DiffRemoved,
			Cloud: ba.cloud, BaselineCloud: ba.cloud, PerCloud: map[string]result.CostChange{}, Components: []result.ComponentDiff{}}
		for _, c := range clouds(ba.totals, nil) {
			ad.PerCloud[c] = change(ba.totals[c].Decimal, decimal.Zero)
			if ba.incomplete[c] {
				d.incomplete[c] = true
			}
			d.before[c] = d.before[c].Add(ba.totals[c].Decimal)
			if _, ok := d.after[c]; !ok {
				d.after[c] = decimal.Zero
			}
		}
		ad.Cost = change(ba.totals[ba.cloud].Decimal, decimal.Zero)
		d.diff.Removed++
		d.diff.Architectures = append(d.diff.Architectures, ad)
	}
	d.diff.Totals = map[string]result.CostChange{}
	for c, before := range d.before {
		ch := change(before, d.after[c])
		ch.Incomplete = d.incomplete[c]
		d.diff.Totals[c] = ch
	}
	out := d.diff
	return &out
}

var hundred = decimal.NewFromInt(100)

// placementCost is what a placement costs: nil when it is not priced, zero when
// there is no platform (nothing runs, nothing is billed).
func placementCost(p *result.Placement) *result.Money {
	if p.Platform == "" {
		z := result.USD(decimal.Zero)
		return &z
	}
	return p.MonthlyCostUSD
}

// sameCost is true when both costs are known and equal, or both unknown.
func sameCost(a, b *result.Placement) bool {
	ca, cb := placementCost(a), placementCost(b)
	if ca == nil || cb == nil {
		return ca == nil && cb == nil
	}
	return ca.Equal(cb.Decimal)
}

// costDelta is b's cost minus a's, nil when either is unknown.
func costDelta(a, b *result.Placement) *result.Money {
	ca, cb := placementCost(a), placementCost(b)
	if ca == nil || cb == nil {
		return nil
	}
	m := result.USD(cb.Sub(ca.Decimal))
	return &m
}

func change(before, after decimal.Decimal) result.CostChange {
	ch := result.CostChange{Before: result.USD(before), After: result.USD(after), Delta: result.USD(after.Sub(before))}
	if !before.IsZero() {
		p := result.Num(after.Sub(before).Mul(hundred).Div(before).Round(1))
		ch.Percent = &p
	}
	return ch
}

func clouds(a, b map[string]result.Money) []string {
	var out []string
	for _, c := range result.Clouds {
		_, inA := a[c]
		_, inB := b[c]
		if inA || inB {
			out = append(out, c)
		}
	}
	return out
}
