# METADATA
# title: Log retention unset or too short
# description: >-
#   Without a retention period logs are either kept forever (cost, and personal data kept
#   too long) or dropped before an investigation or audit needs them. Fires when an
#   observability block omits log_retention_days, or when a component in the scope of a
#   regime that mandates audit-log retention (pci-dss, hipaa, sox, soc2, fedramp, ...)
#   keeps logs for less than 365 days (a policy threshold; PCI DSS asks for one year).
#   GDPR alone does not raise the minimum: it asks to keep personal data no longer than needed.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html
# custom:
#   id: OBS-03
#   severity: low
#   category: observability
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: Set an explicit retention on the component's logs, at least one year where a regime mandates audit-log retention.
#   references: [CKV_AWS_66, CKV_AWS_338, PCI DSS 10.5.1]
package hybridadvisor.security.obs_03

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": "observability"} if {
	input.component.declared.observability == true
	c := input.component
	lib.written(c.observability)
	not c.observability.log_retention_days
	msg := sprintf("%s declares no log_retention_days, so its logs are kept forever or dropped at the platform default", [c.name])
}

deny contains {"message": msg, "path": "observability.log_retention_days"} if {
	days := input.component.observability.log_retention_days
	input.component.security.data.compliance[_]
	c := input.component
	minimum := lib.thresholds.log_retention_min_days_regulated
	days < minimum
	regimes := {r | some r in c.security.data.compliance; lower(r) in lib.audit_log_regimes}
	count(regimes) > 0
	msg := sprintf("%s is in %s scope but keeps logs for %d days, less than %d", [c.name, lib.list(regimes), days, minimum])
}
