# METADATA
# title: No alarms
# description: >-
#   Metrics that nobody is alerted on are noticed by users first. Fires when an
#   observability block declares no alarms (missing or an empty list).
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html
#   - ref: https://owasp.org/www-project-serverless-top-10/
# custom:
#   id: OBS-05
#   severity: low
#   category: observability
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: Alarm at least on errors, throttles and (for queues) message age, routed to the owning team.
#   references: [OWASP Serverless S10]
package hybridadvisor.security.obs_05

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": lib.leaf_path(path)} if {
	input.component.declared.observability == true
	c := input.component
	lib.written(c.observability)
	path := ["observability", "alarms"]
	count(object.get(c.observability, "alarms", [])) == 0
	msg := sprintf("%s raises no alarms on errors or throttling (alarms %s)", [c.name, lib.shown(path)])
}
