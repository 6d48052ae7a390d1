# Layer 2, preference: the source framework's criteria, each a rule with an ID that adds its
# tuned weight (data/weights.yaml) to one model's score. Thresholds come from
# weights.thresholds; platform limits from data.hybridadvisor.limits.
package hybridadvisor.decision

# preferences lists every preference that fired, heaviest first, then by rule ID.
preferences := [{"rule": t[1], "model": t[2], "weight": 0 - t[0], "message": t[3]} |
	some t in sort({[0 - x.weight, x.rule, x.model, x.message] | some x in preference})
]

# scores[model] is the sum of the weights of the preferences for that model (0 when none fired).
scores := {m: sum([x.weight | some x in preference; x.model == m]) | some m in models}

event_triggers := {"queue": "queue messages", "event": "events", "stream": "stream records", "storage": "storage events"}

# --- function ------------------------------------------------------------------------------

# METADATA
# title: Stateless and short
# description: >-
#   A stateless component whose max_duration fits the timeout of every evaluated function
#   platform for its trigger: the framework's core reason to use functions. "Short" is per
#   platform (API Gateway 29 s for HTTP on AWS, 540 s for events on Cloud Run functions, ...).
# related_resources:
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
#     description: Lambda is designed for short-lived compute tasks that do not retain state
# custom:
#   id: D-STATELESS-SHORT
#   kind: preference
#   model: function
#   source: platform-limits reference 2.1, 2.4 (D-01 + D-10)
#   seed: Stateless operations (< 15 minutes)
preference contains {"rule": "D-STATELESS-SHORT", "model": "function", "weight": w, "message": msg} if {
	state == "stateless"
	count(function_candidates) > 0
	every lim in fn_timeouts {
		max_s <= lim
	}
	w := rule_weight("D-STATELESS-SHORT")
	msg := sprintf("stateless, avg duration %s and max %s %s: short, stateless work suits functions", [fmt_duration(avg_ms), fmt_duration(max_ms), tightest_timeout])
}

tightest_timeout := sprintf("fit every %s function timeout (tightest: %s, %v s)", [timeout_label, t[1], t[0]]) if {
	t := sort({[lim, p] | some p, lim in fn_timeouts})[0]
} else := sprintf("fit every function platform (none limits %s runs)", [timeout_label])

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
	what := event_triggers[trigger]
	w := rule_weight("D-EVENT-DRIVEN")
	msg := sprintf("triggered by %s: event-driven work suits functions, which scale with the event source", [what])
}

# METADATA
# title: Variable, unpredictable load
# description: >-
#   Spiky traffic, or a peak rate at least thresholds.variable_peak_to_avg times the average:
#   functions scale per request from zero without capacity planning.
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
	w := rule_weight("D-VARIABLE")
	msg := sprintf("%s: variable, unpredictable load suits functions, which scale per request", [variable_reason])
}

variable_reason := sprintf("spiky traffic (peak %v rps, average %v rps)", [fmt_num(peak_rps), fmt_num(rps)]) if {
	pattern == "spiky"
} else := sprintf("peak %v rps is %vx the average %v rps", [fmt_num(peak_rps), fmt_num(peak_rps / rps), fmt_num(rps)]) if {
	rps > 0
	peak_rps / rps >= thresholds.variable_peak_to_avg
}

# METADATA
# title: Sporadic use
# description: >-
#   Sporadic traffic, or fewer than thresholds.sporadic_max_in_flight requests in flight on
#   average (requests per second x average duration): the component is idle nearly all the time,
#   and pay-per-use functions cost nothing while idle.
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
	w := rule_weight("D-SPORADIC")
	msg := sprintf("%s: idle most of the time, so pay-per-use functions cost least", [sporadic_reason])
}

sporadic_reason := sprintf("sporadic traffic (%v requests/month, %v requests in flight on average)", [requests_per_month, fmt_num(in_flight)]) if {
	pattern == "sporadic"
} else := sprintf("%v requests in flight on average (%v rps x %s, below %v)", [fmt_num(in_flight), fmt_num(rps), fmt_duration(avg_ms), thresholds.sporadic_max_in_flight]) if {
	in_flight < thresholds.sporadic_max_in_flight
}

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
	complexity == "simple"
	w := rule_weight("D-SIMPLE")
	msg := "simple business logic (dependencies.complexity simple) fits a single-purpose function"
}

# --- serverless-container --------------------------------------------------------------------

# METADATA
# title: Long-running
# description: >-
#   max_duration exceeds the timeout for its trigger of every evaluated function platform that
#   has one (for events: Lambda 900 s, Cloud Run functions 540 s); "> 15 minutes" sharpened per
#   platform. Azure Functions Flex/Premium have no maximum, so they alone never make work long.
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
preference contains {"rule": "D-LONG-RUNNING", "model": "serverless-container", "weight": w, "message": msg} if {
	count(fn_timeouts) > 0
	every lim in fn_timeouts {
		max_s > lim
	}
	listed := concat(", ", sort([sprintf("%s %v s", [p, lim]) | some p, lim in fn_timeouts]))
	w := rule_weight("D-LONG-RUNNING")
	msg := sprintf("max_duration %s exceeds the %s timeout of every function platform that has one (%s): long-running work suits containers", [fmt_duration(max_ms), timeout_label, listed])
}

# METADATA
# title: Steady, consistent load
# description: >-
#   Steady or diurnal traffic keeping at least thresholds.steady_min_in_flight requests in flight
#   on average: always-busy instances are cheaper as containers than billed per request.
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
	w := rule_weight("D-STEADY")
	msg := sprintf("%s traffic keeps %v requests in flight on average (%v rps x %s): consistent load suits always-on containers", [pattern, fmt_num(in_flight), fmt_num(rps), fmt_duration(avg_ms)])
}

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
	complexity == "complex"
	w := rule_weight("D-COMPLEX-DEPS")
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
	state == "stateful"
	w := rule_weight("D-STATEFUL")
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
	container_image == true
	w := rule_weight("D-CONTAINER-IMAGE")
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
	requires("long_lived_connections")
	w := rule_weight("D-CONNECTIONS")
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
	min_instances > 0
	w := rule_weight("D-MIN-INSTANCES")
	msg := sprintf("min_instances %v keeps instances warm around the clock, which removes the scale-to-zero advantage of functions", [min_instances])
}

# METADATA
# title: Cold-start risk
# description: >-
#   A package of at least thresholds.cold_start_package_mb on a synchronous HTTP path with no warm
#   instances: function init time grows with package size (1.35 s at 32 MB, 3.2 s at 64 MB in a
#   public Lambda benchmark).
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
	package_mb >= thresholds.cold_start_package_mb
	w := rule_weight("D-COLD-START")
	msg := sprintf("a %v MB package on a synchronous HTTP path with no warm instances risks multi-second cold starts (at or above %v MB): a container that stays warm suits it better", [package_mb, thresholds.cold_start_package_mb])
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
	requires("kubernetes_api")
	w := rule_weight("D-K8S-API")
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
	some need in ["privileged", "host_access"]
	requires(need)
	w := rule_weight("D-PRIVILEGED")
	msg := "needs privileged containers or host access, which serverless platforms do not allow: orchestrated containers on nodes you control"
}

serverless_gpu_limits[p] := lim if {
	some p, info in candidates
	info.model != "orchestrated-container"
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
	gpu > 1
	count(serverless_gpu_limits) > 0
	count(serverless_gpu_limits) == count({p | some p, info in candidates; info.model != "orchestrated-container"})
	most := max({lim | some lim in serverless_gpu_limits})
	gpu > most
	w := rule_weight("D-MULTI-GPU")
	msg := sprintf("needs %v GPUs per instance, more than any serverless platform attaches (at most %v): multi-GPU work runs on orchestrated containers", [gpu, most])
}

serverless_containers := {p | some p, info in candidates; info.model == "serverless-container"}

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
	count(serverless_containers) > 0
	every p in serverless_containers {
		too_large(p)
	}
	listed := concat(", ", sort([sprintf("%s %v vCPU / %v MB", [p, limits[p].vcpu.value, limits[p].memory_mb.value]) | some p in serverless_containers]))
	w := rule_weight("D-LARGE-INSTANCE")
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
	requires("persistent_volume")
	w := rule_weight("D-PERSISTENT-VOLUME")
	msg := "needs a persistent volume that survives restarts, which only orchestrated containers attach"
}
