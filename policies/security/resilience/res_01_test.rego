package hybridadvisor.security.res_01_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.res_01

test_fires_on_queue_trigger_without_dlq if {
	c := fx.patch(fx.shop.orders, {"resilience": {"dlq": false}, "called_by": []})
	findings := res_01.deny with input as fx.input_for(c)
	fx.paths(findings) == {"resilience.dlq"}
	some f in findings
	contains(f.message, "its queue trigger")
}

test_fires_on_async_caller_when_dlq_omitted if {
	c := fx.drop(fx.patch(fx.shop.catalog, {"called_by": [{"from": "gateway", "mode": "async"}]}), ["resilience/dlq"])
	findings := res_01.deny with input as fx.input_in(c, [fx.good])
	fx.paths(findings) == {"resilience"}
	some f in findings
	contains(f.message, "async calls from gateway")
}

test_quiet_on_sync_only_component if {
	c := fx.patch(fx.shop.catalog, {"resilience": {"dlq": false}})
	count(res_01.deny) == 0 with input as fx.input_for(c)
}

test_quiet_on_good if count(res_01.deny) == 0 with input as fx.shop_inputs.orders

test_quiet_when_resilience_absent if {
	c := fx.drop(fx.shop.orders, ["resilience"])
	count(res_01.deny) == 0 with input as fx.input_for(c)
}
