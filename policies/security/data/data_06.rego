# METADATA
# title: More sensitive component called without workload authentication
# description: >-
#   When a component holding less sensitive data calls one that holds confidential or
#   restricted data, the edge is where data crosses trust levels; the callee must prove
#   who is calling with workload identity (IAM-signed requests) or mTLS, not a network
#   position or a forwarded user token alone. Fires on the callee when it is confidential
#   or restricted, a caller in the architecture declares a lower classification, and the
#   callee's security.auth.type is neither iam nor mtls (or is not declared).
# related_resources:
#   - ref: https://docs.aws.amazon.com/wellarchitected/latest/serverless-applications-lens/identity-and-access-management.html
#   - ref: https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF
# custom:
#   id: DATA-06
#   severity: high
#   category: data
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: Require IAM-authenticated invocation or mTLS on the more sensitive component and grant invoke rights only to the callers that need them.
#   references: [OWASP Serverless S5, NSA-CISA zero trust]
package hybridadvisor.security.data_06

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": lib.field_path(path)} if {
	input.component.security.data.classification
	input.component.called_by[_]
	c := input.component
	lib.sensitive
	path := ["security", "auth", "type"]
	not object.get(c.security, ["auth", "type"], "") in lib.workload_auth
	rank := lib.classification_rank[c.security.data.classification]
	callers := {sprintf("%s (%s)", [e.from, cls]) |
		some e in c.called_by
		cls := lib.component(e.from).security.data.classification
		lib.classification_rank[cls] < rank
	}
	count(callers) > 0
	msg := sprintf("%s holds %s data and is called by less sensitive %s without workload authentication (security.auth.type %s)", [c.name, c.security.data.classification, lib.list(callers), lib.shown(path)])
}
