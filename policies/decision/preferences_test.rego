package hybridadvisor.decision_test

import data.hybridadvisor.decision

test_base_component_fires_only_stateless_short if {
	fired({}) == {"D-STATELESS-SHORT"}
}

test_preferences_carry_weights_from_data if {
	every x in prefs_for({"state": "stateful", "trigger": "queue"}) {
		x.weight == data.hybridadvisor.weights.rules[x.rule]
	}
}

test_weight_zero_switches_a_rule_off if {
	prefs := decision.preference with input as inp({"dependencies": {"complexity": "simple"}})
		with data.hybridadvisor.weights.rules["D-SIMPLE"] as 0
	not "D-SIMPLE" in {x.rule | some x in prefs}
}

# --- D-STATELESS-SHORT ---

test_d_stateless_short_message if {
	http := {"execution": {"avg_duration_ms": 120, "max_duration_ms": 2000}}
	x := pref_on(http, "D-STATELESS-SHORT", "aws")
	x.model == "function"
	x.message == "stateless, avg duration 120ms and max 2s fit every synchronous HTTP function timeout on aws (tightest: aws-lambda, 29 s): short, stateless work suits functions"
	contains(pref_on(http, "D-STATELESS-SHORT", "azure").message, "fit every synchronous HTTP function timeout on azure (tightest: azure-functions-flex, 230 s)")
	clouds_of(http, "D-STATELESS-SHORT") == {"aws", "azure", "gcp"}
}

test_d_stateless_short_quiet_when_stateful if {
	not "D-STATELESS-SHORT" in fired({"state": "stateful"})
}

# Judged per cloud: 45 s is beyond API Gateway's 29 s on AWS, within Azure's 230 s and Cloud Run
# functions' 3,600 s.
test_d_stateless_short_per_cloud_beyond_a_function_timeout if {
	clouds_of({"execution": {"max_duration_ms": 45000}}, "D-STATELESS-SHORT") == {"azure", "gcp"}
}

# A cloud's reasons do not depend on the other clouds evaluated.
test_d_stateless_short_the_same_whatever_the_clouds if {
	job := comp({"trigger": "queue", "execution": {"max_duration_ms": 600000}})
	all := {x | some x in decision.preference with input as {"clouds": ["aws", "azure", "gcp"], "component": job}; x.cloud == "aws"}
	aws := {x | some x in decision.preference with input as {"clouds": ["aws"], "component": job}; x.cloud == "aws"}
	count(all) > 0
	all == aws
}

# Azure Functions have no timeout of their own: the framework's 15 minutes stand for it.
test_d_stateless_short_without_bounded_function_timeout if {
	x := pref_on({"trigger": "queue", "execution": {"max_duration_ms": 600000}}, "D-STATELESS-SHORT", "azure")
	contains(x.message, "fit every event-driven function timeout on azure (tightest: azure-functions-flex, 900 s, the framework's bound for functions; it has no limit of its own)")
	not "azure" in clouds_of({"trigger": "queue", "execution": {"max_duration_ms": 7200000}}, "D-STATELESS-SHORT")
}

# --- D-EVENT-DRIVEN ---

test_d_event_driven_fires_for_event_sources if {
	every t in ["queue", "event", "stream", "storage"] {
		"D-EVENT-DRIVEN" in fired({"trigger": t})
	}
	pref({"trigger": "queue"}, "D-EVENT-DRIVEN").message == "triggered by queue messages: event-driven work suits functions, which scale with the event source"
}

test_d_event_driven_quiet_for_http_and_jobs if {
	every t in ["http", "schedule", "manual"] {
		not "D-EVENT-DRIVEN" in fired({"trigger": t})
	}
}

# --- D-VARIABLE ---

test_d_variable_spiky if {
	x := pref({"traffic": {"pattern": "spiky"}}, "D-VARIABLE")
	x.message == "spiky traffic (peak 0.76 rps, average 0.38 rps): variable, unpredictable load suits functions, which scale per request"
}

test_d_variable_peak_ratio if {
	x := pref({"traffic": {"peak_requests_per_second": 2}}, "D-VARIABLE")
	x.message == "peak 2 rps is 5.26x the average 0.38 rps: variable, unpredictable load suits functions, which scale per request"
}

test_d_variable_small_rates_keep_their_digits if {
	x := pref({"traffic": {"requests_per_second": 0.0115, "peak_requests_per_second": 0.23}}, "D-VARIABLE")
	contains(x.message, "peak 0.23 rps is 20x the average 0.0115 rps")
}

test_d_variable_never_for_a_schedule if {
	not "D-VARIABLE" in fired({"trigger": "schedule", "traffic": {"pattern": "spiky"}})
	not "D-VARIABLE" in fired({"trigger": "schedule", "traffic": {"requests_per_second": 0.0000114, "peak_requests_per_second": 0.000228}})
}

test_d_variable_not_from_the_peak_of_a_sporadic_pattern if {
	# the profile derives a sporadic peak as 20x the average; D-SPORADIC counts the pattern
	not "D-VARIABLE" in fired({"traffic": {"pattern": "sporadic", "peak_requests_per_second": 7.6}})
}

test_d_variable_manual_jobs_in_runs if {
	x := pref({"trigger": "manual", "traffic": {"pattern": "spiky", "requests_per_month": 200}}, "D-VARIABLE")
	x.message == "spiky runs (200 runs/month, in bursts): variable, unpredictable load suits functions, which scale per request"
	y := pref({"trigger": "manual", "traffic": {"requests_per_month": 200, "requests_per_second": 0.0000761, "peak_requests_per_second": 0.001}}, "D-VARIABLE")
	startswith(y.message, "runs come in bursts (peak rate 13.1x the average of 200 runs/month)")
}

test_d_variable_quiet if {
	not "D-VARIABLE" in fired({})
	not "D-VARIABLE" in fired({"traffic": {"requests_per_second": 0, "peak_requests_per_second": 0}})
}

# --- D-SPORADIC ---

test_d_sporadic_pattern if {
	x := pref({"traffic": {"pattern": "sporadic"}}, "D-SPORADIC")
	x.message == "sporadic traffic (1M requests/month, 0.076 requests in flight on average): idle most of the time, so pay-per-use functions cost least"
}

test_d_sporadic_pattern_needs_a_low_measured_load if {
	# declared sporadic, but 20 rps x 100 ms keeps 2 requests in flight: not idle
	not "D-SPORADIC" in fired({"traffic": {"pattern": "sporadic", "requests_per_second": 20, "in_flight": 2}, "execution": {"avg_duration_ms": 100}})
	"D-SPORADIC" in fired({"traffic": {"pattern": "sporadic", "requests_per_second": 2, "in_flight": 0.2}, "execution": {"avg_duration_ms": 100}})
}

test_d_sporadic_low_in_flight if {
	x := pref({"traffic": {"requests_per_month": 100000, "requests_per_second": 0.038}, "execution": {"avg_duration_ms": 100}}, "D-SPORADIC")
	x.message == "0.0038 requests in flight on average (0.038 rps x 100ms, below 0.05): idle most of the time, so pay-per-use functions cost least"
}

test_d_sporadic_uses_a_precomputed_in_flight if {
	x := pref({"traffic": {"requests_per_second": 0.038, "in_flight": 0.0038}, "execution": {"avg_duration_ms": 100}}, "D-SPORADIC")
	startswith(x.message, "0.0038 requests in flight on average")
}

test_d_sporadic_scheduled_job_in_runs if {
	x := pref(
		{
			"trigger": "schedule",
			"traffic": {"requests_per_month": 30, "requests_per_second": 0.0000114, "pattern": "sporadic"},
			"execution": {"avg_duration_ms": 1500000, "max_duration_ms": 1500000},
		},
		"D-SPORADIC",
	)
	x.message == "sporadic runs (30 runs/month of 25m0s, busy 1.71% of the time): idle most of the time, so pay-per-use functions cost least"
}

test_d_sporadic_rare_job_in_runs if {
	x := pref(
		{
			"trigger": "manual",
			"traffic": {"requests_per_month": 30, "requests_per_second": 0.0000114, "pattern": "steady"},
			"execution": {"avg_duration_ms": 60000, "max_duration_ms": 120000},
		},
		"D-SPORADIC",
	)
	x.message == "30 runs/month of 1m0s keep it busy 0.0684% of the time (below 5%): idle most of the time, so pay-per-use functions cost least"
}

test_d_sporadic_quiet if {
	not "D-SPORADIC" in fired({})
}

# --- D-SIMPLE / D-COMPLEX-DEPS ---

test_d_simple if {
	"D-SIMPLE" in fired({"dependencies": {"complexity": "simple"}})
	not "D-SIMPLE" in fired({})
}

test_d_complex_deps if {
	x := pref({"dependencies": {"complexity": "complex", "package_mb": 180}}, "D-COMPLEX-DEPS")
	x.model == "serverless-container"
	x.message == "complex dependencies (package 180 MB) are easier to ship and run as a container image"
	not "D-COMPLEX-DEPS" in fired({})
}

# --- D-LONG-RUNNING ---

test_d_long_running_25_minute_job if {
	job := {"trigger": "schedule", "execution": {"max_duration_ms": 1500000}}
	x := pref_on(job, "D-LONG-RUNNING", "aws")
	x.message == "max_duration 25m0s exceeds the job timeout of every function platform on aws (aws-lambda 900 s): long-running work suits containers"
	pref_on(job, "D-LONG-RUNNING", "gcp").message == "max_duration 25m0s exceeds the job timeout of every function platform on gcp (gcp-cloud-run-functions 540 s): long-running work suits containers"
	clouds_of(job, "D-LONG-RUNNING") == {"aws", "azure", "gcp"}
}

test_d_long_running_per_cloud if {
	# 10 minutes: too long for Cloud Run functions (540 s), fine on Lambda (900 s)
	ten := {"trigger": "queue", "execution": {"max_duration_ms": 600000}}
	clouds_of(ten, "D-LONG-RUNNING") == {"gcp"}
	clouds_of(ten, "D-STATELESS-SHORT") == {"aws", "azure"}
	not "D-LONG-RUNNING" in fired({})
}

# Azure Functions have no maximum: beyond the framework's 15 minutes work is long there too,
# whichever clouds are evaluated.
test_d_long_running_on_azure_beyond_the_framework_bound if {
	prefs := decision.preference with input as {"clouds": ["azure"], "component": comp({"trigger": "schedule", "execution": {"max_duration_ms": 1500000}})}
	some x in prefs
	x.rule == "D-LONG-RUNNING"
	x.message == "max_duration 25m0s exceeds the job timeout of every function platform on azure (azure-functions-flex 900 s, the framework's bound for functions; it has no limit of its own; azure-functions-premium 900 s, the framework's bound for functions; it has no limit of its own): long-running work suits containers"
}

# --- D-STEADY ---

test_d_steady if {
	x := pref({"traffic": {"pattern": "steady", "requests_per_second": 11.42}, "execution": {"avg_duration_ms": 120}}, "D-STEADY")
	x.message == "steady traffic keeps 1.37 requests in flight on average (11.4 rps x 120ms): consistent load suits always-on containers (weight 0.7 of 2: full from 4 in flight)"
	x.weight == 0.7
}

test_d_steady_job_in_runs if {
	x := pref(
		{
			"trigger": "schedule",
			"traffic": {"pattern": "steady", "requests_per_month": 900, "requests_per_second": 0.000342},
			"execution": {"avg_duration_ms": 1800000, "max_duration_ms": 1800000},
		},
		"D-STEADY",
	)
	x.message == "steady runs keep it busy 61.6% of the time (900 runs/month of 30m0s): consistent load suits always-on containers (weight 0.3 of 2: full from 4 in flight)"
	y := pref(
		{
			"trigger": "schedule",
			"traffic": {"pattern": "steady", "requests_per_month": 2000, "requests_per_second": 0.00076},
			"execution": {"avg_duration_ms": 1800000, "max_duration_ms": 1800000},
		},
		"D-STEADY",
	)
	contains(y.message, "busy with 1.37 runs at a time on average (2000 runs/month of 30m0s)")
}

test_d_steady_grows_with_the_load if {
	# 2 x in-flight / 4 in tenths: 0.5 in flight (the threshold) weighs 0.3, 2 weigh 1, 4 and more the full 2
	weight_at := {f: x.weight |
		some f in [0.5, 2, 4, 100]
		x := pref({"traffic": {"pattern": "steady", "requests_per_second": f * 10}, "execution": {"avg_duration_ms": 100}}, "D-STEADY")
	}
	weight_at == {0.5: 0.3, 2: 1, 4: 2, 100: 2}
	x := pref({"traffic": {"pattern": "steady", "requests_per_second": 1000}, "execution": {"avg_duration_ms": 100}}, "D-STEADY")
	x.message == "steady traffic keeps 100 requests in flight on average (1000 rps x 100ms): consistent load suits always-on containers"
}

test_d_steady_quiet_for_light_or_spiky_load if {
	not "D-STEADY" in fired({"traffic": {"pattern": "steady"}})
	not "D-STEADY" in fired({"traffic": {"pattern": "spiky", "requests_per_second": 50}})
}

# --- D-STATEFUL / D-CONTAINER-IMAGE / D-CONNECTIONS ---

test_d_stateful if {
	pref({"state": "stateful"}, "D-STATEFUL").model == "serverless-container"
	not "D-STATEFUL" in fired({})
}

test_d_container_image if {
	x := pref({"dependencies": {"container_image": true, "package_mb": 300}}, "D-CONTAINER-IMAGE")
	x.message == "already shipped as a container image (300 MB): an existing containerised app runs as is on a serverless container"
	not "D-CONTAINER-IMAGE" in fired({})
}

test_d_connections if {
	"D-CONNECTIONS" in fired({"requires": {"long_lived_connections": true}})
	not "D-CONNECTIONS" in fired({})
}

# --- D-MIN-INSTANCES / D-COLD-START ---

test_d_min_instances if {
	x := pref({"execution": {"min_instances": 2}}, "D-MIN-INSTANCES")
	x.message == "min_instances 2 keeps instances warm around the clock, which removes the scale-to-zero advantage of functions"
	not "D-MIN-INSTANCES" in fired({})
}

test_d_cold_start if {
	x := pref({"dependencies": {"package_mb": 80}}, "D-COLD-START")
	x.message == "a 80 MB package on a synchronous HTTP path whose instances are often cold (0.076 requests in flight on average, below 1, no min_instances) risks multi-second cold starts (above 50 MB): a container that stays warm suits it better"
}

test_d_cold_start_only_where_instances_are_cold if {
	# 20 rps x 200 ms = 4 requests in flight keep the instances warm
	busy := {"dependencies": {"package_mb": 80}, "traffic": {"pattern": "steady", "requests_per_second": 20}}
	not "D-COLD-START" in fired(busy)

	# the same load in bursts scales out from cold
	x := pref(object.union(busy, {"traffic": {"pattern": "spiky", "requests_per_second": 20}}), "D-COLD-START")
	contains(x.message, "(spiky traffic scales out from cold, no min_instances)")

	# warm instances are never cold
	not "D-COLD-START" in fired({"dependencies": {"package_mb": 80}, "execution": {"min_instances": 1}})
}

test_d_cold_start_quiet_for_the_default_package if {
	# the profile assumes 50 MB for a typical function package when none is declared
	not "D-COLD-START" in fired({"dependencies": {"package_mb": 50}})
	"D-COLD-START" in fired({"dependencies": {"package_mb": 51}})
}

test_d_cold_start_quiet if {
	not "D-COLD-START" in fired({})
	not "D-COLD-START" in fired({"dependencies": {"package_mb": 80}, "execution": {"min_instances": 1}})
	not "D-COLD-START" in fired({"dependencies": {"package_mb": 80}, "trigger": "queue"})
}

# --- orchestrated ---

test_d_k8s_api if {
	pref({"requires": {"kubernetes_api": true}}, "D-K8S-API").model == "orchestrated-container"
	not "D-K8S-API" in fired({})
}

test_d_privileged_for_privileged_or_host_access if {
	"D-PRIVILEGED" in fired({"requires": {"privileged": true}})
	"D-PRIVILEGED" in fired({"requires": {"host_access": true}})
	not "D-PRIVILEGED" in fired({})
}

test_d_multi_gpu if {
	x := pref({"execution": {"gpu": 4}}, "D-MULTI-GPU")
	x.message == "needs 4 GPUs per instance, more than any serverless platform attaches (at most 1): multi-GPU work runs on orchestrated containers"
}

test_d_multi_gpu_quiet if {
	not "D-MULTI-GPU" in fired({"execution": {"gpu": 1}})
	not "D-MULTI-GPU" in fired({})
}

test_d_multi_gpu_quiet_when_a_serverless_platform_has_no_gpu_cap if {
	prefs := decision.preference with input as inp({"execution": {"gpu": 4}})
		with data.hybridadvisor.limits.platforms["gcp-cloud-run"].gpu.value as null
	not "D-MULTI-GPU" in {x.rule | some x in prefs}
}

test_d_large_instance if {
	x := pref({"execution": {"vcpu": 32, "memory_mb": 131072}}, "D-LARGE-INSTANCE")
	x.message == "32 vCPU and 131072 MB exceed every serverless container (aws-fargate 16 vCPU / 122880 MB, azure-container-apps 4 vCPU / 8192 MB, gcp-cloud-run 8 vCPU / 32768 MB): very large instances run on orchestrated containers"
}

test_d_large_instance_on_vcpu_alone if {
	"D-LARGE-INSTANCE" in fired({"execution": {"vcpu": 20, "memory_mb": 4096}})
}

test_d_large_instance_quiet_when_fargate_fits if {
	not "D-LARGE-INSTANCE" in fired({"execution": {"vcpu": 12, "memory_mb": 49152}})
	not "D-LARGE-INSTANCE" in fired({})
}

test_d_persistent_volume if {
	"D-PERSISTENT-VOLUME" in fired({"requires": {"persistent_volume": true}})
	not "D-PERSISTENT-VOLUME" in fired({})
}
