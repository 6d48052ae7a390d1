# METADATA
# title: Privileged container or privilege escalation allowed
# description: >-
#   A privileged container, or one that may gain privileges or keeps the default Linux
#   capabilities, can break out to the node. Fires when requires.privileged is true
#   (critical), security.runtime.allow_privilege_escalation is true (high) or
#   capabilities_drop_all is false (medium). Only declared values fire (Fargate, Cloud
#   Run and Container Apps already forbid privileged mode).
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html
# custom:
#   id: RT-04
#   severity: critical
#   category: runtime
#   applies_to: [serverless-container, orchestrated-container]
#   remediation: Run unprivileged with allowPrivilegeEscalation false, drop ALL capabilities (add back only what is needed) and use the RuntimeDefault seccomp profile.
#   references: [PSS Baseline privileged, PSS Restricted allowPrivilegeEscalation, Security Hub ECS.4, CKV_K8S_16, CKV_K8S_20, CKV_K8S_37]
package hybridadvisor.security.rt_04

deny contains {"message": msg, "path": "requires.privileged"} if {
	input.component.requires.privileged == true
	c := input.component
	msg := sprintf("%s requires a privileged container (requires.privileged true)", [c.name])
}

deny contains {"message": msg, "path": "security.runtime.allow_privilege_escalation", "severity": "high"} if {
	input.component.security.runtime.allow_privilege_escalation == true
	c := input.component
	msg := sprintf("%s lets its processes gain privileges (allow_privilege_escalation true)", [c.name])
}

deny contains {"message": msg, "path": "security.runtime.capabilities_drop_all", "severity": "medium"} if {
	input.component.security.runtime.capabilities_drop_all == false
	c := input.component
	msg := sprintf("%s keeps the default Linux capabilities (capabilities_drop_all false)", [c.name])
}
