package result

// Upgrade rewrites a file read from a result of an older schema_version into the
// current shape, so a saved result of any supported version renders and compares
// like a new one. Version 1 wrote an unpriced cost as 0: it becomes nil, and each
// total's unpriced parts are rebuilt from the recommendations (the glue's
// pricing was not recorded per total in version 1 and is read from the glue
// options).
func Upgrade(f *File, version int) {
	if version != 1 || f.Architecture == nil {
		return
	}
	a := f.Architecture
	unpriced := map[string][]UnpricedPart{}
	for i := range a.Components {
		c := &a.Components[i]
		for j := range c.Options {
			if !c.Options[j].Priced {
				c.Options[j].MonthlyCostUSD = nil
			}
		}
		for cloud, g := range c.Glue {
			if !g.Priced {
				g.MonthlyCostUSD = nil
				c.Glue[cloud] = g
			}
		}
		upgradeRec(&c.Recommendation)
		for cloud, r := range c.PerCloud {
			upgradeRec(&r)
			c.PerCloud[cloud] = r
			if r.Platform == "" {
				continue
			}
			if !r.Priced {
				unpriced[cloud] = append(unpriced[cloud], UnpricedPart{Component: c.Name, Platform: r.Platform})
			}
			if g, ok := c.Glue[cloud]; ok && !g.Priced {
				unpriced[cloud] = append(unpriced[cloud], UnpricedPart{Component: c.Name, Platform: g.Platform, Note: g.Note})
			}
		}
	}
	for cloud, t := range a.Totals {
		if len(t.Unpriced) == 0 {
			t.Unpriced = unpriced[cloud]
			a.Totals[cloud] = t
		}
	}
}

// upgradeRec drops the 0 that version 1 wrote for an unpriced recommendation.
func upgradeRec(r *Recommendation) {
	if !r.Priced {
		r.MonthlyCostUSD = nil
	}
}
