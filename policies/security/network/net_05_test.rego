package hybridadvisor.security.net_05_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.net_05

test_fires_without_network_policy if {
	c := fx.patch(fx.shop.reports, {"security": {"network": {"network_policy": false}}})
	fx.paths(net_05.deny) == {"security.network.network_policy"} with input as fx.input_for(c)
}

test_fires_when_network_policy_omitted if {
	c := fx.drop(fx.shop.reports, ["security/network/network_policy"])
	fx.paths(net_05.deny) == {"security.network"} with input as fx.input_for(c)
}

test_quiet_on_good if count(net_05.deny) == 0 with input as fx.shop_inputs.reports

test_quiet_when_network_absent if count(net_05.deny) == 0 with input as fx.bare_input
