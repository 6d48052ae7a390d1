# METADATA
# title: Deprecated managed function runtime
# description: >-
#   A managed function runtime past its deprecation date gets no security patches and
#   soon cannot be updated. Fires when security.runtime.language_runtime is in the dated
#   list data.hybridadvisor.security.lib.deprecated_runtimes.function and its date is on
#   or before input.today.
# related_resources:
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html
# custom:
#   id: RT-01
#   severity: high
#   category: runtime
#   applies_to: [function]
#   remediation: Move the function to a supported runtime version (and plan the next upgrade before its announced deprecation date).
#   references: [CKV_AWS_363, Security Hub Lambda.2]
package hybridadvisor.security.rt_01

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": "security.runtime.language_runtime"} if {
	r := input.component.security.runtime.language_runtime
	c := input.component
	eol := lib.deprecated_runtimes.function
	ended := eol.runtimes[lib.runtime_key(r)]
	ended <= input.today
	msg := sprintf("%s uses the %s runtime, deprecated for managed functions since %s (%s, as of %s)", [c.name, r, ended, eol.name, eol.as_of])
}
