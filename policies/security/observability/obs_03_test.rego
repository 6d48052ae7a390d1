package hybridadvisor.security.obs_03_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.obs_03

test_fires_when_retention_omitted if {
	c := fx.drop(fx.good, ["observability/log_retention_days"])
	fx.paths(obs_03.deny) == {"observability"} with input as fx.input_for(c)
}

test_fires_on_short_retention_in_audit_log_scope if {
	c := fx.patch(fx.good, {"observability": {"log_retention_days": 90}, "security": {"data": {"compliance": ["gdpr", "PCI-DSS"]}}})
	findings := obs_03.deny with input as fx.input_for(c)
	fx.paths(findings) == {"observability.log_retention_days"}
	some f in findings
	contains(f.message, "in PCI-DSS scope")
}

test_quiet_on_short_retention_under_gdpr_only if {
	c := fx.patch(fx.good, {"observability": {"log_retention_days": 90}})
	count(obs_03.deny) == 0 with input as fx.input_for(c)
}

test_quiet_on_short_retention_without_compliance if {
	c := fx.patch(fx.drop(fx.good, ["security/data/compliance"]), {"observability": {"log_retention_days": 30}})
	count(obs_03.deny) == 0 with input as fx.input_for(c)
}

test_quiet_on_good if count(obs_03.deny) == 0 with input as fx.input_for(fx.good)

test_quiet_when_observability_absent if count(obs_03.deny) == 0 with input as fx.bare_input
