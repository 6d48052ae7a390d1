package result

// Upgrade rewrites a file read from a result of an older schema_version into the
// current shape, so a saved result of any supported version renders and compares
// like a new one. Version 1 wrote an unpriced cost as 0: it becomes nil, and each
// total's unpriced parts are rebuilt from the recommendations and options the
// way the advisor builds them. An unpriced glue is found only when its option
// was written (version 1 left out glue without cost lines).
func Upgrade(f *File, version int) {
	if version != 1 || f.Architecture == nil {
		return
	}
	a := f.Architecture
	unpriced, fns, ctrs := map[string][]UnpricedPart{}, map[string][]UnpricedPart{}, map[string][]UnpricedPart{}
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
			var missing []UnpricedPart
			if !r.Priced {
				missing = append(missing, UnpricedPart{Component: c.Name, Platform: r.Platform, Note: optionNote(c, r.Platform)})
			}
			var glue []UnpricedPart
			if g, ok := c.Glue[cloud]; ok && !g.Priced {
				glue = append(glue, UnpricedPart{Component: c.Name, Platform: g.Platform, Note: g.Note})
			}
			unpriced[cloud] = append(append(unpriced[cloud], missing...), glue...)
			// All-functions and all-containers count a component at its
			// recommended platform when no priced eligible one of theirs exists.
			if !hasPriced(c, cloud, func(m string) bool { return m == "function" }) {
				fns[cloud] = append(fns[cloud], missing...)
			}
			fns[cloud] = append(fns[cloud], glue...)
			if !hasPriced(c, cloud, func(m string) bool { return m == "serverless-container" || m == "orchestrated-container" }) {
				ctrs[cloud] = append(ctrs[cloud], missing...)
			}
			ctrs[cloud] = append(ctrs[cloud], glue...)
		}
	}
	for cloud, t := range a.Totals {
		if len(t.Unpriced)+len(t.AllFunctionsUnpriced)+len(t.AllContainersUnpriced) == 0 {
			t.Unpriced, t.AllFunctionsUnpriced, t.AllContainersUnpriced = unpriced[cloud], fns[cloud], ctrs[cloud]
			a.Totals[cloud] = t
		}
	}
}

// optionNote is the note of the component's option on platform ("" when none).
func optionNote(c *Component, platform string) string {
	for _, o := range c.Options {
		if o.Platform == platform {
			return o.Note
		}
	}
	return ""
}

// hasPriced reports whether the component has an eligible priced option of a
// matching model on the cloud.
func hasPriced(c *Component, cloud string, model func(string) bool) bool {
	for _, o := range c.Options {
		if o.Cloud == cloud && o.Eligible && o.Priced && model(o.Model) {
			return true
		}
	}
	return false
}

// upgradeRec drops the 0 that version 1 wrote for an unpriced recommendation.
func upgradeRec(r *Recommendation) {
	if !r.Priced {
		r.MonthlyCostUSD = nil
	}
}
