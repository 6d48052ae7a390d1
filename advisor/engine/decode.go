package engine

import (
	"encoding/json"
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/hybridadvisor/hybridadvisor/advisor/decide"
)

// The decision's types are the arbitration's (advisor/decide), which the engine runs on the
// Rego layers' conclusions.
type (
	// Reason is a rule that fired with its sentence.
	Reason = decide.Reason
	// Preference is a preference rule that added Weight to Model's score.
	Preference = decide.Preference
	// Choice is the model and platform chosen on one cloud; both are empty when nothing is
	// eligible there.
	Choice = decide.Choice
	// Decision is what the decision framework concluded for one component. It is shared by
	// every component with the same decision input when the caller memoises it: read it, never
	// change it.
	Decision = decide.Decision
	// ArchitectureOutput is the verdict per cloud.
	ArchitectureOutput = decide.ArchitectureOutput
)

// Finding is a raw finding of a security or custom rule, before the advisor maps
// its path to a line and applies waivers.
type Finding struct {
	Rule     *Rule
	Message  string
	Path     string
	Severity string // the rule's, or the finding's override
}

// The decoders read the OPA values the queries return directly (see eval):
// converting them to Go maps first cost about a tenth of an evaluation.

// arbitrationInput reads the Rego layers' conclusions (excluded and preference, as in
// data.hybridadvisor.decision.result) and, from the component's input, what the arbitration
// reads besides: the evaluated clouds, the prices and the CPU architecture.
func arbitrationInput(result, input ast.Value) (decide.Input, error) {
	dec, ok := result.(ast.Object)
	if !ok {
		return decide.Input{}, fmt.Errorf("policy result: the decision is not an object")
	}
	in := decide.Input{Excluded: map[string][]Reason{}}
	if ex, ok := get(dec, "excluded").(ast.Object); ok {
		ex.Foreach(func(k, rs *ast.Term) { in.Excluded[text(k.Value)] = reasons(rs.Value) })
	}
	// in any order: the arbitration sorts them
	each(get(dec, "preference"), func(p *ast.Term) {
		m, _ := p.Value.(ast.Object)
		in.Preferences = append(in.Preferences, Preference{
			Rule: text(get(m, "rule")), Model: text(get(m, "model")), Weight: num(get(m, "weight")), Message: text(get(m, "message")),
			Cloud: text(get(m, "cloud")),
		})
	})
	top, _ := input.(ast.Object)
	// input.clouds, else every cloud of the catalogue (nil)
	if cs, ok := get(top, "clouds").(*ast.Array); ok {
		in.Clouds = make([]string, 0, cs.Len())
		cs.Foreach(func(t *ast.Term) {
			if s, ok := t.Value.(ast.String); ok {
				in.Clouds = append(in.Clouds, string(s))
			}
		})
	}
	// input.costs, else the options priced (priced not false) at a number
	in.Prices = map[string]json.Number{}
	if costs, ok := get(top, "costs").(ast.Object); ok {
		costs.Foreach(func(k, v *ast.Term) {
			if n, ok := v.Value.(ast.Number); ok {
				in.Prices[text(k.Value)] = json.Number(n)
			}
		})
	} else if opts, ok := get(top, "options").(ast.Object); ok {
		opts.Foreach(func(k, v *ast.Term) {
			o, _ := v.Value.(ast.Object)
			if b, ok := get(o, "priced").(ast.Boolean); ok && !bool(b) {
				return
			}
			if n, ok := get(o, "monthly_cost_usd").(ast.Number); ok {
				in.Prices[text(k.Value)] = json.Number(n)
			}
		})
	}
	component, _ := get(top, "component").(ast.Object)
	execution, _ := get(component, "execution").(ast.Object)
	in.Arch = text(get(execution, "arch"))
	return in, nil
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
				switch sv := get(fv, "severity").(type) {
				case nil, ast.Null: // the rule's
				case ast.String:
					sev, ok := normSeverity(string(sv))
					if !ok {
						return nil, fmt.Errorf("policy %s.%s: finding severity %q: want one of %s", root.pkgRoot, pkg, string(sv), severityList)
					}
					f.Severity = sev
				default:
					return nil, fmt.Errorf("policy %s.%s: finding severity %v: want one of %s (a string)", root.pkgRoot, pkg, sv, severityList)
				}
			default:
				return nil, fmt.Errorf("policy %s.%s: deny must contain strings or objects with a message, got %s", root.pkgRoot, pkg, ast.ValueName(fv))
			}
			out = append(out, f)
		}
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
	k, ok := keys[key]
	if !ok {
		k = ast.StringTerm(key)
	}
	if t := obj.Get(k); t != nil {
		return t.Value
	}
	return nil
}

// keys are the terms of the keys the decoders read, built once (ast.InternedTerm builds a new
// term for a string it does not intern).
var keys = func() map[string]*ast.Term {
	out := map[string]*ast.Term{}
	for _, k := range []string{"arch", "architecture", "clouds", "component", "component_count", "costs", "custom", "decision", "excluded",
		"execution", "finding", "findings", "message", "model", "monthly_cost_usd", "msg", "name", "options", "package", "path",
		"preference", "priced", "rule", "severity", "weight"} {
		out[k] = ast.StringTerm(k)
	}
	return out
}()

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

// each calls f for the elements of an array, or of a set in no particular order.
func each(v ast.Value, f func(*ast.Term)) {
	switch x := v.(type) {
	case *ast.Array:
		x.Foreach(f)
	case ast.Set:
		x.Foreach(f)
	}
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
