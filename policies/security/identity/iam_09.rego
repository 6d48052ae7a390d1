# METADATA
# title: Long-lived cloud keys in configuration
# description: >-
#   Static access keys in environment or configuration never expire on their own and
#   leak with logs, crash dumps and images. Fires when security.secrets.static_cloud_keys
#   is true, and once per secret name that is a well-known cloud credential variable
#   (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AZURE_CLIENT_SECRET, storage account keys,
#   GOOGLE_APPLICATION_CREDENTIALS).
# related_resources:
#   - ref: https://github.com/awslabs/aws-config-rules
#   - ref: https://learn.microsoft.com/azure/azure-functions/functions-reference#configure-an-identity-based-connection
# custom:
#   id: IAM-09
#   severity: high
#   category: identity
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: Drop the keys and use the execution role, managed identity or workload identity federation instead.
#   references: [AWS Config ecs-no-environment-secrets, CKV_AWS_45, OWASP Serverless S3]
package hybridadvisor.security.iam_09

_cloud_key := `(?i)^(AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|AZURE_CLIENT_SECRET|AZURE_STORAGE_(ACCOUNT_)?KEY|AZURE_STORAGE_CONNECTION_STRING|GOOGLE_APPLICATION_CREDENTIALS|[A-Z0-9_]*ACCOUNT_KEY)$`

deny contains {"message": msg, "path": "security.secrets.static_cloud_keys"} if {
	input.component.security.secrets.static_cloud_keys == true
	c := input.component
	msg := sprintf("%s is configured with long-lived cloud access keys (security.secrets.static_cloud_keys true)", [c.name])
}

deny contains {"message": msg, "path": sprintf("security.secrets.names[%d]", [i])} if {
	names := input.component.security.secrets.names
	c := input.component
	some i, name in names
	regex.match(_cloud_key, name)
	msg := sprintf("%s receives the cloud credential %s as a secret instead of using its workload identity", [c.name, name])
}
