package hybridadvisor.security.rt_03_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.rt_03

test_fires_when_read_only_root_fs_false if {
	c := fx.patch(fx.shop.reports, {"security": {"runtime": {"read_only_root_fs": false}}})
	fx.paths(rt_03.deny) == {"security.runtime.read_only_root_fs"} with input as fx.input_for(c)
}

test_fires_when_read_only_root_fs_omitted if {
	c := fx.drop(fx.shop.reports, ["security/runtime/read_only_root_fs"])
	fx.paths(rt_03.deny) == {"security.runtime"} with input as fx.input_for(c)
}

test_quiet_on_good if count(rt_03.deny) == 0 with input as fx.shop_inputs.reports

test_quiet_when_runtime_absent if {
	c := fx.drop(fx.shop.reports, ["security/runtime"])
	count(rt_03.deny) == 0 with input as fx.input_for(c)
}
