package hybridadvisor.security.data_05_test

import data.hybridadvisor.security.data_05
import data.hybridadvisor.security.fixtures_test as fx

test_fires_without_redaction if {
	c := fx.patch(fx.shop.orders, {"security": {"data": {"log_redaction": false}}})
	fx.paths(data_05.deny) == {"security.data.log_redaction"} with input as fx.input_for(c)
}

test_fires_when_redaction_omitted if {
	c := fx.drop(fx.shop.orders, ["security/data/log_redaction"])
	fx.paths(data_05.deny) == {"security.data"} with input as fx.input_for(c)
}

test_quiet_without_pii if {
	c := fx.patch(fx.good, {"security": {"data": {"log_redaction": false}}})
	count(data_05.deny) == 0 with input as fx.input_for(c)
}

test_quiet_on_good if count(data_05.deny) == 0 with input as fx.shop_inputs.orders

test_quiet_when_data_absent if count(data_05.deny) == 0 with input as fx.input_for(fx.drop(fx.shop.orders, ["security/data"]))
