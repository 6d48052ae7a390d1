package hybridadvisor.security.net_02_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.net_02

test_fires_when_backend_is_public if {
	c := fx.patch(fx.shop.catalog, {"security": {"exposure": "public"}})
	findings := net_02.deny with input as fx.input_in(c, [fx.good])
	fx.paths(findings) == {"security.exposure"}
	some f in findings
	contains(f.message, "gateway")
}

test_quiet_when_only_called_async if {
	c := fx.patch(fx.good, {"called_by": [{"from": "orders", "mode": "async"}]})
	count(net_02.deny) == 0 with input as fx.input_in(c, [fx.shop.orders])
}

test_quiet_on_public_edge_without_callers if count(net_02.deny) == 0 with input as fx.shop_inputs.gateway

test_quiet_on_internal_backend if count(net_02.deny) == 0 with input as fx.shop_inputs.catalog

test_quiet_when_exposure_defaulted if {
	c := object.union(fx.bare, {"called_by": [{"from": "gateway", "mode": "sync"}]})
	count(net_02.deny) == 0 with input as fx.input_in(c, [fx.good])
}
