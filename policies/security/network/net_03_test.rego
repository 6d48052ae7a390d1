package hybridadvisor.security.net_03_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.net_03

test_fires_on_single_az if {
	c := fx.patch(fx.good, {"security": {"network": {"multi_az": false}}})
	fx.paths(net_03.deny) == {"security.network.multi_az"} with input as fx.input_for(c)
}

test_fires_when_multi_az_omitted if {
	c := fx.drop(fx.good, ["security/network/multi_az"])
	fx.paths(net_03.deny) == {"security.network"} with input as fx.input_for(c)
}

test_quiet_when_not_attached if {
	c := fx.patch(fx.good, {"security": {"network": {"vpc_attached": false, "multi_az": false}}})
	count(net_03.deny) == 0 with input as fx.input_for(c)
}

test_quiet_on_good if count(net_03.deny) == 0 with input as fx.input_for(fx.good)

test_quiet_when_network_absent if count(net_03.deny) == 0 with input as fx.bare_input
