package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/internal/advisortest"
)

// operatorProfile is shared with the advisor's tests: an operator whose GCP
// part is unpriced (no GKE Autopilot rates in europe-west1), AWS and Azure priced.
var operatorProfile = filepath.Join("..", "..", "advisor", "testdata", "unpriced", "operator-eu.yaml")

// TestCostGatesFailClosedOnUnpriced: on GCP the operator has no price, so a
// gate cannot say the limit holds however low the priced part is: it fails and
// names the part, unless --allow-unpriced (or allow_unpriced in the config)
// makes it a warning. A priced part already over the limit fails regardless.
func TestCostGatesFailClosedOnUnpriced(t *testing.T) {
	op := operatorProfile
	unknown := `the monthly cost against the limit of \$300\.00 on gcp is unknown, as the total leaves out what is not priced: operator on gcp-gke-autopilot \(the priced parts come to \$[0-9,]+\.[0-9]{2}/month\)`
	cases := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"incomplete total under the limit fails", []string{op, "--cloud", "gcp", "--max-monthly-cost", "300"}, 1,
			`gate --max-monthly-cost 300 failed: operator-eu \(.*\): ` + unknown + `; price them with --pricing, or pass --allow-unpriced`},
		{"--allow-unpriced warns", []string{op, "--cloud", "gcp", "--max-monthly-cost", "300", "--allow-unpriced"}, 0,
			`warning: gate --max-monthly-cost 300: operator-eu \(.*\): ` + unknown + `; allowed by --allow-unpriced`},
		{"over the limit fails whatever is unpriced", []string{op, "--cloud", "gcp", "--max-monthly-cost", "10", "--allow-unpriced"}, 1,
			`gate --max-monthly-cost 10 failed: operator-eu .* costs \$[0-9,]+\.[0-9]{2}/month on gcp, \$[0-9,]+\.[0-9]{2} over the limit of \$10\.00 \(at least: not priced: operator on gcp-gke-autopilot\)$`},
		{"a complete primary passes", []string{op, "--max-monthly-cost", "1000"}, 0, ""},
		{"a named cloud whose total is incomplete fails", []string{op, "--max-monthly-cost", "gcp=1000"}, 1,
			`gate --max-monthly-cost gcp=1000 failed: operator-eu .* on gcp is unknown, .* not priced: operator on gcp-gke-autopilot`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, append([]string{"score", "-o", "json"}, tc.args...)...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstderr: %s", code, tc.code, errOut)
			}
			if tc.stderr == "" {
				if errOut != "" {
					t.Errorf("stderr: %s", errOut)
				}
				return
			}
			if !regexp.MustCompile(`(?m)^hybridadvisor: ` + tc.stderr).MatchString(errOut) {
				t.Errorf("stderr has no line matching %q:\n%s", tc.stderr, errOut)
			}
		})
	}
}

// TestCostIncreaseGateFailsClosedOnUnpriced: an unchanged architecture whose
// total leaves out an unpriced part cannot be said not to have grown.
func TestCostIncreaseGateFailsClosedOnUnpriced(t *testing.T) {
	dir := t.TempDir()
	op := operatorProfile
	base := filepath.Join(dir, "base.json")
	if code, _, errOut := runCLI(t, "score", op, "--cloud", "gcp", "-o", "json="+base); code != 0 {
		t.Fatalf("baseline: exit %d %s", code, errOut)
	}
	code, _, errOut := runCLI(t, "score", op, "--cloud", "gcp", "--compare-to", base, "--max-cost-increase", "10%", "-o", "json")
	if code != 1 || !strings.Contains(errOut, "gate --max-cost-increase 10% failed: operator-eu ("+op+"): the cost increase against the limit of 10% on gcp is unknown") ||
		!strings.Contains(errOut, "operator on gcp-gke-autopilot") {
		t.Errorf("exit %d: %s", code, errOut)
	}
	code, _, errOut = runCLI(t, "score", op, "--cloud", "gcp", "--compare-to", base, "--max-cost-increase", "10%", "--allow-unpriced", "-o", "json")
	if code != 0 || !strings.Contains(errOut, "warning: gate --max-cost-increase 10%") {
		t.Errorf("--allow-unpriced: exit %d: %s", code, errOut)
	}
}

// TestAllowUnpricedInConfig: allow_unpriced in .hybridadvisor.yaml; the flag wins.
func TestAllowUnpricedInConfig(t *testing.T) {
	dir := t.TempDir()
	cfg := advisortest.WriteFile(t, dir, "team.yaml", "max_monthly_cost: 300\nallow_unpriced: true\n")
	op := operatorProfile
	code, _, errOut := runCLI(t, "score", op, "--cloud", "gcp", "--config", cfg, "-o", "json")
	if code != 0 || !strings.Contains(errOut, "warning: gate --max-monthly-cost 300") {
		t.Errorf("config allow_unpriced: exit %d: %s", code, errOut)
	}
	code, _, errOut = runCLI(t, "score", op, "--cloud", "gcp", "--config", cfg, "--allow-unpriced=false", "-o", "json")
	if code != 1 || !strings.Contains(errOut, "gate --max-monthly-cost 300 failed") {
		t.Errorf("--allow-unpriced=false over the config: exit %d: %s", code, errOut)
	}
	bad := advisortest.WriteFile(t, dir, "bad.yaml", "allow_unpriced: sometimes\n")
	if code, _, errOut := runCLI(t, "score", "--example", "ml-platform", "--config", bad); code != 2 || !strings.Contains(errOut, "allow_unpriced: want true or false") {
		t.Errorf("bad allow_unpriced: exit %d: %s", code, errOut)
	}
}

// TestReformatReadsSchemaV1: a result saved before schema 2 wrote an unpriced
// cost as 0; reformat shows it as not priced and writes schema 2.
func TestReformatReadsSchemaV1(t *testing.T) {
	dir := t.TempDir()
	v2 := filepath.Join(dir, "v2.json")
	if code, _, errOut := runCLI(t, "score", "--example", "ml-platform", "-o", "json="+v2); code != 0 {
		t.Fatalf("exit %d %s", code, errOut)
	}
	raw, err := os.ReadFile(v2)
	if err != nil {
		t.Fatal(err)
	}
	// Write it back as version 1 did: schema 1, zeros for unknown costs, no unpriced lists.
	s := strings.Replace(string(raw), `"schema_version": 2`, `"schema_version": 1`, 1)
	s = strings.ReplaceAll(s, `"monthly_cost_usd": null`, `"monthly_cost_usd": 0`)
	s = regexp.MustCompile(`(?s),\s*"(all_functions_|all_containers_)?unpriced": \[.*?\]`).ReplaceAllString(s, "")
	if strings.Contains(s, "unpriced\": [") || strings.Contains(s, `"monthly_cost_usd": null`) {
		t.Fatal("the v1 file still has v2 fields")
	}
	v1 := advisortest.WriteFile(t, dir, "v1.json", s)

	code, out, errOut := runCLI(t, "reformat", v1, "-o", "json")
	if code != 0 {
		t.Fatalf("reformat v1: exit %d %s", code, errOut)
	}
	if out != string(raw) {
		t.Error("reformat of the v1 file differs from the v2 result it was made from")
	}
	code, table, _ := runCLI(t, "reformat", v1, "-o", "table")
	if code != 0 || !strings.Contains(table, "autopilot not priced") || !regexp.MustCompile(`\$[0-9,]+\.[0-9]{2} \+ not priced`).MatchString(table) {
		t.Errorf("table of a v1 file:\n%s", table)
	}
	// --compare-to reads it too.
	if code, _, errOut := runCLI(t, "score", "--example", "ml-platform", "--compare-to", v1, "-o", "json"); code != 0 {
		t.Errorf("--compare-to v1: exit %d %s", code, errOut)
	}
}
