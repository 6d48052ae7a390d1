# METADATA
# title: No default-deny NetworkPolicy
# description: >-
#   Kubernetes lets every pod talk to every other pod unless a NetworkPolicy says
#   otherwise. Fires when security.network.network_policy is false. Absence: a network
#   block that omits network_policy also fires (the Kubernetes default is allow-all).
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/services-networking/network-policies/
#   - ref: https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF
# custom:
#   id: NET-05
#   severity: medium
#   category: network
#   applies_to: [orchestrated-container]
#   remediation: Add a default-deny NetworkPolicy to the namespace and explicit allow rules for the component's real callers and destinations.
#   references: [NSA-CISA Kubernetes Hardening network policies]
package hybridadvisor.security.net_05

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": leaf[0]} if {
	input.component.declared.security == true
	c := input.component
	not c.security.network.network_policy
	leaf := lib.off_leaf(c.security.network, "security.network", "network_policy")
	msg := sprintf("%s has no default-deny NetworkPolicy (network_policy %s), so any pod in the cluster can reach it", [c.name, leaf[1]])
}
