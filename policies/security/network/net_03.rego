# METADATA
# title: Network placement in a single availability zone
# description: >-
#   A network-attached component whose subnets sit in one availability zone goes down with
#   that zone. Fires when vpc_attached is true and security.network.multi_az is false.
#   Absence: a network block that attaches to a VPC without saying multi_az also fires.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html
# custom:
#   id: NET-03
#   severity: medium
#   category: network
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: Attach the component to subnets in at least two availability zones.
#   references: [Security Hub Lambda.5]
package hybridadvisor.security.net_03

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": leaf[0]} if {
	input.component.security.network.vpc_attached == true
	c := input.component
	not c.security.network.multi_az
	leaf := lib.off_leaf(c.security.network, "security.network", "multi_az")
	msg := sprintf("%s is attached to a VPC without subnets in several availability zones (multi_az %s)", [c.name, leaf[1]])
}
