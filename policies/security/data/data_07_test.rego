package hybridadvisor.security.data_07_test

import data.hybridadvisor.security.data_07
import data.hybridadvisor.security.fixtures_test as fx

test_fires_without_allowed_regions if {
	c := fx.drop(fx.good, ["security/data/allowed_regions"])
	fx.paths(data_07.deny) == {"security.data"} with input as fx.input_for(c)
}

test_fires_on_empty_allowed_regions if {
	c := fx.patch(fx.good, {"security": {"data": {"allowed_regions": []}}})
	fx.paths(data_07.deny) == {"security.data.allowed_regions"} with input as fx.input_for(c)
}

test_quiet_on_good if count(data_07.deny) == 0 with input as fx.input_for(fx.good)

test_quiet_without_compliance if {
	c := fx.drop(fx.good, ["security/data/allowed_regions", "security/data/compliance"])
	count(data_07.deny) == 0 with input as fx.input_for(c)
}
