# Layer 2, preference: the source framework's criteria, each a rule with an ID that adds its
# tuned weight (data/weights.yaml) to one model's score. Thresholds come from
# weights.thresholds; platform limits from data.hybridadvisor.limits.
package hybridadvisor.decision

event_triggers := {"queue": "queue messages", "event": "events", "stream": "stream records", "storage": "storage events"}

# --- function ------------------------------------------------------------------------------

# METADATA
# title: Stateless and short
# description: >-
#   A stateless component whose max_duration fits the timeout for its trigger of every function
#   platform of a cloud: the framework's core reason to use functions. Judged per cloud against
#   that cloud's own platforms ("short" is per platform: API Gateway 29 s for HTTP on AWS, 540 s
#   for events on Cloud Run functions, ...), so it adds to the function score of the clouds where
#   it holds, and a cloud's reasons do not depend on the other clouds evaluated.
# related_resources:
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
#     description: Lambda is designed for short-lived compute tasks that do not retain state
# custom:
#   id: D-STATELESS-SHORT
#   kind: preference
#   model: function
#   source: platform-limits reference 2.1, 2.4 (D-01 + D-10)
#   seed: Stateless operations (< 15 minutes)
preference contains {"rule": "D-STATELESS-SHORT", "model": "function", "weight": w, "message": msg, "cloud": cloud} if {
	state == "stateless"
	w := weights.rules["D-STATELESS-SHORT"]
	w != 0
	some cloud in clouds
	b := cloud_bounds[cloud]
	max_ms <= b.min_ms
	msg := concat("", [short_prefix, b.short, ": short, stateless work suits functions"])
}

short_prefix := sprintf("stateless, avg duration %s and max %s ", [avg_text, max_text])

# cloud_bounds[cloud] is how D-STATELESS-SHORT and D-LONG-RUNNING judge a cloud (index.cloud_bounds):
# the tightest (min_ms) and loosest (max_ms) timeout for this trigger of its function platforms,
# each capped at the source framework's bound for functions (thresholds.function_max_s, "< 15
# minutes"), which also stands for a platform without a limit. Each cloud is judged against its
# own platforms, so its reasons do not change with the other clouds evaluated. For HTTP the
# limits depend on Lambda's front door (API Gateway's 29 s or not).
cloud_bounds := index.cloud_bounds.http_api_gateway if {
	trigger_class == "http"
	every p in index.gateway_limited {
		object.get(input, ["options", p, "front_door"], "api_gateway") == "api_gateway"
	}
} else := index.cloud_bounds[timeout_key]

# METADATA
# title: Event-driven
# description: >-
#   Queue, event, stream and storage triggers: functions scale with the event source and the
#   clouds' own guidance sends event-driven, short-lived work to functions.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/architecture/guide/technology-choices/compute-decision-tree
#     description: Event-driven workload with short-lived processes -> Functions
#   - ref: https://docs.cloud.google.com/run/docs/functions-with-run
#     description: Functions for event-driven services and background processing
# custom:
#   id: D-EVENT-DRIVEN
#   kind: preference
#   model: function
#   source: platform-limits reference 2.1-2.3, condition D-12
#   seed: Event-driven processing
preference contains {"rule": "D-EVENT-DRIVEN", "model": "function", "weight": w, "message": msg} if {
	input.component.trigger in {"queue", "event", "stream", "storage"}
	what := event_triggers[trigger]
	w := weights.rules["D-EVENT-DRIVEN"]
	w != 0
	msg := sprintf("triggered by %s: event-driven work suits functions, which scale with the event source", [what])
}

# METADATA
# title: Variable, unpredictable load
# description: >-
#   Spiky traffic, or a peak rate at least thresholds.variable_peak_to_avg times the average:
#   functions scale per request from zero without capacity planning. Never for a schedule
#   trigger (a schedule is predictable whatever its rate) and not from the peak ratio of a
#   sporadic pattern (the profile derives that peak as 20 times the average, and D-SPORADIC
#   already counts the pattern). Manual jobs are told in runs per month.
# related_resources:
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/welcome.html
#     description: Scale up rapidly, and scale down to zero when not in demand
# custom:
#   id: D-VARIABLE
#   kind: preference
#   model: function
#   source: platform-limits reference 2.1, condition D-12
#   seed: Variable/unpredictable workloads
preference contains {"rule": "D-VARIABLE", "model": "function", "weight": w, "message": msg} if {
	variable_load
	trigger != "schedule"
	w := weights.rules["D-VARIABLE"]
	w != 0
	msg := sprintf("%s: variable, unpredictable load suits functions, which scale per request", [variable_reason])
}

# variable_load: spiky traffic, or a peak at least thresholds.variable_peak_to_avg times the average.
variable_load if pattern == "spiky"

variable_load if {
	pattern != "sporadic"
	peak_ratio >= thresholds.variable_peak_to_avg
}

peak_ratio := input.texts.peak_ratio if {
	is_number(input.texts.peak_ratio)
} else := peak_rps / rps if rps > 0

peak_ratio_text := input.texts.peak_ratio_text if {
	is_string(input.texts.peak_ratio_text)
} else := fmt_sig(peak_ratio)

# (The usual cases come first: each else is one more rule evaluation.)
variable_reason := sprintf("spiky traffic (peak %s, average %s)", [peak_text, rps_text]) if {
	pattern == "spiky"
	not is_job
} else := sprintf("peak %s is %sx the average %s", [peak_text, peak_ratio_text, rps_text]) if {
	not is_job
} else := sprintf("spiky runs (%s runs/month, in bursts)", [month_text]) if {
	pattern == "spiky"
} else := sprintf("runs come in bursts (peak rate %sx the average of %s runs/month)", [peak_ratio_text, month_text])

# METADATA
# title: Sporadic use
# description: >-
#   Fewer than thresholds.sporadic_max_in_flight requests in flight on average (requests per
#   second x average duration), or a sporadic pattern whose load is below
#   thresholds.sporadic_pattern_max_in_flight (a "sporadic" API that keeps instances busy is not
#   idle): the component is idle nearly all the time, and pay-per-use functions cost nothing
#   while idle.
# related_resources:
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/welcome.html
#     description: Scale down to zero when not in demand
# custom:
#   id: D-SPORADIC
#   kind: preference
#   model: function
#   source: platform-limits reference 2.1, condition D-12
#   seed: Cost optimization for sporadic use
preference contains {"rule": "D-SPORADIC", "model": "function", "weight": w, "message": msg} if {
	sporadic
	w := weights.rules["D-SPORADIC"]
	w != 0
	msg := sprintf("%s: idle most of the time, so pay-per-use functions cost least", [sporadic_reason])
}

# sporadic: declared sporadic, or fewer than thresholds.sporadic_max_in_flight requests in flight.
sporadic if {
	pattern == "sporadic"
	in_flight < thresholds.sporadic_pattern_max_in_flight
}

sporadic if in_flight < thresholds.sporadic_max_in_flight

# (The usual cases come first: each else is one more rule evaluation.)
sporadic_reason := sprintf("%s requests in flight on average (%s x %s, below %v)", [in_flight_text, rps_text, avg_text, thresholds.sporadic_max_in_flight]) if {
	pattern != "sporadic"
	not is_job
} else := sprintf("sporadic traffic (%s requests/month, %s requests in flight on average)", [month_text, in_flight_text]) if {
	not is_job
} else := sprintf("sporadic runs (%s, %s)", [runs_phrase, job_load]) if {
	pattern == "sporadic"
} else := sprintf("%s keep it %s (below %s%%)", [runs_phrase, job_load, fmt_sig(thresholds.sporadic_max_in_flight * 100)])

# runs_phrase tells a job's load in runs: "30 runs/month of 8m0s".
runs_phrase := sprintf("%s runs/month of %s", [month_text, avg_text])

# job_load is how busy a job keeps its platform: "busy 0.548% of the time", or "busy with 1.5
# runs at a time on average".
job_load := sprintf("busy %s%% of the time", [fmt_sig(in_flight * 100)]) if {
	in_flight < 1
} else := sprintf("busy with %s runs at a time on average", [in_flight_text])

# METADATA
# title: Simple business logic
# description: dependencies.complexity simple; a single-purpose handler fits the function model.
# related_resources:
#   - ref: https://docs.cloud.google.com/run/docs/resource-model
#     description: Functions are for single-purpose, event-driven code
# custom:
#   id: D-SIMPLE
#   kind: preference
#   model: function
#   source: platform-limits reference 2.3
#   seed: Simple business logic
preference contains {"rule": "D-SIMPLE", "model": "function", "weight": w, "message": msg} if {
	input.component.dependencies.complexity == "simple"
	w := weights.rules["D-SIMPLE"]
	w != 0
	msg := "simple business logic (dependencies.complexity simple) fits a single-purpose function"
}

# --- serverless-container --------------------------------------------------------------------

# METADATA
# title: Long-running
# description: >-
#   max_duration exceeds the timeout for its trigger of every function platform of a cloud (for
#   events: Lambda 900 s, Cloud Run functions 540 s), each capped at the source framework's
#   "> 15 minutes" (thresholds.function_max_s), which also stands for a platform without a limit
#   (Azure Functions Flex/Premium). Judged per cloud, like D-STATELESS-SHORT.
# related_resources:
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
#   - ref: https://cloud.google.com/functions/docs/configuring/timeout
#   - ref: https://docs.aws.amazon.com/batch/latest/userguide/when-to-use-fargate.html
# custom:
#   id: D-LONG-RUNNING
#   kind: preference
#   model: serverless-container
#   source: platform-limits reference 2.4 (D-01, D-18)
#   seed: Long-running processes (> 15 minutes)
preference contains {"rule": "D-LONG-RUNNING", "model": "serverless-container", "weight": w, "message": msg, "cloud": cloud} if {
	max_ms > index.cloud_bounds.long_floor_ms[trigger_class]
	w := weights.rules["D-LONG-RUNNING"]
	w != 0
	some cloud in clouds
	b := cloud_bounds[cloud]
	max_ms > b.max_ms
	msg := sprintf("max_duration %s %s: long-running work suits containers", [max_text, b.long])
}

# METADATA
# title: Steady, consistent load
# description: >-
#   Steady or diurnal traffic keeping at least thresholds.steady_min_in_flight requests in flight
#   on average: always-busy instances are cheaper as containers than billed per request. The
#   weight grows with the load: weights.rules x in-flight / thresholds.steady_full_in_flight,
#   to one decimal, at least 0.1 and at most the full weight (half a request in flight is
#   barely steady; four always-busy instances are).
# related_resources:
#   - ref: https://learn.microsoft.com/azure/azure-functions/functions-scale
#     description: Function apps that run continuously, or nearly continuously
# custom:
#   id: D-STEADY
#   kind: preference
#   model: serverless-container
#   source: platform-limits reference 1.2, condition D-13
#   seed: Consistent workloads
preference contains {"rule": "D-STEADY", "model": "serverless-container", "weight": w, "message": msg} if {
	pattern in {"steady", "diurnal"}
	in_flight >= thresholds.steady_min_in_flight
	full := weights.rules["D-STEADY"]
	full != 0
	w := steady_weight(full)
	msg := sprintf("%s %s: consistent load suits always-on containers%s", [pattern, steady_load, steady_grade(full, w)])
}

# steady_weight(full) grades D-STEADY by the load: full x in-flight / steady_full_in_flight, in
# tenths, between 0.1 and full.
steady_weight(full) := full if {
	in_flight >= thresholds.steady_full_in_flight
} else := max([1, round(((full * in_flight) / thresholds.steady_full_in_flight) * 10)]) / 10

steady_grade(full, w) := "" if {
	w == full
} else := sprintf(" (weight %v of %v: full from %v in flight)", [w, full, thresholds.steady_full_in_flight])

steady_load := sprintf("runs keep it %s (%s)", [job_load, runs_phrase]) if {
	is_job
} else := sprintf("traffic keeps %s requests in flight on average (%s x %s)", [in_flight_text, rps_text, avg_text])

# METADATA
# title: Complex dependencies
# description: dependencies.complexity complex is easier to build, ship and run as a container image.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/container-apps/compare-options
# custom:
#   id: D-COMPLEX-DEPS
#   kind: preference
#   model: serverless-container
#   source: platform-limits reference 2.2, condition D-14
#   seed: Complex dependencies
preference contains {"rule": "D-COMPLEX-DEPS", "model": "serverless-container", "weight": w, "message": msg} if {
	input.component.dependencies.complexity == "complex"
	w := weights.rules["D-COMPLEX-DEPS"]
	w != 0
	msg := sprintf("complex dependencies (package %v MB) are easier to ship and run as a container image", [package_mb])
}

# METADATA
# title: Stateful
# description: >-
#   Stateful work keeps state between requests; functions keep none (Azure: only via Durable
#   Functions).
# related_resources:
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
#     description: Lambda is for tasks that do not retain or rely upon state between invocations
#   - ref: https://learn.microsoft.com/azure/architecture/guide/technology-choices/compute-decision-tree
# custom:
#   id: D-STATEFUL
#   kind: preference
#   model: serverless-container
#   source: platform-limits reference 2.1, 2.2, condition D-10
#   seed: Stateful applications
preference contains {"rule": "D-STATEFUL", "model": "serverless-container", "weight": w, "message": msg} if {
	input.component.state == "stateful"
	w := weights.rules["D-STATEFUL"]
	w != 0
	msg := "stateful work keeps state between requests, which functions do not: a container suits it"
}

# METADATA
# title: Existing container image
# description: dependencies.container_image; an existing containerised app runs as is on a serverless container.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/container-apps/compare-options
#   - ref: https://docs.cloud.google.com/run/docs/resource-model
# custom:
#   id: D-CONTAINER-IMAGE
#   kind: preference
#   model: serverless-container
#   source: platform-limits reference 2.2, 2.3, condition D-14
#   seed: Existing containerized applications
preference contains {"rule": "D-CONTAINER-IMAGE", "model": "serverless-container", "weight": w, "message": msg} if {
	input.component.dependencies.container_image == true
	w := weights.rules["D-CONTAINER-IMAGE"]
	w != 0
	msg := sprintf("already shipped as a container image (%v MB): an existing containerised app runs as is on a serverless container", [package_mb])
}

# METADATA
# title: Long-lived connections
# description: WebSockets or streaming gRPC need an instance that outlives a request.
# related_resources:
#   - ref: https://cloud.google.com/run/docs/triggering/websockets
# custom:
#   id: D-CONNECTIONS
#   kind: preference
#   model: serverless-container
#   source: platform-limits reference condition D-11
preference contains {"rule": "D-CONNECTIONS", "model": "serverless-container", "weight": w, "message": msg} if {
	input.component.requires.long_lived_connections == true
	w := weights.rules["D-CONNECTIONS"]
	w != 0
	msg := "holds long-lived connections (WebSockets or streaming gRPC), which need an instance that outlives a request: a container suits it"
}

# METADATA
# title: Always-warm instances
# description: >-
#   min_instances above 0 keeps capacity warm around the clock (provisioned concurrency, Flex
#   always-ready, Cloud Run min instances), which removes the scale-to-zero advantage of functions.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/azure-functions/functions-premium-plan
# custom:
#   id: D-MIN-INSTANCES
#   kind: preference
#   model: serverless-container
#   source: platform-limits reference 1.9, condition D-17
preference contains {"rule": "D-MIN-INSTANCES", "model": "serverless-container", "weight": w, "message": msg} if {
	input.component.execution.min_instances > 0
	w := weights.rules["D-MIN-INSTANCES"]
	w != 0
	msg := sprintf("min_instances %v keeps instances warm around the clock, which removes the scale-to-zero advantage of functions", [min_instances])
}

# METADATA
# title: Cold-start risk
# description: >-
#   A package larger than thresholds.cold_start_package_mb (the 50 MB the profile assumes for a
#   typical function package, so the default never fires it) on a synchronous HTTP path where
#   instances are actually cold: no min_instances, and either fewer than
#   thresholds.cold_start_max_in_flight requests in flight (instances idle out between requests)
#   or spiky traffic (each burst scales out from cold). Function init time grows with package
#   size (1.35 s at 32 MB, 3.2 s at 64 MB in a public Lambda benchmark); under steady load the
#   instances stay warm and cold starts are a small share of requests.
# related_resources:
#   - ref: https://gist.github.com/adriantanasa/06a9cbc36744ef0bf946255e9e75efbe
#     description: Lambda init time by bundle size
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html#cold-start-latency
# custom:
#   id: D-COLD-START
#   kind: preference
#   model: serverless-container
#   source: platform-limits reference 1.9, condition D-17
preference contains {"rule": "D-COLD-START", "model": "serverless-container", "weight": w, "message": msg} if {
	trigger == "http"
	min_instances == 0
	package_mb > thresholds.cold_start_package_mb
	why := cold_reason
	w := weights.rules["D-COLD-START"]
	w != 0
	msg := sprintf("a %v MB package on a synchronous HTTP path whose instances are often cold (%s, no min_instances) risks multi-second cold starts (above %v MB): a container that stays warm suits it better", [package_mb, why, thresholds.cold_start_package_mb])
}

# cold_reason says why function instances are often cold: too little load to keep them warm,
# or bursts that scale out from cold (undefined when they stay warm).
cold_reason := sprintf("%s requests in flight on average, below %v", [in_flight_text, thresholds.cold_start_max_in_flight]) if {
	in_flight < thresholds.cold_start_max_in_flight
} else := "spiky traffic scales out from cold" if {
	pattern == "spiky"
}

# --- orchestrated-container --------------------------------------------------------------------

# METADATA
# title: Kubernetes API
# description: CRDs, operators, Helm charts, DaemonSets or a service mesh need EKS, AKS or GKE.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/container-apps/compare-options
#     description: If you require access to the Kubernetes APIs and control plane, use AKS
#   - ref: https://aws.amazon.com/getting-started/decision-guides/serverless-or-kubernetes-on-aws-how-to-choose/
# custom:
#   id: D-K8S-API
#   kind: preference
#   model: orchestrated-container
#   source: platform-limits reference 2.1, 2.2, condition D-15
preference contains {"rule": "D-K8S-API", "model": "orchestrated-container", "weight": w, "message": msg} if {
	input.component.requires.kubernetes_api == true
	w := weights.rules["D-K8S-API"]
	w != 0
	msg := "needs the Kubernetes API (CRDs, operators, Helm or DaemonSets), which only orchestrated containers expose"
}

# METADATA
# title: Privileged or host access
# description: Privileged containers, host namespaces or kernel tuning need nodes you control.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/userguide/fargate-tasks-services.html
# custom:
#   id: D-PRIVILEGED
#   kind: preference
#   model: orchestrated-container
#   source: platform-limits reference 1.7, condition D-08
preference contains {"rule": "D-PRIVILEGED", "model": "orchestrated-container", "weight": w, "message": msg} if {
	input.component.requires.privileged == true
	w := weights.rules["D-PRIVILEGED"]
	w != 0
	msg := privileged_message
}

preference contains {"rule": "D-PRIVILEGED", "model": "orchestrated-container", "weight": w, "message": msg} if {
	input.component.requires.host_access == true
	w := weights.rules["D-PRIVILEGED"]
	w != 0
	msg := privileged_message
}

privileged_message := "needs privileged containers or host access, which serverless platforms do not allow: orchestrated containers on nodes you control"

# serverless_platforms are the evaluated function and serverless-container platforms.
serverless_platforms := array.concat(function_candidates, serverless_containers)

serverless_gpu_limits[p] := lim if {
	some p in serverless_platforms
	lim := num_limit(p, "gpu")
}

# METADATA
# title: Multi-GPU
# description: >-
#   More than one GPU per instance and more than any evaluated serverless platform attaches:
#   multi-GPU work runs on orchestrated containers.
# related_resources:
#   - ref: https://cloud.google.com/run/docs/configuring/services/gpu
#     description: One GPU per Cloud Run instance
#   - ref: https://learn.microsoft.com/azure/container-apps/gpu-serverless-overview
# custom:
#   id: D-MULTI-GPU
#   kind: preference
#   model: orchestrated-container
#   source: platform-limits reference 1.8, condition D-04
preference contains {"rule": "D-MULTI-GPU", "model": "orchestrated-container", "weight": w, "message": msg} if {
	input.component.execution.gpu > 1
	count(serverless_gpu_limits) > 0
	count(serverless_gpu_limits) == count(serverless_platforms)
	most := max({lim | some lim in serverless_gpu_limits})
	gpu > most
	w := weights.rules["D-MULTI-GPU"]
	w != 0
	msg := sprintf("needs %v GPUs per instance, more than any serverless platform attaches (at most %v): multi-GPU work runs on orchestrated containers", [gpu, most])
}

serverless_containers := index.by_model["serverless-container"] if {
	all_clouds
} else := evaluated(index.by_model["serverless-container"])

# beyond_a_floor: memory_mb or vcpu is above the smallest limit of some platform (a cheap test
# before comparing with every serverless container).
beyond_a_floor if memory_mb > limit_floor.memory_mb

beyond_a_floor if vcpu > limit_floor.vcpu

too_large(p) if memory_mb > num_limit(p, "memory_mb")

too_large(p) if vcpu > num_limit(p, "vcpu")

# METADATA
# title: Very large instance
# description: >-
#   memory_mb or vcpu exceeds every evaluated serverless container (Fargate 16 vCPU / 120 GB,
#   Container Apps 4 / 8 GiB, Cloud Run 8 / 32 GiB).
# related_resources:
#   - ref: https://docs.aws.amazon.com/batch/latest/userguide/when-to-use-fargate.html
#     description: Use EC2 for more than 16 vCPUs or more than 120 GiB
# custom:
#   id: D-LARGE-INSTANCE
#   kind: preference
#   model: orchestrated-container
#   source: platform-limits reference 1.6, 1.7, 2.1, condition D-03
preference contains {"rule": "D-LARGE-INSTANCE", "model": "orchestrated-container", "weight": w, "message": msg} if {
	beyond_a_floor
	count(serverless_containers) > 0
	every p in serverless_containers {
		too_large(p)
	}
	listed := concat(", ", sort([sprintf("%s %v vCPU / %v MB", [p, limits[p].vcpu.value, limits[p].memory_mb.value]) | some p in serverless_containers]))
	w := weights.rules["D-LARGE-INSTANCE"]
	w != 0
	msg := sprintf("%v vCPU and %v MB exceed every serverless container (%s): very large instances run on orchestrated containers", [vcpu, memory_mb, listed])
}

# METADATA
# title: Persistent volume
# description: Local disk that survives restarts needs a Kubernetes PersistentVolume (StatefulSet).
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/storage/persistent-volumes/
# custom:
#   id: D-PERSISTENT-VOLUME
#   kind: preference
#   model: orchestrated-container
#   source: platform-limits reference 1.7, condition D-10
#   seed: Stateful applications
preference contains {"rule": "D-PERSISTENT-VOLUME", "model": "orchestrated-container", "weight": w, "message": msg} if {
	input.component.requires.persistent_volume == true
	w := weights.rules["D-PERSISTENT-VOLUME"]
	w != 0
	msg := "needs a persistent volume that survives restarts, which only orchestrated containers attach"
}
