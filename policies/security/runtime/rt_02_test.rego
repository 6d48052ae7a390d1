package hybridadvisor.security.rt_02_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.rt_02

test_fires_when_run_as_non_root_false if {
	c := fx.patch(fx.shop.reports, {"security": {"runtime": {"run_as_non_root": false}}})
	fx.paths(rt_02.deny) == {"security.runtime.run_as_non_root"} with input as fx.input_for(c)
}

test_fires_when_run_as_non_root_omitted if {
	c := fx.drop(fx.shop.reports, ["security/runtime/run_as_non_root"])
	fx.paths(rt_02.deny) == {"security.runtime"} with input as fx.input_for(c)
}

test_quiet_on_good if count(rt_02.deny) == 0 with input as fx.shop_inputs.reports

test_quiet_when_runtime_absent if {
	c := fx.drop(fx.shop.reports, ["security/runtime"])
	count(rt_02.deny) == 0 with input as fx.input_for(c)
}
