package advisor

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
	"github.com/hybridadvisor/hybridadvisor/advisor/settings"
	"github.com/hybridadvisor/hybridadvisor/data"
	"github.com/hybridadvisor/hybridadvisor/pricing"
)

// resolve works out one architecture's pricing settings, and the assumptions
// that record them, from what its profile wrote, the batch's defaults (the
// config file's regions and free tier) and the advisor's free-tier override
// (--free-tier, the TUI's key): settings.For does the precedence, and the
// parsed profile is only read. A value the profile did not write is one of
// arch.Defaults, which holds the parser's built-in default for it.
func (a *Advisor) resolve(arch *profile.Architecture, d BatchOptions) (pricing.Settings, []result.Assumption) {
	defaulted := make(map[string]bool, len(arch.Defaults))
	for _, def := range arch.Defaults {
		defaulted[def.Path] = true
	}
	written := settings.ProfileValues{Regions: map[string]string{}}
	builtin := settings.Builtin{Regions: map[string]string{}, FreeTier: arch.Assumptions.FreeTier}
	for _, c := range data.Clouds {
		builtin.Regions[c] = arch.Regions.Get(c)
		if !defaulted["regions."+c] {
			written.Regions[c] = arch.Regions.Get(c)
		}
	}
	if !defaulted["assumptions.free_tier"] {
		v := arch.Assumptions.FreeTier
		written.FreeTier = &v
	}
	from := cmp.Or(d.DefaultsFrom, "the batch defaults")
	run := settings.Settings{Regions: d.Regions, FreeTierDefault: d.FreeTier, Sources: map[string]string{"free_tier": from}}
	for _, c := range data.Clouds {
		run.Sources["regions."+c] = from
	}
	// The override is applied below, after the profile's own value is known,
	// so the assumption can say what it overrode.
	eff := run.For(written, builtin)

	var assumptions []result.Assumption
	for _, def := range arch.Defaults {
		as := result.Assumption{Path: def.Path, Value: def.Value, Message: def.Why}
		if cloud, ok := strings.CutPrefix(def.Path, "regions."); ok && eff.Sources[def.Path] == from {
			as.Value, as.Message = eff.Regions[cloud], "default region from "+from
		} else if def.Path == "assumptions.free_tier" && eff.Sources["free_tier"] == from {
			as.Value, as.Message = fmt.Sprint(eff.FreeTier), "default from "+from
		}
		assumptions = append(assumptions, as)
	}
	freeTier := eff.FreeTier
	if o := a.opts.FreeTier; o != nil {
		freeTier = *o
		if *o != eff.FreeTier {
			assumptions = append(assumptions, result.Assumption{Path: "assumptions.free_tier",
				Value: fmt.Sprint(*o), Message: "set by " + cmp.Or(a.opts.FreeTierBy, "--free-tier") + ", overriding the profile"})
		}
	}
	return pricing.Settings{
		Regions:       eff.Regions,
		FreeTier:      freeTier,
		HoursPerMonth: arch.Assumptions.HoursPerMonth,
		AKSTier:       arch.Assumptions.AKSTier,
	}, assumptions
}
