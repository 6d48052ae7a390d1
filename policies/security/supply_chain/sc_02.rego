# METADATA
# title: Image not pinned by digest
# description: >-
#   A tag can be moved to different content at any time, so what runs is not what was
#   scanned and approved. Fires when security.supply_chain.image_ref has no @sha256
#   digest. A declared image_ref means the component ships an image, so this also covers
#   functions deployed as container images.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/containers/images/#image-names
#   - ref: https://cloud.google.com/binary-authorization/docs/overview
# custom:
#   id: SC-02
#   severity: medium
#   category: supply-chain
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: Deploy the image by digest (repo/app@sha256:...) and let CI resolve tags to digests.
#   references: [CKV_K8S_43, KICS Image Without Digest]
package hybridadvisor.security.sc_02

deny contains {"message": msg, "path": "security.supply_chain.image_ref"} if {
	ref := input.component.security.supply_chain.image_ref
	c := input.component
	not contains(ref, "@sha256:")
	msg := sprintf("%s deploys the image %s by a mutable tag instead of a digest", [c.name, ref])
}
