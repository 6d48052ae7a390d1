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
	_judged
	c := input.component
	tags := object.get(c, "tags", {})
	missing := {t | some t in lib.mandatory_tags; not tags[t]}
	count(missing) > 0
	msg := sprintf("%s lacks the cost allocation tags %s", [c.name, lib.list(missing)])
}

# _judged: the component has tags, or declares a posture block (lib.posture_declared, written
# out so that OPA's rule index checks each declared flag without evaluating the body).
_judged if count(input.component.tags) > 0

_judged if input.component.declared.security == true

_judged if input.component.declared.observability == true

_judged if input.component.declared.resilience == true
