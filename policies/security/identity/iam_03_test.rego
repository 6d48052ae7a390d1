package hybridadvisor.security.iam_03_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.iam_03

test_fires_high_when_never_validated if {
	c := fx.patch(fx.shop.catalog, {"security": {"auth": {"validated_at": "none"}}})
	findings := iam_03.deny with input as fx.input_for(c)
	fx.paths(findings) == {"security.auth.validated_at"}
	fx.severities(findings) == {"high"}
}

test_fires_when_public_validates_in_service if {
	c := fx.patch(fx.good, {"security": {"auth": {"validated_at": "service"}}})
	findings := iam_03.deny with input as fx.input_for(c)
	fx.severities(findings) == {""}
}

test_quiet_when_internal_validates_in_service if count(iam_03.deny) == 0 with input as fx.input_for(fx.shop.catalog)

test_quiet_on_good if count(iam_03.deny) == 0 with input as fx.input_for(fx.good)

test_quiet_when_validated_at_absent if {
	c := fx.drop(fx.good, ["security/auth/validated_at"])
	count(iam_03.deny) == 0 with input as fx.input_for(c)
}
