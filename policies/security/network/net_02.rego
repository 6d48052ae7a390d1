# METADATA
# title: Component behind another one exposed publicly
# description: >-
#   A component that other components of the architecture call synchronously is usually a
#   backend behind them; if it is also public, clients can bypass the gateway, its
#   authorizer and its rate limits. Fires when security.exposure is public on a component
#   with synchronous callers in the architecture (async callers only send it messages).
#   Only when the security block was written (the exposure of an http component otherwise
#   defaults to public). A heuristic, hence medium.
# related_resources:
#   - ref: https://cloud.google.com/run/docs/securing/ingress
#   - ref: https://learn.microsoft.com/azure/container-apps/ingress-overview
# custom:
#   id: NET-02
#   severity: medium
#   category: network
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: >-
#     Make the backend internal (Cloud Run ingress internal, Container Apps internal ingress,
#     private API Gateway endpoint or internal load balancer) and reach it only through the gateway.
#   references: [KICS Serverless API Endpoint Config Not Private]
package hybridadvisor.security.net_02

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": "security.exposure"} if {
	input.component.declared.security == true
	input.component.security.exposure == "public"
	input.component.called_by[_]
	c := input.component
	callers := {e.from | some e in c.called_by; e.mode == "sync"}
	count(callers) > 0
	msg := sprintf("%s is public (security.exposure public) although %s call it from inside the architecture, so clients can bypass them", [c.name, lib.list(callers)])
}
