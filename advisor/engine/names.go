package engine

import (
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/hybridadvisor/hybridadvisor/pricing"
)

// names holds the terms of the strings that every component's input repeats (platform IDs,
// clouds, models and the field names of input.options), built once: an input is built per
// component, and an ast term is never modified once built, so the inputs can share them (OPA
// interns common terms the same way).
var names = sync.OnceValue(func() map[string]*ast.Term {
	out := map[string]*ast.Term{}
	for _, s := range []string{"cloud", "model", "priced", "front_door", "monthly_cost_usd", "none", "api_gateway", "function_url", "load_balancer", "builtin"} {
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
// cloud, model or field name of input.options), or a new term for another.
func Name(s string) *ast.Term {
	if t, ok := names()[s]; ok {
		return t
	}
	return ast.StringTerm(s)
}
