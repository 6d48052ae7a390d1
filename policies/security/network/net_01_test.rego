package hybridadvisor.security.net_01_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.net_01

test_fires_when_not_attached if {
	c := fx.patch(fx.good, {"security": {"network": {"vpc_attached": false}}})
	fx.paths(net_01.deny) == {"security.network.vpc_attached"} with input as fx.input_for(c)
}

test_fires_when_network_block_omits_attachment if {
	c := fx.drop(fx.good, ["security/network/vpc_attached"])
	fx.paths(net_01.deny) == {"security.network"} with input as fx.input_for(c)
}

test_quiet_when_vpc_not_required if {
	c := fx.patch(fx.good, {"requires": {"vpc": false}, "security": {"network": {"vpc_attached": false}}})
	count(net_01.deny) == 0 with input as fx.input_for(c)
}

test_quiet_on_good if count(net_01.deny) == 0 with input as fx.input_for(fx.good)

test_quiet_when_network_absent if count(net_01.deny) == 0 with input as fx.input_for(fx.drop(fx.good, ["security/network"]))
