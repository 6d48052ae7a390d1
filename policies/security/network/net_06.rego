# METADATA
# title: Public HTTP endpoint without WAF or rate limiting
# description: >-
#   A public endpoint without a web application firewall and throttling takes injection
#   attempts and floods straight to the compute, which on pay-per-request platforms is
#   also a denial of wallet. Fires when a public http component declares
#   security.network.waf false. Absence: a network block that omits waf also fires.
# related_resources:
#   - ref: https://docs.aws.amazon.com/config/latest/developerguide/api-gw-associated-with-waf.html
#   - ref: https://docs.aws.amazon.com/wellarchitected/latest/serverless-applications-lens/identity-and-access-management.html
# custom:
#   id: NET-06
#   severity: medium
#   category: network
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: Put a WAF with managed rule sets and rate limits in front of the endpoint (API gateway, Front Door/App Gateway, Cloud Armor).
#   references: [Security Hub APIGateway.4, AWS Config api-gw-associated-with-waf, OWASP Serverless S6]
package hybridadvisor.security.net_06

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": leaf[0]} if {
	input.component.trigger == "http"
	input.component.security.exposure == "public"
	input.component.declared.security == true
	c := input.component
	not c.security.network.waf
	leaf := lib.off_leaf(c.security.network, "security.network", "waf")
	msg := sprintf("%s is a public HTTP endpoint without a WAF or rate limiting (waf %s)", [c.name, leaf[1]])
}
