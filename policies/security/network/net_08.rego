# METADATA
# title: Sensitive data reached over public service endpoints
# description: >-
#   A component with confidential or restricted data that reaches its databases, queues and
#   secret stores through their public endpoints sends that data over the internet edge of
#   the provider and cannot scope access by network. Fires when the classification is
#   confidential or restricted and security.network.private_endpoints is false. Absence:
#   a network block that omits private_endpoints also fires.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc/latest/privatelink/what-is-privatelink.html
#   - ref: https://learn.microsoft.com/azure/private-link/private-endpoint-overview
# custom:
#   id: NET-08
#   severity: medium
#   category: network
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: Reach data services through private endpoints (VPC endpoints/PrivateLink, Azure Private Endpoints, Private Service Connect).
#   references: [NSA-CISA network separation, OWASP Serverless S3]
package hybridadvisor.security.net_08

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": leaf[0]} if {
	input.component.security.data.classification
	input.component.declared.security == true
	c := input.component
	not c.security.network.private_endpoints
	lib.sensitive
	leaf := lib.off_leaf(c.security.network, "security.network", "private_endpoints")
	msg := sprintf("%s handles %s data but reaches services over public endpoints (private_endpoints %s)", [c.name, c.security.data.classification, leaf[1]])
}
