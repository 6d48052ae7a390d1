package hybridadvisor.security.iam_01_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.iam_01

test_fires_on_auth_none if {
	c := fx.patch(fx.good, {"security": {"auth": {"type": "none"}}})
	findings := iam_01.deny with input as fx.input_for(c)
	fx.paths(findings) == {"security.auth.type"}
	fx.severities(findings) == {""}
}

test_fires_high_when_security_declared_without_auth if {
	c := fx.drop(fx.good, ["security/auth"])
	findings := iam_01.deny with input as fx.input_for(c)
	fx.paths(findings) == {"security"}
	fx.severities(findings) == {"high"}
}

test_quiet_when_authenticated if count(iam_01.deny) == 0 with input as fx.input_for(fx.good)

test_quiet_when_not_public if {
	c := fx.patch(fx.good, {"security": {"exposure": "internal", "auth": {"type": "none"}}})
	count(iam_01.deny) == 0 with input as fx.input_for(c)
}

test_quiet_when_nothing_declared if count(iam_01.deny) == 0 with input as fx.bare_input
