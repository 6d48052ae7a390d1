package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/hybridadvisor/hybridadvisor/internal/advisortest"
)

// costlyProfile costs real money on every cloud; %d is the monthly traffic.
const costlyProfile = `apiVersion: hybridadvisor/v1
name: costly
components:
  - name: api
    trigger: queue
    traffic: {requests_per_month: %d, pattern: steady}
    execution: {avg_duration: 400ms, memory_mb: 1024}
`

type scored struct {
	Files []struct {
		Path         string
		Error        *struct{ Message string }
		Architecture *struct {
			Name    string
			Cloud   string
			Regions map[string]string
			Totals  map[string]struct {
				Recommended decimal.Decimal
			}
		}
	}
	Summary struct{ Files, Errors int }
	Diff    *struct {
		Changed       int
		Architectures []struct {
			Status string
			Cost   struct{ Before, After, Delta decimal.Decimal }
		}
	}
	Gates []struct {
		Gate, Limit string
		Passed      bool
		Failures    []struct{ Message string }
	}
}

func decode(t *testing.T, raw []byte) scored {
	t.Helper()
	var s scored
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatalf("%v\n%s", err, raw)
	}
	return s
}

// primaryCost scores p and returns its recommended monthly cost on the primary cloud.
func primaryCost(t *testing.T, p string, args ...string) (string, decimal.Decimal) {
	t.Helper()
	code, out, errOut := runCLI(t, append([]string{"score", p, "-o", "json", "--free-tier=false"}, args...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	a := decode(t, []byte(out)).Files[0].Architecture
	return a.Cloud, a.Totals[a.Cloud].Recommended
}

// TestGates checks every gate alone, together, and beside a bad file: 1 only for
// a failed gate, 2 for any error (an error wins), one stderr line per failure.
func TestGates(t *testing.T) {
	dir := t.TempDir()
	costly := advisortest.WriteFile(t, dir, "costly.yaml", fmt.Sprintf(costlyProfile, 30000000))
	bad := advisortest.WriteFile(t, dir, "bad.yaml", badProfile)
	cloud, cost := primaryCost(t, costly)
	if !cost.IsPositive() {
		t.Fatalf("the costly profile costs %s", cost)
	}
	below := cost.Sub(decimal.NewFromInt(1)).StringFixed(2)
	above := cost.Add(decimal.NewFromInt(1)).StringFixed(2)
	over := regexp.MustCompile(`gate --max-monthly-cost \S+ failed: costly \(.*costly\.yaml\) costs \$[0-9.]+/month on \w+, \$[0-9.]+ over the limit of \$[0-9.]+`)

	base := filepath.Join(dir, "base.json")
	if code, _, errOut := runCLI(t, "score", costly, "--free-tier=false", "-o", "json="+base); code != 0 {
		t.Fatalf("baseline: exit %d %s", code, errOut)
	}
	// The same file with three times the traffic.
	grown := filepath.Join(dir, "grown")
	if err := os.Mkdir(grown, 0o755); err != nil {
		t.Fatal(err)
	}
	grownFile := advisortest.WriteFile(t, grown, "costly.yaml", fmt.Sprintf(costlyProfile, 90000000))
	fresh := advisortest.WriteFile(t, grown, "fresh.yaml", strings.Replace(fmt.Sprintf(costlyProfile, 90000000), "name: costly", "name: fresh", 1))
	grownBase := filepath.Join(dir, "grown-base.json")
	raw, _ := os.ReadFile(base)
	if err := os.WriteFile(grownBase, bytes.ReplaceAll(raw, []byte(costly), []byte(grownFile)), 0o644); err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		name    string
		args    []string
		code    int
		stderr  []string // each must match a line
		noStder bool
	}{
		{"cost under the limit", []string{costly, "--max-monthly-cost", above}, 0, nil, true},
		{"cost over the limit", []string{costly, "--max-monthly-cost", below}, 1, []string{over.String()}, false},
		{"cost over a named cloud's limit", []string{costly, "--max-monthly-cost", cloud + "=0.01"}, 1, []string{`gate --max-monthly-cost ` + cloud + `=0\.01 failed: .* on ` + cloud + `,`}, false},
		{"two cost limits, one fails", []string{costly, "--max-monthly-cost", above, "--max-monthly-cost", "0"}, 1, []string{`--max-monthly-cost 0 failed`}, false},
		{"bad amount", []string{costly, "--max-monthly-cost", "lots"}, 2, []string{`--max-monthly-cost "lots": want an amount`}, false},
		{"unknown cloud", []string{costly, "--max-monthly-cost", "oracle=5"}, 2, []string{`unknown cloud "oracle"`}, false},
		{"cloud not evaluated", []string{costly, "--cloud", "gcp", "--max-monthly-cost", "aws=5"}, 2, []string{`aws is not evaluated in this run`}, false},
		{"cost gate beside a bad file", []string{costly, bad, "--max-monthly-cost", "0"}, 2, []string{`--max-monthly-cost 0 failed`, `1 file\(s\) or document\(s\) could not be scored`}, false},
		{"fail-on beside a bad file", []string{"--example", "shop", bad, "--fail-on", "info"}, 2, []string{`gate --fail-on info failed: \d+ unwaived finding`}, false},
		{"fail-on and cost together", []string{"--example", "shop", "--fail-on", "high", "--max-monthly-cost", "1"}, 1, []string{`gate --fail-on high failed`, `gate --max-monthly-cost 1 failed: shop`}, false},
		{"no increase", []string{costly, "--compare-to", base, "--max-cost-increase", "0"}, 0, nil, true},
		{"increase over an amount", []string{grownFile, "--compare-to", grownBase, "--max-cost-increase", "1"}, 1, []string{`gate --max-cost-increase 1 failed: costly \(.*\) grew \$[0-9.]+/month \(\+[0-9.]+%\) on \w+ \(\$[0-9.]+ -> \$[0-9.]+\), over the limit of \$1\.00`}, false},
		{"increase over a percentage", []string{grownFile, "--compare-to", grownBase, "--max-cost-increase", "50%"}, 1, []string{`over the limit of 50%`}, false},
		{"increase under a percentage", []string{grownFile, "--compare-to", grownBase, "--max-cost-increase", "1000%"}, 0, nil, true},
		{"increase gate beside a bad file", []string{grownFile, bad, "--compare-to", grownBase, "--max-cost-increase", "1"}, 2, []string{`max-cost-increase 1 failed`}, false},
		{"a new architecture counts in full against an amount", []string{fresh, "--compare-to", base, "--max-cost-increase", "1"}, 1, []string{`is new and adds`}, false},
		{"a new architecture has no percentage", []string{fresh, "--compare-to", base, "--max-cost-increase", "1%"}, 0, nil, true},
		{"increase without a baseline", []string{costly, "--max-cost-increase", "10%"}, 2, []string{`needs a baseline: --compare-to`}, false},
		{"missing baseline", []string{costly, "--compare-to", filepath.Join(dir, "nope.json")}, 2, []string{`--compare-to: open`}, false},
		{"baseline that is not a result", []string{costly, "--compare-to", costly}, 2, []string{`--compare-to: .*invalid JSON`}, false},
		{"bad percentage", []string{costly, "--compare-to", base, "--max-cost-increase", "ten%"}, 2, []string{`--max-cost-increase "ten%"`}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"score", "--free-tier=false", "-o", "json"}, tc.args...)
			code, _, errOut := runCLI(t, args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstderr: %s", code, tc.code, errOut)
			}
			for _, re := range tc.stderr {
				if !regexp.MustCompile(`(?m)^hybridadvisor: .*` + re).MatchString(errOut) {
					t.Errorf("stderr has no line matching %q:\n%s", re, errOut)
				}
			}
			if tc.noStder && errOut != "" {
				t.Errorf("stderr: %s", errOut)
			}
		})
	}
}

// TestOneLinePerGateFailure: each architecture over a limit is one line.
func TestOneLinePerGateFailure(t *testing.T) {
	code, _, errOut := runCLI(t, "score", "--example", "shop", "--example", "pipeline", "--example", "starter", "--max-monthly-cost", "50", "-o", "json")
	if code != 1 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "shop (example:shop)") || !strings.Contains(lines[1], "media-pipeline (example:pipeline)") {
		t.Errorf("want one line for shop and one for pipeline:\n%s", errOut)
	}
}

// TestCostDiff: the diff is in JSON, table and Markdown, per architecture and component.
func TestCostDiff(t *testing.T) {
	dir := t.TempDir()
	p := advisortest.WriteFile(t, dir, "costly.yaml", fmt.Sprintf(costlyProfile, 30000000))
	base := filepath.Join(dir, "base.json")
	if code, _, _ := runCLI(t, "score", p, "--free-tier=false", "-o", "json="+base); code != 0 {
		t.Fatal("baseline failed")
	}
	advisortest.WriteFile(t, dir, "costly.yaml", fmt.Sprintf(costlyProfile, 90000000))
	mdPath := filepath.Join(dir, "diff.md")
	code, out, errOut := runCLI(t, "score", p, "--free-tier=false", "--compare-to", base, "-o", "json", "-o", "markdown="+mdPath)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	s := decode(t, []byte(out))
	if s.Diff == nil || s.Diff.Changed != 1 || len(s.Diff.Architectures) != 1 || !s.Diff.Architectures[0].Cost.Delta.IsPositive() {
		t.Fatalf("diff = %+v", s.Diff)
	}
	if len(s.Gates) != 0 {
		t.Errorf("gates without gate flags: %+v", s.Gates)
	}
	md, _ := os.ReadFile(mdPath)
	if !strings.Contains(string(md), "**Cost change against `"+base+"`**") || !strings.Contains(string(md), "| costly<br>") {
		t.Errorf("Markdown lacks the diff:\n%s", md)
	}
	_, table, _ := runCLI(t, "score", p, "--free-tier=false", "--compare-to", base)
	if !strings.Contains(table, "Cost diff against "+base) || !strings.Contains(table, "1 changed, 0 added, 0 removed, 0 unchanged") {
		t.Errorf("table lacks the diff:\n%s", table)
	}
}

// TestAllFormatsInOneRun writes every format at once and checks each parses, and
// that reformat renders the saved JSON to the same bytes.
func TestAllFormatsInOneRun(t *testing.T) {
	dir := t.TempDir()
	bad := advisortest.WriteFile(t, dir, "bad.yaml", badProfile)
	out := func(name string) string { return filepath.Join(dir, name) }
	code, stdout, errOut := runCLI(t, "score", "--example", "shop", "--example", "starter", bad, "--fail-on", "medium",
		"-o", "table", "-o", "json="+out("r.json"), "-o", "sarif="+out("r.sarif"), "-o", "junit="+out("r.xml"),
		"-o", "github="+out("r.gh"), "-o", "markdown="+out("r.md"))
	if code != 2 {
		t.Fatalf("exit %d (want 2 for the bad file): %s", code, errOut)
	}
	if !strings.Contains(stdout, "Verdict:") || !regexp.MustCompile(`error .*bad\.yaml:\d+:\d+: `).MatchString(stdout) {
		t.Errorf("table on stdout:\n%s", stdout)
	}
	for _, f := range []string{"r.json", "r.sarif"} {
		raw, _ := os.ReadFile(out(f))
		if !json.Valid(raw) {
			t.Errorf("%s is not JSON", f)
		}
	}
	raw, _ := os.ReadFile(out("r.xml"))
	if err := xml.Unmarshal(raw, new(struct {
		XMLName xml.Name `xml:"testsuites"`
	})); err != nil {
		t.Errorf("r.xml: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") { // atomicfile's temporary files are .NAME*
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}

	for format, file := range map[string]string{"sarif": "r.sarif", "junit": "r.xml", "github": "r.gh", "markdown": "r.md", "json": "r.json"} {
		code, again, errOut := runCLI(t, "reformat", out("r.json"), "-o", format)
		if code != 0 {
			t.Fatalf("reformat -o %s: exit %d %s", format, code, errOut)
		}
		want, _ := os.ReadFile(out(file))
		if again != string(want) {
			t.Errorf("reformat -o %s differs from score's output", format)
		}
	}
	code, again, _ := runCLI(t, "reformat", out("r.json"))
	if code != 0 || !strings.Contains(again, "Verdict:") {
		t.Errorf("reformat to a table: exit %d", code)
	}
}

func TestReformatErrors(t *testing.T) {
	dir := t.TempDir()
	notJSON := advisortest.WriteFile(t, dir, "x.json", "{not json")
	for name, args := range map[string][]string{
		"missing file":   {"reformat", filepath.Join(dir, "nope.json")},
		"not a result":   {"reformat", notJSON},
		"unknown format": {"reformat", notJSON, "-o", "yaml"},
		"no file":        {"reformat"},
	} {
		if code, _, _ := runCLI(t, args...); code != 2 {
			t.Errorf("%s: exit %d, want 2", name, code)
		}
	}
}

func TestOutputDirectoryMustExist(t *testing.T) {
	code, _, errOut := runCLI(t, "score", "--example", "starter", "-o", "json="+filepath.Join(t.TempDir(), "no", "such", "r.json"))
	if code != 2 || !strings.Contains(errOut, "does not exist") {
		t.Errorf("exit %d: %s", code, errOut)
	}
}

func TestGitHubStepSummary(t *testing.T) {
	summary := filepath.Join(t.TempDir(), "summary.md")
	if err := os.WriteFile(summary, []byte("earlier step\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GITHUB_STEP_SUMMARY", summary)
	code, out, _ := runCLI(t, "score", "--example", "shop", "-o", "github")
	if code != 0 || !strings.Contains(out, "::error file=example%3Ashop,line=") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	raw, _ := os.ReadFile(summary)
	if !strings.HasPrefix(string(raw), "earlier step\n## hybridadvisor") {
		t.Errorf("the summary was not appended:\n%s", raw)
	}
}

func TestPricingOverrides(t *testing.T) {
	dir := t.TempDir()
	p := advisortest.WriteFile(t, dir, "costly.yaml", fmt.Sprintf(costlyProfile, 30000000))
	_, list := primaryCost(t, p, "--cloud", "aws")
	over := advisortest.WriteFile(t, dir, "prices.yaml", "version: acme\ndiscounts:\n  aws: 50\n")
	_, discounted := primaryCost(t, p, "--cloud", "aws", "--pricing", over)
	if !discounted.LessThan(list) {
		t.Errorf("a 50%% discount did not lower %s (got %s)", list, discounted)
	}
	badOver := advisortest.WriteFile(t, dir, "bad-prices.yaml", "discounts:\n  amazon: 50\n")
	if code, _, errOut := runCLI(t, "score", p, "--pricing", badOver); code != 2 || !strings.Contains(errOut, "bad-prices.yaml:2:3") {
		t.Errorf("bad overrides: exit %d: %s", code, errOut)
	}
}

// TestConfigFile: found from the working directory up to the repository root;
// flags override it; unknown keys are errors at their line with a suggestion.
func TestConfigFile(t *testing.T) {
	repo := t.TempDir()
	if err := os.Mkdir(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(repo, "services", "api")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	p := advisortest.WriteFile(t, sub, "costly.yaml", fmt.Sprintf(costlyProfile, 30000000))
	advisortest.WriteFile(t, repo, ".hybridadvisor.yaml", "fail_on: info\nregions: {aws: eu-west-1}\nclouds: [aws]\nfree_tier: false\noutput: [table, sarif=out.sarif]\n")
	t.Chdir(sub)

	code, out, errOut := runCLI(t, "score", "costly.yaml")
	if code != 1 || !strings.Contains(errOut, "gate --fail-on info failed") {
		t.Fatalf("config fail_on: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "Verdict:") || !strings.Contains(out, "(eu-west-1)") || strings.Contains(out, "AZURE /MONTH") {
		t.Errorf("config clouds/regions not applied:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(repo, "out.sarif")); err != nil {
		t.Errorf("config output is not relative to the config file: %v", err)
	}
	// Flags win.
	code, out, _ = runCLI(t, "score", p, "--fail-on", "critical", "--cloud", "aws,gcp", "-o", "json")
	s := decode(t, []byte(out))
	if code != 0 || s.Files[0].Architecture.Regions["gcp"] != "us-central1" || s.Files[0].Architecture.Regions["aws"] != "eu-west-1" {
		t.Errorf("flags over config: exit %d %+v", code, s.Files[0].Architecture)
	}
	// --no-config and --config.
	if code, _, _ := runCLI(t, "score", p, "--no-config", "-o", "json"); code != 0 {
		t.Errorf("--no-config: exit %d", code)
	}
	other := advisortest.WriteFile(t, t.TempDir(), "team.yaml", "max_monthly_cost: 0.01\n")
	if code, _, errOut := runCLI(t, "score", p, "--config", other, "-o", "json"); code != 1 || !strings.Contains(errOut, "--max-monthly-cost 0.01 failed") {
		t.Errorf("--config: exit %d: %s", code, errOut)
	}
	// A typo is an error at its place.
	advisortest.WriteFile(t, repo, ".hybridadvisor.yaml", "clouds: [aws]\nfial_on: high\n")
	code, _, errOut = runCLI(t, "score", p)
	if code != 2 || !strings.Contains(errOut, ".hybridadvisor.yaml:2:1: unknown key \"fial_on\"; did you mean \"fail_on\"?") {
		t.Errorf("typo: exit %d: %s", code, errOut)
	}
	advisortest.WriteFile(t, repo, ".hybridadvisor.yaml", "regions: {aws: mars-north-1}\n")
	if code, _, errOut = runCLI(t, "score", p); code != 2 || !strings.Contains(errOut, ".hybridadvisor.yaml:1:16") || !strings.Contains(errOut, "mars-north-1") {
		t.Errorf("unknown region: exit %d: %s", code, errOut)
	}
}

// TestOutputToADevice: -o FORMAT=/dev/null writes in place; renaming a temporary
// file over a device would replace it.
func TestOutputToADevice(t *testing.T) {
	before, err := os.Stat(os.DevNull)
	if err != nil {
		t.Skip(err)
	}
	if code, _, errOut := runCLI(t, "score", "--example", "starter", "-o", "json="+os.DevNull); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	after, err := os.Stat(os.DevNull)
	if err != nil || after.Mode() != before.Mode() {
		t.Fatalf("%s changed: %v -> %v (%v)", os.DevNull, before.Mode(), after.Mode(), err)
	}
}
