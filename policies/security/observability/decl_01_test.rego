package hybridadvisor.security.decl_01_test

import data.hybridadvisor.security.decl_01
import data.hybridadvisor.security.fixtures_test as fx

test_fires_once_when_nothing_declared if {
	findings := decl_01.deny with input as fx.bare_input
	fx.paths(findings) == {""}
	count(findings) == 1
}

test_fires_with_empty_blocks if {
	c := object.union(fx.bare, {"observability": {}, "resilience": {}})
	count(decl_01.deny) == 1 with input as fx.input_for(c)
}

test_quiet_when_any_block_declared if {
	every block in ["security", "observability", "resilience"] {
		c := object.union(fx.bare, {"declared": {block: true}})
		count(decl_01.deny) == 0 with input as fx.input_for(c)
	}
}

test_quiet_on_good if count(decl_01.deny) == 0 with input as fx.input_for(fx.good)
