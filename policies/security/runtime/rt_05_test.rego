package hybridadvisor.security.rt_05_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.rt_05

test_fires_on_host_access if {
	c := fx.patch(fx.shop.reports, {"requires": {"host_access": true}})
	fx.paths(rt_05.deny) == {"requires.host_access"} with input as fx.input_for(c)
}

test_quiet_on_good if count(rt_05.deny) == 0 with input as fx.shop_inputs.reports

test_quiet_when_nothing_declared if count(rt_05.deny) == 0 with input as fx.bare_input
