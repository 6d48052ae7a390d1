package hybridadvisor.security.net_08_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.net_08

test_fires_on_public_endpoints_with_sensitive_data if {
	c := fx.patch(fx.shop.orders, {"security": {"network": {"private_endpoints": false}}})
	fx.paths(net_08.deny) == {"security.network.private_endpoints"} with input as fx.input_for(c)
}

test_fires_when_private_endpoints_omitted if {
	c := fx.drop(fx.shop.orders, ["security/network/private_endpoints"])
	fx.paths(net_08.deny) == {"security.network"} with input as fx.input_for(c)
}

test_quiet_for_internal_data if {
	c := fx.patch(fx.good, {"security": {"network": {"private_endpoints": false}}})
	count(net_08.deny) == 0 with input as fx.input_for(c)
}

test_quiet_on_good if count(net_08.deny) == 0 with input as fx.shop_inputs.orders

test_quiet_when_classification_absent if {
	c := fx.drop(fx.shop.orders, ["security/data/classification", "security/network/private_endpoints"])
	count(net_08.deny) == 0 with input as fx.input_for(c)
}
