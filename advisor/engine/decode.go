package engine

import (
	"encoding/json"
	"fmt"
	"sort"
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
	Excluded       map[string][]Reason
	Preferences    []Preference
	Scores         map[string]float64
	Recommendation map[string]Choice
}

// ArchitectureOutput is the verdict per cloud.
type ArchitectureOutput struct {
	Verdict map[string]string
	Reasons map[string][]Reason
}

func decodeDecision(v any) (*Decision, error) {
	dec, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("policy result: data.hybridadvisor.decision.result is not an object")
	}
	out := &Decision{
		Excluded:       map[string][]Reason{},
		Scores:         map[string]float64{},
		Recommendation: map[string]Choice{},
	}
	if ex, ok := dec["excluded"].(map[string]any); ok {
		for p, rs := range ex {
			out.Excluded[p] = reasons(rs)
		}
	}
	for _, p := range list(dec["preferences"]) {
		m, _ := p.(map[string]any)
		out.Preferences = append(out.Preferences, Preference{
			Rule: str(m["rule"]), Model: str(m["model"]), Weight: num(m["weight"]), Message: str(m["message"]),
		})
	}
	sort.SliceStable(out.Preferences, func(i, j int) bool {
		a, b := out.Preferences[i], out.Preferences[j]
		if a.Weight != b.Weight {
			return a.Weight > b.Weight
		}
		return a.Rule < b.Rule
	})
	if sc, ok := dec["scores"].(map[string]any); ok {
		for k, s := range sc {
			out.Scores[k] = num(s)
		}
	}
	if rec, ok := dec["recommendation"].(map[string]any); ok {
		for cloud, c := range rec {
			m, _ := c.(map[string]any)
			out.Recommendation[cloud] = Choice{Model: str(m["model"]), Platform: str(m["platform"]), Reasons: reasons(m["reasons"])}
		}
	}
	return out, nil
}

// decodeFindings resolves raw findings against the catalogue.
func (e *Engine) decodeFindings(top map[string]any) ([]Finding, error) {
	var out []Finding
	for _, root := range []struct{ key, pkgRoot string }{{"findings", SecurityRoot}, {"custom", CustomRoot}} {
		for _, item := range list(top[root.key]) {
			m, _ := item.(map[string]any)
			pkg := str(m["package"])
			rule := e.packageRule(root.pkgRoot, pkg)
			if rule == nil {
				return nil, fmt.Errorf("policy %s.%s emitted a finding but has no METADATA custom.id", root.pkgRoot, pkg)
			}
			f := Finding{Rule: rule, Severity: rule.Severity}
			switch fv := m["finding"].(type) {
			case string:
				f.Message = fv
			case map[string]any:
				f.Message = str(fv["message"])
				if f.Message == "" {
					f.Message = str(fv["msg"])
				}
				f.Path = str(fv["path"])
				if s := str(fv["severity"]); s != "" {
					f.Severity = s
				}
			default:
				return nil, fmt.Errorf("policy %s.%s: deny must contain strings or objects with a message, got %T", root.pkgRoot, pkg, fv)
			}
			out = append(out, f)
		}
	}
	return out, nil
}

func decodeArchitecture(v any) (*ArchitectureOutput, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("architecture policy result: want an object, got %T", v)
	}
	out := &ArchitectureOutput{Verdict: map[string]string{}, Reasons: map[string][]Reason{}}
	if vd, ok := m["verdict"].(map[string]any); ok {
		for c, x := range vd {
			out.Verdict[c] = str(x)
		}
	}
	if rs, ok := m["reasons"].(map[string]any); ok {
		for c, x := range rs {
			out.Reasons[c] = reasons(x)
		}
	}
	return out, nil
}

func reasons(v any) []Reason {
	var out []Reason
	for _, r := range list(v) {
		m, _ := r.(map[string]any)
		out = append(out, Reason{Rule: str(m["rule"]), Message: str(m["message"])})
	}
	return out
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}

func num(v any) float64 {
	switch n := v.(type) {
	case json.Number:
		f, _ := n.Float64()
		return f
	case float64:
		return n
	case int:
		return float64(n)
	}
	return 0
}
