# METADATA
# title: Timeout far above or below the expected duration
# description: >-
#   A timeout far above the longest expected run lets hung or abused invocations run (and
#   bill) for long; one below it kills legitimate work. Fires when
#   security.runtime.timeout_ms exceeds both 3 x execution.max_duration_ms and 10 s (a
#   policy threshold), or, at medium, when it is shorter than max_duration_ms. Absent
#   timeout_ms does not fire.
# related_resources:
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html
#   - ref: https://cloud.google.com/run/docs/configuring/request-timeout
# custom:
#   id: RT-07
#   severity: low
#   category: runtime
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: Set the timeout a little above the longest expected run (p99) so runaway invocations stop early.
#   references: [OWASP Serverless S6]
package hybridadvisor.security.rt_07

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": "security.runtime.timeout_ms"} if {
	timeout := input.component.security.runtime.timeout_ms
	c := input.component
	longest := c.execution.max_duration_ms
	ceiling := max({lib.thresholds.timeout_headroom_factor * longest, lib.thresholds.timeout_floor_ms})
	timeout > ceiling
	msg := sprintf("%s has a timeout of %v ms for runs of at most %v ms, above the %v ms ceiling that stops hung invocations early", [c.name, timeout, longest, ceiling])
}

deny contains {"message": msg, "path": "security.runtime.timeout_ms", "severity": "medium"} if {
	timeout := input.component.security.runtime.timeout_ms
	c := input.component
	timeout < c.execution.max_duration_ms
	msg := sprintf("%s has a timeout of %v ms, shorter than its longest expected run of %v ms", [c.name, timeout, c.execution.max_duration_ms])
}
