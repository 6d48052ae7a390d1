package hybridadvisor.security.iam_04_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.iam_04

test_fires_when_identity_dropped_on_sync_call if {
	c := fx.patch(fx.good, {"security": {"auth": {"propagate_identity": false}}})
	findings := iam_04.deny with input as fx.input_in(c, [fx.shop.catalog, fx.shop.orders])
	fx.paths(findings) == {"security.auth.propagate_identity"}
	some f in findings
	contains(f.message, "catalog")
	not contains(f.message, "orders")
}

test_fires_when_propagation_not_declared if {
	c := fx.drop(fx.good, ["security/auth/propagate_identity"])
	fx.paths(iam_04.deny) == {"security.auth"} with input as fx.input_in(c, [fx.shop.catalog])
}

test_quiet_with_only_async_calls if {
	c := fx.patch(fx.good, {
		"calls": [{"to": "orders", "mode": "async"}],
		"security": {"auth": {"propagate_identity": false}},
	})
	count(iam_04.deny) == 0 with input as fx.input_in(c, [fx.shop.orders])
}

test_quiet_on_good if count(iam_04.deny) == 0 with input as fx.shop_inputs.gateway

test_quiet_when_auth_absent if count(iam_04.deny) == 0 with input as fx.input_for(fx.drop(fx.good, ["security/auth"]))
