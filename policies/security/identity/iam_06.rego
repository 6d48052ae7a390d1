# METADATA
# title: Shared execution role
# description: >-
#   A role shared by several functions or services carries the union of their
#   permissions, so a flaw in any of them reaches everything the others can. Fires when
#   security.identity.dedicated_role is false.
# related_resources:
#   - ref: https://docs.kics.io/latest/queries/serverlessfw-queries/
# custom:
#   id: IAM-06
#   severity: medium
#   category: identity
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: Give each function or service its own role (or service account, managed identity) scoped to what it alone needs.
#   references: [KICS Serverless Function Without Unique IAM Role, OWASP Serverless S5]
package hybridadvisor.security.iam_06

deny contains {"message": msg, "path": "security.identity.dedicated_role"} if {
	input.component.security.identity.dedicated_role == false
	c := input.component
	msg := sprintf("%s runs under an execution role shared with other workloads (security.identity.dedicated_role false)", [c.name])
}
