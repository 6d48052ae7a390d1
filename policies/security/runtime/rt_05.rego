# METADATA
# title: Host namespaces or host access
# description: >-
#   Sharing the node's network, PID or IPC namespace, or reaching host paths and kernel
#   settings, removes the isolation between the pod and the node. Fires when
#   requires.host_access is true.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/
# custom:
#   id: RT-05
#   severity: high
#   category: runtime
#   applies_to: [orchestrated-container]
#   remediation: Remove hostNetwork, hostPID, hostIPC and hostPath; if the component truly needs the host, run it on a dedicated, tainted node pool.
#   references: [PSS Baseline host namespaces, CKV_K8S_17, CKV_K8S_18, CKV_K8S_19]
package hybridadvisor.security.rt_05

deny contains {"message": msg, "path": "requires.host_access"} if {
	input.component.requires.host_access == true
	c := input.component
	msg := sprintf("%s requires host namespaces or host access (requires.host_access true)", [c.name])
}
