# METADATA
# title: Cycle of synchronous calls
# description: >-
#   Components that end up calling themselves synchronously hold a request open on every
#   hop of the loop: under load they exhaust each other's concurrency, and a bug turns
#   into unbounded recursion that bills per hop. Fires on each synchronous calling edge
#   that leads back to the component. Asynchronous cycles (event choreography) do not fire.
# related_resources:
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/invocation-recursion.html
# custom:
#   id: RES-06
#   severity: medium
#   category: resilience
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: Break the cycle by making one edge asynchronous (queue or event) or move the shared logic into the component that owns it.
#   references: [source framework async messaging]
package hybridadvisor.security.res_06

# The engine marks the sync calls that lead back to the component
# (input.component.sync_chain.leads_back, from its strongly connected components):
# graph.reachable per call took seconds on a 50-component architecture.

deny contains {"message": msg, "path": sprintf("calls[%d]", [i])} if {
	input.component.calls[_].mode == "sync"
	c := input.component
	some i in c.sync_chain.leads_back
	e := c.calls[i]
	msg := sprintf("%s calls %s synchronously and that call leads back to %s", [c.name, e.to, c.name])
}
