# METADATA
# title: Missing cost allocation tags
# description: >-
#   Untagged resources cannot be charged back, budgeted or cleaned up when their owner
#   leaves. Fires when tags are declared but lack owner, cost_center or environment.
#   Absence: a component with no tags at all fires too once it declares any security,
#   observability or resilience block.
# related_resources:
#   - ref: https://docs.aws.amazon.com/whitepapers/latest/tagging-best-practices/tagging-best-practices.html
#   - ref: https://docs.kics.io/latest/queries/serverlessfw-queries/
# custom:
#   id: COST-01
#   severity: low
#   category: cost
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: Tag every component with owner, cost_center and environment, and enforce the tags with a tag policy or Azure Policy.
#   references: [KICS Serverless Function Without Tags]
package hybridadvisor.security.cost_01

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": "tags"} if {
	c := input.component
	tags := _tags
	_judged
	missing := {t | some t in lib.mandatory_tags; not tags[t]}
	count(missing) > 0
	msg := sprintf("%s lacks the cost allocation tags %s", [c.name, lib.list(missing)])
}

_tags := t if {
	t := input.component.tags
} else := {}

_judged if count(_tags) > 0

_judged if {
	count(_tags) == 0
	lib.posture_declared
}
