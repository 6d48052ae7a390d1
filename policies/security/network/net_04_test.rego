package hybridadvisor.security.net_04_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.net_04

test_fires_on_open_egress_with_sensitive_data if {
	c := fx.patch(fx.shop.orders, {"security": {"network": {"egress_restricted": false}}})
	fx.paths(net_04.deny) == {"security.network.egress_restricted"} with input as fx.input_for(c)
}

test_fires_when_egress_omitted if {
	c := fx.drop(fx.shop.orders, ["security/network/egress_restricted"])
	count(net_04.deny) == 1 with input as fx.input_for(c)
}

test_quiet_for_internal_data if {
	c := fx.patch(fx.good, {"security": {"network": {"egress_restricted": false}}})
	count(net_04.deny) == 0 with input as fx.input_for(c)
}

test_quiet_on_good if count(net_04.deny) == 0 with input as fx.shop_inputs.orders

test_quiet_when_network_absent if count(net_04.deny) == 0 with input as fx.input_for(fx.drop(fx.shop.orders, ["security/network"]))
