package hybridadvisor.security.iam_09_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.iam_09

test_fires_on_static_keys if {
	c := fx.patch(fx.good, {"security": {"secrets": {"static_cloud_keys": true}}})
	fx.paths(iam_09.deny) == {"security.secrets.static_cloud_keys"} with input as fx.input_for(c)
}

test_fires_per_cloud_key_name if {
	c := fx.patch(fx.good, {"security": {"secrets": {"names": [
		"DB_PASSWORD", "AWS_SECRET_ACCESS_KEY", "azure_storage_account_key", "GOOGLE_APPLICATION_CREDENTIALS",
	]}}})
	fx.paths(iam_09.deny) == {
		"security.secrets.names[1]", "security.secrets.names[2]", "security.secrets.names[3]",
	} with input as fx.input_for(c)
}

test_quiet_on_good if count(iam_09.deny) == 0 with input as fx.input_for(fx.good)

test_quiet_when_secrets_absent if count(iam_09.deny) == 0 with input as fx.input_for(fx.drop(fx.good, ["security/secrets"]))
