# METADATA
# title: No security, observability or resilience posture declared
# description: >-
#   The component declares none of its security, observability and resilience blocks, so
#   no practice can be checked for it. This single info finding replaces the many that
#   would otherwise fire on absent fields; every other rule stays quiet on what was not
#   declared.
# related_resources:
#   - ref: https://docs.aws.amazon.com/wellarchitected/latest/serverless-applications-lens/
# custom:
#   id: DECL-01
#   severity: info
#   category: observability
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: Add security, observability and resilience blocks to the component; declare explicitly what does not apply (for example dlq false on a synchronous API).
#   references: [source framework security considerations, source framework monitoring and observability]
package hybridadvisor.security.decl_01

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": ""} if {
	c := input.component
	not lib.posture_declared
	msg := sprintf("%s declares no security, observability or resilience block, so only its defaulted exposure (%s) is known", [c.name, object.get(c, ["security", "exposure"], "unknown")])
}
