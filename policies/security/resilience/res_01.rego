# METADATA
# title: Asynchronous work without a dead-letter queue
# description: >-
#   Messages that keep failing are retried and then dropped silently unless a dead-letter
#   queue or on-failure destination keeps them. Fires when the component receives work
#   at least once (queue, event, stream or storage trigger, or an async call from another
#   component) and resilience.dlq is false. Absence: a resilience block that omits dlq
#   also fires.
# related_resources:
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
#   - ref: https://cloud.google.com/pubsub/docs/handling-failures
# custom:
#   id: RES-01
#   severity: medium
#   category: resilience
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: Configure a dead-letter queue or on-failure destination (SQS/SNS DLQ, Lambda destination, Service Bus DLQ, Pub/Sub dead-letter topic) and alarm on its depth.
#   references: [CKV_AWS_116, AWS Config lambda-dlq-check]
package hybridadvisor.security.res_01

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": leaf[0]} if {
	input.component.declared.resilience == true
	c := input.component
	not c.resilience.dlq
	lib.at_least_once
	leaf := lib.off_leaf(c.resilience, "resilience", "dlq")
	msg := sprintf("%s receives work through %s but has no dead-letter queue for messages that keep failing (dlq %s)", [c.name, lib.delivery, leaf[1]])
}
