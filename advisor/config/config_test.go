package config_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor/config"
)

const full = `# team defaults
clouds: [aws, gcp]
regions: {aws: eu-west-1, gcp: europe-west1}
fail_on: high
max_monthly_cost: [500, "gcp=400"]
max_cost_increase: 10%
allow_unpriced: true
policy: [policies/, ./shared/rules]
pricing: prices/acme.yaml
free_tier: false
jobs: 4
output: [table, sarif=out/results.sarif]
`

func TestParseEveryKey(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, config.FileName)
	c, err := config.Parse(path, []byte(full))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(c.Clouds, ",") != "aws,gcp" || c.Regions["aws"] != "eu-west-1" || c.Regions["gcp"] != "europe-west1" || c.FailOn != "high" {
		t.Errorf("clouds/regions/fail_on: %+v", c)
	}
	if len(c.MaxMonthlyCost) != 2 || c.MaxMonthlyCost[0].Cloud != "" || c.MaxMonthlyCost[0].USD.String() != "500" ||
		c.MaxMonthlyCost[1].Cloud != "gcp" || c.MaxMonthlyCost[1].USD.String() != "400" {
		t.Errorf("max_monthly_cost: %+v", c.MaxMonthlyCost)
	}
	if len(c.MaxCostIncrease) != 1 || !c.MaxCostIncrease[0].Percent || c.MaxCostIncrease[0].Value.String() != "10" {
		t.Errorf("max_cost_increase: %+v", c.MaxCostIncrease)
	}
	if c.Policy[0] != filepath.Join(dir, "policies") || c.Policy[1] != filepath.Join(dir, "shared/rules") || c.Pricing != filepath.Join(dir, "prices/acme.yaml") {
		t.Errorf("paths are not relative to the file: %v %s", c.Policy, c.Pricing)
	}
	if c.AllowUnpriced == nil || !*c.AllowUnpriced {
		t.Errorf("allow_unpriced: %v", c.AllowUnpriced)
	}
	if c.FreeTier == nil || *c.FreeTier || c.Jobs != 4 {
		t.Errorf("free_tier/jobs: %v %d", c.FreeTier, c.Jobs)
	}
	if strings.Join(c.Output, ",") != "table,sarif="+filepath.Join(dir, "out/results.sarif") {
		t.Errorf("output: %v", c.Output)
	}
	if p := c.Pos["regions.gcp"]; p.Line != 3 {
		t.Errorf("position of regions.gcp: %+v", p)
	}
}

func TestErrorsAtTheirPlace(t *testing.T) {
	config.FormatKnown = func(f string) bool { return f == "json" || f == "table" }
	defer func() { config.FormatKnown = nil }()
	cases := []struct {
		src, want string
		line, col int
	}{
		{"fial_on: high\n", `unknown key "fial_on"; did you mean "fail_on"?`, 1, 1},
		{"clouds: [aws]\nregion: {aws: x}\n", `did you mean "regions"?`, 2, 1},
		{"colour: red\n", "known keys: clouds, regions", 1, 1},
		{"regions:\n  amazon: us-east-1\n", `unknown cloud "amazon" in regions`, 2, 3},
		{"regions:\n  aws: us-east-1\n  gpc: x\n", `did you mean "gcp"?`, 3, 3},
		{"fail_on: severe\n", "fail_on \"severe\": want one of critical", 1, 10},
		{"fail_on: hihg\n", `did you mean "high"?`, 1, 10},
		{"max_monthly_cost: lots\n", "max_monthly_cost:", 1, 19},
		{"max_monthly_cost: oracle=5\n", `unknown cloud "oracle"`, 1, 19},
		{"max_cost_increase: -5%\n", "zero or more", 1, 20},
		{"free_tier: maybe\n", "free_tier: want true or false", 1, 12},
		{"allow_unpriced: yes please\n", "allow_unpriced: want true or false", 1, 17},
		{"jobs: -1\n", "jobs: want a whole number", 1, 7},
		{"jobs: two\n", "jobs: want a whole number", 1, 7},
		{"output: yaml\n", `unknown format "yaml"`, 1, 9},
		{"output: json=\n", "names no file", 1, 9},
		{"clouds: [aws, oracle]\n", `unknown cloud "oracle"`, 1, 9},
		{"clouds: aws\nclouds: gcp\n", "given twice", 2, 1},
		{"- a\n- b\n", "must be a mapping", 1, 1},
		{"clouds: [aws\n", "invalid YAML", 1, 1},
		{"pricing: {a: b}\n", "want a single value", 1, 10},
	}
	for _, tc := range cases {
		_, err := config.Parse("team/.hybridadvisor.yaml", []byte(tc.src))
		var ce *config.Error
		if !errors.As(err, &ce) {
			t.Errorf("%q: error %v, want a *config.Error", tc.src, err)
			continue
		}
		if !strings.Contains(ce.Message, tc.want) || ce.Line != tc.line || ce.Column != tc.col {
			t.Errorf("%q: %s, want %q at %d:%d", tc.src, ce, tc.want, tc.line, tc.col)
		}
		if !strings.HasPrefix(ce.Error(), "team/.hybridadvisor.yaml:") {
			t.Errorf("%q: the error does not name the file: %s", tc.src, ce)
		}
	}
}

func TestEmptyFiles(t *testing.T) {
	for _, src := range []string{"", "# only a comment\n", "---\n"} {
		if _, err := config.Parse("c.yaml", []byte(src)); err != nil {
			t.Errorf("%q: %v", src, err)
		}
	}
}

func TestFindWalksUpToTheRepositoryRoot(t *testing.T) {
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	outer := filepath.Join(root, "outer")
	repo := filepath.Join(outer, "repo")
	deep := filepath.Join(repo, "a", "b")
	for _, d := range []string{deep, filepath.Join(repo, ".git")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// A config above the repository is not the repository's.
	if err := os.WriteFile(filepath.Join(outer, config.FileName), []byte("jobs: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if f, err := config.Find(deep); err != nil || f.Path != "" {
		t.Fatalf("found %q (%v) above the repository root", f.Path, err)
	}
	want := filepath.Join(repo, config.FileName)
	if err := os.WriteFile(want, []byte("jobs: 2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if f, err := config.Find(deep); err != nil || f.Path != want {
		t.Fatalf("Find = %q, %v; want %q", f.Path, err, want)
	}
	nearer := filepath.Join(repo, "a", config.FileName)
	if err := os.WriteFile(nearer, []byte("jobs: 3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if f, _ := config.Find(deep); f.Path != nearer {
		t.Fatalf("Find = %q, want the nearest %q", f.Path, nearer)
	}
	// Outside any repository the walk goes up through the user's own
	// directories (TestFindStops: not past the home or another user's).
	lone := filepath.Join(root, "lone", "x")
	if err := os.MkdirAll(lone, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, config.FileName), []byte("jobs: 4\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if f, _ := config.Find(lone); f.Path != filepath.Join(root, config.FileName) {
		t.Fatalf("Find = %q outside a repository", f.Path)
	}
}
