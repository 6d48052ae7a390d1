// Package gate judges a scored batch against the CI gates (--fail-on,
// --max-monthly-cost, --max-cost-increase) and compares its costs with a saved
// result (--compare-to), file by file as results stream past. It knows nothing
// of flags or cobra: the command fills a Spec and reads the result's Gates.
package gate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/hybridadvisor/hybridadvisor/advisor/baseline"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

// Spec are a run's gates.
type Spec struct {
	// FailOn is the lowest severity of an unwaived finding that fails the run;
	// "" means no such gate.
	FailOn     string
	CostLimits []CostLimit
	// Increases are judged only against a baseline (see New).
	Increases []Increase
	// AllowUnpriced lets a cost gate pass a total with unpriced parts, with a
	// warning; without it such a total fails (fail closed: the amount is only a
	// lower bound, so a limit cannot be judged).
	AllowUnpriced bool
}

// CheckClouds reports a cost limit on a cloud the run does not evaluate.
func (s Spec) CheckClouds(clouds []string) error {
	for _, l := range s.CostLimits {
		if l.Cloud != "" && !slices.Contains(clouds, l.Cloud) {
			return fmt.Errorf("--max-monthly-cost %s: %s is not evaluated in this run (clouds: %s)", l.Text, l.Cloud, strings.Join(clouds, ", "))
		}
	}
	return nil
}

// Checker evaluates the gates, and the cost diff when it has a baseline, as
// files stream past. Not safe for concurrent use: files come one at a time.
type Checker struct {
	spec     Spec
	differ   *baseline.Differ
	costFail [][]result.GateFailure
	incFail  [][]result.GateFailure
	costWarn [][]result.GateFailure
	incWarn  [][]result.GateFailure
}

// New starts the gates of spec; differ (nil without --compare-to) compares
// each file with the baseline.
func New(spec Spec, differ *baseline.Differ) *Checker {
	n, m := len(spec.CostLimits), len(spec.Increases)
	return &Checker{spec: spec, differ: differ,
		costFail: make([][]result.GateFailure, n), incFail: make([][]result.GateFailure, m),
		costWarn: make([][]result.GateFailure, n), incWarn: make([][]result.GateFailure, m)}
}

// Compare reads the saved result at path and starts a cost diff for a run over
// the given input paths (see baseline.NewDiffer).
func Compare(path string, inputs []string) (*baseline.Differ, error) {
	base, err := baseline.Load(path)
	if err != nil {
		return nil, err
	}
	return base.NewDiffer(inputs), nil
}

// File judges one scored file (and diffs it with the baseline, if any).
func (c *Checker) File(f *result.File) {
	var ad *result.ArchitectureDiff
	if c.differ != nil {
		ad = c.differ.File(f)
	}
	c.file(f, ad)
}

// Finish returns the cost diff (nil without a baseline) and every gate's
// verdict, given the batch's summary (for --fail-on).
func (c *Checker) Finish(sum result.Summary) (*result.Diff, []result.Gate) {
	var diff *result.Diff
	if c.differ != nil {
		diff = c.differ.Finish()
	}
	return diff, c.results(sum)
}

// unpriced records a cost gate that cannot be judged because the total on
// cloud leaves out unpriced parts: a failure, or a warning with AllowUnpriced.
func (c *Checker) unpriced(fail, warn *[]result.GateFailure, f *result.File, cloud, what string) {
	t := f.Architecture.Totals[cloud]
	msg := fmt.Sprintf("%s: %s on %s is unknown, as the total leaves out what is not priced: %s (the priced parts come to %s/month)",
		archLabel(f), what, cloud, result.PartsText(t.Unpriced), result.DollarText(t.Recommended.Decimal))
	gf := result.GateFailure{Path: f.Path, Document: f.Document, Architecture: f.Architecture.Name, Cloud: cloud}
	if c.spec.AllowUnpriced {
		gf.Message = msg + "; allowed by --allow-unpriced"
		*warn = append(*warn, gf)
		return
	}
	gf.Message = msg + "; price them with --pricing, or pass --allow-unpriced to let the gate warn instead"
	*fail = append(*fail, gf)
}

func archLabel(f *result.File) string {
	p := f.Path
	if f.Document > 0 {
		p = fmt.Sprintf("%s#%d", p, f.Document)
	}
	return fmt.Sprintf("%s (%s)", f.Architecture.Name, p)
}

func (c *Checker) file(f *result.File, ad *result.ArchitectureDiff) {
	a := f.Architecture
	if a == nil {
		return
	}
	for i, l := range c.spec.CostLimits {
		c.costLimit(i, l, f)
	}
	if ad == nil || ad.Status == result.DiffRemoved {
		return
	}
	clouds := []string{ad.Cloud}
	if ad.BaselineCloud != "" && ad.BaselineCloud != ad.Cloud {
		clouds = append(clouds, ad.BaselineCloud)
	}
	for i, inc := range c.spec.Increases {
		for _, cloud := range clouds {
			c.increase(i, inc, f, ad, cloud)
		}
	}
}

// costLimit judges the recommended placement's total against limit i.
func (c *Checker) costLimit(i int, l CostLimit, f *result.File) {
	a := f.Architecture
	cloud := l.Cloud
	if cloud == "" {
		cloud = a.Cloud
	}
	t, ok := a.Totals[cloud]
	if !ok {
		return
	}
	if !t.Complete() && !t.Recommended.GreaterThan(l.USD) {
		// Over the limit already counts as a failure below, whatever is unpriced.
		c.unpriced(&c.costFail[i], &c.costWarn[i], f, cloud, "the monthly cost against the limit of "+result.DollarText(l.USD))
		return
	}
	if !t.Recommended.GreaterThan(l.USD) {
		return
	}
	over := t.Recommended.Sub(l.USD)
	more := ""
	if !t.Complete() {
		more = " (at least: not priced: " + result.PartsText(t.Unpriced) + ")"
	}
	c.costFail[i] = append(c.costFail[i], result.GateFailure{Path: f.Path, Document: f.Document, Architecture: a.Name, Cloud: cloud,
		Message: fmt.Sprintf("%s costs %s/month on %s, %s over the limit of %s%s", archLabel(f), result.DollarText(t.Recommended.Decimal), cloud,
			result.DollarText(over), result.DollarText(l.USD), more)})
}

// increase judges the growth on cloud against increase limit i.
func (c *Checker) increase(i int, inc Increase, f *result.File, ad *result.ArchitectureDiff, cloud string) {
	a := f.Architecture
	ch, ok := ad.PerCloud[cloud]
	if !ok {
		return
	}
	if t, ok := a.Totals[cloud]; ok && !t.Complete() {
		// This run's total is a lower bound: growth may hide in what is unpriced.
		c.unpriced(&c.incFail[i], &c.incWarn[i], f, cloud, "the cost increase against the limit of "+inc.Text)
		return
	}
	if ch.Delta.Sign() <= 0 {
		return
	}
	var over bool
	if inc.Percent {
		// Growth from $0 has no percentage: only an amount limit judges it.
		over = ch.Before.Sign() > 0 && ch.Delta.Mul(decimal.NewFromInt(100)).GreaterThan(inc.Value.Mul(ch.Before.Decimal))
	} else {
		over = ch.Delta.GreaterThan(inc.Value)
	}
	if !over {
		return
	}
	pct := ""
	if ch.Percent != nil {
		pct = " (+" + ch.Percent.String() + "%)"
	}
	limit := result.DollarText(inc.Value)
	if inc.Percent {
		limit = inc.Value.String() + "%"
	}
	what := "grew"
	if ad.Status == result.DiffAdded {
		what = "is new and adds"
	}
	c.incFail[i] = append(c.incFail[i], result.GateFailure{Path: f.Path, Document: f.Document, Architecture: a.Name, Cloud: cloud,
		Message: fmt.Sprintf("%s %s %s/month%s on %s (%s -> %s), over the limit of %s", archLabel(f), what, result.DollarText(ch.Delta.Decimal), pct,
			cloud, result.DollarText(ch.Before.Decimal), result.DollarText(ch.After.Decimal), limit)})
}

func (c *Checker) results(sum result.Summary) []result.Gate {
	var out []result.Gate
	if c.spec.FailOn != "" {
		out = append(out, failOn(c.spec.FailOn, sum))
	}
	for i, l := range c.spec.CostLimits {
		out = append(out, result.Gate{Gate: result.GateMaxMonthlyCost, Limit: l.Text, Passed: len(c.costFail[i]) == 0, Failures: c.costFail[i], Warnings: c.costWarn[i]})
	}
	for i, inc := range c.spec.Increases {
		out = append(out, result.Gate{Gate: result.GateMaxCostIncrease, Limit: inc.Text, Passed: len(c.incFail[i]) == 0, Failures: c.incFail[i], Warnings: c.incWarn[i]})
	}
	return out
}

// failOn judges the summary's unwaived findings against the severity floor.
func failOn(floor string, sum result.Summary) result.Gate {
	limit := result.SeverityRank(floor)
	n := 0
	var parts []string
	for _, sev := range result.Severities {
		if r := result.SeverityRank(sev); r <= limit && sum.Findings[sev] > 0 {
			n += sum.Findings[sev]
			parts = append(parts, fmt.Sprintf("%d %s", sum.Findings[sev], sev))
		}
	}
	gt := result.Gate{Gate: result.GateFailOn, Limit: floor, Passed: n == 0}
	if n > 0 {
		gt.Failures = []result.GateFailure{{Message: fmt.Sprintf("%d unwaived finding(s) at or above %s (%s)", n, floor, strings.Join(parts, ", "))}}
	}
	return gt
}
