package hybridadvisor.security.iam_08_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.iam_08

test_fires_when_resource_policy_public_true if {
	c := fx.patch(fx.good, {"security": {"identity": {"resource_policy_public": true}}})
	fx.paths(iam_08.deny) == {"security.identity.resource_policy_public"} with input as fx.input_for(c)
}

test_quiet_when_resource_policy_public_false if count(iam_08.deny) == 0 with input as fx.input_for(fx.good)

test_quiet_when_resource_policy_public_absent if {
	c := fx.drop(fx.good, ["security/identity/resource_policy_public"])
	count(iam_08.deny) == 0 with input as fx.input_for(c)
}
