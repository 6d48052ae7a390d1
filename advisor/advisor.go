// Package advisor turns parsed profiles into advice. Each architecture goes
// through four stages, named so in the code: quote the options (quoteOptions:
// price every platform for each component), decide (decide: the prepared OPA
// queries judge the options and raise findings), settle the totals
// (settleTotals: per-cloud totals of the recommended and the all-functions and
// all-containers placements), assemble the result (assembleResult: the JSON
// result contract, with each component's workload as modelled). Views render
// from that result alone.
package advisor

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/shopspring/decimal"

	"github.com/hybridadvisor/hybridadvisor/advisor/decide"
	"github.com/hybridadvisor/hybridadvisor/advisor/engine"
	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
	"github.com/hybridadvisor/hybridadvisor/data"
	"github.com/hybridadvisor/hybridadvisor/pricing"
)

// Options are the run-wide choices.
type Options struct {
	// Clouds limits the clouds evaluated; empty means all three.
	Clouds []string
	// Cloud fixes the primary cloud; empty means the cheapest for the recommended placement.
	Cloud string
	// FreeTier overrides every profile's assumptions.free_tier when set.
	FreeTier *bool
	// FreeTierBy names who set FreeTier in the assumption it records
	// ("" means --free-tier; the TUI's key says "the TUI").
	FreeTierBy string
	// Today dates waivers; zero means the current date.
	Today time.Time
	// Curves adds each component's cost curves (reports and the TUI draw them).
	Curves bool
	// Memo, when set, remembers each component's decision, break-even points
	// and curves by their exact inputs, so scoring an architecture again after
	// editing one component evaluates only that one (the TUI's what-if).
	// Findings are always evaluated: they read the whole architecture.
	Memo *Memo
}

// Advisor scores architectures. Safe for concurrent use.
type Advisor struct {
	engine *engine.Engine
	book   *pricing.Book
	opts   Options
	clouds []string
	today  string
	memo   *Memo // Options.Memo
}

// New builds an advisor over a compiled engine and a price book.
func New(e *engine.Engine, book *pricing.Book, opts Options) (*Advisor, error) {
	clouds, err := normaliseClouds(opts.Clouds)
	if err != nil {
		return nil, err
	}
	if opts.Cloud != "" && !slices.Contains(clouds, opts.Cloud) {
		return nil, fmt.Errorf("--cloud %q is not among the evaluated clouds %s", opts.Cloud, strings.Join(clouds, ", "))
	}
	today := opts.Today
	if today.IsZero() {
		today = time.Now()
	}
	return &Advisor{engine: e, book: book, opts: opts, clouds: clouds, today: today.Format(time.DateOnly), memo: opts.Memo}, nil
}

// Engine returns the policy engine (for the rule catalogue).
func (a *Advisor) Engine() *engine.Engine { return a.engine }

// Book returns the price book.
func (a *Advisor) Book() *pricing.Book { return a.book }

// Clouds returns the evaluated clouds in canonical order.
func (a *Advisor) Clouds() []string { return a.clouds }

func normaliseClouds(in []string) ([]string, error) {
	if len(in) == 0 {
		return append([]string(nil), pricing.Clouds...), nil
	}
	want := map[string]bool{}
	for _, c := range in {
		for _, part := range strings.Split(c, ",") {
			part = strings.TrimSpace(strings.ToLower(part))
			if part == "" {
				continue
			}
			if !slices.Contains(pricing.Clouds, part) {
				return nil, fmt.Errorf("unknown cloud %q (known: %s)", part, strings.Join(pricing.Clouds, ", "))
			}
			want[part] = true
		}
	}
	var out []string
	for _, c := range pricing.Clouds {
		if want[c] {
			out = append(out, c)
		}
	}
	return out, nil
}

// InputError is a problem with a profile found after parsing (an unknown region,
// a waiver for a rule that does not exist), located in the file.
type InputError struct {
	Pos     profile.Pos
	Message string
}

func (e *InputError) Error() string { return e.Message }

// componentState carries one component through the pipeline.
type componentState struct {
	c        *profile.Component
	w        pricing.Workload
	quotes   []pricing.Quote // the evaluated clouds' platforms, canonical order
	byID     map[string]*pricing.Quote
	glue     map[string]pricing.Quote
	out      *engine.Decision
	findings []engine.Finding
	solo     *engine.ArchitectureOutput // the verdict, when the component is alone
	memo     *memoEntry                 // nil without a memo
	prepared *pricing.Prepared          // the calculators, kept for the break-even searches
	doc      *ast.Term
	eligible map[string]bool
}

// Architecture scores one parsed architecture with the built-in defaults for
// what it does not write.
func (a *Advisor) Architecture(ctx context.Context, arch *profile.Architecture) (*result.Architecture, error) {
	return a.ArchitectureWith(ctx, arch, BatchOptions{})
}

// ArchitectureWith scores one parsed architecture in four stages: quote the
// options (price every platform), decide (the OPA queries), settle the totals,
// assemble the result. It uses the batch's defaults (its Regions and
// FreeTier) for what the profile does not write, as Stream does. The parsed profile is not changed: the resolved settings travel next
// to it (see resolve).
func (a *Advisor) ArchitectureWith(ctx context.Context, arch *profile.Architecture, defaults BatchOptions) (*result.Architecture, error) {
	settings, assumptions := a.resolve(arch, defaults)
	if err := a.book.CheckRegions(settings.Regions); err != nil {
		return nil, &InputError{Pos: arch.PosOf("regions"), Message: err.Error()}
	}
	if err := a.checkWaivers(arch); err != nil {
		return nil, err
	}
	states := a.quoteOptions(arch, settings)
	if err := a.decide(ctx, arch, states, settings); err != nil {
		return nil, err
	}
	totals := a.settleTotals(states, settings)
	return a.assembleResult(arch, states, totals, settings, assumptions), nil
}

// quoteOptions is the first stage: each component's workload priced on every
// platform of the evaluated clouds, its glue, and its policy input document.
func (a *Advisor) quoteOptions(arch *profile.Architecture, settings pricing.Settings) []*componentState {
	states := make([]*componentState, len(arch.Components))
	calledBy := map[string][]*ast.Term{}
	for _, c := range arch.Components {
		for _, call := range c.Calls {
			calledBy[call.To] = append(calledBy[call.To], ast.ObjectTerm(kv("from", ast.StringTerm(c.Name)), kv("mode", ast.StringTerm(call.Mode))))
		}
	}
	chains := syncChains(arch)
	msgs := asyncMessages(arch)
	forEach(len(states), func(i int) {
		c := arch.Components[i]
		st := &componentState{c: c, w: workload(arch, c, msgs[c.Name]), byID: map[string]*pricing.Quote{}, eligible: map[string]bool{}}
		st.prepared = a.book.Prepare(st.w, settings)
		for _, q := range st.prepared.Quotes() {
			if slices.Contains(a.clouds, q.Platform.Cloud) {
				st.quotes = append(st.quotes, q)
			}
		}
		for j := range st.quotes {
			st.byID[st.quotes[j].Platform.ID] = &st.quotes[j]
		}
		st.glue = a.book.Glue(st.w, settings)
		st.doc = componentDoc(arch, c, calledBy[c.Name], chains[i])
		states[i] = st
	})
	return states
}

// decide is the second stage: the OPA queries judge each component's quoted
// options (eligibility, preferences, the recommendation per cloud) and its
// findings.
func (a *Advisor) decide(ctx context.Context, arch *profile.Architecture, states []*componentState, settings pricing.Settings) error {
	archComponents := make([][2]*ast.Term, 0, len(arch.Components))
	for _, st := range states {
		archComponents = append(archComponents, [2]*ast.Term{ast.StringTerm(st.c.Name), st.doc})
	}
	archTerm := ast.ObjectTerm(
		[2]*ast.Term{ast.StringTerm("name"), ast.StringTerm(arch.Name)},
		[2]*ast.Term{ast.StringTerm("component_count"), ast.IntNumberTerm(len(arch.Components))},
		[2]*ast.Term{ast.StringTerm("components"), ast.ObjectTerm(archComponents...)},
	)
	cloudTerms := make([]*ast.Term, len(a.clouds))
	for i, c := range a.clouds {
		cloudTerms[i] = ast.StringTerm(c)
	}
	regionsIn := make(map[string]any, len(settings.Regions))
	for c, r := range settings.Regions {
		regionsIn[c] = r
	}
	regions, _ := ast.InterfaceToValue(regionsIn)
	common := [][2]*ast.Term{
		{ast.StringTerm("today"), ast.StringTerm(a.today)},
		{ast.StringTerm("clouds"), ast.ArrayTerm(cloudTerms...)},
		{ast.StringTerm("regions"), ast.NewTerm(regions)},
		{ast.StringTerm("architecture"), archTerm},
	}

	// Components are independent once the architecture document is built, so
	// they are evaluated in parallel (the prepared queries are goroutine-safe);
	// this is what keeps a large architecture interactive in the TUI.
	errs := make([]error, len(states))
	settingsKey := a.settingsKey(settings)
	forEach(len(states), func(i int) {
		st := states[i]
		options, costs := optionsTerm(st.quotes, &st.w)
		fields := make([][2]*ast.Term, 0, len(common)+4)
		fields = append(fields, common...)
		fields = append(fields,
			[2]*ast.Term{ast.StringTerm("component"), st.doc},
			[2]*ast.Term{ast.StringTerm("options"), options},
			[2]*ast.Term{ast.StringTerm("costs"), costs},
		)
		texts := engine.TextsFor(st.doc.Value)
		if texts != nil {
			fields = append(fields, [2]*ast.Term{ast.StringTerm("texts"), texts})
		}
		full := ast.NewObject(fields...)
		var err error
		if a.memo == nil {
			// Nothing to recall: one evaluation does both.
			var r *engine.ComponentResult
			r, err = a.engine.Eval(ctx, full)
			if err == nil {
				st.setDecision(r.Decision)
				st.findings, st.solo = r.Findings, r.Solo
			}
		} else if err = a.recallDecision(ctx, st, options, costs, texts, cloudTerms, settingsKey); err == nil {
			st.findings, err = a.engine.Findings(ctx, full)
		}
		if err != nil {
			errs[i] = fmt.Errorf("component %s: %w", st.c.Name, err)
		}
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// assembleResult is the last stage: the decisions, quotes and totals become
// the result's architecture, with the verdict and the primary cloud.
func (a *Advisor) assembleResult(arch *profile.Architecture, states []*componentState, totals map[string]result.Totals, settings pricing.Settings, assumptions []result.Assumption) *result.Architecture {
	verdicts := a.verdicts(states)
	primary := a.primaryCloud(states, totals)
	res := &result.Architecture{
		Name:           arch.Name,
		Description:    arch.Description,
		Cloud:          primary,
		Verdict:        verdicts.Verdict[primary],
		Verdicts:       verdicts.Verdict,
		VerdictReasons: map[string][]result.Reason{},
		Regions:        map[string]string{},
		FreeTier:       settings.FreeTier,
		HoursPerMonth:  settings.HoursPerMonth,
		Totals:         totals,
	}
	for c, rs := range verdicts.Reasons {
		res.VerdictReasons[c] = toReasons(rs)
	}
	for _, c := range a.clouds {
		res.Regions[c] = settings.Regions[c]
	}
	res.Assumptions = assumptions
	assumed := make(map[string]string, len(arch.Defaults))
	for _, d := range arch.Defaults {
		assumed[d.Path] = d.Why
	}
	if as, ok := placeholderAssumption(arch); ok {
		res.Assumptions = append(res.Assumptions, as)
	}
	res.Components = make([]result.Component, len(states))
	forEach(len(states), func(i int) {
		res.Components[i] = a.assembleComponent(arch, states[i], settings, primary)
		res.Components[i].Workload = modelledWorkload(states[i].c, assumed)
	})
	return res
}

// recallDecision recalls the decision for one component from the memo, or
// evaluates the decision query on the component's decision input and remembers it.
func (a *Advisor) recallDecision(ctx context.Context, st *componentState, options, costs, texts *ast.Term, clouds []*ast.Term, settingsKey string) error {
	input := ast.NewObject(
		[2]*ast.Term{ast.StringTerm("clouds"), ast.ArrayTerm(clouds...)},
		[2]*ast.Term{ast.StringTerm("component"), st.doc},
		[2]*ast.Term{ast.StringTerm("options"), options},
		[2]*ast.Term{ast.StringTerm("costs"), costs},
	)
	if texts != nil {
		input.Insert(ast.StringTerm("texts"), texts)
	}
	st.memo = a.memo.lookup(input, settingsKey)
	if st.memo == nil {
		out, err := a.engine.Decide(ctx, input)
		if err != nil {
			return err
		}
		st.memo = a.memo.store(input, settingsKey, out)
	}
	st.setDecision(st.memo.decision)
	return nil
}

func (st *componentState) setDecision(d *engine.Decision) {
	st.out = d
	for _, q := range st.quotes {
		if _, excluded := d.Excluded[q.Platform.ID]; !excluded {
			st.eligible[q.Platform.ID] = true
		}
	}
}

// settingsKey identifies, in memo keys, what besides the decision input the
// remembered break-even points and curves depend on: the pricing settings and
// whether curves are drawn. (The evaluated clouds are in the decision input.)
func (a *Advisor) settingsKey(s pricing.Settings) string {
	return fmt.Sprintf("%v|%t|%d|%s|%t", s.Regions, s.FreeTier, s.HoursPerMonth, s.AKSTier, a.opts.Curves)
}

// forEach calls f for 0..n-1 on up to GOMAXPROCS goroutines; a single item runs
// inline so batch mode, which is parallel per file already, pays nothing.
func forEach(n int, f func(i int)) {
	workers := min(n, runtime.GOMAXPROCS(0))
	if workers <= 1 {
		for i := 0; i < n; i++ {
			f(i)
		}
		return
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}

// optionsTerm returns input.options and input.costs, the monthly cost of each
// priced option.
func optionsTerm(quotes []pricing.Quote, w *pricing.Workload) (options, costs *ast.Term) {
	kv := make([][2]*ast.Term, 0, len(quotes))
	priced := make([][2]*ast.Term, 0, len(quotes))
	for _, q := range quotes {
		fields := [][2]*ast.Term{
			{engine.Name("cloud"), engine.Name(q.Platform.Cloud)},
			{engine.Name("model"), engine.Name(q.Platform.Model)},
			{engine.Name("priced"), ast.InternedTerm(q.Priced)},
		}
		// The front door the option is priced behind: the HTTP timeout rule
		// depends on it (API Gateway's 29 s applies only behind API Gateway).
		// An internal HTTP component has none: its callers reach it directly.
		if door, _ := pricing.FrontDoorFor(q.Platform.ID, w); door != "" {
			fields = append(fields, [2]*ast.Term{engine.Name("front_door"), engine.Name(door)})
		} else if w.Trigger == "http" {
			fields = append(fields, [2]*ast.Term{engine.Name("front_door"), engine.Name("none")})
		}
		if q.Priced {
			cost := ast.NumberTerm(jsonNumber(q.Monthly))
			fields = append(fields, [2]*ast.Term{engine.Name("monthly_cost_usd"), cost})
			priced = append(priced, [2]*ast.Term{engine.Name(q.Platform.ID), cost})
		}
		kv = append(kv, [2]*ast.Term{engine.Name(q.Platform.ID), ast.ObjectTerm(fields...)})
	}
	return ast.ObjectTerm(kv...), ast.ObjectTerm(priced...)
}

func jsonNumber(d decimal.Decimal) json.Number { return json.Number(d.String()) }

// verdicts is the architecture verdict per cloud: a lone component's comes with
// its evaluation.
func (a *Advisor) verdicts(states []*componentState) *engine.ArchitectureOutput {
	if len(states) == 1 && states[0].solo != nil {
		return states[0].solo
	}
	comps := make([]decide.Placement, len(states))
	for i, st := range states {
		models := make(map[string]string, len(st.out.Recommendation))
		for cloud, ch := range st.out.Recommendation {
			models[cloud] = ch.Model
		}
		comps[i] = decide.Placement{Name: st.c.Name, Models: models}
	}
	return a.engine.Architecture(a.clouds, comps)
}

// cheapest returns the cheapest eligible priced quote whose model matches.
func (st *componentState) cheapest(cloud string, match func(model string) bool) *pricing.Quote {
	var best *pricing.Quote
	for i := range st.quotes {
		q := &st.quotes[i]
		if q.Platform.Cloud != cloud || !match(q.Platform.Model) || !st.eligible[q.Platform.ID] || !q.Priced {
			continue
		}
		if best == nil || q.Monthly.LessThan(best.Monthly) {
			best = q
		}
	}
	return best
}

func isFunction(m string) bool { return m == pricing.Function }
func isContainer(m string) bool {
	return m == pricing.ServerlessContainer || m == pricing.OrchestratedContainer
}

// settleTotals is the third stage: each cloud's monthly totals of the
// recommended, all-functions and all-containers placements, with what they
// leave unpriced.
func (a *Advisor) settleTotals(states []*componentState, s pricing.Settings) map[string]result.Totals {
	out := map[string]result.Totals{}
	for _, cloud := range a.clouds {
		var rec, fns, ctrs []pricing.Item
		var incomplete []string
		var recUnpriced, fnUnpriced, ctrUnpriced []result.UnpricedPart
		for _, st := range states {
			ch := st.out.Recommendation[cloud]
			recPlatform := ch.Platform
			if recPlatform == "" {
				incomplete = append(incomplete, fmt.Sprintf("%s has no eligible platform on %s and is left out of every total", st.c.Name, cloud))
				continue
			}
			rec = append(rec, pricing.Item{Workload: st.w, PlatformID: recPlatform, Prepared: st.prepared})
			// The glue is billed with each placement, so an unpriced glue is
			// missing from all three totals.
			var glueMissing []result.UnpricedPart
			if g, ok := st.glue[cloud]; ok && !g.Priced {
				glueMissing = append(glueMissing, result.UnpricedPart{Component: st.c.Name, Platform: g.Platform.ID, Note: g.Note})
				incomplete = append(incomplete, fmt.Sprintf("%s's glue (%s) is not priced: %s; every total leaves it out", st.c.Name, g.Platform.ID, g.Note))
			}
			recMissing := st.unpriced(recPlatform)
			if recMissing != nil {
				incomplete = append(incomplete, fmt.Sprintf("%s is placed on %s, which is not priced: %s; the recommended total leaves it out", st.c.Name, recPlatform, recMissing.Note))
				recUnpriced = append(recUnpriced, *recMissing)
			}
			recUnpriced = append(recUnpriced, glueMissing...)
			if q := st.cheapest(cloud, isFunction); q != nil {
				fns = append(fns, pricing.Item{Workload: st.w, PlatformID: q.Platform.ID, Prepared: st.prepared})
			} else {
				fns = append(fns, pricing.Item{Workload: st.w, PlatformID: recPlatform, Prepared: st.prepared})
				incomplete = append(incomplete, fmt.Sprintf("%s cannot run as a function on %s; all-functions counts it at %s%s", st.c.Name, cloud, recPlatform, notPricedSuffix(recMissing)))
				if recMissing != nil {
					fnUnpriced = append(fnUnpriced, *recMissing)
				}
			}
			fnUnpriced = append(fnUnpriced, glueMissing...)
			if q := st.cheapest(cloud, isContainer); q != nil {
				ctrs = append(ctrs, pricing.Item{Workload: st.w, PlatformID: q.Platform.ID, Prepared: st.prepared})
			} else {
				ctrs = append(ctrs, pricing.Item{Workload: st.w, PlatformID: recPlatform, Prepared: st.prepared})
				incomplete = append(incomplete, fmt.Sprintf("%s cannot run as a container on %s; all-containers counts it at %s%s", st.c.Name, cloud, recPlatform, notPricedSuffix(recMissing)))
				if recMissing != nil {
					ctrUnpriced = append(ctrUnpriced, *recMissing)
				}
			}
			ctrUnpriced = append(ctrUnpriced, glueMissing...)
		}
		// The three placements list the same workloads in the same order, so two
		// with the same platforms have the same total (often all-functions or
		// all-containers is the recommended placement): price each once.
		priced := map[string]pricing.Total{}
		total := func(items []pricing.Item) pricing.Total {
			if len(states) == 1 && len(items) == 1 {
				// One component: its quotes already hold the total (batch runs of
				// one-component files would otherwise price everything twice).
				if q := states[0].byID[items[0].PlatformID]; q != nil {
					if t, ok := pricing.AloneTotal(*q, states[0].glue[cloud]); ok {
						return t
					}
				}
			}
			var key strings.Builder
			for _, it := range items {
				key.WriteString(it.PlatformID)
				key.WriteByte(0)
			}
			t, ok := priced[key.String()]
			if !ok {
				t = a.book.ArchitectureTotal(cloud, items, s)
				priced[key.String()] = t
			}
			return t
		}
		r := total(rec)
		out[cloud] = result.Totals{
			Recommended:           result.USD(r.Monthly),
			AllFunctions:          result.USD(total(fns).Monthly),
			AllContainers:         result.USD(total(ctrs).Monthly),
			Glue:                  result.USD(r.Glue),
			FreeTierSavings:       result.USD(r.FreeTierSavings),
			Incomplete:            incomplete,
			Unpriced:              recUnpriced,
			AllFunctionsUnpriced:  fnUnpriced,
			AllContainersUnpriced: ctrUnpriced,
		}
	}
	return out
}

// unpriced returns the part of the component on platform id when that platform
// has no price, else nil.
func (st *componentState) unpriced(id string) *result.UnpricedPart {
	q := st.byID[id]
	if q != nil && q.Priced {
		return nil
	}
	note := "no price in this region"
	if q != nil && q.Note != "" {
		note = q.Note
	}
	return &result.UnpricedPart{Component: st.c.Name, Platform: id, Note: note}
}

func notPricedSuffix(p *result.UnpricedPart) string {
	if p == nil {
		return ""
	}
	return ", which is not priced"
}

// primaryCloud is the asked-for cloud, else the cloud with the most components
// placed, then the fewest unpriced parts in its recommended total, then the
// cheapest (ties go to the canonical order). Counting unpriced parts before cost
// keeps a missing price, which adds nothing to a total, from making a cloud
// look cheapest.
func (a *Advisor) primaryCloud(states []*componentState, totals map[string]result.Totals) string {
	if a.opts.Cloud != "" {
		return a.opts.Cloud
	}
	return pickPrimary(a.clouds, totals, func(cloud string) int {
		placed := 0
		for _, st := range states {
			if st.out.Recommendation[cloud].Platform != "" {
				placed++
			}
		}
		return placed
	})
}

// pickPrimary orders the clouds by placed components (more first), unpriced parts
// of the recommended total (fewer first), then its amount (lower first).
func pickPrimary(clouds []string, totals map[string]result.Totals, placed func(cloud string) int) string {
	best, bestPlaced, bestUnpriced := "", -1, 0
	var bestCost decimal.Decimal
	for _, cloud := range clouds {
		n := placed(cloud)
		t := totals[cloud]
		u, cost := len(t.Unpriced), t.Recommended.Decimal
		better := n > bestPlaced ||
			(n == bestPlaced && u < bestUnpriced) ||
			(n == bestPlaced && u == bestUnpriced && cost.LessThan(bestCost))
		if better {
			best, bestPlaced, bestUnpriced, bestCost = cloud, n, u, cost
		}
	}
	return best
}

// assembleComponent is one component of the result.
func (a *Advisor) assembleComponent(arch *profile.Architecture, st *componentState, s pricing.Settings, primary string) result.Component {
	c := st.c
	rc := result.Component{
		Name:        c.Name,
		Description: c.Description,
		Line:        c.Pos.Line,
		Column:      c.Pos.Column,
		Trigger:     c.Trigger,
		Exposure:    c.Security.Exposure,
		Calls:       []result.Call{},
		PerCloud:    map[string]result.Recommendation{},
		Scores:      maps.Clone(st.out.Scores),
		CloudScores: map[string]map[string]float64{},
		Glue:        map[string]result.Option{},
		Preferences: []result.Preference{},
		Findings:    []result.Finding{},
	}
	for _, call := range c.Calls {
		rc.Calls = append(rc.Calls, result.Call{To: call.To, Mode: call.Mode, Line: call.Pos.Line})
	}
	// The decision may be shared through the memo: copy, never alias.
	for cloud, sc := range st.out.CloudScores {
		rc.CloudScores[cloud] = maps.Clone(sc)
	}
	for _, p := range st.out.Preferences {
		rc.Preferences = append(rc.Preferences, result.Preference{Rule: p.Rule, Model: p.Model, Weight: p.Weight, Message: p.Message, Cloud: p.Cloud})
	}
	for _, cloud := range a.clouds {
		ch := st.out.Recommendation[cloud]
		r := result.Recommendation{Model: ch.Model, Platform: ch.Platform, Cloud: cloud, Reasons: toReasons(ch.Reasons)}
		if q, ok := st.byID[ch.Platform]; ok && q.Priced {
			r.MonthlyCostUSD, r.Priced = result.PriceOf(q.Monthly, true), true
		}
		rc.PerCloud[cloud] = r
	}
	rc.Recommendation = rc.PerCloud[primary]
	for _, q := range st.quotes {
		rc.Options = append(rc.Options, toOption(q, st.out.Excluded[q.Platform.ID]))
	}
	for cloud, g := range st.glue {
		if slices.Contains(a.clouds, cloud) && len(g.Lines) > 0 {
			rc.Glue[cloud] = toOption(g, nil)
		}
	}
	derive := func() (map[string]result.BreakEven, map[string]result.CostCurve) {
		bes := map[string]result.BreakEven{}
		for _, cloud := range a.clouds {
			be := st.prepared.BreakEven(cloud, func(id string) bool {
				q, ok := st.byID[id]
				return ok && q.Priced && st.eligible[id]
			})
			bes[cloud] = result.BreakEven{
				Kind: be.Kind, RequestsPerMonth: result.Num(be.RequestsPerMonth),
				FunctionPlatform: be.FunctionPlatform, ContainerPlatform: be.ContainerPlatform, Sentence: be.Sentence,
			}
		}
		var curves map[string]result.CostCurve
		if a.opts.Curves {
			curves = a.curves(st, s, bes)
		}
		return bes, curves
	}
	if st.memo != nil {
		rc.BreakEven, rc.Curves = st.memo.derive(derive)
	} else {
		rc.BreakEven, rc.Curves = derive()
	}
	st.prepared.Release() // the searches are done
	st.prepared = nil
	rc.Findings = a.findings(arch, st, rc.Recommendation.Model)
	return rc
}

func toOption(q pricing.Quote, excluded []engine.Reason) result.Option {
	o := result.Option{
		Platform:           q.Platform.ID,
		Cloud:              q.Platform.Cloud,
		Model:              q.Platform.Model,
		Region:             q.Region,
		Eligible:           len(excluded) == 0,
		ExcludedBy:         toReasons(excluded),
		Priced:             q.Priced,
		Note:               q.Note,
		MonthlyCostUSD:     result.PriceOf(q.Monthly, q.Priced),
		FreeTierSavingsUSD: result.USD(q.FreeTierSavings),
		CostLines:          []result.CostLine{},
		Assumptions:        q.Assumptions,
	}
	for _, l := range q.Lines {
		o.CostLines = append(o.CostLines, result.CostLine{
			Name: l.Name, Quantity: result.Num(l.Quantity), Unit: l.Unit,
			UnitPriceUSD: result.Num(l.UnitPrice), MonthlyCostUSD: result.USD(l.Monthly), Source: l.Source,
		})
	}
	return o
}

func toReasons(rs []engine.Reason) []result.Reason {
	out := make([]result.Reason, 0, len(rs))
	for _, r := range rs {
		out = append(out, result.Reason{Rule: r.Rule, Message: r.Message})
	}
	return out
}

// findings keeps the findings whose rule applies to the model recommended on the
// primary cloud (or to any recommended model when there is none there), places
// them at their line, and applies waivers.
func (a *Advisor) findings(arch *profile.Architecture, st *componentState, primaryModel string) []result.Finding {
	models := map[string]bool{}
	if primaryModel != "" {
		models[primaryModel] = true
	} else {
		for _, ch := range st.out.Recommendation {
			if ch.Model != "" {
				models[ch.Model] = true
			}
		}
	}
	waivers := map[string]profile.Waiver{}
	for _, w := range st.c.Waivers {
		waivers[w.Rule] = w
	}
	used := map[string]bool{}
	out := []result.Finding{}
	for _, f := range st.findings {
		if !appliesTo(f.Rule.AppliesTo, models) {
			continue
		}
		path := st.c.Path
		if f.Path != "" {
			path += "." + f.Path
		}
		pos := arch.PosOf(path)
		rf := result.Finding{
			Rule: f.Rule.ID, Severity: f.Severity, Category: f.Rule.Category, Title: f.Rule.Title,
			Message: f.Message, Remediation: f.Rule.Remediation, Line: pos.Line, Column: pos.Column, Path: path,
		}
		if w, ok := waivers[f.Rule.ID]; ok {
			used[w.Rule] = true
			exp := w.Expires.Format(time.DateOnly)
			if exp >= a.today {
				rf.Waived, rf.WaiverReason, rf.WaiverExpires = true, w.Reason, exp
			}
		}
		out = append(out, rf)
	}
	for _, w := range st.c.Waivers {
		exp := w.Expires.Format(time.DateOnly)
		if exp < a.today {
			out = append(out, result.Finding{
				Rule: WaiverExpiredRule, Severity: "medium", Category: "governance", Title: "Waiver expired",
				Message:     fmt.Sprintf("the waiver of %s on %s expired on %s (reason given: %s)", w.Rule, st.c.Name, exp, w.Reason),
				Remediation: "Fix what the waived rule reports, or renew the waiver with a new expiry date and a reason.",
				Line:        w.Pos.Line, Column: w.Pos.Column, Path: st.c.Path + ".waivers",
			})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		ri, rj := result.SeverityRank(out[i].Severity), result.SeverityRank(out[j].Severity)
		if ri != rj {
			return ri < rj
		}
		if out[i].Rule != out[j].Rule {
			return out[i].Rule < out[j].Rule
		}
		if out[i].Line != out[j].Line {
			return out[i].Line < out[j].Line
		}
		return out[i].Message < out[j].Message
	})
	return out
}

// WaiverExpiredRule is the finding raised for a waiver past its date.
const WaiverExpiredRule = "WAIVER-EXPIRED"

func appliesTo(models []string, recommended map[string]bool) bool {
	if len(models) == 0 || len(recommended) == 0 {
		return true
	}
	for _, m := range models {
		if recommended[m] {
			return true
		}
	}
	return false
}

// checkWaivers rejects waivers of rules that do not exist: a typo there would
// silently waive nothing.
func (a *Advisor) checkWaivers(arch *profile.Architecture) error {
	for _, c := range arch.Components {
		for _, w := range c.Waivers {
			if _, ok := a.engine.RuleByID(w.Rule); !ok && w.Rule != WaiverExpiredRule {
				return &InputError{Pos: w.Pos, Message: fmt.Sprintf("component %s waives unknown rule %s (see `hybridadvisor policy list`)", c.Name, w.Rule)}
			}
		}
	}
	return nil
}

// curveFactors sample from a hundredth to a hundred times today's traffic.
var curveFactors = []string{"0.01", "0.03", "0.1", "0.3", "1", "3", "10", "30", "100"}

// curves prices the cheapest eligible function and container of each cloud at
// several volumes around today's traffic (and at the break-even volume).
func (a *Advisor) curves(st *componentState, s pricing.Settings, be map[string]result.BreakEven) map[string]result.CostCurve {
	out := map[string]result.CostCurve{}
	now := st.w.RequestsPerMonth
	base := now
	if !base.IsPositive() {
		base = decimal.NewFromInt(1_000_000)
	}
	for _, cloud := range a.clouds {
		fn, ct := st.cheapest(cloud, isFunction), st.cheapest(cloud, isContainer)
		if fn == nil && ct == nil {
			continue
		}
		volumes := map[string]decimal.Decimal{}
		for _, f := range curveFactors {
			v := base.Mul(decimal.RequireFromString(f)).Round(0)
			if v.IsPositive() {
				volumes[v.String()] = v
			}
		}
		if b, ok := be[cloud]; ok && b.Kind == "crossover" && b.RequestsPerMonth.IsPositive() {
			v := b.RequestsPerMonth.Round(0)
			volumes[v.String()] = v
		}
		if now.IsPositive() {
			volumes[now.String()] = now
		}
		sorted := make([]decimal.Decimal, 0, len(volumes))
		for _, v := range volumes {
			sorted = append(sorted, v)
		}
		sort.Slice(sorted, func(i, j int) bool { return sorted[i].LessThan(sorted[j]) })
		curve := result.CostCurve{CurrentRequestsPerMonth: result.Num(now)}
		if fn != nil {
			curve.FunctionPlatform = fn.Platform.ID
		}
		if ct != nil {
			curve.ContainerPlatform = ct.Platform.ID
		}
		for _, v := range sorted {
			w := scaled(st.w, v, s)
			p := result.CurvePoint{RequestsPerMonth: result.Num(v)}
			if fn != nil {
				m := result.USD(a.book.MonthlyCost(fn.Platform.ID, w, s))
				p.FunctionUSD = &m
			}
			if ct != nil {
				m := result.USD(a.book.MonthlyCost(ct.Platform.ID, w, s))
				p.ContainerUSD = &m
			}
			curve.Points = append(curve.Points, p)
		}
		out[cloud] = curve
	}
	return out
}

// diurnalPeak is the peak-to-average factor of a diurnal load.
var diurnalPeak = decimal.RequireFromString(data.PeakFactors["diurnal"])

// scaled is w at another monthly volume, with the peak rate scaled alike.
func scaled(w pricing.Workload, volume decimal.Decimal, s pricing.Settings) pricing.Workload {
	if w.RequestsPerMonth.IsPositive() {
		w.PeakRequestsPerSecond = w.PeakRequestsPerSecond.Mul(volume).Div(w.RequestsPerMonth)
	} else {
		hours := s.HoursPerMonth
		if hours == 0 {
			hours = 730
		}
		// No volume to scale from: the peak of a diurnal load, as the profile would derive it.
		w.PeakRequestsPerSecond = volume.Div(decimal.NewFromInt(int64(hours) * 3600)).Mul(diurnalPeak)
	}
	w.RequestsPerMonth = volume
	return w
}
