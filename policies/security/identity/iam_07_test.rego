package hybridadvisor.security.iam_07_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.iam_07

test_fires_when_uses_default_service_account_true if {
	c := fx.patch(fx.good, {"security": {"identity": {"uses_default_service_account": true}}})
	fx.paths(iam_07.deny) == {"security.identity.uses_default_service_account"} with input as fx.input_for(c)
}

test_quiet_when_uses_default_service_account_false if count(iam_07.deny) == 0 with input as fx.input_for(fx.good)

test_quiet_when_uses_default_service_account_absent if {
	c := fx.drop(fx.good, ["security/identity/uses_default_service_account"])
	count(iam_07.deny) == 0 with input as fx.input_for(c)
}
