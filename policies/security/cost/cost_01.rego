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

# One rule per reason to judge the component, each starting with its test, so that the engine
# (and OPA's rule index) can skip the rule for a component that has no tags and declares nothing.
deny contains {"message": msg, "path": "tags"} if {
	_ = input.component.tags[_] # any tag at all
	msg := _missing_message
}

deny contains {"message": msg, "path": "tags"} if {
	input.component.declared.security == true
	msg := _missing_message
}

deny contains {"message": msg, "path": "tags"} if {
	input.component.declared.observability == true
	msg := _missing_message
}

deny contains {"message": msg, "path": "tags"} if {
	input.component.declared.resilience == true
	msg := _missing_message
}

_missing_message := msg if {
	c := input.component
	tags := object.get(c, "tags", {})
	missing := {t | some t in lib.mandatory_tags; not tags[t]}
	count(missing) > 0
	msg := sprintf("%s lacks the cost allocation tags %s", [c.name, lib.list(missing)])
}
