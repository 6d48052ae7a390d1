# METADATA
# title: Synchronous call into a smaller concurrency cap
# description: >-
#   When a component that may run N requests at once calls a component capped below N
#   synchronously, bursts are throttled at the callee and the errors travel back up the
#   chain. Fires on the calling edge when both components declare
#   resilience.max_concurrency and the callee's cap is the lower one.
# related_resources:
#   - ref: https://microservices.io/patterns/communication-style/messaging.html
# custom:
#   id: RES-04
#   severity: medium
#   category: resilience
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: Put a queue between the two (the source framework's asynchronous messaging), or align the caps and add backoff with jitter on the caller.
#   references: [source framework async messaging]
package hybridadvisor.security.res_04

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": sprintf("calls[%d]", [i])} if {
	mine := input.component.resilience.max_concurrency
	input.component.calls[_]
	c := input.component
	some i, e in c.calls
	e.mode == "sync"
	theirs := lib.component(e.to).resilience.max_concurrency
	theirs > 0
	theirs < mine
	msg := sprintf("%s runs up to %d requests at once but calls %s synchronously, which is capped at %d", [c.name, mine, e.to, theirs])
}
