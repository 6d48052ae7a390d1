# METADATA
# title: Weak or no TLS in transit
# description: >-
#   TLS 1.0 and 1.1 are deprecated (RFC 8996) and plaintext exposes every request. Fires
#   when security.data.tls_min is below 1.2 or none. Absent tls_min does not fire: the
#   managed front doors of all three clouds default to TLS 1.2.
# related_resources:
#   - ref: https://datatracker.ietf.org/doc/html/rfc8996
#   - ref: https://learn.microsoft.com/azure/container-apps/ingress-overview
# custom:
#   id: DATA-04
#   severity: high
#   category: data
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: Enforce TLS 1.2 or later on every listener, gateway and client (minimum TLS version policies on API Gateway, App Service, load balancers).
#   references: [OWASP Serverless S3, RFC 8996]
package hybridadvisor.security.data_04

deny contains {"message": msg, "path": "security.data.tls_min"} if {
	v := input.component.security.data.tls_min
	c := input.component
	_weak(v)
	msg := sprintf("%s accepts connections with TLS below 1.2 (security.data.tls_min %s)", [c.name, v])
}

_weak(v) if lower(v) in {"none", "plaintext", "ssl3", "sslv3"}

_weak(v) if {
	s := trim_prefix(trim_prefix(lower(v), "tlsv"), "tls")
	regex.match(`^[0-9]+(\.[0-9]+)?$`, s)
	to_number(s) < 1.2
}
