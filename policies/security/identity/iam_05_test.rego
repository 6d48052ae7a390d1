package hybridadvisor.security.iam_05_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.iam_05

test_fires_per_broad_permission if {
	c := fx.patch(fx.good, {"security": {"identity": {"permissions": [
		"dynamodb:GetItem", "*", "s3:*",
		"arn:aws:iam::aws:policy/AdministratorAccess", "roles/editor",
	]}}})
	fx.paths(iam_05.deny) == {
		"security.identity.permissions[1]", "security.identity.permissions[2]",
		"security.identity.permissions[3]", "security.identity.permissions[4]",
	} with input as fx.input_for(c)
}

test_quiet_on_scoped_permissions if {
	c := fx.patch(fx.good, {"security": {"identity": {"permissions": ["s3:GetObject", "s3:Get*"]}}})
	count(iam_05.deny) == 0 with input as fx.input_for(c)
}

test_quiet_on_good if count(iam_05.deny) == 0 with input as fx.input_for(fx.good)

test_quiet_when_permissions_absent if {
	c := fx.drop(fx.good, ["security/identity/permissions"])
	count(iam_05.deny) == 0 with input as fx.input_for(c)
}
