# METADATA
# title: Caller identity not propagated on synchronous calls
# description: >-
#   When a component authenticates end users (typically a JWT validated at the gateway)
#   and then calls other components synchronously without forwarding that identity, the
#   downstream services cannot authorise per user and must trust the caller blindly.
#   Fires when security.auth.type is jwt or oauth2, the component has sync calls, and
#   security.auth.propagate_identity is false. Absence: an auth block that names a token
#   type but omits propagate_identity also fires, since forwarding is opt-in everywhere.
# related_resources:
#   - ref: https://owasp.org/www-project-serverless-top-10/
#   - ref: https://datatracker.ietf.org/doc/html/rfc8693
# custom:
#   id: IAM-04
#   severity: medium
#   category: identity
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: >-
#     Forward the caller's JWT (or exchange it for a downstream token, RFC 8693) on every
#     synchronous call and authorise each request in the callee.
#   references: [OWASP Serverless S5]
package hybridadvisor.security.iam_04

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": lib.leaf_path(path)} if {
	auth := input.component.security.auth.type
	input.component.calls[_]
	c := input.component
	auth in lib.user_token_auth
	path := ["security", "auth", "propagate_identity"]
	not c.security.auth.propagate_identity
	callees := {e.to | some e in c.calls; e.mode == "sync"}
	count(callees) > 0
	msg := sprintf("%s authenticates users with %s but does not propagate their identity (propagate_identity %s) on its sync calls to %s", [c.name, c.security.auth.type, lib.shown(path), lib.list(callees)])
}
