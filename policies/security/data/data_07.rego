# METADATA
# title: Regulated data without declared residency
# description: >-
#   A component in a compliance scope (gdpr, hipaa, pci, ...) that does not list its
#   allowed regions cannot be checked for data residency (DATA-01). Fires when
#   security.data.compliance is non-empty and allowed_regions is missing or empty.
# related_resources:
#   - ref: https://gdpr-info.eu/chapter-5/
# custom:
#   id: DATA-07
#   severity: low
#   category: data
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: List the regions where this component's data may be processed in security.data.allowed_regions.
#   references: [source framework compliance and data governance]
package hybridadvisor.security.data_07

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": lib.leaf_path(path)} if {
	regimes := input.component.security.data.compliance
	c := input.component
	count(regimes) > 0
	path := ["security", "data", "allowed_regions"]
	count(object.get(c.security.data, "allowed_regions", [])) == 0
	msg := sprintf("%s is in %s scope but declares no allowed_regions, so data residency cannot be checked", [c.name, lib.list(regimes)])
}
