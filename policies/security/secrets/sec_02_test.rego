package hybridadvisor.security.sec_02_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.sec_02

test_fires_on_encrypted_env if {
	c := fx.patch(fx.good, {"security": {"secrets": {"source": "kms_encrypted_env"}}})
	fx.paths(sec_02.deny) == {"security.secrets.source"} with input as fx.input_for(c)
}

test_quiet_on_plaintext_left_to_sec_01 if {
	c := fx.patch(fx.good, {"security": {"secrets": {"source": "plaintext_env"}}})
	count(sec_02.deny) == 0 with input as fx.input_for(c)
}

test_quiet_on_good if count(sec_02.deny) == 0 with input as fx.input_for(fx.good)

test_quiet_when_source_absent if count(sec_02.deny) == 0 with input as fx.input_for(fx.drop(fx.good, ["security/secrets/source"]))
