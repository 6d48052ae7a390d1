# Unknown is not zero: an option with priced false is left out of every cost comparison, whatever
# monthly_cost_usd it carries (result schema 1 wrote 0 there), while a real $0 (a free tier) is a
# price like any other.
package hybridadvisor.decision_test

import data.hybridadvisor.decision

# unpriced_zero(ps) marks platforms ps as unpriced at $0, as schema 1 wrote them.
unpriced_zero(ps) := {p: {"priced": false, "monthly_cost_usd": 0} | some p in ps}

# with_options adds options to an input; as_engine also passes input.costs the way the engine
# does (priced options only), so both ways of reading costs are tested.
with_options(i, opts) := object.union(i, {"options": opts})

as_engine(i) := object.union(i, {"costs": {p: o.monthly_cost_usd | some p, o in i.options; o.priced}})

both(i) := [i, as_engine(i)]

test_unpriced_zero_never_beats_a_priced_platform_of_the_model if {
	opts := object.union(unpriced_zero(["azure-functions-flex"]), {"azure-functions-premium": {"priced": true, "monthly_cost_usd": 150}})
	every i in both(with_options(inp({}), opts)) {
		r := rec(i, "azure")
		r.platform == "azure-functions-premium"
		reason(r, "D-PLATFORM") == "azure-functions-premium is the cheapest eligible function platform on azure at $150.00/month (next: azure-functions-flex, not priced)"
	}
}

test_unpriced_zero_does_not_win_a_close_call if {
	# function 3 and serverless-container 2 are a close call; Fargate at "$0" is unknown, so cost
	# cannot decide and the better score stays
	opts := object.union(unpriced_zero(["aws-fargate"]), {"aws-lambda": {"priced": true, "monthly_cost_usd": 100}})
	every i in both(with_options(inp(steady_api), opts)) {
		r := rec(i, "aws")
		r.platform == "aws-lambda"
		not "D-COST" in reason_rules(r)
		not decision.close_call.aws with input as i
	}
}

test_all_options_of_a_model_unpriced if {
	# every function platform of aws is unpriced: the priced container does not win by cost, and the
	# function's reason says it is not priced instead of showing $0.00
	opts := object.union(unpriced_zero(["aws-lambda"]), {"aws-fargate": {"priced": true, "monthly_cost_usd": 40.5}})
	every i in both(with_options(inp(steady_api), opts)) {
		r := rec(i, "aws")
		r.platform == "aws-lambda"
		not "D-COST" in reason_rules(r)
		reason(r, "D-PLATFORM") == "aws-lambda is the only eligible function platform on aws; it is not priced"
	}
}

test_every_option_on_a_cloud_unpriced_is_as_if_no_price_was_known if {
	# unpriced options at $0 decide exactly what no options at all decide, on every cloud
	every ov in [{}, steady_api, {"execution": {"max_duration_ms": 45000}}] {
		ids := {p | some p in decision.candidates with input as inp(ov)}
		i := with_options(inp(ov), unpriced_zero(ids))
		decision.recommendation with input as i == decision.recommendation with input as inp(ov)
		decision.recommendation with input as as_engine(i) == decision.recommendation with input as inp(ov)
	}
}

test_costs_equal_to_the_cent_keep_the_better_ranked_model if {
	r := rec(priced(steady_api, {"aws-lambda": 40.5, "aws-fargate": 40.50}), "aws")
	r.platform == "aws-lambda"
	contains(reason(r, "D-COST"), "aws-lambda (function) at $40.50/month against the cheapest eligible platform of each other model on aws: aws-fargate (serverless-container) at $40.50/month costs the same")
}

test_equal_platform_costs_go_to_the_platform_id if {
	r := rec(priced({}, {"azure-functions-flex": 12.34, "azure-functions-premium": 12.34}), "azure")
	r.platform == "azure-functions-flex"
}

test_a_free_tier_zero_is_a_price_and_wins_against_a_cent if {
	# a close call: Fargate at a real $0.00 beats Lambda at $0.01
	r := rec(priced(steady_api, {"aws-lambda": 0.01, "aws-fargate": 0}), "aws")
	r.platform == "aws-fargate"
	contains(reason(r, "D-COST"), "so the cheaper wins: aws-fargate (serverless-container) at $0.00/month against the cheapest eligible platform of each other model on aws: aws-lambda (function) at $0.01/month costs more")

	# within a model: the $0.00 platform comes first
	p := rec(priced({}, {"azure-functions-flex": 0.01, "azure-functions-premium": 0}), "azure")
	p.platform == "azure-functions-premium"
	reason(p, "D-PLATFORM") == "azure-functions-premium is the cheapest eligible function platform on azure at $0.00/month (next: azure-functions-flex, $0.01/month)"
}
