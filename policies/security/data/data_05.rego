# METADATA
# title: Personal data may reach the logs
# description: >-
#   Logs are kept long, copied widely and read by many; personal data in them escapes
#   every other control. Fires when security.data.pii is true and log_redaction is false.
#   Absence: pii true without log_redaction also fires.
# related_resources:
#   - ref: https://owasp.org/www-project-serverless-top-10/
#   - ref: https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html
# custom:
#   id: DATA-05
#   severity: medium
#   category: data
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: Log structured, allow-listed fields only and redact or mask personal data before it is written (logger filters, data-protection policies on the log group).
#   references: [OWASP Serverless S3, OWASP Serverless S10]
package hybridadvisor.security.data_05

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": leaf[0]} if {
	input.component.security.data.pii == true
	c := input.component
	not c.security.data.log_redaction
	leaf := lib.off_leaf(c.security.data, "security.data", "log_redaction")
	msg := sprintf("%s processes personal data without log redaction (log_redaction %s)", [c.name, leaf[1]])
}
