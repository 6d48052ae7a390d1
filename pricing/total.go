package pricing

import (
	"github.com/shopspring/decimal"

	"strings"
)

// Item places one component on one platform.
type Item struct {
	Workload   Workload
	PlatformID string
	// Prepared, when set, is Workload's prepared calculators (under the same
	// settings): the total reuses them instead of preparing again.
	Prepared *Prepared
}

// Total is an architecture's monthly bill on one cloud.
type Total struct {
	Monthly         decimal.Decimal // sum of the rounded lines, glue included
	Glue            decimal.Decimal // the glue lines' share of Monthly
	FreeTierSavings decimal.Decimal
	Lines           []CostLine
	Assumptions     []string
	// Unpriced lists the items (or their glue) left out of Monthly because a
	// price is missing; when it is not empty the total is incomplete.
	Unpriced []string
}

// aggKey identifies one aggregated usage: a meter, with or without free tier.
type aggKey struct {
	idx    int
	noFree bool
}

// ArchitectureTotal bills every item (and its glue) on one cloud as one account
// would be billed: usage of a meter is summed across components before volume
// tiers and free tiers apply, so each free tier counts once, and fixed fees such
// as a cluster fee count once.
func (b *Book) ArchitectureTotal(cloud string, items []Item, s Settings) Total {
	var t Total
	region := s.regionOf(cloud)
	rb := b.region(cloud, region)
	if rb == nil {
		t.Unpriced = append(t.Unpriced, "no "+cloud+" price table for region "+region)
		return t
	}
	var compute, glue []usage
	pos := map[aggKey]int{}
	add := func(list *[]usage, us []usage) {
		for _, u := range us {
			k := aggKey{u.m.idx, u.noFree}
			i, ok := pos[k]
			if !ok {
				pos[k] = len(*list)
				*list = append(*list, u)
				continue
			}
			if u.m.once {
				(*list)[i].qty = decMax((*list)[i].qty, u.qty)
			} else {
				(*list)[i].qty = (*list)[i].qty.Add(u.qty)
			}
		}
	}
	var buf []usage
	sharedFee, sharedDoor := false, false
	for _, it := range items {
		w := it.Workload
		name := w.Name
		if name == "" {
			name = "(unnamed component)"
		}
		p, ok := PlatformByID(it.PlatformID)
		if !ok || p.Cloud != cloud {
			t.Unpriced = append(t.Unpriced, name+": "+it.PlatformID+" is not a "+cloud+" platform")
			continue
		}
		var sh *shape
		var pr pricer
		var fd frontDoor
		var note string
		if pp := it.Prepared; pp != nil && pp.rbs[cloudIndex(cloud)] == rb && sameCalcSettings(pp.cl.ctx.s, s) {
			i := platformIndex(p.ID)
			sh, pr, fd, note = &pp.cl.sh, pp.prs[i], pp.fds[i], pp.notes[i]
		} else {
			fresh := newShape(&w, s)
			sh = &fresh
			pr, fd, note = prepareWithDoor(&calcCtx{sh: sh, w: &w, s: s}, rb, p)
		}
		if pr == nil {
			t.Unpriced = append(t.Unpriced, name+" on "+p.ID+": "+note)
		} else {
			buf = pr.usages(sh.volume, buf[:0])
			buf = fd.usages(sh.volume, buf)
			for _, u := range buf {
				if u.m.once {
					if _, seen := pos[aggKey{u.m.idx, u.noFree}]; seen {
						if u.m.door {
							sharedDoor = true
						} else {
							sharedFee = true
						}
					}
				}
			}
			add(&compute, buf)
		}
		g, note := prepGlue(rb, &w)
		if g == nil {
			t.Unpriced = append(t.Unpriced, name+" glue: "+note)
			continue
		}
		add(&glue, g.usages(sh.volume, buf[:0]))
	}
	bl := newBill(rb, s.FreeTier)
	bl.prefix = true
	bl.run(compute)
	bl.run(glue)
	t.Monthly, t.Glue, t.FreeTierSavings, t.Lines = bl.total.Shop(), bl.glue.Shop(), bl.savings.Shop(), bl.lines
	t.Assumptions = append(t.Assumptions, "A month is "+itoa(s.hours())+" hours; "+itoa(int64(len(items)))+" component(s) on "+cloud+" ("+region+").")
	if s.FreeTier {
		t.Assumptions = append(t.Assumptions, "Each free tier is applied once per account: usage of a service is summed across components before the free allowance and volume tiers apply.")
	} else {
		t.Assumptions = append(t.Assumptions, "Free tiers are not applied; volume tiers apply to usage summed across components.")
	}
	if sharedFee {
		t.Assumptions = append(t.Assumptions, "Components on the same orchestrator share one cluster: its fee is counted once; each component keeps its own node pool.")
	}
	if sharedDoor {
		t.Assumptions = append(t.Assumptions, "Public components behind a load balancer share one: its hourly fee is counted once; each component pays for its own traffic through it.")
	}
	t.Assumptions = append(t.Assumptions, bl.estimateNotes()...)
	if len(t.Unpriced) > 0 {
		t.Assumptions = append(t.Assumptions, "Incomplete: "+strings.Join(t.Unpriced, "; ")+".")
	}
	return t
}

// sameCalcSettings reports whether calculators prepared under a are the ones
// b would prepare (the region is compared by the caller).
func sameCalcSettings(a, b Settings) bool {
	return a.hours() == b.hours() && a.FreeTier == b.FreeTier && a.AKSTier == b.AKSTier && a.AutopilotLegacySizing == b.AutopilotLegacySizing
}

// platformName names a platform or glue pseudo-platform for line prefixes.
func platformName(id string) string {
	if p, ok := PlatformByID(id); ok {
		return p.Name
	}
	return gluePlatform(CloudOf(id)).Name
}

// AloneTotal is ArchitectureTotal for a one-component architecture, from the
// component's quote and its glue quote on the same cloud, without pricing
// either again: with a single item nothing is shared, so the total is their sum
// (TestAloneTotalMatchesArchitectureTotal checks it). ok is false when either
// is unpriced; call ArchitectureTotal then. Only Monthly, Glue and
// FreeTierSavings are filled.
func AloneTotal(compute, glue Quote) (t Total, ok bool) {
	if !compute.Priced || !glue.Priced || compute.Platform.Cloud != glue.Platform.Cloud {
		return Total{}, false
	}
	t.Monthly = compute.Monthly.Add(glue.Monthly)
	t.Glue = glue.Monthly
	t.FreeTierSavings = compute.FreeTierSavings.Add(glue.FreeTierSavings)
	return t, true
}
