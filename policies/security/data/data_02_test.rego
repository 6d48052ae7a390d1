package hybridadvisor.security.data_02_test

import data.hybridadvisor.security.data_02
import data.hybridadvisor.security.fixtures_test as fx

test_fires_without_compliance if {
	c := fx.patch(fx.shop.orders, {"security": {"data": {"compliance": []}}})
	fx.paths(data_02.deny) == {"security.data.compliance"} with input as fx.input_for(c)
}

test_fires_without_classification if {
	c := fx.drop(fx.shop.orders, ["security/data/classification", "security/data/compliance"])
	fx.paths(data_02.deny) == {"security.data"} with input as fx.input_for(c)
}

test_fires_on_public_classification if {
	c := fx.patch(fx.shop.orders, {"security": {"data": {"classification": "public"}}})
	fx.paths(data_02.deny) == {"security.data.classification"} with input as fx.input_for(c)
}

test_quiet_on_good if count(data_02.deny) == 0 with input as fx.shop_inputs.orders

test_quiet_without_pii if {
	c := fx.drop(fx.good, ["security/data/compliance", "security/data/pii"])
	count(data_02.deny) == 0 with input as fx.input_for(c)
}
