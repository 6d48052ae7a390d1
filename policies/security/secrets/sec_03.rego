# METADATA
# title: Secrets not rotated
# description: >-
#   A secret that never rotates stays valid forever once leaked. Fires when a component
#   that has secrets declares rotation_days of 0 or more than 90 days (a policy
#   threshold). Absence: when secrets exist (a store or names are declared) but
#   rotation_days is not, it also fires.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/secretsmanager-controls.html
# custom:
#   id: SEC-03
#   severity: medium
#   category: secrets
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: Enable managed rotation in the secret store at 90 days or less and make the code re-read secrets on authentication failure.
#   references: [Security Hub SecretsManager.1, Security Hub SecretsManager.4, AWS Config secretsmanager-rotation-enabled-check]
package hybridadvisor.security.sec_03

import data.hybridadvisor.security.lib

deny contains {"message": msg, "path": lib.leaf_path(path)} if {
	input.component.declared.security == true
	c := input.component
	_has_secrets
	path := ["security", "secrets", "rotation_days"]
	_not_rotated(object.get(c.security.secrets, "rotation_days", null))
	msg := sprintf("%s has secrets that are not rotated at least every %d days (rotation_days %s)", [c.name, lib.thresholds.secret_rotation_max_days, lib.shown(path)])
}

_has_secrets if input.component.security.secrets.source in {"secret_manager", "kms_encrypted_env", "plaintext_env"}

_has_secrets if count(input.component.security.secrets.names) > 0

_not_rotated(null)

_not_rotated(days) if days <= 0

_not_rotated(days) if days > lib.thresholds.secret_rotation_max_days
