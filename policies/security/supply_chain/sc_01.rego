# METADATA
# title: Artifact not vulnerability-scanned
# description: >-
#   Images and packages carry the known vulnerabilities of their base layers and
#   dependencies. Fires when security.supply_chain.image_scanned is false. Absence: a
#   supply_chain block that omits image_scanned also fires (nothing scans by default).
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ecr-controls.html
#   - ref: https://owasp.org/www-project-serverless-top-10/
# custom:
#   id: SC-01
#   severity: high
#   category: supply-chain
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: Scan images and dependency packages in CI and in the registry (ECR, ACR/Defender, Artifact Registry) and fail the build on critical findings.
#   references: [CKV_AWS_163, Security Hub ECR.1, OWASP Serverless S9]
package hybridadvisor.security.sc_01

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": leaf[0]} if {
	input.component.declared.security == true
	c := input.component
	not c.security.supply_chain.image_scanned
	leaf := lib.off_leaf(c.security.supply_chain, "security.supply_chain", "image_scanned")
	msg := sprintf("%s ships an artifact that is not vulnerability-scanned (image_scanned %s)", [c.name, leaf[1]])
}
