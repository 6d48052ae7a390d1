# METADATA
# title: Function code not signed
# description: >-
#   A zip-packaged function can be replaced by anyone allowed to update its code unless
#   the platform checks a signature. Fires when a function shipped as a package
#   (dependencies.container_image false and no image_ref) declares
#   security.supply_chain.code_signing false. Absence: a supply_chain block that omits
#   code_signing also fires. Functions shipped as images are covered by SC-02 and SC-03.
# related_resources:
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/configuration-codesigning.html
#   - ref: https://learn.microsoft.com/azure/azure-functions/functions-deployment-technologies
# custom:
#   id: SC-05
#   severity: medium
#   category: supply-chain
#   applies_to: [function]
#   remediation: Sign the deployment package in CI (AWS Signer with a Lambda code signing configuration) and reject unsigned or untrusted packages at deploy time.
#   references: [CKV_AWS_272]
package hybridadvisor.security.sc_05

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": leaf[0]} if {
	input.component.dependencies.container_image == false
	input.component.declared.security == true
	c := input.component
	sc := c.security.supply_chain
	not sc.code_signing
	not sc.image_ref
	leaf := lib.off_leaf(sc, "security.supply_chain", "code_signing")
	msg := sprintf("%s deploys function code that is not signed (code_signing %s)", [c.name, leaf[1]])
}
