package hybridadvisor.security.net_06_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.net_06

test_fires_without_waf if {
	c := fx.patch(fx.good, {"security": {"network": {"waf": false}}})
	fx.paths(net_06.deny) == {"security.network.waf"} with input as fx.input_for(c)
}

test_fires_when_waf_omitted if {
	c := fx.drop(fx.good, ["security/network/waf"])
	count(net_06.deny) == 1 with input as fx.input_for(c)
}

test_quiet_when_private if count(net_06.deny) == 0 with input as fx.shop_inputs.catalog

test_quiet_on_good if count(net_06.deny) == 0 with input as fx.input_for(fx.good)

test_quiet_when_nothing_declared if count(net_06.deny) == 0 with input as fx.bare_input
