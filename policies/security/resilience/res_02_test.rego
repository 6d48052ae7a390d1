package hybridadvisor.security.res_02_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.res_02

test_fires_on_async_edge_without_idempotency if {
	c := fx.patch(fx.shop.notify, {"resilience": {"idempotent": false}})
	fx.paths(res_02.deny) == {"resilience.idempotent"} with input as fx.input_in(c, [fx.shop.orders])
}

test_fires_on_retries_when_idempotent_omitted if {
	c := fx.drop(fx.shop.catalog, ["resilience/idempotent"])
	findings := res_02.deny with input as fx.input_for(c)
	fx.paths(findings) == {"resilience"}
	some f in findings
	contains(f.message, "retries 2")
}

test_quiet_on_sync_without_retries if {
	c := fx.patch(fx.shop.catalog, {"resilience": {"idempotent": false, "retries": 0}})
	count(res_02.deny) == 0 with input as fx.input_for(c)
}

test_quiet_on_good if count(res_02.deny) == 0 with input as fx.shop_inputs.notify

test_quiet_when_resilience_absent if {
	c := fx.drop(fx.shop.notify, ["resilience"])
	count(res_02.deny) == 0 with input as fx.input_for(c)
}
