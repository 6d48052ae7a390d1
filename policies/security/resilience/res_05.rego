# METADATA
# title: Long chain of synchronous calls
# description: >-
#   Every synchronous hop adds its latency, cold starts and failure rate to the caller's.
#   Fires on the component that starts a chain (no synchronous callers) when the chain
#   of sync calls from it is longer than 3 hops (a policy threshold).
# related_resources:
#   - ref: https://microservices.io/patterns/communication-style/messaging.html
# custom:
#   id: RES-05
#   severity: low
#   category: resilience
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: Make the steps that need no immediate answer asynchronous (queue or event bus) or fold tightly coupled steps into one service.
#   references: [source framework async messaging]
package hybridadvisor.security.res_05

import data.hybridadvisor.security.lib

# The longest chain is computed by the engine in linear time (input.component.sync_chain):
# enumerating paths here (graph.reachable_paths) is exponential, and a built-in cannot be
# cancelled by the evaluation timeout.
deny contains {"message": msg, "path": "calls"} if {
	input.component.calls[_].mode == "sync"
	c := input.component
	not _sync_caller
	chain := c.sync_chain
	chain.hops > lib.thresholds.sync_chain_max_hops
	msg := sprintf("%s starts a chain of %d synchronous calls (%s)", [c.name, chain.hops, concat(" -> ", chain.path)])
}

_sync_caller if {
	some e in input.component.called_by
	e.mode == "sync"
}
