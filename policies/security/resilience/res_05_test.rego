package hybridadvisor.security.res_05_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.res_05

# chain: a -> b -> c -> d -> e, all sync.
chain(n) := [fx.patch(fx.drop(fx.good, ["calls", "called_by"]), {
	"name": name,
	"calls": [{"to": sprintf("s%d", [i + 1]), "mode": "sync"} | i < n - 1],
	"called_by": [{"from": sprintf("s%d", [i - 1]), "mode": "sync"} | i > 0],
	"sync_chain": {"hops": (n - 1) - i, "path": [sprintf("s%d", [j]) | some j in numbers.range(i, n - 1)]},
}) |
	some i in numbers.range(0, n - 1)
	name := sprintf("s%d", [i])
]

test_fires_on_four_hops if {
	nodes := chain(5)
	findings := res_05.deny with input as fx.input_in(nodes[0], nodes)
	fx.paths(findings) == {"calls"}
	some f in findings
	contains(f.message, "4 synchronous calls (s0 -> s1 -> s2 -> s3 -> s4)")
}

test_fires_only_at_the_start_of_the_chain if {
	nodes := chain(5)
	count(res_05.deny) == 0 with input as fx.input_in(nodes[1], nodes)
}

test_quiet_on_three_hops if {
	nodes := chain(4)
	count(res_05.deny) == 0 with input as fx.input_in(nodes[0], nodes)
}

test_quiet_on_good if count(res_05.deny) == 0 with input as fx.shop_inputs.gateway

test_quiet_without_calls if count(res_05.deny) == 0 with input as fx.bare_input

test_quiet_without_a_computed_chain if {
	nodes := chain(5)
	count(res_05.deny) == 0 with input as fx.input_in(fx.drop(nodes[0], ["sync_chain"]), nodes)
}
