package advisor_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"gopkg.in/yaml.v3"

	"github.com/hybridadvisor/hybridadvisor/advisor"
	"github.com/hybridadvisor/hybridadvisor/advisor/decide"
	"github.com/hybridadvisor/hybridadvisor/advisor/engine"
	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
	"github.com/hybridadvisor/hybridadvisor/advisor/render"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
	"github.com/hybridadvisor/hybridadvisor/pricing"
)

// These assertions hold for every example whatever its numbers: the goldens
// show what changed, these say what must never change. Each check returns its
// problems; TestStructureChecksCatchBreakage proves each one fails on a result
// broken the way it guards against.

// structEnv is what the checks compare a result with: the rule catalogue, the
// decision weights, the profile schema and each example's YAML.
type structEnv struct {
	eng        *engine.Engine
	margin     float64
	modelOrder []string
	schema     map[string]any
	docs       map[string]*yaml.Node // by file path
}

type structCheck struct {
	name string
	run  func(e *structEnv, r *result.Result) []string
}

var structChecks = []structCheck{
	{"validates against the result contract", checkContract},
	{"summary counts what the files hold", checkSummary},
	{"one recommendation per evaluated cloud", checkPerCloud},
	{"every platform of every cloud is priced once", checkOptions},
	{"recommendation is one of its options at that option's cost", checkRecommendationOption},
	{"recommended model is the arbitration's choice", checkArbitration},
	{"recommended platform is the cheapest eligible of its model, and the reasons say so", checkPlatformAndReasons},
	{"option bills add up and exclusions are explained", checkBills},
	{"totals are the sum of the recommended placement where additive", checkTotals},
	{"verdict follows the placement", checkVerdicts},
	{"primary cloud places most, prices most, costs least", checkPrimary},
	{"every rule ID is in the rule catalogue", checkRuleIDs},
	{"finding and assumption paths resolve to profile fields", checkPaths},
	{"findings are complete and ordered", checkFindings},
}

func newStructEnv(t *testing.T) *structEnv {
	t.Helper()
	newAdvisor(t, advisor.Options{}) // builds the shared engine
	e := &structEnv{eng: sharedEng, docs: map[string]*yaml.Node{}}
	doc, err := decide.Data()
	if err != nil {
		t.Fatal(err)
	}
	weights, _ := doc["hybridadvisor"].(map[string]any)["weights"].(map[string]any)
	if e.margin, err = strconv.ParseFloat(fmt.Sprint(weights["close_call_margin"]), 64); err != nil {
		t.Fatalf("close_call_margin: %v", err)
	}
	order, _ := weights["model_order"].([]any)
	for _, m := range order {
		e.modelOrder = append(e.modelOrder, fmt.Sprint(m))
	}
	if len(e.modelOrder) != len(result.Models) {
		t.Fatalf("model_order %v", e.modelOrder)
	}
	if err := json.Unmarshal(profile.JSONSchema(), &e.schema); err != nil {
		t.Fatal(err)
	}
	for _, src := range exampleSources(t) {
		var root yaml.Node
		if err := yaml.Unmarshal(src.Data, &root); err != nil {
			t.Fatal(err)
		}
		e.docs[src.Path] = &root
	}
	return e
}

func TestExampleStructure(t *testing.T) {
	e := newStructEnv(t)
	res := scoredExamples(t)
	for _, c := range structChecks {
		t.Run(c.name, func(t *testing.T) {
			for _, p := range c.run(e, res) {
				t.Error(p)
			}
		})
	}
}

// TestExamplesDeterministic: the same examples give the same bytes in every
// run, whatever the number of workers, and the streamed JSON (goccy/go-json's
// indentation) is byte for byte the whole-result JSON (encoding/json's).
func TestExamplesDeterministic(t *testing.T) {
	a := newAdvisor(t, advisor.Options{})
	other := newAdvisor(t, advisor.Options{}) // a second advisor: its own memo
	var outs [][]byte
	for i, run := range []struct {
		a    *advisor.Advisor
		jobs int
	}{{a, 1}, {a, 1}, {other, 4}} {
		res := run.a.Score(context.Background(), exampleSources(t), run.jobs)
		var whole, streamed bytes.Buffer
		if err := render.JSON(&whole, res); err != nil {
			t.Fatal(err)
		}
		s, err := render.NewStream("json", &streamed, render.StreamOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if err := render.RenderStream(s, res); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(whole.Bytes(), streamed.Bytes()) {
			t.Errorf("run %d: the streamed JSON differs from render.JSON", i)
		}
		outs = append(outs, whole.Bytes())
	}
	for i := 1; i < len(outs); i++ {
		if !bytes.Equal(outs[0], outs[i]) {
			t.Errorf("run %d differs from run 0", i)
		}
	}
}

// eachComponent calls fn for every component of every scored file; fn's
// problems get the file and component as prefix.
func eachComponent(r *result.Result, fn func(file string, a *result.Architecture, i int, c *result.Component) []string) []string {
	var out []string
	for _, f := range r.Files {
		if f.Architecture == nil {
			continue
		}
		for i := range f.Architecture.Components {
			c := &f.Architecture.Components[i]
			for _, p := range fn(f.Path, f.Architecture, i, c) {
				out = append(out, f.Path+"/"+c.Name+": "+p)
			}
		}
	}
	return out
}

// eachArchitecture calls fn for every scored file.
func eachArchitecture(r *result.Result, fn func(path string, a *result.Architecture) []string) []string {
	var out []string
	for _, f := range r.Files {
		if f.Architecture == nil {
			out = append(out, fmt.Sprintf("%s: not scored: %+v", f.Path, f.Error))
			continue
		}
		for _, p := range fn(f.Path, f.Architecture) {
			out = append(out, f.Path+": "+p)
		}
	}
	return out
}

func checkContract(_ *structEnv, r *result.Result) []string {
	var out []string
	validate := func(what string, r *result.Result) {
		if err := result.ValidateHead(r); err != nil {
			out = append(out, what+": "+err.Error())
		}
		for i := range r.Files {
			if err := result.ValidateFile(&r.Files[i]); err != nil {
				out = append(out, what+": "+r.Files[i].Path+": "+err.Error())
			}
		}
		if err := result.ValidateTail(r); err != nil {
			out = append(out, what+": "+err.Error())
		}
	}
	validate("in memory", r)
	// What a reader of the JSON gets must validate too.
	var buf bytes.Buffer
	if err := render.JSON(&buf, r); err != nil {
		return append(out, err.Error())
	}
	var back result.Result
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		return append(out, "reading the JSON back: "+err.Error())
	}
	validate("read back", &back)
	if back.SchemaVersion != result.SchemaVersion {
		out = append(out, fmt.Sprintf("schema_version %d, want %d", back.SchemaVersion, result.SchemaVersion))
	}
	return out
}

func checkSummary(_ *structEnv, r *result.Result) []string {
	want := result.Summary{Findings: map[string]int{}}
	paths := map[string]bool{}
	for _, f := range r.Files {
		paths[f.Path] = true
		if f.Error != nil {
			want.Errors++
		}
		if f.Architecture == nil {
			continue
		}
		for _, c := range f.Architecture.Components {
			want.Components++
			for _, fd := range c.Findings {
				if fd.Waived {
					want.Waived++
				} else {
					want.Findings[fd.Severity]++
				}
			}
		}
	}
	want.Files = len(paths)
	got := r.Summary
	var out []string
	if want.Files != got.Files || want.Components != got.Components || want.Errors != got.Errors || want.Waived != got.Waived {
		out = append(out, fmt.Sprintf("summary counts %d files, %d components, %d errors, %d waived; the files hold %d, %d, %d, %d",
			got.Files, got.Components, got.Errors, got.Waived, want.Files, want.Components, want.Errors, want.Waived))
	}
	for _, sev := range result.Severities {
		if want.Findings[sev] != got.Findings[sev] {
			out = append(out, fmt.Sprintf("summary counts %d %s findings, the files hold %d", got.Findings[sev], sev, want.Findings[sev]))
		}
	}
	return out
}

func checkPerCloud(_ *structEnv, r *result.Result) []string {
	clouds := r.Settings.Clouds
	sameClouds := func(what string, keys []string) []string {
		slices.Sort(keys)
		if !slices.Equal(keys, clouds) {
			return []string{fmt.Sprintf("%s for %v, the run evaluated %v", what, keys, clouds)}
		}
		return nil
	}
	out := eachArchitecture(r, func(_ string, a *result.Architecture) []string {
		var out []string
		out = append(out, sameClouds("verdicts", keysOf(a.Verdicts))...)
		out = append(out, sameClouds("totals", keysOf(a.Totals))...)
		out = append(out, sameClouds("regions", keysOf(a.Regions))...)
		return out
	})
	return append(out, eachComponent(r, func(_ string, a *result.Architecture, _ int, c *result.Component) []string {
		out := sameClouds("recommendations", keysOf(c.PerCloud))
		out = append(out, sameClouds("cloud scores", keysOf(c.CloudScores))...)
		for cloud, rec := range c.PerCloud {
			if rec.Cloud != cloud {
				out = append(out, fmt.Sprintf("the recommendation for %s names cloud %q", cloud, rec.Cloud))
			}
		}
		if p := c.PerCloud[a.Cloud]; !recEqual(p, c.Recommendation) {
			out = append(out, fmt.Sprintf("the recommendation %+v is not the primary cloud's (%s) %+v", c.Recommendation, a.Cloud, p))
		}
		return out
	})...)
}

func checkOptions(_ *structEnv, r *result.Result) []string {
	return eachComponent(r, func(_ string, _ *result.Architecture, _ int, c *result.Component) []string {
		var out []string
		var want, got []string
		for _, p := range pricing.Platforms {
			if slices.Contains(r.Settings.Clouds, p.Cloud) {
				want = append(want, p.ID)
			}
		}
		for _, o := range c.Options {
			got = append(got, o.Platform)
			p, ok := pricing.PlatformByID(o.Platform)
			if !ok || p.Cloud != o.Cloud || p.Model != o.Model {
				out = append(out, fmt.Sprintf("option %s says %s/%s, the catalogue %s/%s", o.Platform, o.Cloud, o.Model, p.Cloud, p.Model))
			}
		}
		if !slices.Equal(got, want) {
			out = append(out, fmt.Sprintf("options %v, want each platform once in catalogue order %v", got, want))
		}
		for cloud, g := range c.Glue {
			if g.Cloud != cloud || !g.Eligible {
				out = append(out, fmt.Sprintf("glue on %s: %+v", cloud, g))
			}
		}
		if len(c.Glue) != 0 && len(c.Glue) != len(r.Settings.Clouds) {
			out = append(out, fmt.Sprintf("glue on %v, not on every evaluated cloud", keysOf(c.Glue)))
		}
		return out
	})
}

func checkRecommendationOption(_ *structEnv, r *result.Result) []string {
	return eachComponent(r, func(_ string, _ *result.Architecture, _ int, c *result.Component) []string {
		var out []string
		for cloud, rec := range c.PerCloud {
			anyEligible := slices.ContainsFunc(c.Options, func(o result.Option) bool { return o.Cloud == cloud && o.Eligible })
			if rec.Platform == "" {
				if anyEligible || rec.Model != "" || !hasRule(rec.Reasons, "E-NONE") {
					out = append(out, fmt.Sprintf("%s: no platform (model %q) although something is eligible, or without E-NONE", cloud, rec.Model))
				}
				continue
			}
			o := optionOf(c, rec.Platform)
			if o == nil || o.Cloud != cloud || o.Model != rec.Model || !o.Eligible {
				out = append(out, fmt.Sprintf("%s: %s (%s) is not an eligible %s option of %s", cloud, rec.Platform, rec.Model, rec.Model, cloud))
				continue
			}
			if rec.Priced != o.Priced || !moneyEqual(rec.MonthlyCostUSD, o.MonthlyCostUSD) {
				out = append(out, fmt.Sprintf("%s: recommended at %s, its option costs %s", cloud, result.FormatUSD(rec.MonthlyCostUSD), result.FormatUSD(o.MonthlyCostUSD)))
			}
			if len(rec.Reasons) == 0 {
				out = append(out, cloud+": a recommendation without reasons")
			}
		}
		return out
	})
}

// checkArbitration redoes the documented arbitration (docs/decision-framework.md,
// "Layer 2") from the cloud scores and the options: rank the models with an
// eligible platform by score, then model_order; in a close call between the top
// two, both priced, the cheaper wins.
func checkArbitration(e *structEnv, r *result.Result) []string {
	return eachComponent(r, func(_ string, _ *result.Architecture, _ int, c *result.Component) []string {
		var out []string
		for cloud, rec := range c.PerCloud {
			type cand struct {
				model  string
				score  float64
				cost   decimal.Decimal
				priced bool
			}
			var cands []cand
			for _, m := range e.modelOrder {
				if o := cheapestEligible(c, cloud, m); o != nil {
					cd := cand{model: m, score: c.CloudScores[cloud][m], priced: o.Priced}
					if o.Priced {
						cd.cost = o.MonthlyCostUSD.Decimal
					}
					cands = append(cands, cd)
				}
			}
			want := ""
			if len(cands) > 0 {
				slices.SortStableFunc(cands, func(a, b cand) int {
					switch {
					case a.score > b.score:
						return -1
					case a.score < b.score:
						return 1
					}
					return 0
				})
				win := cands[0]
				if len(cands) > 1 && win.score-cands[1].score <= e.margin+1e-9 && win.priced && cands[1].priced && cands[1].cost.LessThan(win.cost) {
					win = cands[1]
				}
				want = win.model
			}
			if rec.Model != want {
				out = append(out, fmt.Sprintf("%s: recommended %q, the arbitration of scores %v and the options gives %q", cloud, rec.Model, c.CloudScores[cloud], want))
			}
		}
		return out
	})
}

func checkPlatformAndReasons(_ *structEnv, r *result.Result) []string {
	return eachComponent(r, func(_ string, _ *result.Architecture, _ int, c *result.Component) []string {
		var out []string
		for cloud, rec := range c.PerCloud {
			if rec.Platform == "" {
				continue
			}
			if o := cheapestEligible(c, cloud, rec.Model); o == nil || o.Platform != rec.Platform {
				out = append(out, fmt.Sprintf("%s: %s is not the cheapest eligible %s", cloud, rec.Platform, rec.Model))
			}
			if n := len(rec.Reasons); n == 0 || rec.Reasons[n-1].Rule != "D-PLATFORM" || !strings.Contains(rec.Reasons[n-1].Message, rec.Platform) {
				out = append(out, fmt.Sprintf("%s: the last reason is not a D-PLATFORM naming %s", cloud, rec.Platform))
			}
			// Two or more priced models: a D-COST reason compares them, starting
			// from the recommended platform's price.
			priced := 0
			for _, m := range result.Models {
				if o := cheapestEligible(c, cloud, m); o != nil && o.Priced {
					priced++
				}
			}
			if priced >= 2 && rec.Priced {
				i := slices.IndexFunc(rec.Reasons, func(x result.Reason) bool { return x.Rule == "D-COST" })
				if i < 0 || !strings.Contains(rec.Reasons[i].Message, rec.Platform+" ("+rec.Model+") at $"+rec.MonthlyCostUSD.StringFixed(2)) {
					out = append(out, fmt.Sprintf("%s: %d priced models but no D-COST reason stating %s at $%s", cloud, priced, rec.Platform, rec.MonthlyCostUSD.StringFixed(2)))
				}
			}
		}
		return out
	})
}

func checkBills(_ *structEnv, r *result.Result) []string {
	return eachComponent(r, func(_ string, _ *result.Architecture, _ int, c *result.Component) []string {
		var out []string
		options := slices.Clone(c.Options)
		for _, g := range c.Glue {
			options = append(options, g)
		}
		for _, o := range options {
			if o.Priced != (o.MonthlyCostUSD != nil) {
				out = append(out, fmt.Sprintf("%s: priced %t with cost %s", o.Platform, o.Priced, result.FormatUSD(o.MonthlyCostUSD)))
				continue
			}
			if !o.Priced && o.Note == "" {
				out = append(out, o.Platform+": not priced, without a note saying why")
			}
			if !o.Eligible && len(o.ExcludedBy) == 0 {
				out = append(out, o.Platform+": ineligible without a reason")
			}
			if o.Priced {
				sum := decimal.Zero
				for _, l := range o.CostLines {
					sum = sum.Add(l.MonthlyCostUSD.Decimal)
				}
				if !sum.Equal(o.MonthlyCostUSD.Decimal) {
					out = append(out, fmt.Sprintf("%s: total %s is not the sum of its lines %s", o.Platform, o.MonthlyCostUSD, sum))
				}
			}
		}
		return out
	})
}

// checkTotals: one component's total is its recommended option plus its glue.
// With more components, free tiers are shared once per account, so only the
// cost before free tiers adds up, and a cluster fee is counted once per cloud;
// a total with unpriced parts is a lower bound and is not checked. Each term is
// rounded to the cent, so the sum may be off by half a cent a term.
func checkTotals(_ *structEnv, r *result.Result) []string {
	return eachArchitecture(r, func(_ string, a *result.Architecture) []string {
		var out []string
		for cloud, t := range a.Totals {
			if len(t.Unpriced) > 0 {
				continue
			}
			net, gross, clusterFees, maxClusterFee := decimal.Zero, decimal.Zero, decimal.Zero, decimal.Zero
			terms := 0
			for _, c := range a.Components {
				rec := c.PerCloud[cloud]
				parts := []*result.Option{optionOf(&c, rec.Platform)}
				if g, ok := c.Glue[cloud]; ok {
					parts = append(parts, &g)
				}
				for _, o := range parts {
					if o == nil || !o.Priced {
						continue
					}
					net = net.Add(o.MonthlyCostUSD.Decimal)
					gross = gross.Add(o.MonthlyCostUSD.Decimal).Add(o.FreeTierSavingsUSD.Decimal)
					terms += 2
					for _, l := range o.CostLines {
						if l.Unit == "cluster-hour" {
							clusterFees = clusterFees.Add(l.MonthlyCostUSD.Decimal)
							maxClusterFee = decimal.Max(maxClusterFee, l.MonthlyCostUSD.Decimal)
						}
					}
				}
			}
			if len(a.Components) == 1 {
				if !net.Round(2).Equal(t.Recommended.Round(2)) {
					out = append(out, fmt.Sprintf("%s: total %s, the recommended option and its glue cost %s", cloud, t.Recommended, net.StringFixed(2)))
				}
				continue
			}
			want := gross.Sub(clusterFees).Add(maxClusterFee)
			got := t.Recommended.Add(t.FreeTierSavings.Decimal)
			tolerance := decimal.New(5, -3).Mul(decimal.NewFromInt(int64(terms + 2)))
			if got.Sub(want).Abs().GreaterThan(tolerance) {
				out = append(out, fmt.Sprintf("%s: total before free tiers %s (%s + %s saved), its parts add up to %s (one cluster fee of %s counted once)",
					cloud, got.StringFixed(2), t.Recommended, t.FreeTierSavings, want.StringFixed(2), maxClusterFee.StringFixed(2)))
			}
		}
		return out
	})
}

func checkVerdicts(_ *structEnv, r *result.Result) []string {
	return eachArchitecture(r, func(_ string, a *result.Architecture) []string {
		var out []string
		for cloud, verdict := range a.Verdicts {
			fns, ctrs := 0, 0
			for _, c := range a.Components {
				switch c.PerCloud[cloud].Model {
				case pricing.Function:
					fns++
				case pricing.ServerlessContainer, pricing.OrchestratedContainer:
					ctrs++
				}
			}
			want, rule := "", ""
			switch {
			case fns > 0 && ctrs > 0:
				want, rule = "hybrid", "D-HYBRID"
			case fns > 0:
				want, rule = "functions", "D-ONE-MODEL"
			case ctrs > 0:
				want, rule = "containers", "D-ONE-MODEL"
			}
			if verdict != want || (rule != "" && !hasRule(a.VerdictReasons[cloud], rule)) {
				out = append(out, fmt.Sprintf("%s: verdict %q with reasons %v; %d functions and %d containers make it %q (%s)", cloud, verdict, a.VerdictReasons[cloud], fns, ctrs, want, rule))
			}
		}
		if a.Verdict != a.Verdicts[a.Cloud] {
			out = append(out, fmt.Sprintf("verdict %q is not the primary cloud's (%s) %q", a.Verdict, a.Cloud, a.Verdicts[a.Cloud]))
		}
		return out
	})
}

// checkPrimary: without --cloud, the primary cloud places the most components,
// then has the fewest unpriced parts, then the lowest total; ties go to the
// canonical order.
func checkPrimary(_ *structEnv, r *result.Result) []string {
	return eachArchitecture(r, func(_ string, a *result.Architecture) []string {
		best, bestPlaced, bestUnpriced := "", -1, 0
		var bestCost decimal.Decimal
		for _, cloud := range r.Settings.Clouds {
			placed := 0
			for _, c := range a.Components {
				if c.PerCloud[cloud].Platform != "" {
					placed++
				}
			}
			t := a.Totals[cloud]
			u := len(t.Unpriced)
			if placed > bestPlaced || placed == bestPlaced && (u < bestUnpriced || u == bestUnpriced && t.Recommended.LessThan(bestCost)) {
				best, bestPlaced, bestUnpriced, bestCost = cloud, placed, u, t.Recommended.Decimal
			}
		}
		if a.Cloud != best {
			return []string{fmt.Sprintf("primary cloud %s, want %s", a.Cloud, best)}
		}
		return nil
	})
}

func checkRuleIDs(e *structEnv, r *result.Result) []string {
	kindOf := func(id string) string {
		if rule, ok := e.eng.RuleByID(id); ok {
			return rule.Kind
		}
		return ""
	}
	decision := func(where string, rs []result.Reason) []string {
		var out []string
		for _, x := range rs {
			if k := kindOf(x.Rule); k != "decision" {
				out = append(out, fmt.Sprintf("%s: reason %q is not a decision rule of the catalogue (kind %q)", where, x.Rule, k))
			}
		}
		return out
	}
	out := eachArchitecture(r, func(_ string, a *result.Architecture) []string {
		var out []string
		for cloud, rs := range a.VerdictReasons {
			out = append(out, decision("verdict on "+cloud, rs)...)
		}
		return out
	})
	return append(out, eachComponent(r, func(_ string, _ *result.Architecture, _ int, c *result.Component) []string {
		var out []string
		for cloud, rec := range c.PerCloud {
			out = append(out, decision(cloud, rec.Reasons)...)
		}
		for _, o := range c.Options {
			out = append(out, decision(o.Platform+" excluded", o.ExcludedBy)...)
		}
		for _, p := range c.Preferences {
			if k := kindOf(p.Rule); k != "decision" {
				out = append(out, fmt.Sprintf("preference %q is not a decision rule (kind %q)", p.Rule, k))
			}
		}
		for _, f := range c.Findings {
			if k := kindOf(f.Rule); k != "security" && k != "custom" && f.Rule != advisor.WaiverExpiredRule {
				out = append(out, fmt.Sprintf("finding %q is not a security rule of the catalogue (kind %q)", f.Rule, k))
			}
		}
		return out
	})...)
}

// checkPaths resolves every finding's and assumption's path in the profile's
// JSON Schema; each list index must exist in the example's YAML, a finding's
// component index must be its own component's, and its line and column must be
// where the nearest written part of its path is: the value when the path's
// scalar is written, else the key of the nearest written mapping or list.
func checkPaths(e *structEnv, r *result.Result) []string {
	out := eachArchitecture(r, func(path string, a *result.Architecture) []string {
		var out []string
		for _, as := range a.Assumptions {
			if as.Path == "" {
				continue
			}
			if _, err := e.resolve(path, as.Path); err != nil {
				out = append(out, "assumption "+err.Error())
			}
		}
		return out
	})
	return append(out, eachComponent(r, func(file string, _ *result.Architecture, i int, c *result.Component) []string {
		var out []string
		own := "components[" + strconv.Itoa(i) + "]"
		for _, fd := range c.Findings {
			if fd.Path != own && !strings.HasPrefix(fd.Path, own+".") {
				out = append(out, fmt.Sprintf("finding %s at %q is not under its component %s", fd.Rule, fd.Path, own))
				continue
			}
			pos, err := e.resolve(file, fd.Path)
			if err != nil {
				out = append(out, "finding "+fd.Rule+" "+err.Error())
				continue
			}
			if pos.Line != fd.Line || pos.Column != fd.Column {
				out = append(out, fmt.Sprintf("finding %s at %s is at %d:%d, its path's nearest written node at %d:%d", fd.Rule, fd.Path, fd.Line, fd.Column, pos.Line, pos.Column))
			}
		}
		return out
	})...)
}

// resolve walks path through the profile schema and the file's YAML; it
// returns the position of the nearest node of the path the YAML has.
func (e *structEnv) resolve(file, path string) (yaml.Node, error) {
	steps, err := splitFieldPath(path)
	if err != nil {
		return yaml.Node{}, err
	}
	schema := e.schema
	node := e.docs[file]
	if node != nil && node.Kind == yaml.DocumentNode && len(node.Content) > 0 {
		node = node.Content[0]
	}
	var pos yaml.Node
	if node != nil {
		pos = *node
	}
	for _, s := range steps {
		if s.index >= 0 {
			items, _ := schema["items"].(map[string]any)
			if items == nil {
				return pos, fmt.Errorf("%s: [%d] indexes a field that is not a list", path, s.index)
			}
			schema = items
			if node == nil || node.Kind != yaml.SequenceNode || s.index >= len(node.Content) {
				return pos, fmt.Errorf("%s: item %d is not in the profile", path, s.index)
			}
			node = node.Content[s.index]
			pos = *node
			continue
		}
		props, _ := schema["properties"].(map[string]any)
		next, _ := props[s.key].(map[string]any)
		if next == nil {
			next, _ = schema["additionalProperties"].(map[string]any) // tags
		}
		if next == nil {
			return pos, fmt.Errorf("%s: %q is not a field of the profile", path, s.key)
		}
		schema = next
		var key *yaml.Node
		key, node = mappingValue(node, s.key)
		switch {
		case node != nil && node.Kind == yaml.ScalarNode:
			pos = *node // a written value: the finding points at it
		case key != nil:
			pos = *key // a mapping or list: at its key
		}
	}
	return pos, nil
}

func mappingValue(m *yaml.Node, key string) (k, v *yaml.Node) {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i], m.Content[i+1]
		}
	}
	return nil, nil
}

type pathStep struct {
	key   string
	index int // -1 for a key
}

// splitFieldPath splits "components[0].security.identity.permissions[1]".
func splitFieldPath(path string) ([]pathStep, error) {
	var steps []pathStep
	for _, part := range strings.Split(path, ".") {
		key, rest, _ := strings.Cut(part, "[")
		if key == "" {
			return nil, fmt.Errorf("%s: empty key", path)
		}
		steps = append(steps, pathStep{key: key, index: -1})
		for rest != "" {
			num, after, ok := strings.Cut(rest, "]")
			n, err := strconv.Atoi(num)
			if !ok || err != nil || n < 0 || (after != "" && after[0] != '[') {
				return nil, fmt.Errorf("%s: bad index", path)
			}
			steps = append(steps, pathStep{index: n})
			rest = strings.TrimPrefix(after, "[")
		}
	}
	return steps, nil
}

func checkFindings(_ *structEnv, r *result.Result) []string {
	return eachComponent(r, func(_ string, _ *result.Architecture, _ int, c *result.Component) []string {
		var out []string
		if c.Line == 0 {
			out = append(out, "component has no line")
		}
		for i, f := range c.Findings {
			if f.Line == 0 || f.Rule == "" || f.Severity == "" || f.Message == "" || f.Title == "" || f.Remediation == "" {
				out = append(out, fmt.Sprintf("incomplete finding %+v", f))
			}
			if i == 0 {
				continue
			}
			p := c.Findings[i-1]
			a := []int{result.SeverityRank(p.Severity), result.SeverityRank(f.Severity)}
			if a[0] > a[1] || a[0] == a[1] && (p.Rule > f.Rule || p.Rule == f.Rule && p.Line > f.Line) {
				out = append(out, fmt.Sprintf("finding %s (%s) comes after %s (%s): not by severity, rule, line", f.Rule, f.Severity, p.Rule, p.Severity))
			}
		}
		return out
	})
}

// cheapestEligible is the eligible option of model on cloud the arbitration
// picks within a model: priced before unpriced, then the cheapest, then by ID.
func cheapestEligible(c *result.Component, cloud, model string) *result.Option {
	var best *result.Option
	for i := range c.Options {
		o := &c.Options[i]
		if o.Cloud != cloud || o.Model != model || !o.Eligible {
			continue
		}
		switch {
		case best == nil:
			best = o
		case o.Priced != best.Priced:
			if o.Priced {
				best = o
			}
		case o.Priced && !o.MonthlyCostUSD.Equal(best.MonthlyCostUSD.Decimal):
			if o.MonthlyCostUSD.LessThan(best.MonthlyCostUSD.Decimal) {
				best = o
			}
		case o.Platform < best.Platform:
			best = o
		}
	}
	return best
}

func optionOf(c *result.Component, platform string) *result.Option {
	for i := range c.Options {
		if c.Options[i].Platform == platform {
			return &c.Options[i]
		}
	}
	return nil
}

func hasRule(rs []result.Reason, id string) bool {
	return slices.ContainsFunc(rs, func(r result.Reason) bool { return r.Rule == id })
}

func moneyEqual(a, b *result.Money) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(b.Decimal)
}

func recEqual(a, b result.Recommendation) bool {
	return a.Model == b.Model && a.Platform == b.Platform && a.Cloud == b.Cloud && a.Priced == b.Priced &&
		moneyEqual(a.MonthlyCostUSD, b.MonthlyCostUSD) && slices.Equal(a.Reasons, b.Reasons)
}

func keysOf[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
