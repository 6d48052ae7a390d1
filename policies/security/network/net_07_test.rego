package hybridadvisor.security.net_07_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.net_07

test_fires_on_unauthenticated_backend_of_public_caller if {
	c := fx.patch(fx.shop.catalog, {"security": {"auth": {"type": "none"}}})
	findings := net_07.deny with input as fx.input_in(c, [fx.good])
	fx.paths(findings) == {"security.auth.type"}
	some f in findings
	contains(f.message, "gateway")
}

test_quiet_when_callers_are_internal if {
	c := fx.patch(fx.shop.notify, {"security": {"auth": {"type": "none"}}})
	count(net_07.deny) == 0 with input as fx.input_in(c, [fx.shop.orders])
}

test_quiet_on_good if count(net_07.deny) == 0 with input as fx.shop_inputs.catalog

test_quiet_when_auth_absent if {
	c := fx.drop(fx.shop.catalog, ["security/auth"])
	count(net_07.deny) == 0 with input as fx.input_in(c, [fx.good])
}
