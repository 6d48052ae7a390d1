package advisor

import (
	"io/fs"
	"sort"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/hybridadvisor/hybridadvisor/advisor/engine"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
	"github.com/hybridadvisor/hybridadvisor/data"
	"github.com/hybridadvisor/hybridadvisor/pricing"
)

// AddCatalog fills res.Catalog with what views print beside the advice: the
// platforms' names, the price tables' dates, the limits file and the catalogue
// entries of the rules res cites. Reports call it; a score run's JSON does not
// carry it.
func (a *Advisor) AddCatalog(res *result.Result) {
	c := &result.Catalog{Limits: bundledLimits()}
	for _, p := range pricing.Platforms {
		c.Platforms = append(c.Platforms, result.PlatformInfo{ID: p.ID, Name: p.Name, Cloud: p.Cloud, Model: p.Model})
	}
	for _, t := range a.book.Tables() {
		c.PriceTables = append(c.PriceTables, result.PriceTableInfo{Cloud: t.Cloud, Version: t.Version, AsOf: t.AsOf, Regions: t.Regions})
	}
	c.Rules = citedRules(res, a.engine.Rules())
	res.Catalog = c
}

// bundledLimits describes data/limits.yaml: its date, its number of entries
// and the sources it cites.
var bundledLimits = sync.OnceValue(func() result.LimitsInfo {
	out := result.LimitsInfo{File: "data/limits.yaml", Sources: []string{}}
	src, err := fs.ReadFile(data.FS, "limits.yaml")
	if err != nil {
		return out
	}
	var doc struct {
		AsOf      string `yaml:"as_of"`
		Platforms map[string]map[string]struct {
			Source string `yaml:"source"`
		} `yaml:"platforms"`
	}
	if yaml.Unmarshal(src, &doc) != nil {
		return out
	}
	out.AsOf = doc.AsOf
	seen := map[string]bool{}
	for _, limits := range doc.Platforms {
		out.Count += len(limits)
		for _, l := range limits {
			if l.Source != "" && !seen[l.Source] {
				seen[l.Source] = true
				out.Sources = append(out.Sources, l.Source)
			}
		}
	}
	sort.Strings(out.Sources)
	return out
})

// citedRules are the catalogue entries of every rule res cites, by ID. A rule
// the catalogue does not know (a built-in finding) takes its title, severity
// and category from its finding.
func citedRules(res *result.Result, catalogue []engine.Rule) []result.RuleInfo {
	byID := map[string]engine.Rule{}
	for _, r := range catalogue {
		byID[r.ID] = r
	}
	seen := map[string]bool{}
	fromFindings := map[string]result.Finding{}
	add := func(id string) {
		if id != "" {
			seen[id] = true
		}
	}
	for _, f := range res.Files {
		a := f.Architecture
		if f.Error != nil || a == nil {
			continue
		}
		for _, rs := range a.VerdictReasons {
			for _, r := range rs {
				add(r.Rule)
			}
		}
		for _, c := range a.Components {
			for _, rec := range c.PerCloud {
				for _, r := range rec.Reasons {
					add(r.Rule)
				}
			}
			for _, p := range c.Preferences {
				add(p.Rule)
			}
			for _, o := range c.Options {
				for _, r := range o.ExcludedBy {
					add(r.Rule)
				}
			}
			for _, fd := range c.Findings {
				add(fd.Rule)
				fromFindings[fd.Rule] = fd
			}
		}
	}
	ids := make([]string, 0, len(seen))
	for id := range seen {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	out := make([]result.RuleInfo, 0, len(ids))
	for _, id := range ids {
		r := result.RuleInfo{ID: id}
		if e, ok := byID[id]; ok {
			r.Kind, r.Title, r.Severity, r.Category = e.Kind, e.Title, e.Severity, e.Category
		} else if fd, ok := fromFindings[id]; ok {
			r.Kind, r.Title, r.Severity, r.Category = "built-in", fd.Title, fd.Severity, fd.Category
		}
		out = append(out, r)
	}
	return out
}
