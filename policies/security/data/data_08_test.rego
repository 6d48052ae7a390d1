package hybridadvisor.security.data_08_test

import data.hybridadvisor.security.data_08
import data.hybridadvisor.security.fixtures_test as fx

test_fires_when_callee_outside_scope if {
	caller := fx.patch(fx.shop.orders, {"security": {"data": {"compliance": ["gdpr", "pci"]}}})
	callee := fx.patch(fx.shop.notify, {"security": {"data": {"pii": true}}})
	findings := data_08.deny with input as fx.input_in(caller, [callee])
	fx.paths(findings) == {"calls[0]"}
	some f in findings
	contains(f.message, "in pci scope")
}

test_quiet_when_callee_holds_no_regulated_data if {
	caller := fx.patch(fx.shop.orders, {"security": {"data": {"compliance": ["gdpr", "pci"]}}})
	public := fx.patch(fx.shop.notify, {"security": {"data": {"classification": "public"}}})
	count(data_08.deny) == 0 with input as fx.input_in(caller, [public])
	no_pii := fx.patch(fx.shop.notify, {"security": {"data": {"pii": false}}})
	count(data_08.deny) == 0 with input as fx.input_in(caller, [no_pii])
}

test_quiet_when_callee_declares_no_data if {
	callee := fx.drop(fx.shop.notify, ["security/data"])
	count(data_08.deny) == 0 with input as fx.input_in(fx.shop.orders, [callee])
}

test_quiet_on_good if count(data_08.deny) == 0 with input as fx.shop_inputs.orders

test_quiet_without_compliance if {
	caller := fx.drop(fx.shop.orders, ["security/data/compliance"])
	callee := fx.patch(fx.shop.notify, {"security": {"data": {"compliance": []}}})
	count(data_08.deny) == 0 with input as fx.input_in(caller, [callee])
}
