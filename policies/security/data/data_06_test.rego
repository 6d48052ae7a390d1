package hybridadvisor.security.data_06_test

import data.hybridadvisor.security.data_06
import data.hybridadvisor.security.fixtures_test as fx

test_fires_when_sensitive_callee_takes_user_tokens if {
	c := fx.patch(fx.shop.orders, {"security": {"auth": {"type": "jwt"}}})
	findings := data_06.deny with input as fx.input_in(c, [fx.good])
	fx.paths(findings) == {"security.auth.type"}
	some f in findings
	contains(f.message, "gateway (internal)")
}

test_fires_when_callee_auth_absent if {
	c := fx.drop(fx.shop.orders, ["security/auth"])
	fx.paths(data_06.deny) == {"security"} with input as fx.input_in(c, [fx.good])
}

test_quiet_when_caller_equally_sensitive if {
	c := fx.patch(fx.shop.orders, {"security": {"auth": {"type": "none"}}})
	caller := fx.patch(fx.good, {"security": {"data": {"classification": "restricted"}}})
	count(data_06.deny) == 0 with input as fx.input_in(c, [caller])
}

test_quiet_when_caller_classification_absent if {
	c := fx.patch(fx.shop.orders, {"security": {"auth": {"type": "none"}}})
	caller := fx.drop(fx.good, ["security/data/classification"])
	count(data_06.deny) == 0 with input as fx.input_in(c, [caller])
}

test_quiet_on_good if count(data_06.deny) == 0 with input as fx.shop_inputs.orders
