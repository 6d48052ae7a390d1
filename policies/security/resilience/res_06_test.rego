package hybridadvisor.security.res_06_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.res_06

test_fires_on_sync_cycle if {
	# the engine marks the calls that lead back (advisor.syncChains)
	a := fx.patch(fx.good, {
		"calls": [{"to": "orders", "mode": "async"}, {"to": "catalog", "mode": "sync"}],
		"sync_chain": {"hops": 0, "path": [], "leads_back": [1]},
	})
	b := fx.patch(fx.shop.catalog, {
		"calls": [{"to": "gateway", "mode": "sync"}],
		"sync_chain": {"hops": 0, "path": [], "leads_back": [0]},
	})
	fx.paths(res_06.deny) == {"calls[1]"} with input as fx.input_in(a, [b, fx.shop.orders])
	fx.paths(res_06.deny) == {"calls[0]"} with input as fx.input_in(b, [a, fx.shop.orders])
}

test_quiet_on_async_cycle if {
	a := fx.patch(fx.shop.orders, {"calls": [{"to": "notify", "mode": "async"}]})
	b := fx.patch(fx.shop.notify, {"calls": [{"to": "orders", "mode": "async"}]})
	count(res_06.deny) == 0 with input as fx.input_in(a, [b])
}

test_quiet_on_good if count(res_06.deny) == 0 with input as fx.shop_inputs.gateway

test_quiet_when_callee_unknown if {
	a := fx.patch(fx.good, {"calls": [{"to": "elsewhere", "mode": "sync"}]})
	count(res_06.deny) == 0 with input as fx.input_for(a)
}

test_quiet_without_marked_calls if {
	a := fx.patch(fx.good, {"calls": [{"to": "catalog", "mode": "sync"}], "sync_chain": {"hops": 1, "path": ["gateway", "catalog"], "leads_back": []}})
	count(res_06.deny) == 0 with input as fx.input_for(a)
}
