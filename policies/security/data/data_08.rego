# METADATA
# title: Regulated data sent to a component outside the compliance scope
# description: >-
#   Compliance scope follows the data: a component in gdpr, hipaa or pci scope that sends
#   data to another component extends the scope to it. Fires on the calling edge when the
#   callee declares a data block whose compliance list lacks one of the caller's regimes.
#   A callee that declares no data block, or declares that it holds only public data
#   (classification public) or no personal data (pii false), is not judged.
# related_resources:
#   - ref: https://docs.aws.amazon.com/wellarchitected/latest/security-pillar/data-classification.html
# custom:
#   id: DATA-08
#   severity: medium
#   category: data
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: Either bring the callee into the same compliance scope (and its controls) or send it only data outside the scope (tokenised or anonymised).
#   references: [source framework compliance and data governance]
package hybridadvisor.security.data_08

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": sprintf("calls[%d]", [i])} if {
	compliance := input.component.security.data.compliance
	c := input.component
	regimes := {x | some x in compliance}
	count(regimes) > 0
	some i, e in c.calls
	callee := lib.component(e.to)
	lib.written(callee.security.data)
	not _out_of_scope(callee.security.data)
	missing := regimes - {x | some x in object.get(callee, ["security", "data", "compliance"], [])}
	count(missing) > 0
	msg := sprintf("%s (in %s scope) calls %s, which is not declared in %s scope", [c.name, lib.list(regimes), e.to, lib.list(missing)])
}

_out_of_scope(d) if d.classification == "public"

_out_of_scope(d) if d.pii == false
