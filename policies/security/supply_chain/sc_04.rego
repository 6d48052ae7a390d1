# METADATA
# title: No software bill of materials
# description: >-
#   Without an SBOM nobody can answer "are we affected?" when the next dependency CVE
#   lands. Fires when security.supply_chain.sbom is false. Absence: a supply_chain block
#   that omits sbom also fires.
# related_resources:
#   - ref: https://owasp.org/www-project-serverless-top-10/
#   - ref: https://www.cisa.gov/sbom
# custom:
#   id: SC-04
#   severity: low
#   category: supply-chain
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: Generate an SBOM (CycloneDX or SPDX) in CI for every artifact, store it with the artifact and pin dependency versions.
#   references: [OWASP Serverless S9]
package hybridadvisor.security.sc_04

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": leaf[0]} if {
	input.component.declared.security == true
	c := input.component
	not c.security.supply_chain.sbom
	leaf := lib.off_leaf(c.security.supply_chain, "security.supply_chain", "sbom")
	msg := sprintf("%s ships without a software bill of materials (sbom %s)", [c.name, leaf[1]])
}
