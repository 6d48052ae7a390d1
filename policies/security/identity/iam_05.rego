# METADATA
# title: Wildcard or administrator permissions
# description: >-
#   An execution identity with "*" actions, a whole-service wildcard ("s3:*") or an
#   administrator role turns any code-injection bug into a takeover of the account or
#   project. Fires once per such entry in security.identity.permissions.
# related_resources:
#   - ref: https://docs.kics.io/latest/queries/serverlessfw-queries/
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html
# custom:
#   id: IAM-05
#   severity: high
#   category: identity
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: >-
#     Grant the exact actions on the exact resources the code uses; replace administrator
#     roles (AdministratorAccess, Owner, Editor, Contributor, cluster-admin) with scoped ones.
#   references: [Security Hub IAM.1, KICS Serverless Role With Full Privileges, OWASP Serverless S5]
package hybridadvisor.security.iam_05

# "*", "*:*", a whole service ("s3:*"), or an administrator role or policy name.
_too_broad := `(?i)^(\*|\*:\*|[a-z0-9-]+:\*)$|(^|[/:])(administratoraccess|owner|editor|contributor|cluster-admin)$`

deny contains {"message": msg, "path": sprintf("security.identity.permissions[%d]", [i])} if {
	permissions := input.component.security.identity.permissions
	c := input.component
	some i, p in permissions
	regex.match(_too_broad, p)
	msg := sprintf("%s's identity is granted %q, which allows every action it covers", [c.name, p])
}
