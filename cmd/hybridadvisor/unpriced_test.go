package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// bigBatchProfile is a 64 GB job that AKS cannot price in eastus (no node size
// fits); Fargate and GKE Autopilot are priced.
const bigBatchProfile = `apiVersion: hybridadvisor/v1
name: big-batch
components:
  - name: crunch
    trigger: schedule
    traffic: {requests_per_month: 30}
    execution: {avg_duration: 20m, max_duration: 40m, memory_mb: 65536, vcpu: 8}
`

// TestCostGatesFailClosedOnUnpriced: ml-platform's priced parts come to $222.61
// on aws, under 300, but its 2-GPU inference service has no price: the gate
// cannot say the limit holds, so it fails and names the part, unless
// --allow-unpriced (or allow_unpriced in the config) makes it a warning.
func TestCostGatesFailClosedOnUnpriced(t *testing.T) {
	dir := t.TempDir()
	batch := writeFile(t, dir, "batch.yaml", bigBatchProfile)
	unknown := `the monthly cost against the limit of \$300\.00 on aws is unknown, as the total leaves out what is not priced: inference on aws-eks \(the priced parts come to \$222\.61/month\)`
	cases := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"incomplete total under the limit fails", []string{"--example", "ml-platform", "--max-monthly-cost", "300"}, 1,
			`gate --max-monthly-cost 300 failed: ml-platform \(example:ml-platform\): ` + unknown + `; price them with --pricing, or pass --allow-unpriced`},
		{"--allow-unpriced warns", []string{"--example", "ml-platform", "--max-monthly-cost", "300", "--allow-unpriced"}, 0,
			`warning: gate --max-monthly-cost 300: ml-platform \(example:ml-platform\): ` + unknown + `; allowed by --allow-unpriced`},
		{"over the limit fails whatever is unpriced", []string{"--example", "ml-platform", "--max-monthly-cost", "100", "--allow-unpriced"}, 1,
			`gate --max-monthly-cost 100 failed: ml-platform .* costs \$222\.61/month on aws, \$122\.61 over the limit of \$100\.00 \(at least: not priced: inference on aws-eks\)$`},
		{"a complete primary passes", []string{batch, "--max-monthly-cost", "10"}, 0, ""},
		{"a named cloud whose total is incomplete fails", []string{batch, "--max-monthly-cost", "azure=10"}, 1,
			`gate --max-monthly-cost azure=10 failed: big-batch .* on azure is unknown, .* not priced: crunch on azure-aks`},
		{"--cloud naming a cloud with incomplete prices", []string{batch, "--cloud", "azure", "--max-monthly-cost", "10"}, 1,
			`gate --max-monthly-cost 10 failed: big-batch .* on azure is unknown, .* not priced: crunch on azure-aks \(the priced parts come to \$0\.00/month\)`},
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
	base := filepath.Join(dir, "base.json")
	if code, _, errOut := runCLI(t, "score", "--example", "ml-platform", "-o", "json="+base); code != 0 {
		t.Fatalf("baseline: exit %d %s", code, errOut)
	}
	code, _, errOut := runCLI(t, "score", "--example", "ml-platform", "--compare-to", base, "--max-cost-increase", "10%", "-o", "json")
	if code != 1 || !strings.Contains(errOut, "gate --max-cost-increase 10% failed: ml-platform (example:ml-platform): the cost increase against the limit of 10% on aws is unknown") ||
		!strings.Contains(errOut, "inference on aws-eks") {
		t.Errorf("exit %d: %s", code, errOut)
	}
	code, _, errOut = runCLI(t, "score", "--example", "ml-platform", "--compare-to", base, "--max-cost-increase", "10%", "--allow-unpriced", "-o", "json")
	if code != 0 || !strings.Contains(errOut, "warning: gate --max-cost-increase 10%") {
		t.Errorf("--allow-unpriced: exit %d: %s", code, errOut)
	}
}

// TestAllowUnpricedInConfig: allow_unpriced in .hybridadvisor.yaml; the flag wins.
func TestAllowUnpricedInConfig(t *testing.T) {
	dir := t.TempDir()
	cfg := writeFile(t, dir, "team.yaml", "max_monthly_cost: 300\nallow_unpriced: true\n")
	code, _, errOut := runCLI(t, "score", "--example", "ml-platform", "--config", cfg, "-o", "json")
	if code != 0 || !strings.Contains(errOut, "warning: gate --max-monthly-cost 300") {
		t.Errorf("config allow_unpriced: exit %d: %s", code, errOut)
	}
	code, _, errOut = runCLI(t, "score", "--example", "ml-platform", "--config", cfg, "--allow-unpriced=false", "-o", "json")
	if code != 1 || !strings.Contains(errOut, "gate --max-monthly-cost 300 failed") {
		t.Errorf("--allow-unpriced=false over the config: exit %d: %s", code, errOut)
	}
	bad := writeFile(t, dir, "bad.yaml", "allow_unpriced: sometimes\n")
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
	v1 := writeFile(t, dir, "v1.json", s)

	code, out, errOut := runCLI(t, "reformat", v1, "-o", "json")
	if code != 0 {
		t.Fatalf("reformat v1: exit %d %s", code, errOut)
	}
	if out != string(raw) {
		t.Error("reformat of the v1 file differs from the v2 result it was made from")
	}
	code, table, _ := runCLI(t, "reformat", v1, "-o", "table")
	if code != 0 || !strings.Contains(table, "aws-eks not priced") || !strings.Contains(table, "$222.61 + not priced") {
		t.Errorf("table of a v1 file:\n%s", table)
	}
	// --compare-to reads it too.
	if code, _, errOut := runCLI(t, "score", "--example", "ml-platform", "--compare-to", v1, "-o", "json"); code != 0 {
		t.Errorf("--compare-to v1: exit %d %s", code, errOut)
	}
}
