# METADATA
# title: No concurrency or instance cap
# description: >-
#   Without a cap a traffic spike or a retry storm scales the component until it
#   overwhelms its database or the bill. Fires when a resilience block omits
#   max_concurrency or sets it to 0 or less.
# related_resources:
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html
#   - ref: https://cloud.google.com/run/docs/configuring/max-instances
# custom:
#   id: RES-03
#   severity: medium
#   category: resilience
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: Set reserved concurrency, maximum instances or an HPA maximum sized to what the downstream systems can take.
#   references: [CKV_AWS_115]
package hybridadvisor.security.res_03

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": lib.leaf_path(path)} if {
	input.component.declared.resilience == true
	c := input.component
	lib.written(c.resilience)
	path := ["resilience", "max_concurrency"]
	_uncapped(object.get(c.resilience, "max_concurrency", 0))
	msg := sprintf("%s can scale without limit (max_concurrency %s)", [c.name, lib.shown(path)])
}

_uncapped(n) if n <= 0
