# METADATA
# title: No structured logs or correlation ID
# description: >-
#   Unified logging across functions and containers needs machine-readable logs that
#   carry the request or trace ID, or logs from one request cannot be joined. Fires once
#   for each of observability.structured_logs and correlation_id that is false. Absence:
#   an observability block that omits either also fires for it.
# related_resources:
#   - ref: https://owasp.org/www-project-serverless-top-10/
#   - ref: https://opentelemetry.io/docs/specs/otel/logs/
# custom:
#   id: OBS-02
#   severity: low
#   category: observability
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: Write JSON logs with a request or trace ID on every line (Powertools logger, OpenTelemetry log correlation) and ship them to one log store.
#   references: [OWASP Serverless S10]
package hybridadvisor.security.obs_02

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": leaf[0]} if {
	input.component.declared.observability == true
	c := input.component
	some field in ["structured_logs", "correlation_id"]
	not c.observability[field]
	leaf := lib.off_leaf(c.observability, "observability", field)
	msg := sprintf("%s cannot be joined into unified logs (%s %s)", [c.name, field, leaf[1]])
}
