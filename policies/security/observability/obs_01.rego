# METADATA
# title: Distributed tracing disabled
# description: >-
#   In a hybrid architecture one request crosses functions, containers and queues; without
#   tracing nobody can tell where it slowed down or failed. Fires when
#   observability.tracing is false. Absence: an observability block that omits tracing
#   also fires (tracing is off by default everywhere).
# related_resources:
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html
#   - ref: https://www.w3.org/TR/trace-context/
# custom:
#   id: OBS-01
#   severity: medium
#   category: observability
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: Enable tracing (X-Ray/ADOT, Application Insights, Cloud Trace or OpenTelemetry) and propagate W3C traceparent on every sync call and message.
#   references: [CKV_AWS_50, KICS Serverless Function Without X-Ray Tracing, OWASP Serverless S10]
package hybridadvisor.security.obs_01

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": leaf[0]} if {
	input.component.declared.observability == true
	c := input.component
	not c.observability.tracing
	leaf := lib.off_leaf(c.observability, "observability", "tracing")
	msg := sprintf("%s does not take part in distributed tracing (tracing %s)", [c.name, leaf[1]])
}
