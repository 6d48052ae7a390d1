# METADATA
# title: Default service identity
# description: >-
#   Default identities (the GCP Compute Engine default service account, historically with
#   the Editor role, or a shared default managed identity) grant far more than one
#   workload needs. Fires when security.identity.uses_default_service_account is true.
# related_resources:
#   - ref: https://cloud.google.com/run/docs/securing/service-identity
# custom:
#   id: IAM-07
#   severity: high
#   category: identity
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: Run the workload as a user-managed service account (or managed/workload identity) holding only the roles it needs.
#   references: [OWASP Serverless S5]
package hybridadvisor.security.iam_07

deny contains {"message": msg, "path": "security.identity.uses_default_service_account"} if {
	input.component.security.identity.uses_default_service_account == true
	c := input.component
	msg := sprintf("%s runs as the platform's default service account (security.identity.uses_default_service_account true)", [c.name])
}
