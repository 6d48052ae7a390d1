package hybridadvisor.security.rt_04_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.rt_04

test_fires_with_graded_severities if {
	c := fx.patch(fx.shop.reports, {
		"requires": {"privileged": true},
		"security": {"runtime": {"allow_privilege_escalation": true, "capabilities_drop_all": false}},
	})
	findings := rt_04.deny with input as fx.input_for(c)
	{[f.path, object.get(f, "severity", "")] | some f in findings} == {
		["requires.privileged", ""],
		["security.runtime.allow_privilege_escalation", "high"],
		["security.runtime.capabilities_drop_all", "medium"],
	}
}

test_quiet_on_good if count(rt_04.deny) == 0 with input as fx.shop_inputs.reports

test_quiet_when_runtime_absent if {
	c := fx.drop(fx.shop.reports, ["security/runtime"])
	count(rt_04.deny) == 0 with input as fx.input_for(c)
}
