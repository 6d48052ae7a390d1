package hybridadvisor.security.sec_01_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.sec_01

test_fires_on_plaintext_env if {
	c := fx.patch(fx.good, {"security": {"secrets": {"source": "plaintext_env"}}})
	fx.paths(sec_01.deny) == {"security.secrets.source"} with input as fx.input_for(c)
}

test_fires_on_secret_names_without_store if {
	c := fx.patch(fx.good, {"security": {"secrets": {"source": "none", "names": ["STRIPE_API_KEY", "LOG_LEVEL"]}}})
	findings := sec_01.deny with input as fx.input_for(c)
	fx.paths(findings) == {"security.secrets.source"}
	some f in findings
	contains(f.message, "STRIPE_API_KEY")
	not contains(f.message, "LOG_LEVEL")
}

test_fires_on_secret_names_with_source_omitted if {
	c := fx.drop(fx.good, ["security/secrets/source"])
	fx.paths(sec_01.deny) == {"security.secrets"} with input as fx.input_for(c)
}

test_quiet_on_good if count(sec_01.deny) == 0 with input as fx.input_for(fx.good)

test_quiet_when_secrets_absent if count(sec_01.deny) == 0 with input as fx.input_for(fx.drop(fx.good, ["security/secrets"]))
