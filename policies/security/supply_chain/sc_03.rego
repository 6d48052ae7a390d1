# METADATA
# title: Image not signed
# description: >-
#   Without a signature and a policy that verifies it at deploy time, any image pushed to
#   the registry can run. Fires when security.supply_chain.image_signed is false.
#   Absence: a supply_chain block that omits image_signed also fires when the component
#   ships an image (dependencies.container_image true, or an image_ref is declared); this
#   covers functions deployed as container images too. Zip-packaged functions are SC-05.
# related_resources:
#   - ref: https://cloud.google.com/binary-authorization/docs/overview
#   - ref: https://learn.microsoft.com/azure/aks/image-integrity
# custom:
#   id: SC-03
#   severity: medium
#   category: supply-chain
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: Sign images in CI (Notation, cosign, AWS Signer) and enforce verification at deploy (Binary Authorization, AKS image integrity, Lambda code signing for images, an admission policy).
#   references: [NSA-CISA Kubernetes Hardening image integrity]
package hybridadvisor.security.sc_03

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": leaf[0]} if {
	input.component.declared.security == true
	c := input.component
	sc := c.security.supply_chain
	not sc.image_signed
	leaf := lib.off_leaf(sc, "security.supply_chain", "image_signed")
	_ships_image(sc)
	msg := sprintf("%s runs an image that is not signed and verified (image_signed %s)", [c.name, leaf[1]])
}

_ships_image(sc) if sc.image_signed == false

_ships_image(sc) if sc.image_ref

_ships_image(_) if input.component.dependencies.container_image == true
