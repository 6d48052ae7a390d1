package hybridadvisor.decision_test

import data.hybridadvisor.decision

test_result_has_the_contract_keys if {
	r := result_for(inp({}))
	object.keys(r) == {"excluded", "preferences", "scores", "cloud_rank_keys", "recommendation"}
	object.keys(r.recommendation) == {"aws", "azure", "gcp"}
	every x in r.recommendation {
		object.keys(x) == {"model", "platform", "reasons"}
	}
}

test_sporadic_100ms_http_runs_as_functions if {
	i := inp({
		"traffic": {"requests_per_month": 50000, "requests_per_second": 0.019, "peak_requests_per_second": 0.05, "pattern": "sporadic"},
		"execution": {"avg_duration_ms": 100, "max_duration_ms": 300},
		"dependencies": {"complexity": "simple"},
	})
	rec(i, "aws").platform == "aws-lambda"
	rec(i, "azure").platform == "azure-functions-flex"
	rec(i, "gcp").platform == "gcp-cloud-run-functions"
	every cloud in all_clouds {
		rec(i, cloud).model == "function"
	}
	reason_rules(rec(i, "aws")) == ["D-STATELESS-SHORT", "D-SPORADIC", "D-SIMPLE", "D-PLATFORM"]
}

test_25_minute_job_runs_in_a_container if {
	i := inp({
		"trigger": "schedule",
		"traffic": {"requests_per_month": 30, "requests_per_second": 0.0000114, "peak_requests_per_second": 0.0000114, "pattern": "sporadic"},
		"execution": {"avg_duration_ms": 1500000, "max_duration_ms": 1500000},
		"dependencies": {"complexity": "simple"},
	})
	rec(i, "aws").platform == "aws-fargate"
	rec(i, "azure").platform == "azure-container-apps"
	rec(i, "gcp").platform == "gcp-cloud-run"
	"D-LONG-RUNNING" in reason_rules(rec(i, "azure"))
}

test_multi_gpu_runs_orchestrated if {
	i := inp({"trigger": "manual", "execution": {"gpu": 2, "max_duration_ms": 3600000, "memory_mb": 65536, "vcpu": 16}})
	rec(i, "aws").platform == "aws-eks"
	rec(i, "azure").platform == "azure-aks"
	rec(i, "gcp").platform == "gcp-gke-autopilot"
	reason_rules(rec(i, "gcp"))[0] == "D-MULTI-GPU"
}

test_single_gpu_falls_to_eks_on_aws_and_explains_why if {
	i := inp({"execution": {"gpu": 1}})
	r := rec(i, "aws")
	r.model == "orchestrated-container"
	r.platform == "aws-eks"

	# lambda (function scored 3) and fargate (ranks before orchestrated on a tie) were excluded
	{x.rule | some x in r.reasons} == {"E-GPU", "D-PLATFORM"}
	count([x | some x in r.reasons; x.rule == "E-GPU"]) == 2
	rec(i, "gcp").platform == "gcp-cloud-run"
	rec(i, "azure").platform == "azure-container-apps"
}

test_windows_excluded_where_linux_only if {
	i := inp({"execution": {"os": "windows"}})
	rec(i, "aws").platform == "aws-fargate"
	rec(i, "azure").platform == "azure-functions-premium"
	r := rec(i, "gcp")
	r.model == null
	r.platform == null
	r.reasons[0] == {"rule": "E-NONE", "message": "no eligible platform on gcp: gcp-cloud-run excluded by E-OS; gcp-cloud-run-functions excluded by E-OS; gcp-gke-autopilot excluded by E-OS"}
	count(r.reasons) == 4
}

test_nothing_eligible_on_an_unknown_cloud if {
	r := rec({"clouds": ["oracle"], "component": base_component}, "oracle")
	r.reasons == [{"rule": "E-NONE", "message": "no eligible platform on oracle: the platform catalogue has none there"}]
}

# close call: function 3 (stateless short) vs serverless-container 2 (steady at full weight: 4.8
# requests in flight), margin 1.
steady_api := {
	"traffic": {"pattern": "steady", "requests_per_month": 105120000, "requests_per_second": 40},
	"execution": {"avg_duration_ms": 120, "max_duration_ms": 2000},
}

test_cost_decides_a_steady_api if {
	# Lambda 2.5x Fargate by $59.50 takes 6.8 from the function's 3; EKS is compared at $150 + $50
	r := rec(priced(steady_api, {"aws-lambda": 100, "aws-fargate": 40.5, "aws-eks": 150}), "aws")
	r.model == "serverless-container"
	r.platform == "aws-fargate"
	reason(r, "D-COST") == "aws-fargate (serverless-container) at $40.50/month against the cheapest eligible platform of each other model on aws: aws-lambda (function) at $100.00/month costs 2.5x more; aws-eks (orchestrated-container) at $150.00/month costs 3.7x more; the cost term takes 6.8 from function and 10.6 from orchestrated-container (orchestrated containers are compared at their price plus $50/month for running the cluster)"
	reason(r, "D-PLATFORM") == "aws-fargate is the only eligible serverless-container platform on aws, at $40.50/month"
	s := decision.cloud_scores.aws with input as priced(steady_api, {"aws-lambda": 100, "aws-fargate": 40.5, "aws-eks": 150})
	s == {"function": -38, "serverless-container": 20, "orchestrated-container": -106}
}

test_close_call_broken_by_cost if {
	# $45 against $40: a cost term of 0.2 leaves function 2.8 and serverless-container 2, a close call
	r := rec(priced(steady_api, {"aws-lambda": 45, "aws-fargate": 40}), "aws")
	r.platform == "aws-fargate"
	reason(r, "D-COST") == "function (score 2.8) and serverless-container (score 2) are within the close-call margin of 1, so the cheaper wins: aws-fargate (serverless-container) at $40.00/month against the cheapest eligible platform of each other model on aws: aws-lambda (function) at $45.00/month costs 1.13x more; the cost term takes 0.2 from function"
}

test_the_cheaper_top_model_stays if {
	# Fargate at 2x Lambda loses 5.4: no close call any more
	r := rec(priced(steady_api, {"aws-lambda": 20, "aws-fargate": 40.5}), "aws")
	r.platform == "aws-lambda"
	reason(r, "D-COST") == "aws-lambda (function) at $20.00/month against the cheapest eligible platform of each other model on aws: aws-fargate (serverless-container) at $40.50/month costs 2x more; the cost term takes 5.4 from serverless-container"
}

test_close_call_equal_cost_keeps_the_top_model if {
	r := rec(priced(steady_api, {"aws-lambda": 40, "aws-fargate": 40}), "aws")
	r.platform == "aws-lambda"
	contains(reason(r, "D-COST"), "aws-fargate (serverless-container) at $40.00/month costs the same")
}

test_a_small_gap_does_not_override_a_clear_preference if {
	# sporadic: function 5, containers 0; $1.60 against $0.40 weighs 0.6: the function stays and
	# the reason says what it costs more
	r := rec(priced({"traffic": {"pattern": "sporadic"}}, {"aws-lambda": 1.6, "aws-fargate": 0.4}), "aws")
	r.platform == "aws-lambda"
	reason(r, "D-COST") == "aws-lambda (function) at $1.60/month against the cheapest eligible platform of each other model on aws: aws-fargate (serverless-container) at $0.40/month is 4x cheaper; the cost term takes 0.6 from function; function is recommended anyway, at $1.20/month more than aws-fargate, for D-STATELESS-SHORT, D-SPORADIC"
}

test_a_large_gap_overrides_labels if {
	# sporadic: function 5, containers 0, but $90 against $10 (9x) weighs 12.8
	r := rec(priced({"traffic": {"pattern": "sporadic"}}, {"aws-lambda": 90, "aws-fargate": 10}), "aws")
	r.platform == "aws-fargate"
	contains(reason(r, "D-COST"), "aws-lambda (function) at $90.00/month costs 9x more")
}

test_a_hard_need_keeps_a_cheaper_function_out_of_the_comparison if {
	# stateful: the cheaper function does not count against containers, and the premium is named
	i := priced({"state": "stateful"}, {"aws-lambda": 10, "aws-fargate": 60, "aws-eks": 300})
	r := rec(i, "aws")
	r.platform == "aws-fargate"
	contains(reason(r, "D-COST"), "serverless-container is recommended anyway, at $50.00/month more than aws-lambda, for D-STATEFUL")
	s := decision.cloud_scores.aws with input as i
	s.function == 0
}

test_no_close_call_without_costs if {
	r := rec(inp(steady_api), "aws")
	r.platform == "aws-lambda"
	reason_rules(r) == ["D-STATELESS-SHORT", "D-PLATFORM"]
	reason(r, "D-PLATFORM") == "aws-lambda is the only eligible function platform on aws; it is not priced"
}

test_no_close_call_when_only_one_side_is_priced if {
	r := rec(priced(steady_api, {"aws-fargate": 1}), "aws")
	r.platform == "aws-lambda"
	not "D-COST" in reason_rules(r)
}

test_tie_without_costs_goes_to_the_simpler_model if {
	# 45 s HTTP: nothing fires (Lambda is out, so not "short"): every model scores 0
	r := rec(inp({"execution": {"max_duration_ms": 45000}}), "azure")
	r.model == "function"
	r.platform == "azure-functions-flex"
	reason(r, "D-TIE-BREAK") == "function and serverless-container and orchestrated-container each score 0 and cost cannot decide (not all priced on azure): function comes first in the tie-break order function > serverless-container > orchestrated-container"
	reason(r, "D-PLATFORM") == "azure-functions-flex is the first eligible function platform on azure by ID, as none of azure-functions-flex, azure-functions-premium is priced"
}

test_tie_with_costs_is_a_close_call if {
	r := rec(priced({"execution": {"max_duration_ms": 45000}}, {"azure-functions-flex": 30, "azure-container-apps": 12}), "azure")
	r.platform == "azure-container-apps"
	"D-COST" in reason_rules(r)
	not "D-TIE-BREAK" in reason_rules(r)
}

test_cheapest_priced_platform_within_the_model if {
	r := rec(priced({}, {"azure-functions-flex": 9.99, "azure-functions-premium": 150}), "azure")
	r.platform == "azure-functions-flex"
	reason(r, "D-PLATFORM") == "azure-functions-flex is the cheapest eligible function platform on azure at $9.99/month (next: azure-functions-premium, $150.00/month)"
}

test_unpriced_platforms_come_last if {
	r := rec(priced({}, {"azure-functions-premium": 150}), "azure")
	r.platform == "azure-functions-premium"
	reason(r, "D-PLATFORM") == "azure-functions-premium is the cheapest eligible function platform on azure at $150.00/month (next: azure-functions-flex, not priced)"
}

test_priced_false_is_unpriced if {
	i := object.union(inp({}), {"options": {"azure-functions-premium": {"priced": false, "monthly_cost_usd": 1}}})
	rec(i, "azure").platform == "azure-functions-flex"
}

test_clouds_default_to_the_catalogue if {
	r := decision.recommendation with input as {"component": base_component}
	object.keys(r) == {"aws", "azure", "gcp"}
}

test_only_requested_clouds_are_recommended if {
	r := decision.recommendation with input as {"clouds": ["gcp"], "component": base_component}
	object.keys(r) == {"gcp"}
}

test_missing_component_fields_use_defaults if {
	r := decision.result with input as {"clouds": ["aws"], "component": {"name": "bare"}}
	r.recommendation.aws.platform == "aws-lambda"
	r.excluded == {}
}

test_custom_model_order if {
	r := rec(inp({"execution": {"max_duration_ms": 45000}}), "azure") with data.hybridadvisor.weights.model_order as ["serverless-container", "function", "orchestrated-container"]
	r.model == "serverless-container"
}

test_fmt_duration if {
	decision.fmt_duration(120) == "120ms"
	decision.fmt_duration(120.5) == "120.5ms"
	decision.fmt_duration(1500) == "1.5s"
	decision.fmt_duration(2000) == "2s"
	decision.fmt_duration(90500) == "1m30.5s"
	decision.fmt_duration(1500000) == "25m0s"
	decision.fmt_duration(5400000) == "1h30m0s"
}

test_fmt_usd if {
	decision.fmt_usd(0) == "$0.00"
	decision.fmt_usd(100) == "$100.00"
	decision.fmt_usd(12.5) == "$12.50"
	decision.fmt_usd(1234.567) == "$1234.57"
}

test_fmt_sig if {
	decision.fmt_sig(0) == "0"
	decision.fmt_sig(20) == "20"
	decision.fmt_sig(1234.5) == "1235"
	decision.fmt_sig(17.123) == "17.1"
	decision.fmt_sig(4.205) == "4.21"
	decision.fmt_sig(0.0115) == "0.0115"
	decision.fmt_sig(0.00019) == "0.00019"
	decision.fmt_sig(0.0000761) == "0.0000761"
	decision.fmt_sig(0.00000761) == "0.00000761"
	decision.fmt_sig(0.000000761) == "0.000000761"
}

test_fmt_count_and_rate if {
	decision.fmt_count(30) == "30"
	decision.fmt_count(6500) == "6500"
	decision.fmt_count(20000) == "20k"
	decision.fmt_count(1200000) == "1.2M"
	decision.fmt_count(2500000000) == "2.5B"
	decision.fmt_rate(0.0115) == "0.0115 rps"
}

# --- CPU architecture: a build choice, not a limit ---

# auth from the shop example: a 15 ms arm HTTP function. Azure Functions and Cloud Run functions
# offer no Arm, so it runs as an x86 build there instead of going to Kubernetes.
arm_auth := {
	"traffic": {"requests_per_month": 9000000, "requests_per_second": 3.42, "peak_requests_per_second": 10.3, "pattern": "diurnal"},
	"execution": {"avg_duration_ms": 15, "max_duration_ms": 500, "memory_mb": 256, "arch": "arm"},
	"dependencies": {"complexity": "simple", "package_mb": 8},
}

test_arm_function_stays_a_function_everywhere if {
	i := priced(arm_auth, {
		"aws-lambda": 1.6, "aws-fargate": 18, "aws-eks": 138.15,
		"azure-functions-flex": 22.85, "azure-functions-premium": 157.72, "azure-container-apps": 30, "azure-aks": 135.78,
		"gcp-cloud-run-functions": 3.75, "gcp-cloud-run": 12, "gcp-gke-autopilot": 9.92,
	})
	rec(i, "aws").platform == "aws-lambda"
	rec(i, "azure").platform == "azure-functions-flex"
	rec(i, "gcp").platform == "gcp-cloud-run-functions"
	not contains(reason(rec(i, "aws"), "D-PLATFORM"), "x86")
	reason(rec(i, "azure"), "D-PLATFORM") == "azure-functions-flex is the cheapest eligible function platform on azure at $22.85/month (next: azure-functions-premium, $157.72/month); it runs as x86 here: arm is not offered (https://learn.microsoft.com/azure/azure-functions/flex-consumption-plan, as of 2026-11-25)"
	endswith(reason(rec(i, "gcp"), "D-PLATFORM"), "; it runs as x86 here: arm is not offered (https://cloud.google.com/run/docs/container-contract, as of 2026-11-25)")
}

# --- D-CONTAINER-FALLBACK ---

# transcode from the pipeline example: 50 minutes, 8 GB, 40 GB of scratch disk, a 1.4 GB image.
transcode := {
	"trigger": "queue",
	"traffic": {"requests_per_month": 6000, "requests_per_second": 0.00228, "peak_requests_per_second": 0.0228, "pattern": "spiky"},
	"execution": {"avg_duration_ms": 1500000, "max_duration_ms": 3000000, "memory_mb": 8192, "vcpu": 4, "ephemeral_storage_mb": 40960},
	"dependencies": {"complexity": "complex", "package_mb": 1400, "container_image": true},
}

transcode_costs := {
	"aws-fargate": 772.64, "aws-eks": 810,
	"azure-functions-premium": 3343.59, "azure-aks": 1558.7,
	"gcp-gke-autopilot": 841.04,
}

test_container_work_falls_back_to_kubernetes_not_to_a_function if {
	i := priced(transcode, transcode_costs)
	r := rec(i, "azure")
	r.model == "orchestrated-container"
	r.platform == "azure-aks"
	reason_rules(r) == ["D-LONG-RUNNING", "D-COMPLEX-DEPS", "D-CONTAINER-IMAGE", "D-CONTAINER-FALLBACK", "E-EPHEMERAL", "D-COST", "D-PLATFORM"]
	reason(r, "D-CONTAINER-FALLBACK") == "no serverless-container platform is eligible on azure, so orchestrated containers stand in for serverless containers and take their score, 9 (the container criteria above), instead of their own 0"
	rec(i, "aws").platform == "aws-fargate"
	rec(i, "gcp").platform == "gcp-gke-autopilot"
}

test_no_fallback_when_orchestrated_scores_at_least_as_much if {
	# a single GPU: serverless containers score 0, so nothing is carried (see the GPU test above)
	r := decision.recommendation.aws with input as inp({"execution": {"gpu": 1}})
	not "D-CONTAINER-FALLBACK" in reason_rules(r)
	s := decision.fallback with input as inp({"execution": {"gpu": 1}})
	s == {}
}

test_costs_taken_from_input_costs_when_given if {
	c := decision.costs with input as {"costs": {"aws-lambda": 1.5}, "options": {"aws-lambda": {"priced": true, "monthly_cost_usd": 9}}}
	c == {"aws-lambda": 1.5}
}

test_costs_derived_from_options_otherwise if {
	c := decision.costs with input as {"options": {
		"aws-lambda": {"priced": true, "monthly_cost_usd": 9},
		"aws-eks": {"priced": false},
	}}
	c == {"aws-lambda": 9}
}
