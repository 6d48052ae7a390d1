# METADATA
# title: Token not validated at the gateway
# description: >-
#   Bearer tokens (JWT, OAuth2) must be validated (signature, issuer, audience, expiry)
#   before compute runs: at the gateway for a public edge, and somewhere in every case.
#   Fires when validated_at is none (high), or when a public component validates only in
#   its own code (validated_at service, medium). Absent validated_at does not fire.
# related_resources:
#   - ref: https://docs.aws.amazon.com/wellarchitected/latest/serverless-applications-lens/identity-and-access-management.html
# custom:
#   id: IAM-03
#   severity: medium
#   category: identity
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: >-
#     Validate the token's signature, issuer, audience and expiry in the API gateway, APIM
#     or load balancer so unauthenticated requests never reach (or bill) the compute.
#   references: [OWASP Serverless S2, Serverless Lens SEC 1]
package hybridadvisor.security.iam_03

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": "security.auth.validated_at", "severity": "high"} if {
	input.component.security.auth.validated_at == "none"
	c := input.component
	c.security.auth.type in lib.user_token_auth
	msg := sprintf("%s accepts %s tokens without validating them (security.auth.validated_at none)", [c.name, c.security.auth.type])
}

deny contains {"message": msg, "path": "security.auth.validated_at"} if {
	input.component.security.auth.validated_at == "service"
	input.component.security.exposure == "public"
	c := input.component
	c.security.auth.type in lib.user_token_auth
	msg := sprintf("%s is public and validates %s tokens only in its own code (security.auth.validated_at service), not at the gateway", [c.name, c.security.auth.type])
}
