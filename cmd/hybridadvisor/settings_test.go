package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/hybridadvisor/hybridadvisor/advisor/result"
	"github.com/hybridadvisor/hybridadvisor/internal/advisortest"
	"github.com/hybridadvisor/hybridadvisor/tui"
)

// settingsRepo is a repository in a temp dir with a config (aws only, a
// default region, free tier off, a 50% discount) and a profile that sets
// neither region nor free tier. The working directory is the repository.
func settingsRepo(t *testing.T) string {
	t.Helper()
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	repo := filepath.Join(root, "repo")
	if err := os.MkdirAll(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	advisortest.WriteFile(t, repo, "prices.yaml", "discounts:\n  aws: 50\n")
	advisortest.WriteFile(t, repo, ".hybridadvisor.yaml", "clouds: [aws]\nregions:\n  aws: eu-west-1\nfree_tier: false\npricing: prices.yaml\n")
	advisortest.WriteFile(t, repo, "app.yaml", goodProfile)
	t.Chdir(repo)
	return repo
}

// TestOneSetOfSettings: score, report and the TUI's model see the same region,
// discount and free tier from one config and profile.
func TestOneSetOfSettings(t *testing.T) {
	settingsRepo(t)

	code, out, errOut := runCLI(t, "score", "app.yaml", "-o", "json", "-v")
	if code != 0 {
		t.Fatalf("score: exit %d: %s", code, errOut)
	}
	var res result.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	arch := res.Files[0].Architecture
	total := arch.Totals["aws"].Recommended.StringFixed(2)
	if arch.Regions["aws"] != "eu-west-1" || arch.FreeTier {
		t.Fatalf("score: region %s, free tier %v", arch.Regions["aws"], arch.FreeTier)
	}
	if !strings.HasSuffix(res.Pricing.Version, " + overrides prices.yaml") {
		t.Errorf("score: price version %q does not name the overrides as shown", res.Pricing.Version)
	}
	for k, want := range map[string]string{"regions.aws": "config .hybridadvisor.yaml", "free_tier": "config .hybridadvisor.yaml",
		"pricing": "config .hybridadvisor.yaml", "clouds": "config .hybridadvisor.yaml", "jobs": "default"} {
		if got := res.Settings.Sources[k]; got != want {
			t.Errorf("score: settings.sources[%s] = %q, want %q", k, got, want)
		}
	}
	if !strings.Contains(errOut, "setting regions.aws = eu-west-1 unless the profile says (config .hybridadvisor.yaml)") ||
		!strings.Contains(errOut, "setting pricing = prices.yaml (config .hybridadvisor.yaml)") {
		t.Errorf("score -v does not show the sources:\n%s", errOut)
	}
	// Without the config, the same profile costs more (no discount, us-east-1, free tier):
	// the comparison below is not vacuous.
	_, plain, _ := runCLI(t, "score", "app.yaml", "-o", "json", "--no-config", "--cloud", "aws")
	var pres result.Result
	if err := json.Unmarshal([]byte(plain), &pres); err != nil {
		t.Fatal(err)
	}
	if p := pres.Files[0].Architecture; p.Regions["aws"] == "eu-west-1" || p.Totals["aws"].Recommended.StringFixed(2) == total {
		t.Fatalf("without the config: region %s, total %s (with: %s)", p.Regions["aws"], p.Totals["aws"].Recommended.StringFixed(2), total)
	}

	code, md, errOut := runCLI(t, "report", "app.yaml")
	if code != 0 {
		t.Fatalf("report: exit %d: %s", code, errOut)
	}
	for _, want := range []string{"eu-west-1", "$" + total, "overrides prices.yaml",
		"region aws eu-west-1 unless the profile says (config .hybridadvisor.yaml)", "free tier off unless the profile says (config .hybridadvisor.yaml)"} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q", want)
		}
	}

	o := &TUIOptions{IO: &streams{out: &strings.Builder{}, err: &strings.Builder{}}, Paths: []string{"app.yaml"}}
	c := &cobra.Command{Use: "tui"}
	o.register(c)
	o.Flags = c.Flags()
	if err := c.ParseFlags(nil); err != nil {
		t.Fatal(err)
	}
	svc, cfg, sources, err := prepareTUI(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	cfg = cfg.WithService(svc)
	archs, err := tui.Evaluate(context.Background(), cfg, sources)
	if err != nil {
		t.Fatal(err)
	}
	if a := archs[0]; a.Regions["aws"] != "eu-west-1" || a.FreeTier || a.Totals["aws"].Recommended.StringFixed(2) != total {
		t.Errorf("tui: region %s, free tier %v, total %s; score says eu-west-1, false, %s",
			a.Regions["aws"], a.FreeTier, a.Totals["aws"].Recommended.StringFixed(2), total)
	}
	if cfg.Settings.Sources["regions.aws"] != "config .hybridadvisor.yaml" {
		t.Errorf("tui: sources %v", cfg.Settings.Sources)
	}
}

var absPath = regexp.MustCompile(`(^|[\s'"=])/[^\s'"]+`)

// TestRegenerateHasNoAbsolutePath: the report's "Regenerate with" line names
// inputs and flags' files relative to the working directory (or by base name).
func TestRegenerateHasNoAbsolutePath(t *testing.T) {
	repo := settingsRepo(t)
	outside := t.TempDir()
	prices := advisortest.WriteFile(t, outside, "negotiated.yaml", "discounts:\n  aws: 10\n")
	code, _, errOut := runCLI(t, "report", filepath.Join(repo, "app.yaml"), "--pricing", prices, "--free-tier=true",
		"--cloud", "aws", "-o", filepath.Join(repo, "out.md"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	b, err := os.ReadFile(filepath.Join(repo, "out.md"))
	if err != nil {
		t.Fatal(err)
	}
	line := regexp.MustCompile("Regenerate with `([^`]*)`").FindStringSubmatch(string(b))
	if line == nil {
		t.Fatal("no Regenerate line")
	}
	want := "hybridadvisor report --free-tier=true --output out.md --pricing negotiated.yaml app.yaml"
	if line[1] != want {
		t.Errorf("Regenerate with %q\nwant            %q", line[1], want)
	}
	if absPath.MatchString(line[1]) || strings.Contains(line[1], repo) || strings.Contains(line[1], outside) {
		t.Errorf("absolute path in %q", line[1])
	}
	if !strings.Contains(string(b), "price overrides negotiated.yaml (flag --pricing)") {
		t.Error("the report does not show the price overrides' source")
	}
}
