package hybridadvisor.security.iam_02_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.iam_02

test_fires_on_function_key if {
	c := fx.patch(fx.good, {"security": {"auth": {"type": "function_key"}}})
	fx.paths(iam_02.deny) == {"security.auth.type"} with input as fx.input_for(c)
}

test_fires_on_api_key if {
	c := fx.patch(fx.good, {"security": {"auth": {"type": "api_key"}}})
	count(iam_02.deny) == 1 with input as fx.input_for(c)
}

test_quiet_when_private if {
	c := fx.patch(fx.good, {"security": {"exposure": "private", "auth": {"type": "function_key"}}})
	count(iam_02.deny) == 0 with input as fx.input_for(c)
}

test_quiet_on_good if count(iam_02.deny) == 0 with input as fx.input_for(fx.good)

test_quiet_when_auth_absent if count(iam_02.deny) == 0 with input as fx.input_for(fx.drop(fx.good, ["security/auth"]))
