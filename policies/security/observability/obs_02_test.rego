package hybridadvisor.security.obs_02_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.obs_02

test_fires_for_each_missing_field if {
	c := fx.patch(fx.drop(fx.good, ["observability/correlation_id"]), {"observability": {"structured_logs": false}})
	fx.paths(obs_02.deny) == {"observability.structured_logs", "observability"} with input as fx.input_for(c)
}

test_quiet_on_good if count(obs_02.deny) == 0 with input as fx.input_for(fx.good)

test_quiet_when_observability_absent if count(obs_02.deny) == 0 with input as fx.bare_input
