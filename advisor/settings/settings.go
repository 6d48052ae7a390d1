// Package settings resolves a run's settings once, for every command (score,
// report, tui): command-line flags over the profile over the config file
// (.hybridadvisor.yaml) over the built-in defaults. Each resolved setting
// carries its source, which -v, the JSON result (settings.sources) and the
// report show.
//
// Run-wide settings (clouds, price overrides, policy directories, jobs) have no
// profile level: flags > config > default (Resolve). The per-architecture
// settings (each cloud's region, the free tier) add the profile between the
// flags and the config (Settings.For, which the advisor calls for each
// architecture: the resolved values travel next to the parsed profile, which
// is never written). There is no region flag, so a region is profile > config
// > default; the free tier is --free-tier > profile > config > default.
package settings

import (
	"path/filepath"
	"strconv"
	"strings"

	"github.com/hybridadvisor/hybridadvisor/advisor/config"
	"github.com/hybridadvisor/hybridadvisor/data"
)

// Sources of a setting.
const (
	Default = "default"
	Profile = "profile"
	// TUI is a choice made in the TUI (its free-tier and cloud keys).
	TUI = "tui"
)

// Flag is the source of a value given by the command-line flag --name.
func Flag(name string) string { return "flag --" + name }

// Config is the source of a value read from the config file at path (as shown).
func Config(path string) string { return "config " + path }

// Clouds are the clouds in canonical order; each has a region.
var Clouds = data.Clouds

// Flags are the values given on the command line; a zero field was not given.
type Flags struct {
	Clouds   []string
	FreeTier *bool
	Pricing  string
	Policy   []string
	Jobs     int
}

// Settings are a run's resolved settings.
type Settings struct {
	// Clouds are the clouds evaluated; empty means all.
	Clouds []string
	// FreeTier, when set, overrides every profile's assumptions.free_tier (--free-tier).
	FreeTier *bool
	// FreeTierDefault, when set, is the free tier of profiles that do not say (config).
	FreeTierDefault *bool
	// Regions are the config's default regions (cloud -> region) for profiles
	// that do not name one.
	Regions map[string]string
	// Pricing is the price overrides file; PricingFromConfig when the config named it.
	Pricing           string
	PricingFromConfig bool
	Policy            []string
	Jobs              int
	// ConfigPath is the config file as shown ("" when none is used).
	ConfigPath string
	// Sources says where each setting came from: clouds, free_tier,
	// regions.aws, regions.azure, regions.gcp, pricing, policy, jobs.
	Sources map[string]string
}

// Resolve merges the flags over the config file (nil when none is used) over
// the built-in defaults. configShown is how the config's path is shown in
// sources (see ShowPath). Lists given by a flag replace the config's.
func Resolve(fl Flags, cfg *config.Config, configShown string) Settings {
	s := Settings{Sources: map[string]string{}}
	fromCfg := Config(configShown)
	if cfg != nil {
		s.ConfigPath = configShown
	} else {
		cfg = &config.Config{}
	}
	switch {
	case len(fl.Clouds) > 0:
		s.Clouds, s.Sources["clouds"] = fl.Clouds, Flag("cloud")
	case len(cfg.Clouds) > 0:
		s.Clouds, s.Sources["clouds"] = cfg.Clouds, fromCfg
	default:
		s.Sources["clouds"] = Default
	}
	switch {
	case fl.FreeTier != nil:
		v := *fl.FreeTier
		s.FreeTier, s.Sources["free_tier"] = &v, Flag("free-tier")
	case cfg.FreeTier != nil:
		v := *cfg.FreeTier
		s.FreeTierDefault, s.Sources["free_tier"] = &v, fromCfg
	default:
		s.Sources["free_tier"] = Default
	}
	for _, c := range Clouds {
		if r := cfg.Regions[c]; r != "" {
			if s.Regions == nil {
				s.Regions = map[string]string{}
			}
			s.Regions[c], s.Sources["regions."+c] = r, fromCfg
		} else {
			s.Sources["regions."+c] = Default
		}
	}
	switch {
	case fl.Pricing != "":
		s.Pricing, s.Sources["pricing"] = fl.Pricing, Flag("pricing")
	case cfg.Pricing != "":
		s.Pricing, s.PricingFromConfig, s.Sources["pricing"] = cfg.Pricing, true, fromCfg
	default:
		s.Sources["pricing"] = Default
	}
	switch {
	case len(fl.Policy) > 0:
		s.Policy, s.Sources["policy"] = fl.Policy, Flag("policy")
	case len(cfg.Policy) > 0:
		s.Policy, s.Sources["policy"] = cfg.Policy, fromCfg
	default:
		s.Sources["policy"] = Default
	}
	switch {
	case fl.Jobs > 0:
		s.Jobs, s.Sources["jobs"] = fl.Jobs, Flag("jobs")
	case cfg.Jobs > 0:
		s.Jobs, s.Sources["jobs"] = cfg.Jobs, fromCfg
	default:
		s.Sources["jobs"] = Default
	}
	return s
}

// ProfileValues are what one architecture's profile wrote: regions per cloud
// (absent when not written) and the free tier (nil when not written).
type ProfileValues struct {
	Regions  map[string]string
	FreeTier *bool
}

// Builtin are the built-in defaults of the per-architecture settings.
type Builtin struct {
	Regions  map[string]string
	FreeTier bool
}

// Effective are one architecture's settings with their sources
// ("regions.aws", "free_tier").
type Effective struct {
	Regions  map[string]string
	FreeTier bool
	Sources  map[string]string
}

// For resolves one architecture's region per cloud and free tier: flags >
// profile > config > built-in default.
func (s Settings) For(p ProfileValues, def Builtin) Effective {
	e := Effective{Regions: map[string]string{}, Sources: map[string]string{}}
	for _, c := range Clouds {
		key := "regions." + c
		switch {
		case p.Regions[c] != "":
			e.Regions[c], e.Sources[key] = p.Regions[c], Profile
		case s.Regions[c] != "":
			e.Regions[c], e.Sources[key] = s.Regions[c], s.Sources[key]
		default:
			e.Regions[c], e.Sources[key] = def.Regions[c], Default
		}
	}
	switch {
	case s.FreeTier != nil:
		e.FreeTier, e.Sources["free_tier"] = *s.FreeTier, s.Sources["free_tier"]
	case p.FreeTier != nil:
		e.FreeTier, e.Sources["free_tier"] = *p.FreeTier, Profile
	case s.FreeTierDefault != nil:
		e.FreeTier, e.Sources["free_tier"] = *s.FreeTierDefault, s.Sources["free_tier"]
	default:
		e.FreeTier, e.Sources["free_tier"] = def.FreeTier, Default
	}
	return e
}

// Keys are the sources' keys in display order.
func (s Settings) Keys() []string {
	keys := []string{"clouds", "free_tier"}
	for _, c := range Clouds {
		keys = append(keys, "regions."+c)
	}
	return append(keys, "pricing", "policy", "jobs")
}

// Value is the setting at key as text ("all", "on", "off", "" for none).
func (s Settings) Value(key string) string {
	switch key {
	case "clouds":
		if len(s.Clouds) == 0 {
			return "all"
		}
		return strings.Join(s.Clouds, ",")
	case "free_tier":
		switch {
		case s.FreeTier != nil:
			return onOff(*s.FreeTier)
		case s.FreeTierDefault != nil:
			return onOff(*s.FreeTierDefault) + " unless the profile says"
		}
		return "the profile's (on when unset)"
	case "pricing":
		if s.Pricing == "" {
			return "none"
		}
		return s.Pricing
	case "policy":
		if len(s.Policy) == 0 {
			return "built-in"
		}
		return strings.Join(s.Policy, ",")
	case "jobs":
		if s.Jobs == 0 {
			return "one per CPU"
		}
		return strconv.Itoa(s.Jobs)
	}
	if c, ok := strings.CutPrefix(key, "regions."); ok {
		if r := s.Regions[c]; r != "" {
			return r + " unless the profile says"
		}
		return "the profile's (built-in default when unset)"
	}
	return ""
}

// WithTUIFreeTier is s after the TUI's free-tier key set v.
func (s Settings) WithTUIFreeTier(v bool) Settings {
	s.FreeTier = &v
	src := make(map[string]string, len(s.Sources))
	for k, x := range s.Sources {
		src[k] = x
	}
	src["free_tier"] = TUI
	s.Sources = src
	return s
}

// ShowPath is p as shown to others (sources, the report's "Regenerate with"
// line): relative to wd when inside it, else its base name, so no absolute
// path of the user's machine leaks. Relative paths are kept as given (cleaned).
func ShowPath(p, wd string) string {
	if p == "" || !filepath.IsAbs(p) {
		return filepath.ToSlash(filepath.Clean(p))
	}
	if wd != "" {
		if rel, err := filepath.Rel(wd, p); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel) {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.Base(p)
}

// Row is one setting as shown: name, value and source.
type Row struct{ Name, Value, Source string }

// Rows are the settings to show in a report: clouds and free tier always, the
// others when they do not come from the built-in defaults. show turns a path
// into its shown form (see ShowPath).
func (s Settings) Rows(show func(string) string) []Row {
	var out []Row
	for _, k := range s.Keys() {
		src := s.Sources[k]
		if src == "" || (src == Default && k != "clouds" && k != "free_tier") {
			continue
		}
		out = append(out, Row{Name: label(k), Value: s.Shown(k, show), Source: src})
	}
	return out
}

// Shown is Value with the paths (pricing, policy) passed through show.
func (s Settings) Shown(key string, show func(string) string) string {
	switch {
	case key == "pricing" && s.Pricing != "":
		return show(s.Pricing)
	case key == "policy" && len(s.Policy) > 0:
		var ps []string
		for _, p := range s.Policy {
			ps = append(ps, show(p))
		}
		return strings.Join(ps, ",")
	}
	return s.Value(key)
}

// label is key as a report names it ("free tier", "region aws").
func label(key string) string {
	if c, ok := strings.CutPrefix(key, "regions."); ok {
		return "region " + c
	}
	switch key {
	case "free_tier":
		return "free tier"
	case "pricing":
		return "price overrides"
	}
	return key
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}
