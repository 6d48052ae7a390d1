package hybridadvisor.security.sec_03_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.sec_03

test_fires_on_slow_rotation if {
	c := fx.patch(fx.good, {"security": {"secrets": {"rotation_days": 365}}})
	fx.paths(sec_03.deny) == {"security.secrets.rotation_days"} with input as fx.input_for(c)
}

test_fires_on_zero_rotation if {
	c := fx.patch(fx.good, {"security": {"secrets": {"rotation_days": 0}}})
	count(sec_03.deny) == 1 with input as fx.input_for(c)
}

test_fires_when_rotation_omitted if {
	c := fx.drop(fx.good, ["security/secrets/rotation_days", "security/secrets/names"])
	fx.paths(sec_03.deny) == {"security.secrets"} with input as fx.input_for(c)
}

test_fires_when_only_names_declared if {
	c := fx.drop(fx.good, ["security/secrets/rotation_days", "security/secrets/source"])
	count(sec_03.deny) == 1 with input as fx.input_for(c)
}

test_quiet_without_secrets if {
	c := fx.patch(fx.drop(fx.good, ["security/secrets/rotation_days", "security/secrets/names"]), {"security": {"secrets": {"source": "none"}}})
	count(sec_03.deny) == 0 with input as fx.input_for(c)
}

test_quiet_on_good if count(sec_03.deny) == 0 with input as fx.input_for(fx.good)

test_quiet_when_secrets_absent if count(sec_03.deny) == 0 with input as fx.bare_input
