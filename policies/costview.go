package policies

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/hybridadvisor/hybridadvisor/pricing"
)

// CostCurve is weights.cost of data/weights.yaml: the parameters of the cost term (D-COST).
type CostCurve struct {
	Weight           float64  // weight: what a cost ratio of infinity takes from a score
	FullGapUSD       float64  // full_gap_usd: the gap in dollars from which the ratio counts fully
	OrchestrationUSD float64  // orchestration_usd: added to orchestrated containers' cost in comparisons
	Models           []string // model_order
	// CodeOnly are the platforms that deploy code only (limits.yaml deploys without image):
	// E-IMAGE excludes them for a component that ships an image.
	CodeOnly map[string]bool
}

var loadCostCurve = sync.OnceValues(func() (CostCurve, error) {
	w, err := readYAML("weights.yaml")
	if err != nil {
		return CostCurve{}, err
	}
	m, _ := w.(map[string]any)
	cost, _ := m["cost"].(map[string]any)
	var out CostCurve
	for key, dst := range map[string]*float64{"weight": &out.Weight, "full_gap_usd": &out.FullGapUSD, "orchestration_usd": &out.OrchestrationUSD} {
		n, ok := cost[key].(json.Number)
		f, err := n.Float64()
		if !ok || err != nil {
			return CostCurve{}, fmt.Errorf("weights.yaml: cost.%s is %v, want a number", key, cost[key])
		}
		*dst = f
	}
	order, _ := m["model_order"].([]any)
	for _, x := range order {
		s, _ := x.(string)
		out.Models = append(out.Models, s)
	}
	limits, err := readYAML("limits.yaml")
	if err != nil {
		return CostCurve{}, err
	}
	platforms, _ := limits.(map[string]any)["platforms"].(map[string]any)
	out.CodeOnly = map[string]bool{}
	for id, l := range platforms {
		deploys, _ := l.(map[string]any)["deploys"].(map[string]any)
		values, _ := deploys["value"].([]any)
		image := false
		for _, v := range values {
			image = image || v == "image"
		}
		out.CodeOnly[id] = !image
	}
	if out.FullGapUSD <= 0 {
		return CostCurve{}, fmt.Errorf("weights.yaml: cost.full_gap_usd must be above 0")
	}
	return out, nil
})

// Curve returns weights.cost.
func Curve() (CostCurve, error) { return loadCostCurve() }

// Key is the cost an option is compared at: its price, plus OrchestrationUSD for an orchestrated
// container.
func (k CostCurve) Key(model string, usd float64) float64 {
	if model == pricing.OrchestratedContainer {
		return math.Round((usd+k.OrchestrationUSD)*100) / 100 // no float noise in the input
	}
	return usd
}

// Term is what the cost term takes from a model compared at c against the cheapest at f:
// Weight x (c - f) / (c + f) x min(1, (c - f) / FullGapUSD), rounded to 0.1.
func (k CostCurve) Term(c, f float64) float64 {
	if c <= f {
		return 0
	}
	gap := c - f
	return math.Round(k.Weight*gap/(c+f)*min(1, gap/k.FullGapUSD)*10) / 10
}

// CostOption is one option of a component: its monthly cost, or Unpriced.
type CostOption struct {
	Platform, Cloud, Model string
	USD                    float64
	Unpriced               bool
}

// CostView builds input.cost_view, the numbers and phrases of the cost comparison that the
// decision rules would otherwise compute with float arithmetic (the dearest operation in Rego)
// on every evaluation, for the priced options of one component:
//
//	keys[p]          the cost p is compared at (Key)
//	weights[p][q]    Term(keys[p], keys[q]) in tenths of a point (an integer: the rules add
//	                 small integers quickly) for two options of one cloud, when above 0
//	usd[p]           "$40.50"
//	relations[p][q]  how p's price compares with q's: "costs 2.5x more", "is 1.13x cheaper",
//	                 "costs more" (than $0), "costs nothing", "costs the same"
//	clouds[cloud]    what the rules conclude from the above when no platform is excluded and no
//	                 hard need narrows the comparison (the usual case): costs (model_costs),
//	                 terms (cost_terms), sentences[model] (the D-COST comparison when that model
//	                 is recommended, with term_clause), term_clause and platforms[model] (its
//	                 D-PLATFORM sentence, when every platform of the model is priced)
//
// policies/decision/recommend.rego derives the same view when the input has none.
//
// model_costs and terms gather clouds[cloud].costs and .terms (non-empty ones) by cloud;
// setback[model] is the model's largest term over the clouds (see clear_lead in recommend.rego);
// rank_terms[cloud][model] is terms[cloud][model] for every cloud of the options and every model,
// 0 when absent (rank_keys then needs no lookup with a default).
// ranked[cloud][model] is the rules' ranked (every option eligible): the platforms of a model on a
// cloud, priced ones from the cheapest, then unpriced ones, ties by ID. For a component that ships
// an image, image holds clouds, model_costs, terms, setback and ranked without the code-only platforms,
// which E-IMAGE excludes (used when they are the only exclusions).
func (k CostCurve) CostView(all []CostOption, shipsImage bool) *ast.Term {
	opts := make([]CostOption, 0, len(all))
	for _, o := range all {
		if !o.Unpriced {
			opts = append(opts, o)
		}
	}
	var imageClouds *ast.Term
	if shipsImage {
		var allImage, optsImage []CostOption
		for _, o := range all {
			if !k.CodeOnly[o.Platform] {
				allImage = append(allImage, o)
				if !o.Unpriced {
					optsImage = append(optsImage, o)
				}
			}
		}
		c, mc, ct, sb := k.clouds(optsImage, allImage)
		rt := k.rankTerms(ct, all)
		imageClouds = ast.ObjectTerm(
			[2]*ast.Term{name("clouds"), c},
			[2]*ast.Term{name("model_costs"), mc},
			[2]*ast.Term{name("terms"), ct},
			[2]*ast.Term{name("setback"), sb},
			[2]*ast.Term{name("rank_terms"), rt},
			[2]*ast.Term{name("ranked"), ranked(allImage, all)},
		)
	}
	clouds, modelCosts, cloudTerms, setback := k.clouds(opts, all)
	keys := make([][2]*ast.Term, 0, len(opts))
	usd := make([][2]*ast.Term, 0, len(opts))
	var weights, relations [][2]*ast.Term
	for _, p := range opts {
		id := name(p.Platform)
		kp := k.Key(p.Model, p.USD)
		keys = append(keys, [2]*ast.Term{id, ast.FloatNumberTerm(kp)})
		usd = append(usd, [2]*ast.Term{id, name(fmt.Sprintf("$%.2f", p.USD))})
		var ws, rs [][2]*ast.Term
		for _, q := range opts {
			if q.Cloud != p.Cloud || q.Platform == p.Platform {
				continue
			}
			qid := name(q.Platform)
			if w := k.Term(kp, k.Key(q.Model, q.USD)); w > 0 {
				ws = append(ws, [2]*ast.Term{qid, tenths(w)})
			}
			rs = append(rs, [2]*ast.Term{qid, name(Relation(p.USD, q.USD))})
		}
		if len(ws) > 0 {
			weights = append(weights, [2]*ast.Term{id, ast.ObjectTerm(ws...)})
		}
		if len(rs) > 0 {
			relations = append(relations, [2]*ast.Term{id, ast.ObjectTerm(rs...)})
		}
	}
	view := ast.NewObject(
		[2]*ast.Term{name("clouds"), clouds},
		[2]*ast.Term{name("model_costs"), modelCosts},
		[2]*ast.Term{name("terms"), cloudTerms},
		[2]*ast.Term{name("setback"), setback},
		[2]*ast.Term{name("rank_terms"), k.rankTerms(cloudTerms, all)},
		[2]*ast.Term{name("keys"), ast.ObjectTerm(keys...)},
		[2]*ast.Term{name("weights"), ast.ObjectTerm(weights...)},
		[2]*ast.Term{name("usd"), ast.ObjectTerm(usd...)},
		[2]*ast.Term{name("relations"), ast.ObjectTerm(relations...)},
		[2]*ast.Term{name("ranked"), ranked(all, all)},
	)
	if imageClouds != nil {
		view.Insert(name("image"), imageClouds)
	}
	return ast.NewTerm(view)
}

// rankTerms is cost_view.rank_terms (see CostView) from its terms.
func (k CostCurve) rankTerms(terms *ast.Term, all []CostOption) *ast.Term {
	byCloud := terms.Value.(ast.Object)
	var out [][2]*ast.Term
	seen := map[string]bool{}
	for _, o := range all {
		if seen[o.Cloud] {
			continue
		}
		seen[o.Cloud] = true
		var cloud ast.Object
		if t := byCloud.Get(name(o.Cloud)); t != nil {
			cloud = t.Value.(ast.Object)
		}
		kv := make([][2]*ast.Term, len(k.Models))
		for i, m := range k.Models {
			v := ast.InternedTerm(0)
			if cloud != nil {
				if w := cloud.Get(name(m)); w != nil {
					v = w
				}
			}
			kv[i] = [2]*ast.Term{name(m), v}
		}
		out = append(out, [2]*ast.Term{name(o.Cloud), ast.ObjectTerm(kv...)})
	}
	return ast.ObjectTerm(out...)
}

// ranked is cost_view.ranked (see CostView) for the eligible options of the clouds of all: every
// cloud of all is a key, as the rules list every evaluated cloud, even one with no eligible
// platform (sorting a model's platforms by cost in Rego allocates per element).
func ranked(eligible, all []CostOption) *ast.Term {
	var clouds []string
	byCloud := map[string]map[string][]CostOption{}
	models := map[string][]string{}
	for _, o := range all {
		if byCloud[o.Cloud] == nil {
			byCloud[o.Cloud] = map[string][]CostOption{}
			clouds = append(clouds, o.Cloud)
		}
	}
	for _, o := range eligible {
		if byCloud[o.Cloud][o.Model] == nil {
			models[o.Cloud] = append(models[o.Cloud], o.Model)
		}
		byCloud[o.Cloud][o.Model] = append(byCloud[o.Cloud][o.Model], o)
	}
	out := make([][2]*ast.Term, 0, len(clouds))
	for _, cloud := range clouds {
		cells := make([][2]*ast.Term, 0, len(models[cloud]))
		for _, m := range models[cloud] {
			ps := byCloud[cloud][m]
			// as by_cost in recommend.rego: a price sorts before "unpriced", ties by ID
			sort.Slice(ps, func(i, j int) bool {
				a, b := ps[i], ps[j]
				if a.Unpriced != b.Unpriced {
					return b.Unpriced
				}
				if !a.Unpriced && a.USD != b.USD {
					return a.USD < b.USD
				}
				return a.Platform < b.Platform
			})
			ids := make([]*ast.Term, len(ps))
			for i, o := range ps {
				ids[i] = name(o.Platform)
			}
			cells = append(cells, [2]*ast.Term{name(m), ast.ArrayTerm(ids...)})
		}
		out = append(out, [2]*ast.Term{name(cloud), ast.ObjectTerm(cells...)})
	}
	return ast.ObjectTerm(out...)
}

// Relation says how a price c compares with the recommended price mine (relation in
// recommend.rego).
func Relation(c, mine float64) string {
	switch {
	case c > mine && mine > 0:
		return "costs " + ratioText(c/mine) + "x more"
	case c < mine && c > 0:
		return "is " + ratioText(mine/c) + "x cheaper"
	case c > mine:
		return "costs more"
	case c < mine:
		return "costs nothing"
	}
	return "costs the same"
}

// ratioText renders a cost ratio: two decimals below 2, one below 100, whole above.
func ratioText(r float64) string {
	switch {
	case r < 2:
		r = math.Round(r*100) / 100
	case r < 100:
		r = math.Round(r*10) / 10
	default:
		r = math.Round(r)
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// clouds is cost_view.clouds: per cloud, the cheapest priced option of each model and what the
// rules derive from them when every option is eligible (see CostView).
//
// setback[model] is the largest cost term of the model over the clouds, in tenths (0 when it has
// none): what the cost term can take from it against any other model on any cloud.
func (k CostCurve) clouds(opts, all []CostOption) (clouds, modelCosts, cloudTerms, setback *ast.Term) {
	var order []string
	cheapest := map[string]map[string]CostOption{}
	for _, o := range opts {
		if cheapest[o.Cloud] == nil {
			cheapest[o.Cloud] = map[string]CostOption{}
			order = append(order, o.Cloud)
		}
		if c, ok := cheapest[o.Cloud][o.Model]; !ok || o.USD < c.USD || (o.USD == c.USD && o.Platform < c.Platform) {
			cheapest[o.Cloud][o.Model] = o
		}
	}
	out := make([][2]*ast.Term, 0, len(order))
	var costsOut, termsOut [][2]*ast.Term
	most := map[string]float64{}
	for _, cloud := range order {
		var list []CostOption
		for _, o := range cheapest[cloud] {
			list = append(list, o)
		}
		byCost := func(key func(CostOption) float64) {
			sort.Slice(list, func(i, j int) bool {
				if a, b := key(list[i]), key(list[j]); a != b {
					return a < b
				}
				return list[i].Platform < list[j].Platform
			})
		}
		// terms: against the cheapest by comparison key
		byCost(func(o CostOption) float64 { return k.Key(o.Model, o.USD) })
		terms := map[string]float64{}
		for _, o := range list[1:] {
			if w := k.Term(k.Key(o.Model, o.USD), k.Key(list[0].Model, list[0].USD)); w > 0 {
				terms[o.Model] = w
			}
		}
		var termTerms [][2]*ast.Term
		var parts []string
		for _, m := range k.Models {
			if w, ok := terms[m]; ok {
				most[m] = max(most[m], w)
				termTerms = append(termTerms, [2]*ast.Term{name(m), tenths(w)})
				parts = append(parts, fmt.Sprintf("%s from %s", num(w), m))
			}
		}
		clause := ""
		if len(parts) > 0 {
			clause = "; the cost term takes " + strings.Join(parts, " and ")
			if terms[pricing.OrchestratedContainer] > 0 {
				clause += fmt.Sprintf(" (orchestrated containers are compared at their price plus $%s/month for running the cluster)", num(k.OrchestrationUSD))
			}
		}
		// costs and sentences: by price
		byCost(func(o CostOption) float64 { return o.USD })
		costs := make([]*ast.Term, len(list))
		var sentences [][2]*ast.Term
		// "p (model) at $1.23/month" once per option: the sentences repeat it (built without fmt,
		// which allocates per argument; strconv's 'f' with 2 digits is fmt's %.2f)
		at := make([]string, len(list))
		for i, o := range list {
			at[i] = o.Platform + " (" + o.Model + ") at $" + strconv.FormatFloat(o.USD, 'f', 2, 64) + "/month"
		}
		var b strings.Builder
		for i, o := range list {
			costs[i] = ast.ArrayTerm(ast.FloatNumberTerm(o.USD), name(o.Platform), name(o.Model))
			if len(list) < 2 {
				continue // no other model: no comparison
			}
			b.Reset()
			b.WriteString(at[i])
			b.WriteString(" against the cheapest eligible platform of each other model on ")
			b.WriteString(cloud)
			b.WriteString(": ")
			first := true
			for j, e := range list {
				if e.Model == o.Model {
					continue
				}
				if !first {
					b.WriteString("; ")
				}
				first = false
				b.WriteString(at[j])
				b.WriteByte(' ')
				b.WriteString(Relation(e.USD, o.USD))
			}
			b.WriteString(clause)
			sentences = append(sentences, [2]*ast.Term{name(o.Model), ast.StringTerm(b.String())})
		}
		costsOut = append(costsOut, [2]*ast.Term{name(cloud), ast.ArrayTerm(costs...)})
		if len(termTerms) > 0 {
			termsOut = append(termsOut, [2]*ast.Term{name(cloud), ast.ObjectTerm(termTerms...)})
		}
		out = append(out, [2]*ast.Term{name(cloud), ast.ObjectTerm(
			[2]*ast.Term{name("costs"), ast.ArrayTerm(costs...)},
			[2]*ast.Term{name("terms"), ast.ObjectTerm(termTerms...)},
			[2]*ast.Term{name("sentences"), ast.ObjectTerm(sentences...)},
			[2]*ast.Term{name("term_clause"), name(clause)},
			[2]*ast.Term{name("platforms"), platformSentences(cloud, all)},
		)})
	}
	setbacks := make([][2]*ast.Term, len(k.Models))
	for i, m := range k.Models {
		setbacks[i] = [2]*ast.Term{name(m), tenths(most[m])}
	}
	return ast.ObjectTerm(out...), ast.ObjectTerm(costsOut...), ast.ObjectTerm(termsOut...), ast.ObjectTerm(setbacks...)
}

// num renders a number as Rego's %v does: 6.8, 16.
func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// tenths is a weight in tenths of a point, as the rules count scores.
func tenths(w float64) *ast.Term { return ast.InternedTerm(int(math.Round(w * 10))) }

// platformSentences are the D-PLATFORM sentences of a cloud's models when every platform is
// eligible (platform_line in recommend.rego), for the models whose platforms are all priced.
func platformSentences(cloud string, all []CostOption) *ast.Term {
	byModel := map[string][]CostOption{}
	var models []string
	for _, o := range all {
		if o.Cloud != cloud {
			continue
		}
		if byModel[o.Model] == nil {
			models = append(models, o.Model)
		}
		byModel[o.Model] = append(byModel[o.Model], o)
	}
	var out [][2]*ast.Term
	for _, m := range models {
		ps := byModel[m]
		priced := true
		for _, o := range ps {
			priced = priced && !o.Unpriced
		}
		if !priced {
			continue // the rules word the unpriced cases
		}
		sort.Slice(ps, func(i, j int) bool {
			if ps[i].USD != ps[j].USD {
				return ps[i].USD < ps[j].USD
			}
			return ps[i].Platform < ps[j].Platform
		})
		msg := fmt.Sprintf("%s is the only eligible %s platform on %s, at $%.2f/month", ps[0].Platform, m, cloud, ps[0].USD)
		if len(ps) > 1 {
			msg = fmt.Sprintf("%s is the cheapest eligible %s platform on %s at $%.2f/month (next: %s, $%.2f/month)", ps[0].Platform, m, cloud, ps[0].USD, ps[1].Platform, ps[1].USD)
		}
		out = append(out, [2]*ast.Term{name(m), name(msg)})
	}
	return ast.ObjectTerm(out...)
}

// names holds the terms of the strings that every cost view repeats (platform IDs, clouds, models
// and the view's field names), built once: a cost view is built per component, and an ast term is
// never modified once built, so the views can share them (OPA interns common terms the same way).
var names = sync.OnceValue(func() map[string]*ast.Term {
	out := map[string]*ast.Term{}
	for _, s := range []string{"clouds", "model_costs", "terms", "setback", "rank_terms", "ranked", "keys", "weights", "usd", "relations", "image", "costs", "sentences", "term_clause", "platforms", "",
		"costs more", "costs nothing", "costs the same", "$0.00",
		// input.options (advisor.optionsTerm)
		"cloud", "model", "priced", "front_door", "monthly_cost_usd", "none", "api_gateway", "function_url", "load_balancer", "builtin"} {
		out[s] = ast.StringTerm(s)
	}
	for _, p := range pricing.Platforms {
		for _, s := range []string{p.ID, p.Cloud, p.Model} {
			out[s] = ast.StringTerm(s)
		}
	}
	return out
})

// Name returns the shared term of a string that every component's input repeats (a platform ID,
// cloud, model or field name of input.options and input.cost_view), or a new term for another.
func Name(s string) *ast.Term { return name(s) }

// name returns the shared term of s (see names), or a new one.
func name(s string) *ast.Term {
	if t, ok := names()[s]; ok {
		return t
	}
	return ast.StringTerm(s)
}
