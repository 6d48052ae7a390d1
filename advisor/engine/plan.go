package engine

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// Narrowing the security rules.
//
// Visiting a security package costs about as much when its deny rules cannot
// fire as when they can: OPA looks the rules up, consults their index and moves
// on, and with 55 packages that was about 14% of a batch run for a component
// that declares nothing. Most deny rules start with a test on the component that
// settles them: `input.component.declared.security == true`,
// `input.component.trigger == "http"`, `r := input.component.security.runtime.x`.
//
// So, once per process, the engine reads every security package's deny rules and
// keeps, per rule, the guards it can check without OPA: top-level, non-negated
// expressions of its body (no `with`) that need an input field to be defined, to
// be true, to equal a string or boolean, to be one of a set of them, or (for
// `input.component.calls[_]`) to be a non-empty collection. A rule whose guards do
// not all hold on an input cannot fire on it; a package none of whose deny rules
// can fire is left out of that input's query. Anything the planner does not
// understand keeps its package in, so leaving a package out is always safe; a test
// compares the narrowed findings with the full query's on many inputs.
//
// Each distinct set of packages gets its own prepared queries, made on first use
// (in practice a handful: which packages survive depends on a few flags).

// securityFindings is the part of ComponentQuery and FindingsQuery that visits
// every security package; a plan replaces it with a list of packages.
const securityFindings = `[{"package": pkg, "finding": f} | some pkg; some f in data.hybridadvisor.security[pkg].deny]`

// maxPlans bounds the prepared query pairs kept; past it, inputs use the full queries.
const maxPlans = 64

// guard is a condition on one input path that a deny rule needs.
type guard struct {
	path ast.Ref // input path, string keys only, without the leading input
	kind guardKind
	vals []ast.Value // for oneOf: strings or booleans
	node int         // the path's node in planner.nodes
}

// pathNode is one step of a guarded input path: a key under its parent node
// (node 0 is the input itself). Guards share their paths' prefixes, so each
// field is looked up once per input.
type pathNode struct {
	parent int
	key    *ast.Term
}

// maxPackages bounds the packages a plan key holds (a bit each).
const maxPackages = 256

type planKey [maxPackages / 64]uint64

type guardKind uint8

const (
	defined  guardKind = iota // the path exists
	truthy                    // the path exists and is not false
	oneOf                     // the path equals one of vals
	nonEmpty                  // the path is an array, object or set with elements
)

// planner decides which security packages an input needs.
type planner struct {
	guards   []guard
	nodes    []pathNode
	always   []string     // packages whose deny rules the planner cannot judge
	packages []string     // every package with deny rules, sorted
	rules    [][][]int    // rules[p][r] lists the guards of deny rule r of packages[p]; nil: always
	off      bool         // the rule tree defies analysis: always use the full query
	noCustom bool         // no users' policies: their part of the queries is left out
	mu       sync.RWMutex // guards plans
	plans    map[planKey]*plan
}

// plan holds the queries for one set of packages.
type plan struct {
	component, findings lazyQuery
}

// newPlanner reads the deny rules of every package under SecurityRoot.
func newPlanner(c *ast.Compiler) *planner {
	pl := &planner{plans: map[planKey]*plan{}, noCustom: true, nodes: []pathNode{{parent: -1}}}
	root := ast.MustParseRef("data." + SecurityRoot)
	custom := ast.MustParseRef("data." + CustomRoot)
	judged := map[string][][]int{}
	always := map[string]bool{}
	guardIndex := map[string]int{}
	for _, m := range c.Modules {
		if m.Package.Path.HasPrefix(custom) {
			pl.noCustom = false
		}
		for _, r := range m.Rules {
			path := r.Path() // the ground part of the rule's document path
			exact := len(path) == len(r.Ref())
			switch {
			case !path.HasPrefix(root) && !root.HasPrefix(path):
				continue // elsewhere (the decision, users' rules)
			case len(path) <= len(root):
				pl.off = true // a rule defines the security tree or a dynamic part of it
				continue
			}
			name, ok := path[len(root)].Value.(ast.String)
			if !ok {
				pl.off = true
				continue
			}
			pkg := string(name)
			switch {
			case len(path) == len(root)+1:
				always[pkg] = true // the package document as a whole, or dynamic parts of it
			case path[len(root)+1].Value.Compare(ast.String("deny")) != 0:
				// another rule of the package (a helper): not a finding
			case !exact || len(path) > len(root)+2 || r.Default || r.Else != nil:
				always[pkg] = true
			default:
				var ids []int
				for _, g := range guardsOf(r.Body) {
					key := g.key()
					id, seen := guardIndex[key]
					if !seen {
						id = len(pl.guards)
						guardIndex[key] = id
						pl.guards = append(pl.guards, g)
					}
					ids = append(ids, id)
				}
				judged[pkg] = append(judged[pkg], ids)
			}
		}
	}
	for pkg := range always {
		pl.always = append(pl.always, pkg)
		judged[pkg] = nil
	}
	slices.Sort(pl.always)
	for pkg := range judged {
		pl.packages = append(pl.packages, pkg)
	}
	slices.Sort(pl.packages)
	for _, pkg := range pl.packages {
		pl.rules = append(pl.rules, judged[pkg])
	}
	if len(pl.packages) > maxPackages {
		pl.off = true
	}
	// Share the guards' paths in a tree of nodes.
	nodeOf := map[string]int{}
	for i := range pl.guards {
		parent := 0
		for k, key := range pl.guards[i].path {
			id := pl.guards[i].path[:k+1].String()
			n, ok := nodeOf[id]
			if !ok {
				n = len(pl.nodes)
				nodeOf[id] = n
				pl.nodes = append(pl.nodes, pathNode{parent: parent, key: key})
			}
			parent = n
		}
		pl.guards[i].node = parent
	}
	return pl
}

// guardsOf returns the guards a rule body states at its top level.
func guardsOf(body ast.Body) []guard {
	var out []guard
	bound := map[ast.Var]ast.Ref{} // local variables unified with an input path
	add := func(t *ast.Term, kind guardKind) {
		if g, ok := inputGuard(t, kind); ok {
			out = append(out, g)
		}
	}
	for _, e := range body {
		if e.Negated || len(e.With) > 0 {
			continue
		}
		if t, ok := e.Terms.(*ast.Term); ok {
			add(t, truthy)
			continue
		}
		if !e.IsCall() {
			continue
		}
		ops := e.Operands()
		switch e.Operator().String() {
		case "eq", "equal", "assign":
			if len(ops) != 2 {
				continue
			}
			for i, t := range ops {
				other := ops[1-i]
				if v, ok := scalar(other.Value); ok {
					if g, ok := inputGuard(t, oneOf); ok && g.kind == oneOf {
						g.vals = []ast.Value{v}
						out = append(out, g)
						continue
					}
				}
				if g, ok := inputGuard(t, defined); ok {
					out = append(out, g)
					if v, isVar := other.Value.(ast.Var); isVar && g.kind == defined {
						bound[v] = g.path
					}
				}
			}
		case "internal.member_2":
			if len(ops) != 2 {
				continue
			}
			vals, ok := scalars(ops[1].Value)
			path, isPath := inputPath(ops[0])
			if v, isVar := ops[0].Value.(ast.Var); isVar {
				path, isPath = bound[v]
			}
			switch {
			case ok && isPath:
				out = append(out, guard{path: path, kind: oneOf, vals: vals})
			default:
				add(ops[0], defined)
			}
		default:
			// Any other call is undefined when an argument is: each input path
			// passed to it must exist.
			for _, t := range ops {
				add(t, defined)
			}
		}
	}
	return out
}

// inputGuard is the guard that term t states when it is an input path: kind for
// a ground path; for a path through a variable or index (calls[_].mode), that
// the collection before it is not empty.
func inputGuard(t *ast.Term, kind guardKind) (guard, bool) {
	r, ok := t.Value.(ast.Ref)
	if !ok || len(r) < 2 || !r[0].Equal(ast.InputRootDocument) {
		return guard{}, false
	}
	for i, p := range r[1:] {
		if _, ok := p.Value.(ast.String); !ok {
			if i == 0 {
				return guard{}, false
			}
			return guard{path: r[1 : i+1].Copy(), kind: nonEmpty}, true
		}
	}
	return guard{path: r[1:].Copy(), kind: kind}, true
}

// inputPath is t's path when t is a ground input path with string keys.
func inputPath(t *ast.Term) (ast.Ref, bool) {
	g, ok := inputGuard(t, defined)
	if !ok || g.kind != defined {
		return nil, false
	}
	return g.path, true
}

// scalar accepts strings and booleans: values whose equality is plain (numbers
// compare across representations, so they only need to be defined).
func scalar(v ast.Value) (ast.Value, bool) {
	switch v.(type) {
	case ast.String, ast.Boolean:
		return v, true
	}
	return nil, false
}

func scalars(v ast.Value) ([]ast.Value, bool) {
	var terms []*ast.Term
	switch c := v.(type) {
	case ast.Set:
		terms = c.Slice()
	case *ast.Array:
		for i := range c.Len() {
			terms = append(terms, c.Elem(i))
		}
	default:
		return nil, false
	}
	out := make([]ast.Value, 0, len(terms))
	for _, t := range terms {
		s, ok := scalar(t.Value)
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

func (g guard) key() string {
	var b strings.Builder
	b.WriteString(strconv.Itoa(int(g.kind)))
	b.WriteString(g.path.String())
	for _, v := range g.vals {
		b.WriteByte('|')
		b.WriteString(v.String())
	}
	return b.String()
}

// holds reports whether the guard holds on the value at its path (nil: absent).
func (g *guard) holds(v ast.Value) bool {
	if v == nil {
		return false
	}
	switch g.kind {
	case truthy:
		return v.Compare(ast.Boolean(false)) != 0
	case oneOf:
		for _, want := range g.vals {
			if v.Compare(want) == 0 {
				return true
			}
		}
		return false
	case nonEmpty:
		switch c := v.(type) {
		case *ast.Array:
			return c.Len() > 0
		case ast.Object:
			return c.Len() > 0
		case ast.Set:
			return c.Len() > 0
		}
		return false
	}
	return true
}

// evaluation is the per-input state of the planner: the values found at the
// path nodes and the guards decided so far.
type evaluation struct {
	pl     *planner
	input  ast.Value
	values []ast.Value
	found  []bool  // values[n] is resolved
	guards []uint8 // 0 unknown, 1 holds, 2 fails
}

func (ev *evaluation) value(n int) ast.Value {
	if n == 0 {
		return ev.input
	}
	if ev.found[n] {
		return ev.values[n]
	}
	ev.found[n] = true
	node := ev.pl.nodes[n]
	if o, ok := ev.value(node.parent).(ast.Object); ok {
		if t := o.Get(node.key); t != nil {
			ev.values[n] = t.Value
		}
	}
	return ev.values[n]
}

func (ev *evaluation) allHold(ids []int) bool {
	for _, id := range ids {
		if ev.guards[id] == 0 {
			ev.guards[id] = 2
			if g := &ev.pl.guards[id]; g.holds(ev.value(g.node)) {
				ev.guards[id] = 1
			}
		}
		if ev.guards[id] == 2 {
			return false
		}
	}
	return true
}

// key sets a bit for each package of planner.packages that input needs.
func (pl *planner) key(input ast.Value) planKey {
	var values [96]ast.Value
	var found [96]bool
	var guards [96]uint8
	ev := evaluation{pl: pl, input: input}
	if len(pl.nodes) <= len(values) && len(pl.guards) <= len(guards) {
		ev.values, ev.found, ev.guards = values[:len(pl.nodes)], found[:len(pl.nodes)], guards[:len(pl.guards)]
	} else {
		ev.values, ev.found, ev.guards = make([]ast.Value, len(pl.nodes)), make([]bool, len(pl.nodes)), make([]uint8, len(pl.guards))
	}
	var k planKey
	for p, rules := range pl.rules {
		if rules == nil {
			k[p/64] |= 1 << (p % 64)
			continue
		}
		for _, ids := range rules {
			if ev.allHold(ids) {
				k[p/64] |= 1 << (p % 64)
				break
			}
		}
	}
	return k
}

// packagesOf lists the packages of a key, sorted.
func (pl *planner) packagesOf(k planKey) []string {
	pkgs := []string{}
	for p, name := range pl.packages {
		if k[p/64]&(1<<(p%64)) != 0 {
			pkgs = append(pkgs, name)
		}
	}
	return pkgs
}

// packagesFor lists the security packages that may fire on input, sorted, and
// whether the planner applies at all.
func (pl *planner) packagesFor(input ast.Value) ([]string, bool) {
	if pl.off {
		return nil, false
	}
	return pl.packagesOf(pl.key(input)), true
}

// planFor returns the plan of input, or nil to use the full queries.
func (e *Engine) planFor(input ast.Value) *plan {
	pl := e.planner
	if pl.off {
		return nil
	}
	k := pl.key(input)
	pl.mu.RLock()
	p := pl.plans[k]
	pl.mu.RUnlock()
	if p != nil {
		return p
	}
	pl.mu.Lock()
	defer pl.mu.Unlock()
	if p := pl.plans[k]; p != nil {
		return p
	}
	if len(pl.plans) >= maxPlans {
		return nil
	}
	pkgs := pl.packagesOf(k)
	p = &plan{
		component: lazyQuery{text: pl.query(ComponentQuery, pkgs)},
		findings:  lazyQuery{text: pl.query(FindingsQuery, pkgs)},
	}
	pl.plans[k] = p
	return p
}

// query is ComponentQuery or FindingsQuery as the engine prepares it: visiting
// only the security packages pkgs when pkgs is not nil, and without the users'
// part when there are no users' policies.
func (pl *planner) query(q string, pkgs []string) string {
	if pl.noCustom {
		q = strings.Replace(q, customFindings, "[]", 1)
	}
	if pkgs == nil {
		return q
	}
	narrowed := "[]"
	if len(pkgs) > 0 {
		quoted := make([]string, len(pkgs))
		for i, p := range pkgs {
			quoted[i] = strconv.Quote(p)
		}
		narrowed = `[{"package": pkg, "finding": f} | some pkg in [` + strings.Join(quoted, ", ") + `]; some f in data.hybridadvisor.security[pkg].deny]`
	}
	return strings.Replace(q, securityFindings, narrowed, 1)
}

// lazyQuery is a query prepared on first use. It is prepared without the
// caller's context: a cancelled first caller must not leave an error behind for
// every later one, and preparing is short and deterministic.
type lazyQuery struct {
	text string
	once sync.Once
	pq   rego.PreparedEvalQuery
	err  error
}

func (l *lazyQuery) prepared(e *Engine) (rego.PreparedEvalQuery, error) {
	l.once.Do(func() {
		e.prepareMu.Lock()
		defer e.prepareMu.Unlock()
		l.pq, l.err = prepare(context.Background(), e.compiler, e.store, l.text)
	})
	return l.pq, l.err
}

// componentQuery is the prepared component query for input.
func (e *Engine) componentQuery(input ast.Value) (rego.PreparedEvalQuery, error) {
	if p := e.planFor(input); p != nil {
		return p.component.prepared(e)
	}
	return e.component, nil
}

// findingsQuery is the prepared findings query for input.
func (e *Engine) findingsQuery(input ast.Value) (rego.PreparedEvalQuery, error) {
	if p := e.planFor(input); p != nil {
		return p.findings.prepared(e)
	}
	return e.findings, nil
}
