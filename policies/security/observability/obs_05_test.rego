package hybridadvisor.security.obs_05_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.obs_05

test_fires_on_empty_alarms if {
	c := fx.patch(fx.good, {"observability": {"alarms": []}})
	fx.paths(obs_05.deny) == {"observability.alarms"} with input as fx.input_for(c)
}

test_fires_when_alarms_omitted if {
	c := fx.drop(fx.good, ["observability/alarms"])
	fx.paths(obs_05.deny) == {"observability"} with input as fx.input_for(c)
}

test_quiet_on_good if count(obs_05.deny) == 0 with input as fx.input_for(fx.good)

test_quiet_when_observability_absent if count(obs_05.deny) == 0 with input as fx.bare_input
