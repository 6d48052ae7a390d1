package hybridadvisor.security.cost_01_test

import data.hybridadvisor.security.cost_01
import data.hybridadvisor.security.fixtures_test as fx

test_fires_on_incomplete_tags if {
	c := object.union(object.remove(fx.good, ["tags"]), {"tags": {"owner": "team-shop"}})
	findings := cost_01.deny with input as fx.input_for(c)
	fx.paths(findings) == {"tags"}
	some f in findings
	contains(f.message, "cost_center, environment")
}

test_fires_without_tags_when_posture_declared if {
	c := object.union(object.remove(fx.good, ["tags"]), {"tags": {}})
	count(cost_01.deny) == 1 with input as fx.input_for(c)
}

test_quiet_on_good if count(cost_01.deny) == 0 with input as fx.input_for(fx.good)

test_quiet_when_nothing_declared if count(cost_01.deny) == 0 with input as fx.bare_input
