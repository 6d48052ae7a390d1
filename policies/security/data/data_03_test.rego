package hybridadvisor.security.data_03_test

import data.hybridadvisor.security.data_03
import data.hybridadvisor.security.fixtures_test as fx

test_fires_without_encryption if {
	c := fx.patch(fx.shop.orders, {"security": {"data": {"encryption_at_rest": "none"}}})
	findings := data_03.deny with input as fx.input_for(c)
	fx.paths(findings) == {"security.data.encryption_at_rest"}
	fx.severities(findings) == {""}
}

test_medium_for_confidential_with_provider_keys if {
	c := fx.patch(fx.shop.orders, {"security": {"data": {"encryption_at_rest": "provider"}}})
	fx.severities(data_03.deny) == {"medium"} with input as fx.input_for(c)
}

test_high_for_restricted_with_provider_keys if {
	c := fx.patch(fx.shop.orders, {"security": {"data": {"classification": "restricted", "encryption_at_rest": "provider"}}})
	fx.severities(data_03.deny) == {""} with input as fx.input_for(c)
}

test_fires_when_encryption_omitted if {
	c := fx.drop(fx.shop.orders, ["security/data/encryption_at_rest"])
	fx.paths(data_03.deny) == {"security.data"} with input as fx.input_for(c)
}

test_quiet_on_good if count(data_03.deny) == 0 with input as fx.shop_inputs.orders

test_quiet_for_internal_data if {
	c := fx.patch(fx.good, {"security": {"data": {"encryption_at_rest": "none"}}})
	count(data_03.deny) == 0 with input as fx.input_for(c)
}

test_quiet_when_classification_absent if {
	c := fx.drop(fx.shop.orders, ["security/data/classification", "security/data/encryption_at_rest"])
	count(data_03.deny) == 0 with input as fx.input_for(c)
}
