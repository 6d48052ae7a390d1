package hybridadvisor.security.rt_06_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.rt_06

test_fires_when_resource_limits_false if {
	c := fx.patch(fx.shop.reports, {"security": {"runtime": {"resource_limits": false}}})
	fx.paths(rt_06.deny) == {"security.runtime.resource_limits"} with input as fx.input_for(c)
}

test_fires_when_resource_limits_omitted if {
	c := fx.drop(fx.shop.reports, ["security/runtime/resource_limits"])
	fx.paths(rt_06.deny) == {"security.runtime"} with input as fx.input_for(c)
}

test_quiet_on_good if count(rt_06.deny) == 0 with input as fx.shop_inputs.reports

test_quiet_when_runtime_absent if {
	c := fx.drop(fx.shop.reports, ["security/runtime"])
	count(rt_06.deny) == 0 with input as fx.input_for(c)
}
