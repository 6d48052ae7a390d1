# METADATA
# title: Personal data without classification or compliance scope
# description: >-
#   A component that processes personal data must say which regime governs it and how
#   sensitive it is, or none of the matching controls (residency, retention, encryption,
#   redaction) can be checked. Fires when security.data.pii is true and compliance is
#   missing or empty, or classification is missing or public (absence is the risk once
#   pii is declared).
# related_resources:
#   - ref: https://owasp.org/www-project-serverless-top-10/
# custom:
#   id: DATA-02
#   severity: medium
#   category: data
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: Declare the compliance regimes (gdpr, hipaa, pci, ...) and a classification of at least confidential for components that handle personal data.
#   references: [OWASP Serverless S3]
package hybridadvisor.security.data_02

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": lib.leaf_path(path)} if {
	input.component.security.data.pii == true
	c := input.component
	path := ["security", "data", "compliance"]
	count(object.get(c.security.data, "compliance", [])) == 0
	msg := sprintf("%s processes personal data (pii true) but declares no compliance regime", [c.name])
}

deny contains {"message": msg, "path": lib.leaf_path(path)} if {
	input.component.security.data.pii == true
	c := input.component
	path := ["security", "data", "classification"]
	object.get(c.security.data, "classification", "public") == "public"
	msg := sprintf("%s processes personal data (pii true) with classification %s", [c.name, lib.shown(path)])
}
