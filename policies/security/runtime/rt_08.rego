# METADATA
# title: End-of-life language runtime in a container image
# description: >-
#   A language version past its upstream end of life gets no security fixes, whatever
#   platform runs the image. Fires when security.runtime.language_runtime is in the dated
#   list data.hybridadvisor.security.lib.deprecated_runtimes.container and its date is on
#   or before input.today.
# related_resources:
#   - ref: https://endoflife.date/
#   - ref: https://owasp.org/www-project-serverless-top-10/
# custom:
#   id: RT-08
#   severity: high
#   category: runtime
#   applies_to: [serverless-container, orchestrated-container]
#   remediation: Rebuild the image on a supported language version and base image, and rebuild regularly for patches.
#   references: [OWASP Serverless S9, NSA-CISA Kubernetes Hardening image scanning]
package hybridadvisor.security.rt_08

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": "security.runtime.language_runtime"} if {
	r := input.component.security.runtime.language_runtime
	c := input.component
	eol := lib.deprecated_runtimes.container
	ended := eol.runtimes[lib.runtime_key(r)]
	ended <= input.today
	msg := sprintf("%s builds on %s, past its end of life on %s (%s, as of %s)", [c.name, r, ended, eol.name, eol.as_of])
}
