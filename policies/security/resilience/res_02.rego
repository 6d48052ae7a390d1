# METADATA
# title: At-least-once delivery without idempotency
# description: >-
#   Queues, event buses, streams and retries deliver the same message more than once; a
#   handler that is not idempotent charges twice or sends the email twice. Fires when the
#   component receives work at least once (async trigger or async call from another
#   component) or declares retries, and resilience.idempotent is false. Absence: a
#   resilience block that omits idempotent also fires.
# related_resources:
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/invocation-retries.html
#   - ref: https://docs.powertools.aws.dev/lambda/python/latest/utilities/idempotency/
# custom:
#   id: RES-02
#   severity: high
#   category: resilience
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: Make the handler idempotent with an idempotency key and a dedupe store (Powertools idempotency, conditional writes) before enabling retries.
#   references: [source framework async messaging]
package hybridadvisor.security.res_02

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": leaf[0]} if {
	input.component.declared.resilience == true
	c := input.component
	not c.resilience.idempotent
	leaf := lib.off_leaf(c.resilience, "resilience", "idempotent")
	why := _redelivered
	msg := sprintf("%s may process the same message twice (%s) but is not idempotent (idempotent %s)", [c.name, why, leaf[1]])
}

_redelivered := lib.delivery if {
	lib.at_least_once
} else := sprintf("retries %d", [input.component.resilience.retries]) if {
	input.component.resilience.retries > 0
}
