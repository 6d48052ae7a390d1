package decide

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
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

// Scores are summed in millionths of a point (weights have at most six decimals, see New): exact
// integers, as the rules' tenths were. A cost term in tenths is tenth of them.
const (
	unit  = 1_000_000
	tenth = unit / 10
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
	index int // in model_order, -1 when not there
}

// arbitration holds what one component's arbitration derives once for every cloud.
type arbitration struct {
	f        *Framework
	in       *Input
	prefs    []Preference // sorted: heaviest first, then rule, model, message
	scores   []int64      // per model of f.models, in millionths of a point
	reasons  [][]Reason   // the preferences of each model, heaviest first
	costMin  int          // models before this index take no part in the cost comparison
	sc, oc   int          // indices of the container models, -1 when not in model_order
	fallback bool         // serverless containers score more than orchestrated ones
	perCloud bool         // some preference is judged per cloud (Preference.Cloud)

	// the cloud being decided: its scores, reasons and fallback (the fields above when no
	// preference is judged per cloud)
	cs  []int64
	cr  [][]Reason
	cfb bool

	// scratch, reused from cloud to cloud
	options  []option
	ranked   [][]option // per cell of the cloud: its eligible platforms by cost
	costs    []modelCost
	compared []modelCost
	terms    []int64 // per model: the cost term in tenths
	keys     []int64 // per model: its score on the cloud negated, in millionths
	order    []int   // the models with an eligible platform, best first
	buf      []byte
}

// Arbitrate decides the recommendation of every evaluated cloud from the Rego layers'
// conclusions (see the package documentation and docs/decision-framework.md).
func (f *Framework) Arbitrate(in Input) *Decision {
	n := len(f.models)
	cells := n + 1 // models per cloud, usually those of model_order
	a := &arbitration{f: f, in: &in, sc: -1, oc: -1,
		options: make([]option, 0, f.width), ranked: make([][]option, 0, cells), costs: make([]modelCost, 0, cells),
		compared: make([]modelCost, 0, cells), terms: make([]int64, n), keys: make([]int64, n), order: make([]int, 0, n),
		buf: make([]byte, 0, 512)}
	a.rankPreferences()

	out := &Decision{
		Excluded:       in.Excluded,
		Preferences:    a.prefs,
		Scores:         make(map[string]float64, n),
		CloudScores:    map[string]map[string]float64{},
		Recommendation: map[string]Choice{},
	}
	if out.Excluded == nil {
		out.Excluded = map[string][]Reason{}
	}
	clouds := in.Clouds
	if clouds == nil {
		clouds = f.clouds
	}
	extra := a.everywhere(clouds)
	for i, m := range f.models {
		out.Scores[m] = float64(a.scores[i]+extra[i]) / unit
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
		a.prefs = slices.Clone(a.in.Preferences)
		slices.SortFunc(a.prefs, func(x, y Preference) int {
			switch {
			case x.Weight > y.Weight:
				return -1
			case x.Weight < y.Weight:
				return 1
			}
			if c := strings.Compare(x.Rule, y.Rule); c != 0 {
				return c
			}
			if c := strings.Compare(x.Model, y.Model); c != 0 {
				return c
			}
			return strings.Compare(x.Message, y.Message)
		})
	}
	n := len(f.models)
	a.scores = make([]int64, n)
	a.reasons = make([][]Reason, n)
	counts := make([]int, n)
	for _, p := range a.prefs {
		if i, ok := f.modelIndex[p.Model]; ok {
			counts[i]++
		}
	}
	backing := make([]Reason, 0, len(a.prefs)) // one array for every model's reasons
	for i, c := range counts {
		a.reasons[i] = backing[len(backing) : len(backing) : len(backing)+c]
		backing = backing[:len(backing)+c]
	}
	for _, p := range a.prefs {
		i, ok := f.modelIndex[p.Model]
		if !ok {
			continue
		}
		if p.Cloud != "" {
			a.perCloud = true
			continue // counted on its cloud (forCloud)
		}
		a.scores[i] += int64(math.Round(p.Weight * unit))
		a.reasons[i] = append(a.reasons[i], Reason{Rule: p.Rule, Message: p.Message})
		if f.curve.HardNeeds[p.Rule] && i > a.costMin {
			a.costMin = i
		}
	}
	for i := range a.reasons {
		if len(a.reasons[i]) == 0 {
			a.reasons[i] = nil
		}
	}
	if i, ok := f.modelIndex[serverless]; ok {
		a.sc = i
	}
	if i, ok := f.modelIndex[orchestrated]; ok {
		a.oc = i
	}
	a.fallback = a.sc >= 0 && a.oc >= 0 && a.scores[a.sc] > a.scores[a.oc]
}

// forCloud sets the scores, reasons and fallback of one cloud: the preferences that apply on
// every cloud and those judged on this one.
func (a *arbitration) forCloud(cloud string) {
	if !a.perCloud {
		a.cs, a.cr, a.cfb = a.scores, a.reasons, a.fallback
		return
	}
	n := len(a.f.models)
	a.cs = slices.Clone(a.scores)
	a.cr = make([][]Reason, n)
	for _, p := range a.prefs { // heaviest first, as a.reasons
		i, ok := a.f.modelIndex[p.Model]
		if !ok || (p.Cloud != "" && p.Cloud != cloud) {
			continue
		}
		if p.Cloud != "" {
			a.cs[i] += int64(math.Round(p.Weight * unit))
		}
		a.cr[i] = append(a.cr[i], Reason{Rule: p.Rule, Message: p.Message})
	}
	a.cfb = a.sc >= 0 && a.oc >= 0 && a.cs[a.sc] > a.cs[a.oc]
}

// everywhere is what the per-cloud preferences that hold on every evaluated cloud add to each
// model's score (each rule once), per model index.
func (a *arbitration) everywhere(clouds []string) []int64 {
	extra := make([]int64, len(a.f.models))
	if !a.perCloud || len(clouds) == 0 {
		return extra
	}
	type key struct{ rule, model string }
	on := map[key]int{} // how many evaluated clouds the rule holds on
	for _, p := range a.prefs {
		if p.Cloud != "" && slices.Contains(clouds, p.Cloud) {
			on[key{p.Rule, p.Model}]++
		}
	}
	for _, p := range a.prefs {
		k := key{p.Rule, p.Model}
		if i, ok := a.f.modelIndex[p.Model]; ok && p.Cloud != "" && on[k] == len(clouds) {
			extra[i] += int64(math.Round(p.Weight * unit))
			on[k] = 0 // once
		}
	}
	return extra
}

// price is the monthly cost of a priced platform.
func (a *arbitration) price(id string) (float64, bool) {
	n, ok := a.in.Prices[id]
	if !ok {
		return 0, false
	}
	v, err := n.Float64()
	return v, err == nil
}

// cloud decides one cloud: its scores and its recommendation.
func (a *arbitration) cloud(cloud string, out *Decision) {
	f := a.f
	cells := f.cells[cloud]
	a.forCloud(cloud)

	// ranked: the eligible platforms of each model, priced ones from the cheapest, then unpriced
	// ones; ties by ID (the cells are sorted by ID)
	a.options = a.options[:0]
	a.ranked = a.ranked[:0]
	for _, c := range cells {
		start := len(a.options)
		for _, id := range c.ids {
			if _, excluded := a.in.Excluded[id]; excluded {
				continue
			}
			usd, priced := a.price(id)
			a.options = append(a.options, option{id: id, usd: usd, priced: priced})
		}
		ps := a.options[start:len(a.options):len(a.options)]
		slices.SortStableFunc(ps, func(x, y option) int {
			switch {
			case x.priced != y.priced:
				if x.priced {
					return -1
				}
				return 1
			case x.priced && x.usd < y.usd:
				return -1
			case x.priced && x.usd > y.usd:
				return 1
			}
			return 0
		})
		a.ranked = append(a.ranked, ps)
	}
	rankedOf := func(i int) []option { // by model index
		for j, c := range cells {
			if c.index == i {
				return a.ranked[j]
			}
		}
		return nil
	}

	// D-CONTAINER-FALLBACK: no serverless container is eligible, orchestrated ones are, and the
	// serverless-container score is higher: orchestrated containers take it.
	fallback := a.cfb && len(rankedOf(a.sc)) == 0 && len(rankedOf(a.oc)) > 0

	// model_costs: the cheapest eligible priced platform of each model, by price then ID
	a.costs = a.costs[:0]
	for j, c := range cells {
		if ps := a.ranked[j]; len(ps) > 0 && ps[0].priced {
			a.costs = append(a.costs, modelCost{usd: ps[0].usd, key: f.curve.Key(c.model, ps[0].usd), id: ps[0].id, model: c.model, index: c.index})
		}
	}
	slices.SortFunc(a.costs, func(x, y modelCost) int { return byCost(x, y, x.usd, y.usd) })

	// D-COST: the cost term of each model compared (a hard need leaves the models before it in
	// model_order out), against the cheapest by comparison key, in tenths
	a.costTerms()

	// rank keys: each model's score on the cloud negated (lower ranks first)
	scores := make(map[string]float64, len(f.models))
	a.order = a.order[:0]
	for i, m := range f.models {
		base := a.cs[i]
		if fallback && i == a.oc {
			base = a.cs[a.sc]
		}
		a.keys[i] = a.terms[i]*tenth - base
		scores[m] = 0 - float64(a.keys[i])/unit
		if len(rankedOf(i)) > 0 {
			a.order = append(a.order, i)
		}
	}
	out.CloudScores[cloud] = scores
	keys := a.keys
	slices.SortStableFunc(a.order, func(x, y int) int {
		switch {
		case keys[x] < keys[y]:
			return -1
		case keys[x] > keys[y]:
			return 1
		}
		return 0
	})

	if len(a.order) == 0 {
		out.Recommendation[cloud] = a.none(cloud)
		return
	}

	// close call: the top two within the margin, both priced: the cheaper wins
	closeCall := false
	chosen := a.order[0]
	if len(a.order) > 1 {
		top, other := a.order[0], a.order[1]
		pt, po := rankedOf(top)[0], rankedOf(other)[0]
		if keys[other]-keys[top] <= f.margin && pt.priced && po.priced {
			closeCall = true
			if po.usd < pt.usd {
				chosen = other
			}
		}
	}
	m := f.models[chosen]
	ps := rankedOf(chosen)

	// the chosen model's preferences, or with the fallback both container models' and its line
	reasons := a.cr[chosen]
	if fallback && chosen == a.oc {
		reasons = a.fallbackReasons(cloud)
	}
	skipped := a.skipped(cloud, chosen)
	all := make([]Reason, 0, len(reasons)+len(skipped)+2)
	all = append(all, reasons...)
	all = append(all, skipped...)
	if msg, ok := a.costMessage(cloud, chosen, closeCall, reasons); ok {
		all = append(all, Reason{Rule: "D-COST", Message: msg})
	} else if !closeCall && len(a.order) > 1 && keys[a.order[0]] == keys[a.order[1]] {
		all = append(all, Reason{Rule: "D-TIE-BREAK", Message: a.tieMessage(cloud)})
	}
	all = append(all, Reason{Rule: "D-PLATFORM", Message: a.platformMessage(cloud, m, ps)})
	out.Recommendation[cloud] = Choice{Model: m, Platform: ps[0].id, Reasons: all}
}

// costTerms sets the cost terms of the cloud per model index, in tenths (0 for none).
func (a *arbitration) costTerms() {
	clear(a.terms)
	a.compared = a.compared[:0]
	for _, c := range a.costs {
		if c.index >= 0 && c.index >= a.costMin {
			a.compared = append(a.compared, c)
		}
	}
	if len(a.compared) < 2 {
		return
	}
	slices.SortFunc(a.compared, func(x, y modelCost) int { return byCost(x, y, x.key, y.key) })
	cheapest := a.compared[0].key
	for _, c := range a.compared[1:] {
		if t := a.f.curve.Tenths(c.key, cheapest); t > 0 {
			a.terms[c.index] = t
		}
	}
}

// fallbackReasons are the preferences of both container models, heaviest first, and the
// D-CONTAINER-FALLBACK line.
func (a *arbitration) fallbackReasons(cloud string) []Reason {
	var out []Reason
	for _, p := range a.prefs {
		if (p.Model == orchestrated || p.Model == serverless) && (p.Cloud == "" || p.Cloud == cloud) {
			out = append(out, Reason{Rule: p.Rule, Message: p.Message})
		}
	}
	return append(out, Reason{Rule: "D-CONTAINER-FALLBACK", Message: "no serverless-container platform is eligible on " + cloud +
		", so orchestrated containers stand in for serverless containers and take their score, " + formatMicro(a.cs[a.sc]) +
		" (the container criteria above), instead of their own " + formatMicro(a.cs[a.oc])})
}

// skipped are the exclusions that ruled out a better-ranked model on the cloud, sorted by
// platform, rule and message.
func (a *arbitration) skipped(cloud string, chosen int) []Reason {
	if len(a.in.Excluded) == 0 {
		return nil
	}
	type excl struct{ p, rule, msg string }
	var list []excl
	for j, c := range a.f.cells[cloud] {
		i := c.index
		if i < 0 || len(a.ranked[j]) > 0 || a.keys[i] > a.keys[chosen] || (a.keys[i] == a.keys[chosen] && i > chosen) {
			continue // has an eligible platform, or ranks below the chosen model
		}
		for _, p := range c.ids {
			for _, r := range a.in.Excluded[p] {
				list = append(list, excl{p, r.Rule, r.Message})
			}
		}
	}
	if len(list) == 0 {
		return nil
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

// costMessage is the D-COST sentence of the chosen model, when two or more models have an
// eligible priced platform on the cloud and it is one of them: the close call cost decided, the
// comparison with the cheapest eligible platform of each other model, what the cost term took
// and the premium a costlier model is recommended at, with the criteria it is paid for.
func (a *arbitration) costMessage(cloud string, chosen int, closeCall bool, reasons []Reason) (string, bool) {
	costs := a.costs
	if len(costs) < 2 {
		return "", false
	}
	f := a.f
	m := f.models[chosen]
	mine := -1
	for i, c := range costs {
		if c.model == m {
			mine = i
		}
	}
	if mine < 0 {
		return "", false
	}
	b := a.buf[:0]
	if closeCall {
		top, other := a.order[0], a.order[1]
		b = append(b, f.models[top]...)
		b = append(b, " (score "...)
		b = append(b, formatMicro(-a.keys[top])...)
		b = append(b, ") and "...)
		b = append(b, f.models[other]...)
		b = append(b, " (score "...)
		b = append(b, formatMicro(-a.keys[other])...)
		b = append(b, ") are within the close-call margin of "...)
		b = append(b, f.marginText...)
		b = append(b, ", so the cheaper wins: "...)
	}
	b = appendAt(b, costs[mine])
	b = append(b, " against the cheapest eligible platform of each other model on "...)
	b = append(b, cloud...)
	b = append(b, ": "...)
	first := true
	for _, e := range costs {
		if e.model == m {
			continue
		}
		if !first {
			b = append(b, "; "...)
		}
		first = false
		b = appendAt(b, e)
		b = append(b, ' ')
		b = append(b, Relation(e.usd, costs[mine].usd)...)
	}
	// what the cost term took from each model
	first = true
	for i, model := range f.models {
		if a.terms[i] == 0 {
			continue
		}
		if first {
			b = append(b, "; the cost term takes "...)
		} else {
			b = append(b, " and "...)
		}
		first = false
		b = append(b, formatMicro(a.terms[i]*tenth)...)
		b = append(b, " from "...)
		b = append(b, model...)
	}
	if a.oc >= 0 && a.terms[a.oc] > 0 {
		b = append(b, " (orchestrated containers are compared at their price plus $"...)
		b = append(b, f.orchText...)
		b = append(b, "/month for running the cluster)"...)
	}
	// the premium of a costlier model and the criteria it is paid for
	if cheapest := costs[0]; cheapest.model != m && cheapest.usd < costs[mine].usd {
		b = append(b, "; "...)
		b = append(b, m...)
		b = append(b, " is recommended anyway, at "...)
		b = append(b, a.difference(costs[mine].id, cheapest.id)...)
		b = append(b, "/month more than "...)
		b = append(b, cheapest.id...)
		b = append(b, ", for "...)
		if len(reasons) == 0 {
			b = append(b, "its place in the model order"...)
		}
		for i, r := range reasons {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = append(b, r.Rule...)
		}
	}
	a.buf = b
	return string(b), true
}

// difference is the price of platform p minus the price of q, exactly, as $12.34.
func (a *arbitration) difference(p, q string) string {
	x, errX := decimal.NewFromString(a.in.Prices[p].String())
	y, errY := decimal.NewFromString(a.in.Prices[q].String())
	if errX != nil || errY != nil {
		px, _ := a.price(p)
		py, _ := a.price(q)
		return usd(px - py)
	}
	d := x.Sub(y)
	if d.IsInteger() {
		return "$" + d.String() + ".00"
	}
	return usd(d.InexactFloat64())
}

// appendAt appends "p (model) at $1.23/month".
func appendAt(b []byte, c modelCost) []byte {
	b = append(b, c.id...)
	b = append(b, " ("...)
	b = append(b, c.model...)
	b = append(b, ") at $"...)
	b = strconv.AppendFloat(b, c.usd, 'f', 2, 64)
	return append(b, "/month"...)
}

// tieMessage is the D-TIE-BREAK sentence: the top models score the same and cost cannot decide.
func (a *arbitration) tieMessage(cloud string) string {
	f := a.f
	top := a.order[0]
	var tied []string
	for _, i := range a.order {
		if a.keys[i] == a.keys[top] {
			tied = append(tied, f.models[i])
		}
	}
	return strings.Join(tied, " and ") + " each score " + formatMicro(-a.keys[top]) +
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
	if note := a.archNote(p.id); note != "" {
		return msg + note
	}
	return msg
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
	if !ok || f.archEverywhere[arch] || slices.Contains(offered, arch) {
		return ""
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
			var rules []string
			for _, r := range a.in.Excluded[p] {
				if !slices.Contains(rules, r.Rule) {
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

// usd renders an amount as $1,234.56 (the one money format of human-readable outputs).
func usd(v float64) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	whole, frac, _ := strings.Cut(strconv.FormatFloat(v, 'f', 2, 64), ".")
	b := make([]byte, 0, len(whole)+len(whole)/3)
	for i := range len(whole) {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, whole[i])
	}
	return sign + "$" + string(b) + "." + frac
}

// formatMicro prints n millionths of a point as the rules' sprintf("%v") printed the number:
// whole numbers as integers, others as the shortest decimal of their float64 value (6.8, -1.1).
func formatMicro(n int64) string {
	if n%unit == 0 {
		return strconv.FormatInt(n/unit, 10)
	}
	return fmt.Sprint(float64(n) / unit)
}

// byCost orders two model costs by the amounts given (their price or their comparison key), then
// by platform ID and model.
func byCost(x, y modelCost, vx, vy float64) int {
	switch {
	case vx < vy:
		return -1
	case vx > vy:
		return 1
	}
	if c := strings.Compare(x.id, y.id); c != 0 {
		return c
	}
	return strings.Compare(x.model, y.model)
}
