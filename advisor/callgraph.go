package advisor

import (
	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
)

// syncChain is the longest chain of synchronous calls that starts at a
// component: Path[0] is the component itself, Hops = len(Path) - 1.
type syncChain struct {
	Hops int
	Path []string
	// LeadsBack lists the indices (in the component's calls) of the sync calls
	// that lead back to the component: calls inside a cycle.
	LeadsBack []int
}

// syncChains computes, for every component, the longest chain of synchronous
// calls starting at it, in time linear in the size of the call graph (plus
// writing out each chain, which the RES-05 message names in full).
//
// Why not in Rego: enumerating paths (graph.reachable_paths) is exponential in
// the number of edges, and OPA cannot cancel a built-in once it runs, so a
// 6 KB profile of 30 services each calling the next three hung the process.
// Here the graph is condensed first: calls inside a cycle (its components
// reach each other) are left out, which makes it acyclic and the answer well
// defined (RES-06 reports the cycle itself); then one pass over the DAG in
// reverse topological order finds each longest chain. The same condensation tells which calls lead
// back to their caller (RES-06), for the same reason: graph.reachable per call
// took seconds on a 50-component architecture with ten calls each. Among chains of equal length the one whose
// names sort first wins, as the Rego rule did.
func syncChains(arch *profile.Architecture) []syncChain {
	n := len(arch.Components)
	index := make(map[string]int, n)
	for i, c := range arch.Components {
		index[c.Name] = i
	}
	adj := make([][]int, n)
	for i, c := range arch.Components {
		for _, call := range c.Calls {
			if call.Mode != "sync" {
				continue
			}
			if j, ok := index[call.To]; ok {
				adj[i] = append(adj[i], j)
			}
		}
	}
	scc, order := stronglyConnected(adj)

	// Tarjan completes the components in reverse topological order, so in
	// that order every callee in another component is settled before its callers.

	// next[i] is the callee that continues the longest chain from i (-1: none);
	// hops[i] its length.
	next := make([]int, n)
	hops := make([]int, n)
	names := func(i int) string { return arch.Components[i].Name }
	// lessPath reports whether the chain from a sorts before the chain from b
	// (both of equal length), comparing names hop by hop.
	lessPath := func(a, b int) bool {
		for a >= 0 && b >= 0 {
			if na, nb := names(a), names(b); na != nb {
				return na < nb
			}
			a, b = next[a], next[b]
		}
		return false
	}
	for _, i := range order {
		best := -1
		for _, j := range adj[i] {
			if scc[j] == scc[i] {
				continue
			}
			if best < 0 || hops[j] > hops[best] || hops[j] == hops[best] && lessPath(j, best) {
				best = j
			}
		}
		next[i] = best
		if best >= 0 {
			hops[i] = hops[best] + 1
		}
	}
	out := make([]syncChain, n)
	for i, c := range arch.Components {
		for k, call := range c.Calls {
			if j, ok := index[call.To]; ok && call.Mode == "sync" && scc[j] == scc[i] {
				out[i].LeadsBack = append(out[i].LeadsBack, k)
			}
		}
		if hops[i] == 0 {
			continue
		}
		path := make([]string, 0, hops[i]+1)
		for j := i; j >= 0; j = next[j] {
			path = append(path, names(j))
		}
		out[i].Hops, out[i].Path = hops[i], path
	}
	return out
}

// stronglyConnected labels each node with its strongly connected component
// (Tarjan's algorithm, iterative) and returns the nodes in the order their
// components were completed: reverse topological order of the condensation.
func stronglyConnected(adj [][]int) (comp, order []int) {
	n := len(adj)
	const unvisited = -1
	index := make([]int, n)
	low := make([]int, n)
	comp = make([]int, n)
	order = make([]int, 0, n)
	onStack := make([]bool, n)
	for i := range index {
		index[i], comp[i] = unvisited, unvisited
	}
	var stack []int
	counter, comps := 0, 0
	type frame struct{ node, edge int }
	for root := range n {
		if index[root] != unvisited {
			continue
		}
		call := []frame{{root, 0}}
		index[root], low[root] = counter, counter
		counter++
		stack = append(stack, root)
		onStack[root] = true
		for len(call) > 0 {
			top := &call[len(call)-1]
			v := top.node
			if top.edge < len(adj[v]) {
				w := adj[v][top.edge]
				top.edge++
				switch {
				case index[w] == unvisited:
					index[w], low[w] = counter, counter
					counter++
					stack = append(stack, w)
					onStack[w] = true
					call = append(call, frame{w, 0})
				case onStack[w]:
					low[v] = min(low[v], index[w])
				}
				continue
			}
			if low[v] == index[v] {
				for {
					w := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					onStack[w] = false
					comp[w] = comps
					order = append(order, w)
					if w == v {
						break
					}
				}
				comps++
			}
			call = call[:len(call)-1]
			if len(call) > 0 {
				parent := call[len(call)-1].node
				low[parent] = min(low[parent], low[v])
			}
		}
	}
	return comp, order
}
