# METADATA
# title: Container runs as root
# description: >-
#   A process running as root inside the container is one kernel or runtime bug away
#   from root on the node. Fires when security.runtime.run_as_non_root is false.
#   Absence: a runtime block that omits run_as_non_root also fires (images run as root
#   unless they set a USER).
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/
#   - ref: https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF
# custom:
#   id: RT-02
#   severity: high
#   category: runtime
#   applies_to: [serverless-container, orchestrated-container]
#   remediation: Set a non-root USER in the image and runAsNonRoot (Kubernetes) or the task's user field (ECS).
#   references: [PSS Restricted runAsNonRoot, CKV_K8S_23, AWS Config ecs-task-definition-linux-user-non-root, NSA-CISA non-root containers]
package hybridadvisor.security.rt_02

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": leaf[0]} if {
	input.component.declared.security == true
	c := input.component
	not c.security.runtime.run_as_non_root
	leaf := lib.off_leaf(c.security.runtime, "security.runtime", "run_as_non_root")
	msg := sprintf("%s may run its container as root (run_as_non_root %s)", [c.name, leaf[1]])
}
