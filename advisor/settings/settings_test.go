package settings

import (
	"path/filepath"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor/config"
)

func b(v bool) *bool { return &v }

var builtin = Builtin{Regions: map[string]string{"aws": "us-east-1", "azure": "eastus", "gcp": "us-central1"}, FreeTier: true}

// TestPrecedence checks every pair of levels for every setting that has them:
// flags > profile > config > default.
func TestPrecedence(t *testing.T) {
	cfgAll := &config.Config{Clouds: []string{"gcp"}, Regions: map[string]string{"aws": "eu-west-1"}, FreeTier: b(false),
		Pricing: "/repo/prices.yaml", Policy: []string{"/repo/policies"}, Jobs: 3}
	flagsAll := Flags{Clouds: []string{"aws"}, FreeTier: b(true), Pricing: "mine.yaml", Policy: []string{"p"}, Jobs: 7}
	profAll := ProfileValues{Regions: map[string]string{"aws": "ap-south-1"}, FreeTier: b(true)}
	cfgFT := &config.Config{FreeTier: b(true)}
	const cf = "config .hybridadvisor.yaml"

	cases := []struct {
		name    string
		flags   Flags
		cfg     *config.Config
		prof    ProfileValues
		key     string
		want    string
		wantSrc string
	}{
		// clouds (no profile level)
		{"clouds flag over config", flagsAll, cfgAll, ProfileValues{}, "clouds", "aws", "flag --cloud"},
		{"clouds flag over default", flagsAll, nil, ProfileValues{}, "clouds", "aws", "flag --cloud"},
		{"clouds config over default", Flags{}, cfgAll, ProfileValues{}, "clouds", "gcp", cf},
		{"clouds default", Flags{}, nil, ProfileValues{}, "clouds", "all", Default},
		// free tier: all four levels
		{"free tier flag over profile", Flags{FreeTier: b(false)}, nil, profAll, "free_tier", "false", "flag --free-tier"},
		{"free tier flag over config", Flags{FreeTier: b(true)}, cfgAll, ProfileValues{}, "free_tier", "true", "flag --free-tier"},
		{"free tier flag over default", Flags{FreeTier: b(false)}, nil, ProfileValues{}, "free_tier", "false", "flag --free-tier"},
		{"free tier profile over config", Flags{}, cfgAll, profAll, "free_tier", "true", Profile},
		{"free tier profile over config (false)", Flags{}, cfgFT, ProfileValues{FreeTier: b(false)}, "free_tier", "false", Profile},
		{"free tier profile over default", Flags{}, nil, ProfileValues{FreeTier: b(false)}, "free_tier", "false", Profile},
		{"free tier config over default", Flags{}, cfgAll, ProfileValues{}, "free_tier", "false", cf},
		{"free tier default", Flags{}, nil, ProfileValues{}, "free_tier", "true", Default},
		// regions (no flag level)
		{"region profile over config", Flags{}, cfgAll, profAll, "regions.aws", "ap-south-1", Profile},
		{"region profile over default", Flags{}, nil, profAll, "regions.aws", "ap-south-1", Profile},
		{"region config over default", Flags{}, cfgAll, ProfileValues{}, "regions.aws", "eu-west-1", cf},
		{"region default", Flags{}, cfgAll, ProfileValues{}, "regions.gcp", "us-central1", Default},
		// run-wide paths and jobs (no profile level)
		{"pricing flag over config", flagsAll, cfgAll, ProfileValues{}, "pricing", "mine.yaml", "flag --pricing"},
		{"pricing config over default", Flags{}, cfgAll, ProfileValues{}, "pricing", "/repo/prices.yaml", cf},
		{"pricing default", Flags{}, nil, ProfileValues{}, "pricing", "none", Default},
		{"policy flag over config", flagsAll, cfgAll, ProfileValues{}, "policy", "p", "flag --policy"},
		{"policy config over default", Flags{}, cfgAll, ProfileValues{}, "policy", "/repo/policies", cf},
		{"jobs flag over config", flagsAll, cfgAll, ProfileValues{}, "jobs", "7", "flag --jobs"},
		{"jobs config over default", Flags{}, cfgAll, ProfileValues{}, "jobs", "3", cf},
		{"jobs default", Flags{}, nil, ProfileValues{}, "jobs", "one per CPU", Default},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := Resolve(tc.flags, tc.cfg, ".hybridadvisor.yaml")
			var got, src string
			switch tc.key {
			case "free_tier", "regions.aws", "regions.gcp":
				e := s.For(tc.prof, builtin)
				src = e.Sources[tc.key]
				if tc.key == "free_tier" {
					got = map[bool]string{true: "true", false: "false"}[e.FreeTier]
				} else {
					got = e.Regions[tc.key[len("regions."):]]
				}
			default:
				got, src = s.Value(tc.key), s.Sources[tc.key]
			}
			if got != tc.want || src != tc.wantSrc {
				t.Errorf("%s = %q from %q, want %q from %q", tc.key, got, src, tc.want, tc.wantSrc)
			}
		})
	}
}

func TestEverySettingHasASource(t *testing.T) {
	for _, cfg := range []*config.Config{nil, {Regions: map[string]string{"gcp": "europe-west1"}}} {
		s := Resolve(Flags{}, cfg, "c.yaml")
		for _, k := range s.Keys() {
			if s.Sources[k] == "" {
				t.Errorf("%s has no source", k)
			}
		}
	}
}

func TestTUIFreeTier(t *testing.T) {
	s := Resolve(Flags{FreeTier: b(true)}, nil, "")
	u := s.WithTUIFreeTier(false)
	if u.Sources["free_tier"] != TUI || *u.FreeTier {
		t.Errorf("after the TUI's key: %v from %q", *u.FreeTier, u.Sources["free_tier"])
	}
	if s.Sources["free_tier"] != "flag --free-tier" || !*s.FreeTier {
		t.Error("WithTUIFreeTier changed the original settings")
	}
	if e := u.For(ProfileValues{FreeTier: b(true)}, builtin); e.FreeTier || e.Sources["free_tier"] != TUI {
		t.Errorf("the TUI's choice does not win over the profile: %+v", e)
	}
}

func TestShowPath(t *testing.T) {
	wd := filepath.FromSlash("/home/u/repo")
	for _, tc := range []struct{ p, want string }{
		{"/home/u/repo/w/app.yaml", "w/app.yaml"},
		{"/home/u/repo", "."},
		{"/home/u/other/app.yaml", "app.yaml"},
		{"/home/u/repo2/app.yaml", "app.yaml"},
		{"w/./app.yaml", "w/app.yaml"},
		{"../x.yaml", "../x.yaml"},
	} {
		if got := ShowPath(filepath.FromSlash(tc.p), wd); got != tc.want {
			t.Errorf("ShowPath(%q) = %q, want %q", tc.p, got, tc.want)
		}
	}
}
