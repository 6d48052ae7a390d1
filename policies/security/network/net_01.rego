# METADATA
# title: Reaches private resources without network attachment
# description: >-
#   A component that must reach resources in a private network (requires.vpc) but is not
#   attached to it ends up reaching them over public endpoints, or forces them to be
#   public. Fires when requires.vpc is true and security.network.vpc_attached is false.
#   Absence: a network block that omits vpc_attached also fires (platforms default to no
#   VPC attachment).
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html
#   - ref: https://cloud.google.com/run/docs/configuring/vpc-direct-vpc
# custom:
#   id: NET-01
#   severity: medium
#   category: network
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: >-
#     Attach the component to the private network: Lambda VPC configuration, Azure Functions
#     Flex/Premium VNet integration or Container Apps environment VNet, Cloud Run Direct VPC egress.
#   references: [CKV_AWS_117, Security Hub Lambda.3]
package hybridadvisor.security.net_01

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": leaf[0]} if {
	input.component.requires.vpc == true
	input.component.declared.security == true
	c := input.component
	not c.security.network.vpc_attached
	leaf := lib.off_leaf(c.security.network, "security.network", "vpc_attached")
	msg := sprintf("%s must reach private resources (requires.vpc true) but is not attached to the network (vpc_attached %s)", [c.name, leaf[1]])
}
