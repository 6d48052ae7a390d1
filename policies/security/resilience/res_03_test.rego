package hybridadvisor.security.res_03_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.res_03

test_fires_when_cap_omitted if {
	c := fx.drop(fx.good, ["resilience/max_concurrency"])
	fx.paths(res_03.deny) == {"resilience"} with input as fx.input_for(c)
}

test_fires_on_zero_cap if {
	c := fx.patch(fx.good, {"resilience": {"max_concurrency": 0}})
	fx.paths(res_03.deny) == {"resilience.max_concurrency"} with input as fx.input_for(c)
}

test_quiet_on_good if count(res_03.deny) == 0 with input as fx.input_for(fx.good)

test_quiet_when_resilience_absent if count(res_03.deny) == 0 with input as fx.bare_input
