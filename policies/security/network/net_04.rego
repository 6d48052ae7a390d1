# METADATA
# title: Unrestricted egress from a component handling sensitive data
# description: >-
#   A component that holds confidential or restricted data and may open connections to
#   any internet host is an exfiltration path. Fires when the data classification is
#   confidential or restricted and security.network.egress_restricted is false. Absence:
#   a network block that omits egress_restricted also fires (egress is open by default).
# related_resources:
#   - ref: https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF
#   - ref: https://cloud.google.com/vpc-service-controls/docs/overview
# custom:
#   id: NET-04
#   severity: medium
#   category: network
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: >-
#     Route egress through the VPC and a NAT or proxy with an allow-list of destinations
#     (or VPC Service Controls / network security perimeter).
#   references: [NSA-CISA Kubernetes Hardening network separation, OWASP Serverless S3]
package hybridadvisor.security.net_04

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": leaf[0]} if {
	input.component.security.data.classification
	input.component.declared.security == true
	c := input.component
	not c.security.network.egress_restricted
	lib.sensitive
	leaf := lib.off_leaf(c.security.network, "security.network", "egress_restricted")
	msg := sprintf("%s handles %s data with unrestricted egress (egress_restricted %s)", [c.name, c.security.data.classification, leaf[1]])
}
