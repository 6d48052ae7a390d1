package advisor_test

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
	"github.com/hybridadvisor/hybridadvisor/internal/advisortest"
)

// The example goldens hold, one fact a line and sorted, what a reviewer must see
// change: per component the recommendation on each cloud, its reasons (rule IDs,
// in order, with their weights), the scores, every option's monthly cost, the
// findings and the component's assumptions; per example the verdicts and totals.
// Sentences are left out (the report goldens in advisor/report show them), and so
// is every field a fact line does not name, so new result fields do not churn
// these files: add a fact line when a new field is worth reviewing.
//
//	testdata/golden/<example>/architecture.txt
//	testdata/golden/<example>/components/<component>.txt

var (
	examplesOnce sync.Once
	examplesRes  *result.Result
)

// scoredExamples scores every embedded example once for the tests that only read
// the result.
func scoredExamples(t *testing.T) *result.Result {
	t.Helper()
	srcs := exampleSources(t)
	a := newAdvisor(t, advisor.Options{})
	examplesOnce.Do(func() { examplesRes = a.Score(context.Background(), srcs, 2) })
	for _, f := range examplesRes.Files {
		if f.Architecture == nil {
			t.Fatalf("%s does not score: %+v", f.Path, f.Error)
		}
	}
	return examplesRes
}

var goldenName = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// TestExampleGoldens compares every example's facts with its golden files.
func TestExampleGoldens(t *testing.T) {
	res := scoredExamples(t)
	for _, f := range res.Files {
		name := strings.TrimPrefix(f.Path, "example:")
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("testdata", "golden", name)
			want := map[string]bool{}
			golden := func(rel string, lines []string) {
				want[rel] = true
				advisortest.Golden(t, filepath.Join(dir, rel), factFile(name, lines))
			}
			golden("architecture.txt", architectureFacts(f.Architecture))
			for i, c := range f.Architecture.Components {
				if !goldenName.MatchString(c.Name) {
					t.Fatalf("component name %q cannot name a golden file", c.Name)
				}
				golden(filepath.Join("components", c.Name+".txt"), componentFacts(f.Architecture, i))
			}
			staleGoldens(t, dir, want)
		})
	}
}

// staleGoldens fails on (or with -update removes) golden files under dir that no
// component wrote: a renamed component must not leave its old facts behind.
func staleGoldens(t *testing.T, dir string, want map[string]bool) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if want[rel] {
			return nil
		}
		if advisortest.Updating() {
			return os.Remove(p)
		}
		t.Errorf("%s is not written by any component of the example; run with -update to remove it", p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func factFile(example string, lines []string) []byte {
	slices.Sort(lines)
	lines = slices.Compact(lines)
	head := "# " + example + ": one fact a line, sorted; written by TestExampleGoldens (go test ./advisor/ -run Golden -update)\n"
	return []byte(head + strings.Join(lines, "\n") + "\n")
}

// architectureFacts are the example-wide facts; the component goldens hold the
// assumptions about a component.
func architectureFacts(a *result.Architecture) []string {
	out := []string{
		fmt.Sprintf("architecture %s primary-cloud %s verdict %s free-tier %t components %d", a.Name, a.Cloud, orNone(a.Verdict), a.FreeTier, len(a.Components)),
	}
	for _, cloud := range slices.Sorted(maps.Keys(a.Verdicts)) {
		out = append(out, fmt.Sprintf("%s verdict %s%s", cloud, orNone(a.Verdicts[cloud]), ruleList(a.VerdictReasons[cloud])))
	}
	for cloud, region := range a.Regions {
		out = append(out, cloud+" region "+region)
	}
	for _, c := range a.Components {
		for cloud, rec := range c.PerCloud {
			out = append(out, fmt.Sprintf("%s placement %s %s %s", cloud, c.Name, orNone(rec.Model), orNone(rec.Platform)))
		}
	}
	for cloud, t := range a.Totals {
		p := cloud + " total "
		out = append(out,
			p+"recommended "+result.FormatTotal(t.Recommended, t.Unpriced),
			p+"all-functions "+result.FormatTotal(t.AllFunctions, t.AllFunctionsUnpriced),
			p+"all-containers "+result.FormatTotal(t.AllContainers, t.AllContainersUnpriced),
			p+"glue "+result.DollarText(t.Glue.Decimal),
			p+"free-tier-savings "+result.DollarText(t.FreeTierSavings.Decimal),
		)
		for _, u := range t.Unpriced {
			out = append(out, p+"unpriced "+u.String())
		}
		for _, s := range t.Incomplete {
			out = append(out, p+"incomplete: "+s)
		}
	}
	for _, as := range a.Assumptions {
		if !strings.HasPrefix(as.Path, "components[") {
			out = append(out, assumptionFact(as))
		}
	}
	bySeverity, waived := map[string]int{}, 0
	for _, c := range a.Components {
		for _, f := range c.Findings {
			if f.Waived {
				waived++
			} else {
				bySeverity[f.Severity]++
			}
		}
	}
	counts := make([]string, 0, len(result.Severities))
	for _, sev := range result.Severities {
		counts = append(counts, sev+"="+strconv.Itoa(bySeverity[sev]))
	}
	out = append(out, "findings "+strings.Join(counts, " ")+" waived="+strconv.Itoa(waived))
	return out
}

// componentFacts are the facts about the i-th component of a.
func componentFacts(a *result.Architecture, i int) []string {
	c := a.Components[i]
	out := []string{fmt.Sprintf("component %s trigger %s exposure %s at %d:%d", c.Name, c.Trigger, c.Exposure, c.Line, c.Column)}
	for _, call := range c.Calls {
		out = append(out, fmt.Sprintf("call %s %s", call.To, call.Mode))
	}
	for cloud, rec := range c.PerCloud {
		out = append(out, fmt.Sprintf("%s recommended %s %s %s", cloud, orNone(rec.Model), orNone(rec.Platform), result.FormatUSD(rec.MonthlyCostUSD)))
		for j, r := range rec.Reasons {
			out = append(out, fmt.Sprintf("%s reason %02d %s%s", cloud, j+1, r.Rule, reasonWeight(c.Preferences, r.Rule, cloud)))
		}
	}
	for model, s := range c.Scores {
		out = append(out, "score "+model+" "+number(s))
	}
	for cloud, scores := range c.CloudScores {
		for model, s := range scores {
			out = append(out, cloud+" score "+model+" "+number(s))
		}
	}
	for _, p := range c.Preferences {
		line := "preference " + p.Rule + " " + p.Model + " " + signed(p.Weight)
		if p.Cloud != "" {
			line += " on " + p.Cloud
		}
		out = append(out, line)
	}
	for _, o := range c.Options {
		out = append(out, optionFact(o.Cloud+" option", o))
	}
	for cloud, g := range c.Glue {
		out = append(out, optionFact(cloud+" glue", g))
	}
	for cloud, b := range c.BreakEven {
		out = append(out, fmt.Sprintf("%s break-even %s %s %s/%s", cloud, b.Kind, b.RequestsPerMonth, orNone(b.FunctionPlatform), orNone(b.ContainerPlatform)))
	}
	for _, f := range c.Findings {
		line := fmt.Sprintf("finding %s %s %s at %d:%d", f.Severity, f.Rule, f.Path, f.Line, f.Column)
		if f.Waived {
			line += " waived until " + f.WaiverExpires
		}
		out = append(out, line)
	}
	prefix := "components[" + strconv.Itoa(i) + "]"
	for _, as := range a.Assumptions {
		if as.Path == prefix || strings.HasPrefix(as.Path, prefix+".") || strings.HasPrefix(as.Path, prefix+"[") {
			out = append(out, assumptionFact(as))
		}
	}
	return out
}

// optionFact is one platform's monthly bill in a line, with why it is out.
func optionFact(prefix string, o result.Option) string {
	line := prefix + " " + o.Platform
	if o.Model != "glue" {
		line += " " + o.Model
	}
	line += " " + result.FormatUSD(o.MonthlyCostUSD)
	if o.Priced && o.FreeTierSavingsUSD.IsPositive() {
		line += " (free tier saves " + result.DollarText(o.FreeTierSavingsUSD.Decimal) + ")"
	}
	if !o.Priced && o.Note != "" {
		line += " (" + o.Note + ")"
	}
	if !o.Eligible {
		line += " excluded by" + ruleList(o.ExcludedBy)
	}
	return line
}

func assumptionFact(a result.Assumption) string {
	if a.Path == "" {
		return "assumption: " + a.Message
	}
	return "assumption " + a.Path + " = " + a.Value
}

// reasonWeight is the weight a preference reason added to the score on cloud,
// "" for the rules that are not preferences (cost, platform, tie-break).
func reasonWeight(prefs []result.Preference, rule, cloud string) string {
	for _, p := range prefs {
		if p.Rule == rule && (p.Cloud == "" || p.Cloud == cloud) {
			return " " + signed(p.Weight)
		}
	}
	return ""
}

// ruleList is " A, B" for the reasons' rule IDs in order, without repeats.
func ruleList(rs []result.Reason) string {
	var ids []string
	for _, r := range rs {
		if !slices.Contains(ids, r.Rule) {
			ids = append(ids, r.Rule)
		}
	}
	if len(ids) == 0 {
		return ""
	}
	return " " + strings.Join(ids, ", ")
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func number(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func signed(f float64) string {
	if f >= 0 {
		return "+" + number(f)
	}
	return number(f)
}
