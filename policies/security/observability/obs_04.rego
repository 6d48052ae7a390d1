# METADATA
# title: No health checks on a long-running container
# description: >-
#   A container that keeps running between requests can hang or lose a dependency while
#   still receiving traffic; only probes let the platform notice and replace it. Fires
#   when observability.health_checks is false. Absence: an observability block that
#   omits health_checks also fires.
# related_resources:
#   - ref: https://cloud.google.com/run/docs/configuring/healthchecks
#   - ref: https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
# custom:
#   id: OBS-04
#   severity: medium
#   category: observability
#   applies_to: [serverless-container, orchestrated-container]
#   remediation: Add startup, readiness and liveness probes (Kubernetes, Cloud Run, Container Apps) or a container health check (ECS).
#   references: [CKV_K8S_8, CKV_K8S_9]
package hybridadvisor.security.obs_04

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": leaf[0]} if {
	input.component.declared.observability == true
	c := input.component
	not c.observability.health_checks
	leaf := lib.off_leaf(c.observability, "observability", "health_checks")
	msg := sprintf("%s has no health checks to replace a hung container (health_checks %s)", [c.name, leaf[1]])
}
