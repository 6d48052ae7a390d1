# METADATA
# title: Secrets not in a centralised secret store
# description: >-
#   Secrets encrypted into environment variables cannot be rotated, audited or revoked in
#   one place, and every redeploy copies them. The source framework asks for centralised
#   secret storage. Fires when security.secrets.source is kms_encrypted_env (plaintext is
#   SEC-01).
# related_resources:
#   - ref: https://learn.microsoft.com/azure/app-service/app-service-key-vault-references
#   - ref: https://cloud.google.com/run/docs/configuring/services/secrets
# custom:
#   id: SEC-02
#   severity: medium
#   category: secrets
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: Move the secrets to the cloud's secret manager and reference them at runtime (Key Vault references, Secret Manager mounts, Secrets Manager extension).
#   references: [OWASP Serverless S3]
package hybridadvisor.security.sec_02

deny contains {"message": msg, "path": "security.secrets.source"} if {
	input.component.security.secrets.source == "kms_encrypted_env"
	c := input.component
	msg := sprintf("%s keeps its secrets in encrypted environment variables (security.secrets.source kms_encrypted_env) instead of a central secret store", [c.name])
}
