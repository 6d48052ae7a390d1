package engine

import (
	"fmt"
	"sort"

	"github.com/open-policy-agent/opa/v1/ast"
)

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
}

// Choice is the model and platform chosen on one cloud; both are empty when
// nothing is eligible there.
type Choice struct {
	Model    string
	Platform string
	Reasons  []Reason
}

// Finding is a raw finding of a security or custom rule, before the advisor maps
// its path to a line and applies waivers.
type Finding struct {
	Rule     *Rule
	Message  string
	Path     string
	Severity string // the rule's, or the finding's override
}

// Decision is what the decision framework concluded for one component. It is
// shared by every component with the same decision input when the caller
// memoises it: read it, never change it.
type Decision struct {
	Excluded    map[string][]Reason
	Preferences []Preference
	Scores      map[string]float64
	// CloudScores are the scores per cloud: Scores with the container fallback and the cost term.
	CloudScores    map[string]map[string]float64
	Recommendation map[string]Choice
}

// ArchitectureOutput is the verdict per cloud.
type ArchitectureOutput struct {
	Verdict map[string]string
	Reasons map[string][]Reason
}

// The decoders read the OPA values the queries return directly (see eval):
// converting them to Go maps first cost about a tenth of an evaluation.

func decodeDecision(v ast.Value) (*Decision, error) {
	dec, ok := v.(ast.Object)
	if !ok {
		return nil, fmt.Errorf("policy result: data.hybridadvisor.decision.result is not an object")
	}
	out := &Decision{
		Excluded:       map[string][]Reason{},
		Scores:         map[string]float64{},
		CloudScores:    map[string]map[string]float64{},
		Recommendation: map[string]Choice{},
	}
	if ex, ok := get(dec, "excluded").(ast.Object); ok {
		ex.Foreach(func(k, rs *ast.Term) { out.Excluded[text(k.Value)] = reasons(rs.Value) })
	}
	for _, p := range list(get(dec, "preferences")) {
		m, _ := p.Value.(ast.Object)
		out.Preferences = append(out.Preferences, Preference{
			Rule: text(get(m, "rule")), Model: text(get(m, "model")), Weight: num(get(m, "weight")), Message: text(get(m, "message")),
		})
	}
	sort.SliceStable(out.Preferences, func(i, j int) bool {
		a, b := out.Preferences[i], out.Preferences[j]
		if a.Weight != b.Weight {
			return a.Weight > b.Weight
		}
		return a.Rule < b.Rule
	})
	if sc, ok := get(dec, "scores").(ast.Object); ok {
		sc.Foreach(func(k, s *ast.Term) { out.Scores[text(k.Value)] = num(s.Value) })
	}
	// The rules rank by negated per-cloud scores in tenths (small integers are cheap in Rego);
	// 0 - x rather than -x, which would write a score of 0 as -0.
	if cs, ok := get(dec, "cloud_rank_keys").(ast.Object); ok {
		cs.Foreach(func(cloud, sc *ast.Term) {
			m := map[string]float64{}
			if o, ok := sc.Value.(ast.Object); ok {
				o.Foreach(func(k, s *ast.Term) { m[text(k.Value)] = 0 - num(s.Value)/10 })
			}
			out.CloudScores[text(cloud.Value)] = m
		})
	}
	if rec, ok := get(dec, "recommendation").(ast.Object); ok {
		rec.Foreach(func(cloud, c *ast.Term) {
			m, _ := c.Value.(ast.Object)
			out.Recommendation[text(cloud.Value)] = Choice{Model: text(get(m, "model")), Platform: text(get(m, "platform")), Reasons: reasons(get(m, "reasons"))}
		})
	}
	return out, nil
}

// decodeFindings resolves raw findings against the catalogue.
func (e *Engine) decodeFindings(top ast.Object) ([]Finding, error) {
	var out []Finding
	for _, root := range []struct{ key, pkgRoot string }{{"findings", SecurityRoot}, {"custom", CustomRoot}} {
		for _, item := range list(get(top, root.key)) {
			m, _ := item.Value.(ast.Object)
			pkg := text(get(m, "package"))
			rule := e.packageRule(root.pkgRoot, pkg)
			if rule == nil {
				return nil, fmt.Errorf("policy %s.%s emitted a finding but has no METADATA custom.id", root.pkgRoot, pkg)
			}
			f := Finding{Rule: rule, Severity: rule.Severity}
			switch fv := get(m, "finding").(type) {
			case ast.String:
				f.Message = string(fv)
			case ast.Object:
				f.Message = text(get(fv, "message"))
				if f.Message == "" {
					f.Message = text(get(fv, "msg"))
				}
				f.Path = text(get(fv, "path"))
				if s := text(get(fv, "severity")); s != "" {
					f.Severity = s
				}
			default:
				return nil, fmt.Errorf("policy %s.%s: deny must contain strings or objects with a message, got %s", root.pkgRoot, pkg, ast.ValueName(fv))
			}
			out = append(out, f)
		}
	}
	return out, nil
}

func decodeArchitecture(v ast.Value) (*ArchitectureOutput, error) {
	m, ok := v.(ast.Object)
	if !ok {
		return nil, fmt.Errorf("architecture policy result: want an object, got %s", ast.ValueName(v))
	}
	out := &ArchitectureOutput{Verdict: map[string]string{}, Reasons: map[string][]Reason{}}
	if vd, ok := get(m, "verdict").(ast.Object); ok {
		vd.Foreach(func(c, x *ast.Term) { out.Verdict[text(c.Value)] = text(x.Value) })
	}
	if rs, ok := get(m, "reasons").(ast.Object); ok {
		rs.Foreach(func(c, x *ast.Term) { out.Reasons[text(c.Value)] = reasons(x.Value) })
	}
	return out, nil
}

func reasons(v ast.Value) []Reason {
	var out []Reason
	for _, r := range list(v) {
		m, _ := r.Value.(ast.Object)
		out = append(out, Reason{Rule: text(get(m, "rule")), Message: text(get(m, "message"))})
	}
	return out
}

// get is obj[key], or nil when obj is nil or has no such key.
func get(obj ast.Object, key string) ast.Value {
	if obj == nil {
		return nil
	}
	if t := obj.Get(ast.InternedTerm(key)); t != nil {
		return t.Value
	}
	return nil
}

// list is the elements of an array, or of a set in its sorted order.
func list(v ast.Value) []*ast.Term {
	switch x := v.(type) {
	case *ast.Array:
		out := make([]*ast.Term, x.Len())
		for i := range out {
			out[i] = x.Elem(i)
		}
		return out
	case ast.Set:
		return list(x.Sorted())
	}
	return nil
}

// text is a string value's text; any other value (null included) is "".
func text(v ast.Value) string {
	s, _ := v.(ast.String)
	return string(s)
}

func num(v ast.Value) float64 {
	n, ok := v.(ast.Number)
	if !ok {
		return 0
	}
	f, _ := n.Float64()
	return f
}
