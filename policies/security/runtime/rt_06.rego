# METADATA
# title: No CPU or memory limits
# description: >-
#   A pod without limits can starve its neighbours on the node, by bug or by attack.
#   Fires when security.runtime.resource_limits is false. Absence: a runtime block that
#   omits resource_limits also fires (Kubernetes sets no limits by default).
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/policy/limit-range/
#   - ref: https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF
# custom:
#   id: RT-06
#   severity: medium
#   category: runtime
#   applies_to: [orchestrated-container]
#   remediation: Set CPU and memory requests and limits on the container, and a LimitRange and ResourceQuota on the namespace.
#   references: [CKV_K8S_11, CKV_K8S_13, NSA-CISA ResourceQuota and LimitRange]
package hybridadvisor.security.rt_06

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": leaf[0]} if {
	input.component.declared.security == true
	c := input.component
	not c.security.runtime.resource_limits
	leaf := lib.off_leaf(c.security.runtime, "security.runtime", "resource_limits")
	msg := sprintf("%s runs without CPU and memory limits (resource_limits %s)", [c.name, leaf[1]])
}
