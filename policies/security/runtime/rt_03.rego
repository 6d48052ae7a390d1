# METADATA
# title: Writable root filesystem
# description: >-
#   A writable root filesystem lets an intruder drop tools and persist changes in the
#   container. Fires when security.runtime.read_only_root_fs is false. Absence: a runtime
#   block that omits read_only_root_fs also fires (root filesystems are writable by default).
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html
#   - ref: https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF
# custom:
#   id: RT-03
#   severity: medium
#   category: runtime
#   applies_to: [serverless-container, orchestrated-container]
#   remediation: Set readOnlyRootFilesystem (Kubernetes, ECS) and mount a tmpfs or volume for the paths that need scratch space.
#   references: [Security Hub ECS.5, AWS Config ecs-containers-readonly-access, CKV_K8S_22, NSA-CISA immutable file systems]
package hybridadvisor.security.rt_03

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": leaf[0]} if {
	input.component.declared.security == true
	c := input.component
	not c.security.runtime.read_only_root_fs
	leaf := lib.off_leaf(c.security.runtime, "security.runtime", "read_only_root_fs")
	msg := sprintf("%s runs with a writable root filesystem (read_only_root_fs %s)", [c.name, leaf[1]])
}
