# METADATA
# title: Secrets in plaintext environment variables
# description: >-
#   Plaintext environment variables are readable by anyone who can read the function or
#   task configuration, and end up in logs, crash dumps and images. Fires when
#   security.secrets.source is plaintext_env, and when secret-looking names (SECRET,
#   PASSWORD, TOKEN, API_KEY, ...) are listed with source none or with no source at all
#   (the secrets block is written, so a missing store reference is the risk).
# related_resources:
#   - ref: https://owasp.org/www-project-serverless-top-10/
#   - ref: https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html
# custom:
#   id: SEC-01
#   severity: high
#   category: secrets
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: >-
#     Keep secrets in Secrets Manager/Parameter Store, Key Vault references or Secret Manager
#     mounts and read them at runtime; remove them from plain environment variables.
#   references: [CKV_AWS_45, OWASP Serverless S3]
package hybridadvisor.security.sec_01

import data.hybridadvisor.security.lib

_secret_name := `(?i)(SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL)`

deny contains {"message": msg, "path": "security.secrets.source"} if {
	input.component.security.secrets.source == "plaintext_env"
	c := input.component
	msg := sprintf("%s keeps its secrets in plaintext environment variables (security.secrets.source plaintext_env)", [c.name])
}

deny contains {"message": msg, "path": lib.field_path(path)} if {
	secret_names := input.component.security.secrets.names
	count(secret_names) > 0
	c := input.component
	path := ["security", "secrets", "source"]
	object.get(c.security.secrets, "source", "none") == "none"
	names := {n | some n in secret_names; regex.match(_secret_name, n)}
	count(names) > 0
	msg := sprintf("%s lists the secrets %s with no secret store (source %s)", [c.name, lib.list(names), lib.shown(path)])
}
