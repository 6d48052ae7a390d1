# METADATA
# title: No budget alert
# description: >-
#   Pay-per-use platforms turn a retry loop or a traffic flood into a bill within hours;
#   only a budget alert tells someone in time. Fires when observability.budget_alert is
#   false. Absent budget_alert does not fire: budgets are often set for the whole account.
# related_resources:
#   - ref: https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-managing-costs.html
#   - ref: https://cloud.google.com/billing/docs/how-to/budgets
# custom:
#   id: COST-02
#   severity: low
#   category: cost
#   applies_to: [function, serverless-container, orchestrated-container]
#   remediation: Create a budget with alert thresholds (AWS Budgets, Azure Cost Management, Cloud Billing budgets) that covers this component's tags.
#   references: [source framework cost optimisation]
package hybridadvisor.security.cost_02

deny contains {"message": msg, "path": "observability.budget_alert"} if {
	input.component.observability.budget_alert == false
	c := input.component
	msg := sprintf("%s has no budget alert to catch runaway spend (budget_alert false)", [c.name])
}
