# METADATA
# title: Region outside the allowed data residency
# description: >-
#   Data residency and sovereignty rules (GDPR transfers, national data laws, customer
#   contracts) bind where data is processed and stored. Fires when the component declares
#   security.data.allowed_regions and the region used on an evaluated cloud (input.regions)
#   is not in that list. One finding lists every offending cloud and region.
# related_resources:
#   - ref: https://gdpr-info.eu/chapter-5/
# custom:
#   id: DATA-01
#   severity: critical
#   category: data
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: >-
#     Set the architecture's regions to allowed ones (regions: in the profile) and check
#     that every platform chosen, GPU SKUs included, is offered there.
#   references: [source framework compliance and data governance]
package hybridadvisor.security.data_01

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": "security.data.allowed_regions"} if {
	input.component.security.data.allowed_regions
	c := input.component
	allowed := {r | some r in c.security.data.allowed_regions}
	count(allowed) > 0
	outside := {sprintf("%s %s", [cloud, region]) |
		some cloud in input.clouds
		region := input.regions[cloud]
		not region in allowed
	}
	count(outside) > 0
	msg := sprintf("%s may only process data in %s but would run in %s", [c.name, lib.list(allowed), lib.list(outside)])
}
