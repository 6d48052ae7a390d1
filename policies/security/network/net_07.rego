# METADATA
# title: Unauthenticated internal component called by a public one
# description: >-
#   An internal or private component that accepts unauthenticated calls trusts its network
#   position alone; once the public component that calls it is compromised, the attacker
#   moves laterally into it with no further barrier. Fires on the callee when its
#   security.auth.type is none and at least one caller in the architecture is public.
# related_resources:
#   - ref: https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF
#   - ref: https://owasp.org/www-project-serverless-top-10/
# custom:
#   id: NET-07
#   severity: high
#   category: network
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: Authenticate service-to-service calls (IAM-signed requests, workload identity tokens or mTLS) even inside the private network.
#   references: [NSA-CISA zero trust lateral movement, OWASP Serverless S5]
package hybridadvisor.security.net_07

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": "security.auth.type"} if {
	input.component.security.auth.type == "none"
	input.component.called_by[_]
	c := input.component
	c.security.exposure != "public"
	callers := {e.from |
		some e in c.called_by
		lib.component(e.from).security.exposure == "public"
	}
	count(callers) > 0
	msg := sprintf("%s is %s with security.auth.type none yet is called by the public %s, a lateral-movement path", [c.name, c.security.exposure, lib.list(callers)])
}
