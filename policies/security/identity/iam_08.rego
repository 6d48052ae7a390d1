# METADATA
# title: Invoke permission open to any principal
# description: >-
#   A resource policy that lets any principal (or a service principal without a source
#   ARN or account condition) invoke the component bypasses every authorizer in front of
#   it. Fires when security.identity.resource_policy_public is true.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html
# custom:
#   id: IAM-08
#   severity: high
#   category: identity
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: Restrict the invoke permission to named principals and add SourceArn/SourceAccount conditions for service principals.
#   references: [CKV_AWS_364, Security Hub Lambda.1]
package hybridadvisor.security.iam_08

deny contains {"message": msg, "path": "security.identity.resource_policy_public"} if {
	input.component.security.identity.resource_policy_public == true
	c := input.component
	msg := sprintf("%s has a resource policy that lets any principal invoke it (security.identity.resource_policy_public true)", [c.name])
}
