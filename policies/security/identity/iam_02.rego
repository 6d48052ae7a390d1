# METADATA
# title: Shared key as the only authentication of a public endpoint
# description: >-
#   Function keys and API keys are shared secrets: once distributed to public clients
#   they leak and cannot tell one caller from another. Fires when a public component
#   declares security.auth.type function_key or api_key.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/azure-functions/function-keys-how-to
#   - ref: https://owasp.org/www-project-serverless-top-10/
# custom:
#   id: IAM-02
#   severity: high
#   category: identity
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: >-
#     Authenticate public clients with a JWT/OIDC validator (API gateway, APIM, App Service
#     Authentication); keep keys for trusted server-to-server callers only.
#   references: [OWASP Serverless S2]
package hybridadvisor.security.iam_02

deny contains {"message": msg, "path": "security.auth.type"} if {
	input.component.security.auth.type in {"function_key", "api_key"}
	input.component.security.exposure == "public"
	c := input.component
	msg := sprintf("%s is public and authenticates callers only with a shared secret (security.auth.type %s)", [c.name, c.security.auth.type])
}
