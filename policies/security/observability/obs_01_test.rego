package hybridadvisor.security.obs_01_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.obs_01

test_fires_when_tracing_false if {
	c := fx.patch(fx.good, {"observability": {"tracing": false}})
	fx.paths(obs_01.deny) == {"observability.tracing"} with input as fx.input_for(c)
}

test_fires_when_tracing_omitted if {
	c := fx.drop(fx.good, ["observability/tracing"])
	fx.paths(obs_01.deny) == {"observability"} with input as fx.input_for(c)
}

test_quiet_on_good if count(obs_01.deny) == 0 with input as fx.input_for(fx.good)

test_quiet_when_observability_absent if {
	c := fx.drop(fx.good, ["observability"])
	count(obs_01.deny) == 0 with input as fx.input_for(c)
}

test_quiet_when_observability_empty if {
	c := object.union(fx.drop(fx.good, ["observability"]), {"observability": {}})
	count(obs_01.deny) == 0 with input as fx.input_for(c)
}
