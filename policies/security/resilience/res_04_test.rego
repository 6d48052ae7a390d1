package hybridadvisor.security.res_04_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.res_04

test_fires_on_sync_call_into_smaller_cap if {
	callee := fx.patch(fx.shop.catalog, {"resilience": {"max_concurrency": 10}})
	findings := res_04.deny with input as fx.input_in(fx.good, [callee, fx.shop.orders])
	fx.paths(findings) == {"calls[0]"}
}

test_quiet_on_async_call_into_smaller_cap if {
	callee := fx.patch(fx.shop.orders, {"resilience": {"max_concurrency": 1}})
	count(res_04.deny) == 0 with input as fx.input_in(fx.good, [fx.shop.catalog, callee])
}

test_quiet_on_good if count(res_04.deny) == 0 with input as fx.shop_inputs.gateway

test_quiet_when_callee_cap_absent if {
	callee := fx.drop(fx.shop.catalog, ["resilience/max_concurrency"])
	count(res_04.deny) == 0 with input as fx.input_in(fx.good, [callee, fx.shop.orders])
}
