package hybridadvisor.security.iam_06_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.iam_06

test_fires_when_dedicated_role_false if {
	c := fx.patch(fx.good, {"security": {"identity": {"dedicated_role": false}}})
	fx.paths(iam_06.deny) == {"security.identity.dedicated_role"} with input as fx.input_for(c)
}

test_quiet_when_dedicated_role_true if count(iam_06.deny) == 0 with input as fx.input_for(fx.good)

test_quiet_when_dedicated_role_absent if {
	c := fx.drop(fx.good, ["security/identity/dedicated_role"])
	count(iam_06.deny) == 0 with input as fx.input_for(c)
}
