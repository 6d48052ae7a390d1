# METADATA
# title: Public HTTP endpoint without authentication
# description: >-
#   A component reachable from the internet over HTTP must authenticate its callers.
#   Fires when a public http component declares security.auth.type none. Absence: when
#   the security block is written but names no auth type, it also fires (platforms
#   default to no authorizer), at high rather than critical severity.
# related_resources:
#   - ref: https://docs.aws.amazon.com/wellarchitected/latest/serverless-applications-lens/identity-and-access-management.html
#   - ref: https://owasp.org/www-project-serverless-top-10/
# custom:
#   id: IAM-01
#   severity: critical
#   category: identity
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: >-
#     Put an authorizer in front of the endpoint (JWT/OIDC, IAM or mTLS); never leave a
#     Lambda function URL on AuthType NONE or grant allUsers the Cloud Run invoker role.
#   references: [CKV_AWS_258, Security Hub Lambda.1, OWASP Serverless S2]
package hybridadvisor.security.iam_01

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": "security.auth.type"} if {
	input.component.security.auth.type == "none"
	c := _public_http
	msg := sprintf("%s is a public HTTP endpoint with security.auth.type none: anyone on the internet can call it", [c.name])
}

deny contains {"message": msg, "path": lib.field_path(["security", "auth", "type"]), "severity": "high"} if {
	input.component.declared.security == true
	c := _public_http
	not c.security.auth.type
	msg := sprintf("%s is a public HTTP endpoint whose security block declares no security.auth.type", [c.name])
}

_public_http := c if {
	input.component.trigger == "http"
	input.component.security.exposure == "public"
	c := input.component
}
