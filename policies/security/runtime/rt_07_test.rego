package hybridadvisor.security.rt_07_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.rt_07

test_fires_on_generous_timeout if {
	c := fx.patch(fx.good, {"security": {"runtime": {"timeout_ms": 30000}}})
	findings := rt_07.deny with input as fx.input_for(c)
	fx.paths(findings) == {"security.runtime.timeout_ms"}
	fx.severities(findings) == {""}
}

test_fires_medium_on_short_timeout if {
	c := fx.patch(fx.good, {"security": {"runtime": {"timeout_ms": 1000}}})
	fx.severities(rt_07.deny) == {"medium"} with input as fx.input_for(c)
}

test_floor_allows_ten_seconds if {
	c := fx.patch(fx.good, {"security": {"runtime": {"timeout_ms": 10000}}})
	count(rt_07.deny) == 0 with input as fx.input_for(c)
}

test_quiet_on_good if count(rt_07.deny) == 0 with input as fx.shop_inputs.reports

test_quiet_when_timeout_absent if {
	c := fx.drop(fx.good, ["security/runtime/timeout_ms"])
	count(rt_07.deny) == 0 with input as fx.input_for(c)
}
