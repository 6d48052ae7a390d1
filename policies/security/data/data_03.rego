# METADATA
# title: Sensitive data without customer-managed encryption at rest
# description: >-
#   Confidential and restricted data should be encrypted with keys the owner controls, so
#   access can be audited and revoked by disabling the key. Fires when the classification
#   is confidential or restricted and security.data.encryption_at_rest is not cmk; at
#   medium for confidential data with provider-managed keys. Absence: a sensitive
#   classification without encryption_at_rest also fires.
# related_resources:
#   - ref: https://cloud.google.com/run/docs/securing/using-cmek
#   - ref: https://owasp.org/www-project-serverless-top-10/
# custom:
#   id: DATA-03
#   severity: high
#   category: data
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: Encrypt the data stores, queues and logs of this component with a customer-managed key (KMS, Key Vault, Cloud KMS) and restrict who can use it.
#   references: [OWASP Serverless S3]
package hybridadvisor.security.data_03

import data.hybridadvisor.security.lib

deny contains object.union(finding, _override(cls, enc)) if {
	cls := input.component.security.data.classification
	c := input.component
	lib.sensitive
	enc := object.get(c.security.data, "encryption_at_rest", "not declared")
	enc != "cmk"
	finding := {
		"message": sprintf("%s holds %s data with encryption_at_rest %s rather than a customer-managed key", [c.name, cls, enc]),
		"path": lib.leaf_path(["security", "data", "encryption_at_rest"]),
	}
}

_override(cls, enc) := {"severity": "medium"} if {
	cls == "confidential"
	enc == "provider"
} else := {}
