// Package decide is the arbitration layer of the decision framework, in Go. The Rego layers
// (policies/decision) decide which platforms a component may run on (eligibility, E-...) and
// which criteria speak for each model (preferences, D-... with their weights and messages);
// this package turns their conclusions and the component's prices into the recommendation per
// cloud, the per-cloud scores, their reasons, and the architecture verdicts: the cost term and
// close calls (D-COST), the container fallback (D-CONTAINER-FALLBACK), the tie-break
// (D-TIE-BREAK), the platform (D-PLATFORM), nothing eligible (E-NONE) and the hybrid verdict
// (D-HYBRID). Those rules' METADATA stays in policies/decision/arbitration.rego, so the rule
// catalogue is still read from annotations.
//
// It reads the same data document as the rules (Data: the catalogue, the limits, the weights
// and the index derived from them), so weights.yaml tunes both layers. Scores are counted
// exactly, in millionths of a point (weights have at most six decimals), money differences in
// decimals, and the sentences print numbers as the Rego rules' sprintf("%v") did.
package decide

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/shopspring/decimal"
)

// Rules are the IDs of the rules the arbitration applies. Their METADATA (title, description,
// source) is in policies/decision/arbitration.rego, from which the rule catalogue is read.
var Rules = []string{"D-CONTAINER-FALLBACK", "D-COST", "D-HYBRID", "D-ONE-MODEL", "D-PLATFORM", "D-TIE-BREAK", "E-NONE"}

// Reason is a rule that fired with its sentence.
type Reason struct {
	Rule    string
	Message string
}

// Preference is a preference rule that added Weight to Model's score.
type Preference struct {
	Rule    string
	Model   string
	Weight  float64
	Message string
	// Cloud is set on a preference judged per cloud (D-STATELESS-SHORT, D-LONG-RUNNING): it
	// adds to the model's score on that cloud only. "" applies on every cloud.
	Cloud string
}

// Choice is the model and platform chosen on one cloud; both are empty when
// nothing is eligible there.
type Choice struct {
	Model    string
	Platform string
	Reasons  []Reason
}

// Decision is what the decision framework concluded for one component. It is
// shared by every component with the same decision input when the caller
// memoises it: read it, never change it.
type Decision struct {
	Excluded    map[string][]Reason
	Preferences []Preference
	// Scores are the preferences' scores per model: those that apply on every cloud, a per-cloud
	// preference counted when it holds on every evaluated cloud (CloudScores are exact per cloud).
	Scores map[string]float64
	// CloudScores are the scores per cloud: Scores with the container fallback and the cost term.
	CloudScores    map[string]map[string]float64
	Recommendation map[string]Choice
}

// ArchitectureOutput is the verdict per cloud ("" when no component is placed there).
type ArchitectureOutput struct {
	Verdict map[string]string
	Reasons map[string][]Reason
}

// Framework is the data the arbitration reads, loaded once from the data document. Safe for
// concurrent use.
type Framework struct {
	models     []string // weights.model_order: the tie-break order
	modelIndex map[string]int
	margin     int64  // weights.close_call_margin, in millionths of a point
	marginText string // as the rules printed it
	curve      Curve
	orchText   string // weights.cost.orchestration_usd as the rules printed it
	order      string // the models joined by " > "

	clouds  []string            // index.clouds
	cells   map[string][]cell   // index.cells: the platforms of each model on a cloud
	byCloud map[string][]string // index.by_cloud
	width   int                 // the most platforms a cloud has

	archEverywhere map[string]bool     // index.everywhere.arch
	archOffered    map[string][]string // limits[p].arch.value
	archCite       map[string]string   // limits[p].arch: "source, as of date"
}

// cell is the platforms of one model on a cloud (index.cells), sorted by ID.
type cell struct {
	model string
	index int // in model_order, -1 when the model is not there
	ids   []string
}

// New reads the framework from the data document (Data).
func New(doc map[string]any) (*Framework, error) {
	root, _ := doc["hybridadvisor"].(map[string]any)
	weights, _ := root["weights"].(map[string]any)
	index, _ := root["index"].(map[string]any)
	limits, _ := root["limits"].(map[string]any)
	if weights == nil || index == nil || limits == nil {
		return nil, fmt.Errorf("decision data: weights, index or limits missing")
	}
	f := &Framework{modelIndex: map[string]int{}, cells: map[string][]cell{}, byCloud: map[string][]string{},
		archEverywhere: map[string]bool{}, archOffered: map[string][]string{}, archCite: map[string]string{}}
	for _, m := range stringList(weights["model_order"]) {
		f.modelIndex[m] = len(f.models)
		f.models = append(f.models, m)
	}
	if len(f.models) == 0 {
		return nil, fmt.Errorf("weights.yaml: model_order is empty")
	}
	f.order = strings.Join(f.models, " > ")
	margin, marginText, err := number(weights["close_call_margin"], "close_call_margin")
	if err != nil {
		return nil, err
	}
	if f.margin, err = micro(margin, "close_call_margin"); err != nil {
		return nil, err
	}
	f.marginText = marginText
	rules, _ := weights["rules"].(map[string]any)
	for id, w := range rules {
		d, _, err := number(w, "rules."+id)
		if err != nil {
			return nil, err
		}
		if _, err := micro(d, "rules."+id); err != nil {
			return nil, err
		}
	}
	cost, _ := weights["cost"].(map[string]any)
	for key, dst := range map[string]*float64{"weight": &f.curve.Weight, "full_gap_usd": &f.curve.FullGapUSD, "orchestration_usd": &f.curve.OrchestrationUSD} {
		d, text, err := number(cost[key], "cost."+key)
		if err != nil {
			return nil, err
		}
		*dst = d.InexactFloat64()
		if key == "orchestration_usd" {
			f.orchText = text
		}
	}
	if f.curve.FullGapUSD <= 0 {
		return nil, fmt.Errorf("weights.yaml: cost.full_gap_usd must be above 0")
	}
	f.curve.HardNeeds = map[string]bool{}
	for _, r := range stringList(cost["hard_needs"]) {
		f.curve.HardNeeds[r] = true
	}

	f.clouds = stringList(index["clouds"])
	cells, _ := index["cells"].(map[string]any)
	for cloud, ms := range cells {
		byModel, _ := ms.(map[string]any)
		n := 0
		for m, ids := range byModel {
			i, ok := f.modelIndex[m]
			if !ok {
				i = -1
			}
			c := cell{model: m, index: i, ids: stringList(ids)}
			f.cells[cloud] = append(f.cells[cloud], c)
			n += len(c.ids)
		}
		sort.Slice(f.cells[cloud], func(i, j int) bool { return f.cells[cloud][i].model < f.cells[cloud][j].model })
		f.width = max(f.width, n)
	}
	byCloud, _ := index["by_cloud"].(map[string]any)
	for cloud, ids := range byCloud {
		f.byCloud[cloud] = stringList(ids)
	}
	everywhere, _ := index["everywhere"].(map[string]any)
	for _, a := range stringList(everywhere["arch"]) {
		f.archEverywhere[a] = true
	}
	platforms, _ := limits["platforms"].(map[string]any)
	for p, l := range platforms {
		arch, _ := l.(map[string]any)["arch"].(map[string]any)
		if values, ok := arch["value"].([]any); ok {
			f.archOffered[p] = stringList(values)
			f.archCite[p] = fmt.Sprintf("%v, as of %v", arch["source"], arch["as_of"])
		}
	}
	return f, nil
}

// Models is weights.model_order.
func (f *Framework) Models() []string { return f.models }

// Clouds is every cloud of the catalogue, sorted: the clouds evaluated when an input names none.
func (f *Framework) Clouds() []string { return f.clouds }

// Curve is weights.cost.
func (f *Framework) Curve() Curve { return f.curve }

// number reads a number of the data document (a json.Number) with its text as the rules'
// sprintf("%v") printed it.
func number(v any, name string) (decimal.Decimal, string, error) {
	n, ok := v.(json.Number)
	if !ok {
		return decimal.Decimal{}, "", fmt.Errorf("weights.yaml: %s is %v, want a number", name, v)
	}
	d, err := decimal.NewFromString(n.String())
	if err != nil {
		return decimal.Decimal{}, "", fmt.Errorf("weights.yaml: %s: %w", name, err)
	}
	return d, formatDecimal(d), nil
}

// micro is d in millionths of a point: the unit scores are summed in, exactly.
func micro(d decimal.Decimal, name string) (int64, error) {
	m := d.Shift(6)
	if !m.IsInteger() || m.Abs().GreaterThan(decimal.New(1, 15)) {
		return 0, fmt.Errorf("weights.yaml: %s is %s: use at most six decimals and less than a billion", name, d)
	}
	return m.IntPart(), nil
}

func stringList(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// formatDecimal prints a number of the data document as the rules' sprintf("%v") did.
func formatDecimal(d decimal.Decimal) string {
	if d.IsInteger() {
		return d.String()
	}
	return fmt.Sprint(d.InexactFloat64())
}
