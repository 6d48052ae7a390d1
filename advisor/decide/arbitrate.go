package decide

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/hybridadvisor/hybridadvisor/pricing"
)

// Input is what the arbitration reads for one component besides the framework's data: the
// conclusions of the Rego layers and the component's prices.
type Input struct {
	// Clouds are the evaluated clouds; nil means every cloud of the catalogue.
	Clouds []string
	// Prices holds the monthly cost of every priced option (input.costs), as written: unpriced
	// options are absent and never take part in a cost comparison.
	Prices map[string]json.Number
	// Excluded lists why each excluded platform cannot run the component (the rules' excluded).
	Excluded map[string][]Reason
	// Preferences are the preferences that fired (the rules' preference), in any order.
	Preferences []Preference
	// Arch is the component's CPU architecture (execution.arch); "" means x86.
	Arch string
}

// Names of the models the container fallback is about.
const (
	serverless   = pricing.ServerlessContainer
	orchestrated = pricing.OrchestratedContainer
)

// option is an eligible platform of a cloud with its price.
type option struct {
	id     string
	usd    float64
	priced bool
}

// modelCost is the cheapest eligible priced platform of a model on a cloud.
type modelCost struct {
	usd   float64
	key   float64 // the cost it is compared at (Curve.Key)
	id    string
	model string
}

// closeCall is the top two models of a cloud when their scores are within the margin and both
// are priced there.
type closeCall struct{ top, other int }

// arbitration holds what one component's arbitration derives once for every cloud.
type arbitration struct {
	f        *Framework
	in       *Input
	usd      map[string]float64
	prefs    []Preference        // sorted: heaviest first, then rule, model, message
	scores   []decimal.Decimal   // per model of f.models
	scores10 []decimal.Decimal   // the same in tenths
	reasons  [][]Reason          // the preferences of each model, heaviest first
	costMin  int                 // models before this index take no part in the cost comparison
	ten      decimal.Decimal     // 10
	margin10 decimal.Decimal     // weights.close_call_margin in tenths
	sc, oc   int                 // indices of the container models, -1 when not in model_order
	fallback bool                // serverless containers score more than orchestrated ones
	platform map[string][]option // scratch
}

// Arbitrate decides the recommendation of every evaluated cloud from the Rego layers'
// conclusions (see the package documentation and docs/decision-framework.md).
func (f *Framework) Arbitrate(in Input) *Decision {
	a := &arbitration{f: f, in: &in, usd: make(map[string]float64, len(in.Prices)), sc: -1, oc: -1, ten: decimal.NewFromInt(10)}
	for p, n := range in.Prices {
		if v, err := n.Float64(); err == nil {
			a.usd[p] = v
		}
	}
	a.margin10 = f.margin.Shift(1)
	a.rankPreferences()

	out := &Decision{
		Excluded:       in.Excluded,
		Preferences:    a.prefs,
		Scores:         make(map[string]float64, len(f.models)),
		CloudScores:    map[string]map[string]float64{},
		Recommendation: map[string]Choice{},
	}
	if out.Excluded == nil {
		out.Excluded = map[string][]Reason{}
	}
	for i, m := range f.models {
		out.Scores[m] = a.scores[i].InexactFloat64()
	}
	clouds := in.Clouds
	if clouds == nil {
		clouds = f.clouds
	}
	for _, cloud := range clouds {
		a.cloud(cloud, out)
	}
	return out
}

// rankPreferences sorts the preferences and sums each model's score (ranked_preferences and
// scores in the rules before the port).
func (a *arbitration) rankPreferences() {
	f := a.f
	if len(a.in.Preferences) > 0 {
		a.prefs = make([]Preference, len(a.in.Preferences))
		copy(a.prefs, a.in.Preferences)
	}
	sort.Slice(a.prefs, func(i, j int) bool {
		x, y := a.prefs[i], a.prefs[j]
		if x.Weight != y.Weight {
			return x.Weight > y.Weight
		}
		if x.Rule != y.Rule {
			return x.Rule < y.Rule
		}
		if x.Model != y.Model {
			return x.Model < y.Model
		}
		return x.Message < y.Message
	})
	n := len(f.models)
	a.scores = make([]decimal.Decimal, n)
	a.scores10 = make([]decimal.Decimal, n)
	a.reasons = make([][]Reason, n)
	for _, p := range a.prefs {
		i, ok := f.modelIndex[p.Model]
		if !ok {
			continue
		}
		a.scores[i] = a.scores[i].Add(decimal.NewFromFloat(p.Weight))
		a.reasons[i] = append(a.reasons[i], Reason{Rule: p.Rule, Message: p.Message})
		if f.curve.HardNeeds[p.Rule] && i > a.costMin {
			a.costMin = i
		}
	}
	for i := range a.scores {
		a.scores10[i] = a.scores[i].Shift(1)
	}
	if i, ok := f.modelIndex[serverless]; ok {
		a.sc = i
	}
	if i, ok := f.modelIndex[orchestrated]; ok {
		a.oc = i
	}
	a.fallback = a.sc >= 0 && a.oc >= 0 && a.scores[a.sc].GreaterThan(a.scores[a.oc])
}

// cloud decides one cloud: its scores and its recommendation.
func (a *arbitration) cloud(cloud string, out *Decision) {
	f := a.f
	// ranked: the eligible platforms of each model, priced ones from the cheapest, then unpriced
	// ones; ties by ID (the cells are sorted by ID)
	ranked := map[string][]option{}
	for _, m := range f.cellModels[cloud] {
		var ps []option
		for _, id := range f.cells[cloud][m] {
			if _, excluded := a.in.Excluded[id]; excluded {
				continue
			}
			usd, priced := a.usd[id]
			ps = append(ps, option{id: id, usd: usd, priced: priced})
		}
		if len(ps) == 0 {
			continue
		}
		sort.SliceStable(ps, func(i, j int) bool {
			if ps[i].priced != ps[j].priced {
				return ps[i].priced
			}
			return ps[i].priced && ps[i].usd < ps[j].usd
		})
		ranked[m] = ps
	}

	// D-CONTAINER-FALLBACK: no serverless container is eligible, orchestrated ones are, and the
	// serverless-container score is higher: orchestrated containers take it.
	fallback := a.fallback && ranked[serverless] == nil && ranked[orchestrated] != nil

	// model_costs: the cheapest eligible priced platform of each model, by price then ID
	var costs []modelCost
	for _, m := range f.cellModels[cloud] {
		if ps := ranked[m]; ps != nil && ps[0].priced {
			costs = append(costs, modelCost{usd: ps[0].usd, key: f.curve.Key(m, ps[0].usd), id: ps[0].id, model: m})
		}
	}
	sort.Slice(costs, func(i, j int) bool {
		x, y := costs[i], costs[j]
		if x.usd != y.usd {
			return x.usd < y.usd
		}
		if x.id != y.id {
			return x.id < y.id
		}
		return x.model < y.model
	})

	// D-COST: the cost term of each model compared (a hard need leaves the models before it in
	// model_order out), against the cheapest by comparison key, in tenths
	terms := a.costTerms(costs)

	// rank keys: each model's score on the cloud negated, in tenths (lower ranks first)
	keys := make([]decimal.Decimal, len(f.models))
	scores := make(map[string]float64, len(f.models))
	var order []int // model_rank: the models with an eligible platform, best first
	for i, m := range f.models {
		base := a.scores10[i]
		if fallback && i == a.oc {
			base = a.scores10[a.sc]
		}
		if t := terms[i]; t != 0 {
			keys[i] = decimal.NewFromInt(t).Sub(base)
		} else {
			keys[i] = base.Neg()
		}
		scores[m] = 0 - keys[i].InexactFloat64()/10
		if ranked[m] != nil {
			order = append(order, i)
		}
	}
	out.CloudScores[cloud] = scores
	sort.SliceStable(order, func(i, j int) bool { return keys[order[i]].LessThan(keys[order[j]]) })

	if len(order) == 0 {
		out.Recommendation[cloud] = a.none(cloud)
		return
	}

	// close call: the top two within the margin, both priced: the cheaper wins
	var cc *closeCall
	chosen := order[0]
	if len(order) > 1 {
		top, other := order[0], order[1]
		pt, po := ranked[f.models[top]][0], ranked[f.models[other]][0]
		if keys[other].Sub(keys[top]).LessThanOrEqual(a.margin10) && pt.priced && po.priced {
			cc = &closeCall{top: top, other: other}
			if po.usd < pt.usd {
				chosen = other
			}
		}
	}
	m := f.models[chosen]
	ps := ranked[m]

	// the chosen model's preferences, or with the fallback both container models' and its line
	reasons := a.reasons[chosen]
	fellBack := fallback && chosen == a.oc
	if fellBack {
		reasons = a.fallbackReasons(cloud)
	}
	rules := make([]string, len(reasons))
	for i, r := range reasons {
		rules[i] = r.Rule
	}
	all := make([]Reason, 0, len(reasons)+4)
	all = append(all, reasons...)
	all = append(all, a.skipped(cloud, ranked, keys, chosen)...)
	if msg, ok := a.costMessage(cloud, m, costs, terms, cc, keys, rules); ok {
		all = append(all, Reason{Rule: "D-COST", Message: msg})
	} else if cc == nil && len(order) > 1 && keys[order[0]].Equal(keys[order[1]]) {
		all = append(all, Reason{Rule: "D-TIE-BREAK", Message: a.tieMessage(cloud, order, keys)})
	}
	all = append(all, Reason{Rule: "D-PLATFORM", Message: a.platformMessage(cloud, m, ps)})
	out.Recommendation[cloud] = Choice{Model: m, Platform: ps[0].id, Reasons: all}
}

// costTerms are the cost terms of a cloud per model index, in tenths (0 for none).
func (a *arbitration) costTerms(costs []modelCost) []int64 {
	f := a.f
	terms := make([]int64, len(f.models))
	var compared []modelCost
	for _, c := range costs {
		if i, ok := f.modelIndex[c.model]; ok && i >= a.costMin {
			compared = append(compared, c)
		}
	}
	if len(compared) < 2 {
		return terms
	}
	sort.Slice(compared, func(i, j int) bool {
		x, y := compared[i], compared[j]
		if x.key != y.key {
			return x.key < y.key
		}
		if x.id != y.id {
			return x.id < y.id
		}
		return x.model < y.model
	})
	cheapest := compared[0].key
	for _, c := range compared[1:] {
		if t := f.curve.Tenths(c.key, cheapest); t > 0 {
			terms[f.modelIndex[c.model]] = t
		}
	}
	return terms
}

// fallbackReasons are the preferences of both container models, heaviest first, and the
// D-CONTAINER-FALLBACK line.
func (a *arbitration) fallbackReasons(cloud string) []Reason {
	var out []Reason
	for _, p := range a.prefs {
		if p.Model == orchestrated || p.Model == serverless {
			out = append(out, Reason{Rule: p.Rule, Message: p.Message})
		}
	}
	return append(out, Reason{Rule: "D-CONTAINER-FALLBACK", Message: "no serverless-container platform is eligible on " + cloud +
		", so orchestrated containers stand in for serverless containers and take their score, " + formatNumber(a.scores[a.sc]) +
		" (the container criteria above), instead of their own " + formatNumber(a.scores[a.oc])})
}

// skipped are the exclusions that ruled out a better-ranked model on the cloud, sorted by
// platform, rule and message.
func (a *arbitration) skipped(cloud string, ranked map[string][]option, keys []decimal.Decimal, chosen int) []Reason {
	if len(a.in.Excluded) == 0 {
		return nil
	}
	type excl struct{ p, rule, msg string }
	var list []excl
	for _, model := range a.f.cellModels[cloud] {
		i, ok := a.f.modelIndex[model]
		if !ok || ranked[model] != nil {
			continue
		}
		if c := keys[i].Cmp(keys[chosen]); c > 0 || (c == 0 && i > chosen) || i == chosen {
			continue // ranks below the chosen model
		}
		for _, p := range a.f.cells[cloud][model] {
			for _, r := range a.in.Excluded[p] {
				list = append(list, excl{p, r.Rule, r.Message})
			}
		}
	}
	sort.Slice(list, func(i, j int) bool {
		x, y := list[i], list[j]
		if x.p != y.p {
			return x.p < y.p
		}
		if x.rule != y.rule {
			return x.rule < y.rule
		}
		return x.msg < y.msg
	})
	out := make([]Reason, len(list))
	for i, e := range list {
		out[i] = Reason{Rule: e.rule, Message: e.msg}
	}
	return out
}

// costMessage is the D-COST sentence of the chosen model m, when two or more models have an
// eligible priced platform on the cloud and m is one of them: the close call cost decided, the
// comparison with the cheapest eligible platform of each other model, what the cost term took
// and the premium a costlier model is recommended at.
func (a *arbitration) costMessage(cloud, m string, costs []modelCost, terms []int64, cc *closeCall, keys []decimal.Decimal, rules []string) (string, bool) {
	if len(costs) < 2 {
		return "", false
	}
	mine := -1
	for i, c := range costs {
		if c.model == m {
			mine = i
		}
	}
	if mine < 0 {
		return "", false
	}
	f := a.f
	var b strings.Builder
	if cc != nil {
		b.WriteString(f.models[cc.top])
		b.WriteString(" (score ")
		b.WriteString(formatNumber(keys[cc.top].Neg().Shift(-1)))
		b.WriteString(") and ")
		b.WriteString(f.models[cc.other])
		b.WriteString(" (score ")
		b.WriteString(formatNumber(keys[cc.other].Neg().Shift(-1)))
		b.WriteString(") are within the close-call margin of ")
		b.WriteString(f.marginText)
		b.WriteString(", so the cheaper wins: ")
	}
	writeAt(&b, costs[mine])
	b.WriteString(" against the cheapest eligible platform of each other model on ")
	b.WriteString(cloud)
	b.WriteString(": ")
	first := true
	for _, e := range costs {
		if e.model == m {
			continue
		}
		if !first {
			b.WriteString("; ")
		}
		first = false
		writeAt(&b, e)
		b.WriteByte(' ')
		b.WriteString(Relation(e.usd, costs[mine].usd))
	}
	// what the cost term took from each model
	first = true
	for i, m := range f.models {
		if terms[i] == 0 {
			continue
		}
		if first {
			b.WriteString("; the cost term takes ")
		} else {
			b.WriteString(" and ")
		}
		first = false
		b.WriteString(formatNumber(decimal.New(terms[i], -1)))
		b.WriteString(" from ")
		b.WriteString(m)
	}
	if a.oc >= 0 && terms[a.oc] > 0 {
		b.WriteString(" (orchestrated containers are compared at their price plus $")
		b.WriteString(f.orchText)
		b.WriteString("/month for running the cluster)")
	}
	// the premium of a costlier model and the criteria it is paid for
	if cheapest := costs[0]; cheapest.model != m && cheapest.usd < costs[mine].usd {
		b.WriteString("; ")
		b.WriteString(m)
		b.WriteString(" is recommended anyway, at ")
		b.WriteString(a.difference(costs[mine].id, cheapest.id))
		b.WriteString("/month more than ")
		b.WriteString(cheapest.id)
		b.WriteString(", for ")
		if len(rules) > 0 {
			b.WriteString(strings.Join(rules, ", "))
		} else {
			b.WriteString("its place in the model order")
		}
	}
	return b.String(), true
}

// difference is the price of platform p minus the price of q, exactly, as $12.34.
func (a *arbitration) difference(p, q string) string {
	x, errX := decimal.NewFromString(a.in.Prices[p].String())
	y, errY := decimal.NewFromString(a.in.Prices[q].String())
	if errX != nil || errY != nil {
		return usd(a.usd[p] - a.usd[q])
	}
	d := x.Sub(y)
	if d.IsInteger() {
		return "$" + d.String() + ".00"
	}
	return usd(d.InexactFloat64())
}

// writeAt writes "p (model) at $1.23/month".
func writeAt(b *strings.Builder, c modelCost) {
	b.WriteString(c.id)
	b.WriteString(" (")
	b.WriteString(c.model)
	b.WriteString(") at ")
	b.WriteString(usd(c.usd))
	b.WriteString("/month")
}

// tieMessage is the D-TIE-BREAK sentence: the top models score the same and cost cannot decide.
func (a *arbitration) tieMessage(cloud string, order []int, keys []decimal.Decimal) string {
	f := a.f
	top := order[0]
	var tied []string
	for _, i := range order {
		if keys[i].Equal(keys[top]) {
			tied = append(tied, f.models[i])
		}
	}
	return strings.Join(tied, " and ") + " each score " + formatNumber(keys[top].Neg().Shift(-1)) +
		" and cost cannot decide (not all priced on " + cloud + "): " + f.models[top] + " comes first in the tie-break order " + f.order
}

// platformMessage is the D-PLATFORM sentence: the first of the chosen model's eligible platforms
// (the cheapest priced one), with the runner-up, and a note when it runs another CPU
// architecture than the component declares.
func (a *arbitration) platformMessage(cloud, m string, ps []option) string {
	p := ps[0]
	var msg string
	switch {
	case len(ps) == 1 && p.priced:
		msg = p.id + " is the only eligible " + m + " platform on " + cloud + ", at " + usd(p.usd) + "/month"
	case len(ps) == 1:
		msg = p.id + " is the only eligible " + m + " platform on " + cloud + "; it is not priced"
	case p.priced:
		next := "not priced"
		if ps[1].priced {
			next = usd(ps[1].usd) + "/month"
		}
		msg = p.id + " is the cheapest eligible " + m + " platform on " + cloud + " at " + usd(p.usd) + "/month (next: " + ps[1].id + ", " + next + ")"
	default:
		ids := make([]string, len(ps))
		for i, o := range ps {
			ids[i] = o.id
		}
		msg = p.id + " is the first eligible " + m + " platform on " + cloud + " by ID, as none of " + strings.Join(ids, ", ") + " is priced"
	}
	return msg + a.archNote(p.id)
}

// archNote says that platform p runs the component as another CPU architecture than the
// declared one: the architecture is a build choice, not a limit.
func (a *arbitration) archNote(p string) string {
	arch := a.in.Arch
	if arch == "" {
		arch = "x86"
	}
	f := a.f
	offered, ok := f.archOffered[p]
	if !ok || f.archEverywhere[arch] {
		return ""
	}
	for _, o := range offered {
		if o == arch {
			return ""
		}
	}
	return "; it runs as " + strings.Join(offered, " or ") + " here: " + arch + " is not offered (" + f.archCite[p] + ")"
}

// none is the recommendation of a cloud where nothing is eligible (E-NONE): every platform of
// the cloud with the rules that excluded it, then each exclusion.
func (a *arbitration) none(cloud string) Choice {
	ids := a.f.byCloud[cloud]
	msg := "no eligible platform on " + cloud + ": the platform catalogue has none there"
	if len(ids) > 0 {
		parts := make([]string, len(ids))
		for i, p := range ids {
			seen := map[string]bool{}
			var rules []string
			for _, r := range a.in.Excluded[p] {
				if !seen[r.Rule] {
					seen[r.Rule] = true
					rules = append(rules, r.Rule)
				}
			}
			sort.Strings(rules)
			parts[i] = p + " excluded by " + strings.Join(rules, ", ")
		}
		msg = "no eligible platform on " + cloud + ": " + strings.Join(parts, "; ")
	}
	reasons := []Reason{{Rule: "E-NONE", Message: msg}}
	for _, p := range ids {
		reasons = append(reasons, a.in.Excluded[p]...)
	}
	return Choice{Reasons: reasons}
}

// usd renders an amount as $12.34.
func usd(v float64) string { return "$" + strconv.FormatFloat(v, 'f', 2, 64) }
