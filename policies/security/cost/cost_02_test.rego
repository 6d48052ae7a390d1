package hybridadvisor.security.cost_02_test

import data.hybridadvisor.security.cost_02
import data.hybridadvisor.security.fixtures_test as fx

test_fires_without_budget_alert if {
	c := fx.patch(fx.good, {"observability": {"budget_alert": false}})
	fx.paths(cost_02.deny) == {"observability.budget_alert"} with input as fx.input_for(c)
}

test_quiet_when_budget_alert_omitted if {
	c := fx.drop(fx.good, ["observability/budget_alert"])
	count(cost_02.deny) == 0 with input as fx.input_for(c)
}

test_quiet_on_good if count(cost_02.deny) == 0 with input as fx.input_for(fx.good)

test_quiet_when_observability_absent if count(cost_02.deny) == 0 with input as fx.bare_input
