# Layer 1, hard eligibility: a platform limit the component exceeds excludes that platform.
# Every limit comes from data.hybridadvisor.limits (data/limits.yaml) and applies only when its
# value is a number (null or a missing key means no limit; the lookups are inlined, not calls to
# num_limit, because these rules run once per platform and function calls cost). Every message
# names the component's value, the platform's limit and that limit's source and date.
#
# exclusions[platform] is a set of [rule, message] pairs. Each numeric rule first compares the
# component with limit_floor, the smallest value of its limit over every platform: at or below
# it no platform can be exceeded, and the rule stops before visiting any platform. Capability
# rules start with input.component.requires.<name> == true, which OPA's rule index checks
# before evaluating the rule at all.
package hybridadvisor.decision

# excluded[platform] lists why a platform cannot run the component, sorted by rule then message.
# (One complete object, computed once: every lookup below reads the cached value.) A component
# that fits every platform's smallest limits skips the rules altogether.
excluded := {} if {
	fits_everywhere
	not ships_image
} else := {p: [{"rule": "E-IMAGE", "message": msg}] | some p, msg in image_exclusions} if {
	# an image within every limit: only E-IMAGE can fire
	fits_everywhere
} else := {p: [{"rule": t[0], "message": t[1]} | some t in sort(pairs)] | some p, pairs in exclusions}

ships_image if input.component.dependencies.container_image == true

# fits_everywhere: the component is within the smallest value of every limit a rule below checks
# (limit_floor), needs no GPU and no capability that some platform lacks, and runs an operating
# system every platform offers. Then no rule can fire and none is evaluated. (It reads the input
# directly: a missing field fails the test and the rules below apply their defaults. The duration
# and payload floors of its trigger class come from index.fit: for HTTP the tightest of the
# platforms' and API Gateway's timeouts (over_gateway_floor) and the synchronous payload floor,
# else its timeout's and the event payload floor (payload_key).)
fits_everywhere if {
	f := limit_floor
	fit := index.fit[trigger_class]
	x := input.component.execution
	max_ms <= fit.max_ms
	x.memory_mb <= f.memory_mb
	x.vcpu <= f.vcpu
	x.ephemeral_storage_mb <= f.ephemeral_storage_mb
	x.memory_mb + x.ephemeral_storage_mb <= f.memory_mb
	x.payload_kb <= fit.payload_kb
	x.gpu == 0
	x.os in index.everywhere.os
	d := input.component.dependencies
	d.package_mb <= f.package_mb
	d.package_mb <= f.image_mb
	not lacking_capability
}

# lacking_capability: the component requires a capability that some platform does not offer.
# (One body per capability, so that OPA's rule index skips those not required.)
lacking_capability if {
	input.component.requires.privileged == true
	count(index.lacking.privileged) > 0
}

lacking_capability if {
	input.component.requires.host_access == true
	count(index.lacking.host_access) > 0
}

lacking_capability if {
	input.component.requires.kubernetes_api == true
	count(index.lacking.kubernetes_api) > 0
}

lacking_capability if {
	input.component.requires.persistent_volume == true
	count(index.lacking.persistent_volumes) > 0
}

lacking_capability if {
	input.component.requires.long_lived_connections == true
	count(index.lacking.long_lived_connections) > 0
}

lacking_capability if {
	input.component.requires.vpc == true
	count(index.lacking.vpc) > 0
}

# METADATA
# title: Synchronous HTTP request outlasts the front-door timeout
# description: >-
#   An HTTP-triggered component whose max_duration exceeds the synchronous HTTP limit of the
#   option's front door cannot answer in time: API Gateway's 29 s applies to Lambda only when the
#   option is priced behind API Gateway (input.options[p].front_door, api_gateway when absent);
#   behind a function URL Lambda has its 900 s. Otherwise the platform's own limit: 230 s for
#   Azure Functions, 240 s for Container Apps ingress, 3,600 s for Cloud Run. Use the async
#   request-reply pattern, a function URL or another platform.
# related_resources:
#   - ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html
#     description: API Gateway integration timeout
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html
#     description: Lambda function URLs
#   - ref: https://github.com/MicrosoftDocs/azure-docs/blob/main/includes/functions-timeout-duration.md
#     description: Azure Functions HTTP 230 s
#   - ref: https://learn.microsoft.com/azure/container-apps/ingress-overview
#     description: Container Apps ingress 240 s
#   - ref: https://docs.cloud.google.com/run/docs/configuring/request-timeout
#     description: Cloud Run request timeout
# custom:
#   id: E-TIMEOUT-HTTP
#   kind: eligibility
#   limit: http_timeout_s
#   source: platform-limits reference 1.1-1.5, condition D-02
#   seed: Stateless operations (< 15 minutes)
exclusions[p] contains ["E-TIMEOUT-HTTP", msg] if {
	trigger_class == "http"
	over_gateway_floor
	some p in candidates
	[lim, key] := http_limit(p)
	max_ms > lim * 1000
	msg := sprintf("max_duration %s exceeds the synchronous HTTP limit of %s behind its front door, %v s (%s)", [fmt_duration(max_ms), name_of(p), lim, cite(p, key)])
}

# over_gateway_floor: an HTTP request longer than the tightest HTTP limit of any front door.
over_gateway_floor if {
	trigger_class == "http"
	max_ms > min([index.floor_ms.http_timeout_s, index.floor_ms.http_api_gateway_timeout_s])
}

# http_limit(p) is [seconds, limit key] of option p's synchronous HTTP limit: the API gateway's
# when the option is priced behind one (an option that does not say is assumed to be), else the
# platform's own.
http_limit(p) := [lim, "http_api_gateway_timeout_s"] if {
	object.get(input, ["options", p, "front_door"], "api_gateway") == "api_gateway"
	lim := limits[p].http_api_gateway_timeout_s.value
	is_number(lim)
} else := [lim, "http_timeout_s"] if {
	lim := limits[p].http_timeout_s.value
	is_number(lim)
}

# METADATA
# title: Event-driven invocation outlasts the platform timeout
# description: >-
#   A queue, event, stream or storage-triggered component whose max_duration exceeds the
#   platform's per-invocation timeout (Lambda 900 s, Cloud Run functions 540 s, Cloud Run push
#   requests 3,600 s) would be cut off.
# related_resources:
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
#     description: Lambda 15-minute timeout
#   - ref: https://cloud.google.com/functions/docs/configuring/timeout
#     description: Cloud Run functions event-driven 540 s
# custom:
#   id: E-TIMEOUT-ASYNC
#   kind: eligibility
#   limit: event_timeout_s
#   source: platform-limits reference 1.1-1.4, condition D-01
#   seed: Long-running processes (> 15 minutes)
exclusions[p] contains ["E-TIMEOUT-ASYNC", msg] if {
	trigger_class == "event"
	max_ms > limit_floor.event_timeout_s * 1000
	some p in candidates
	lim := limits[p].event_timeout_s.value
	is_number(lim)
	max_ms > lim * 1000
	msg := sprintf("max_duration %s exceeds the %s event-driven timeout of %v s (%s)", [fmt_duration(max_ms), name_of(p), lim, cite(p, "event_timeout_s")])
}

# METADATA
# title: Run-to-completion job outlasts the platform timeout
# description: >-
#   A scheduled or manual job whose run (max_duration) exceeds the platform's longest run
#   (Lambda 900 s, Cloud Run functions 540 s, Cloud Run jobs 168 h) cannot finish there.
# related_resources:
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
#     description: Lambda 15-minute timeout
#   - ref: https://docs.cloud.google.com/run/docs/configuring/task-timeout
#     description: Cloud Run jobs task timeout
# custom:
#   id: E-TIMEOUT-JOB
#   kind: eligibility
#   limit: job_timeout_s
#   source: platform-limits reference 1.1, 1.3, 1.4, conditions D-01 and D-18
#   seed: Long-running processes (> 15 minutes)
exclusions[p] contains ["E-TIMEOUT-JOB", msg] if {
	trigger_class == "job"
	max_ms > limit_floor.job_timeout_s * 1000
	some p in candidates
	lim := limits[p].job_timeout_s.value
	is_number(lim)
	max_ms > lim * 1000
	msg := sprintf("max_duration %s exceeds the %s job timeout of %v s (%s)", [fmt_duration(max_ms), name_of(p), lim, cite(p, "job_timeout_s")])
}

# METADATA
# title: GPU work outlasts the GPU run limit
# description: >-
#   Some platforms cap runs that have a GPU attached (Cloud Run GPU job tasks: 1 h).
# related_resources:
#   - ref: https://docs.cloud.google.com/run/docs/configuring/task-timeout
#     description: Cloud Run GPU tasks at most 1 h
# custom:
#   id: E-TIMEOUT-GPU
#   kind: eligibility
#   limit: gpu_timeout_s
#   source: platform-limits reference 1.4
exclusions[p] contains ["E-TIMEOUT-GPU", msg] if {
	gpu > 0
	max_ms > limit_floor.gpu_timeout_s * 1000
	some p in candidates
	lim := limits[p].gpu_timeout_s.value
	is_number(lim)
	max_ms > lim * 1000
	msg := sprintf("max_duration %s with a GPU exceeds the %s GPU run limit of %v s (%s)", [fmt_duration(max_ms), name_of(p), lim, cite(p, "gpu_timeout_s")])
}

# METADATA
# title: Memory above the platform maximum
# description: >-
#   memory_mb exceeds the largest instance (Lambda 10,240 MB, Flex 4,096 MB, Premium 14 GB,
#   Container Apps consumption 8 GiB, Cloud Run 32 GiB, Fargate 120 GB).
# related_resources:
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/userguide/task-cpu-memory-error.html
#   - ref: https://learn.microsoft.com/azure/container-apps/quotas
#   - ref: https://docs.cloud.google.com/run/docs/configuring/services/memory-limits
# custom:
#   id: E-MEMORY
#   kind: eligibility
#   limit: memory_mb
#   source: platform-limits reference 1.x, condition D-03
exclusions[p] contains ["E-MEMORY", msg] if {
	memory_mb > limit_floor.memory_mb
	some p in candidates
	lim := limits[p].memory_mb.value
	is_number(lim)
	memory_mb > lim
	msg := sprintf("memory %v MB exceeds the %s maximum of %v MB per instance (%s)", [memory_mb, name_of(p), lim, cite(p, "memory_mb")])
}

# METADATA
# title: vCPU above the platform maximum
# description: >-
#   vcpu exceeds the largest instance (Lambda 6, Flex 2, Premium 4, Container Apps consumption 4,
#   Cloud Run 8, Fargate 16).
# related_resources:
#   - ref: https://aws.amazon.com/about-aws/whats-new/2020/12/aws-lambda-supports-10gb-memory-6-vcpu-cores-lambda-functions/
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/userguide/task-cpu-memory-error.html
#   - ref: https://docs.cloud.google.com/run/docs/configuring/cpu
# custom:
#   id: E-VCPU
#   kind: eligibility
#   limit: vcpu
#   source: platform-limits reference 1.x, condition D-03
exclusions[p] contains ["E-VCPU", msg] if {
	vcpu > limit_floor.vcpu
	some p in candidates
	lim := limits[p].vcpu.value
	is_number(lim)
	vcpu > lim
	msg := sprintf("vcpu %v exceeds the %s maximum of %v vCPU per instance (%s)", [vcpu, name_of(p), lim, cite(p, "vcpu")])
}

# METADATA
# title: Scratch disk above the platform maximum
# description: >-
#   ephemeral_storage_mb exceeds the local scratch disk (Lambda /tmp 10,240 MB, Fargate 200 GiB,
#   Container Apps 8 GiB).
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-lambda-function-ephemeralstorage.html
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_EphemeralStorage.html
#   - ref: https://learn.microsoft.com/azure/container-apps/storage-mounts
# custom:
#   id: E-EPHEMERAL
#   kind: eligibility
#   limit: ephemeral_storage_mb
#   source: platform-limits reference 1.1, 1.6, condition D-06
exclusions[p] contains ["E-EPHEMERAL", msg] if {
	ephemeral_mb > limit_floor.ephemeral_storage_mb
	some p in candidates
	lim := limits[p].ephemeral_storage_mb.value
	is_number(lim)
	ephemeral_mb > lim
	msg := sprintf("ephemeral_storage %v MB exceeds the %s scratch storage of %v MB (%s)", [ephemeral_mb, name_of(p), lim, cite(p, "ephemeral_storage_mb")])
}

# METADATA
# title: Scratch files plus memory above an in-memory file system
# description: >-
#   On Cloud Run (services and functions) the file system is in memory, so memory_mb plus
#   ephemeral_storage_mb must fit the memory limit.
# related_resources:
#   - ref: https://docs.cloud.google.com/run/docs/configuring/services/memory-limits
#     description: Writing files to the file system uses memory
# custom:
#   id: E-EPHEMERAL-MEMORY
#   kind: eligibility
#   limit: ephemeral_in_memory
#   source: platform-limits reference 1.4, condition D-06
exclusions[p] contains ["E-EPHEMERAL-MEMORY", msg] if {
	ephemeral_mb > 0
	memory_mb + ephemeral_mb > limit_floor.memory_mb
	some p in candidates
	limits[p].ephemeral_in_memory.value == true
	lim := limits[p].memory_mb.value
	is_number(lim)
	memory_mb + ephemeral_mb > lim
	msg := sprintf("memory %v MB plus ephemeral_storage %v MB exceeds the %s memory limit of %v MB, because its file system is in memory (%s)", [memory_mb, ephemeral_mb, name_of(p), lim, cite(p, "ephemeral_in_memory")])
}

# artifact(p) is what the component would deploy to p: its image when it has one and p takes
# images (or p takes nothing else), otherwise a code package.
artifact(p) := "image" if {
	input.component.dependencies.container_image == true
	"image" in limits[p].deploys.value
} else := "image" if {
	not "code" in limits[p].deploys.value
} else := "code"

artifact_label := {"code": "unzipped code package", "image": "container image"}

# package_may_exceed: the artefact is larger than the smallest code package or image limit.
package_may_exceed if package_mb > limit_floor.package_mb

package_may_exceed if package_mb > limit_floor.image_mb

# METADATA
# title: Deployment artefact above the platform maximum
# description: >-
#   dependencies.package_mb exceeds the largest code package (Lambda 250 MB unzipped with layers,
#   Cloud Run functions 500 MB) or container image (Lambda 10 GB) the platform accepts.
# related_resources:
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
#   - ref: https://docs.cloud.google.com/functions/quotas
# custom:
#   id: E-PACKAGE
#   kind: eligibility
#   limit: package_mb, image_mb, deploys
#   source: platform-limits reference 1.1, 1.3, condition D-07
#   seed: Complex dependencies
exclusions[p] contains ["E-PACKAGE", msg] if {
	package_may_exceed
	some p in candidates
	kind := artifact(p)
	key := {"code": "package_mb", "image": "image_mb"}[kind]
	lim := limits[p][key].value
	is_number(lim)
	package_mb > lim
	msg := sprintf("package %v MB exceeds the %s %s limit of %v MB (%s)", [package_mb, name_of(p), artifact_label[kind], lim, cite(p, key)])
}

# METADATA
# title: Container image on a code-only platform
# description: >-
#   dependencies.container_image on a platform that deploys code only (deploys without image:
#   Azure Functions Flex Consumption, Cloud Run functions): the existing image cannot run there as
#   is; it would have to be rebuilt as a code package. Likewise an image of an operating system
#   the platform runs only from code (limit image_os: a Windows image on Azure Functions Premium,
#   whose container support is Linux only).
# related_resources:
#   - ref: https://learn.microsoft.com/azure/azure-functions/functions-scale
#     description: Flex Consumption has no container support
#   - ref: https://docs.cloud.google.com/run/docs/resource-model
# custom:
#   id: E-IMAGE
#   kind: eligibility
#   limit: deploys, image_mb, image_os
#   source: platform-limits reference 1.2, 1.3 (deploys)
#   seed: Existing containerized applications
exclusions[p] contains ["E-IMAGE", msg] if {
	some p, msg in image_exclusions
}

# A container image of an operating system the platform runs only from code (a Windows image on
# Azure Functions Premium, whose container support is Linux only). E-OS already covers platforms
# that do not run the system at all.
exclusions[p] contains ["E-IMAGE", msg] if {
	input.component.dependencies.container_image == true
	not os in index.everywhere.os
	some p in candidates
	os in limits[p].os.value
	image_oses := limits[p].image_os.value
	is_array(image_oses)
	not os in image_oses
	msg := sprintf("ships a %s container image, which %s runs for %s only (%s)", [os, name_of(p), concat(", ", image_oses), cite_note(p, "image_os")])
}

# image_exclusions[p] is the E-IMAGE message of every code-only platform (index.code_only: deploys
# without image), when the component ships an image.
image_exclusions := {p: msg |
	input.component.dependencies.container_image == true
	some p in index.code_only
	p in candidates
	msg := sprintf("ships a container image, which %s does not run (%s)", [name_of(p), cite_note(p, "image_mb")])
}

# METADATA
# title: Payload above the platform maximum
# description: >-
#   payload_kb exceeds the largest synchronous request (Lambda 6 MB, Cloud Run 32 MB, Azure
#   Functions 100 MB) or event the platform's own event path delivers (Lambda async 1 MB,
#   Eventarc 512 KB). Use the claim-check pattern (pass a storage reference) or another platform.
# related_resources:
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
#   - ref: https://aws.amazon.com/blogs/compute/more-room-to-build-serverless-services-now-support-payloads-up-to-1-mb
#   - ref: https://docs.cloud.google.com/functions/quotas
# custom:
#   id: E-PAYLOAD
#   kind: eligibility
#   limit: payload_sync_kb, payload_async_kb
#   source: platform-limits reference 1.1-1.3, condition D-05
exclusions[p] contains ["E-PAYLOAD", msg] if {
	key := payload_key
	payload_kb > limit_floor[key]
	some p in candidates
	lim := limits[p][key].value
	is_number(lim)
	payload_kb > lim
	msg := sprintf("payload %v KB exceeds the %s %s payload limit of %v KB (%s)", [payload_kb, name_of(p), {"payload_sync_kb": "synchronous", "payload_async_kb": "event"}[key], lim, cite(p, key)])
}

payload_key := "payload_sync_kb" if {
	trigger_class == "http"
} else := "payload_async_kb"

# METADATA
# title: GPU needed but not offered
# description: >-
#   The component needs a GPU and the platform offers none (Lambda, Fargate, Azure Functions
#   plans; Cloud Run functions conservatively).
# related_resources:
#   - ref: https://docs.aws.amazon.com/batch/latest/userguide/when-to-use-fargate.html
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/userguide/fargate-tasks-services.html
#   - ref: https://learn.microsoft.com/azure/container-apps/functions-overview
# custom:
#   id: E-GPU
#   kind: eligibility
#   limit: gpu
#   source: platform-limits reference 1.8, condition D-04
exclusions[p] contains ["E-GPU", msg] if {
	gpu > 0
	some p in candidates
	num_limit(p, "gpu") == 0
	msg := sprintf("gpu %v per instance is needed but %s offers no GPU (%s)", [gpu, name_of(p), cite_note(p, "gpu")])
}

# METADATA
# title: More GPUs per instance than the platform offers
# description: >-
#   Serverless GPU platforms attach one GPU per instance (Cloud Run, Container Apps serverless
#   GPU); multi-GPU work needs orchestrated containers.
# related_resources:
#   - ref: https://cloud.google.com/run/docs/configuring/services/gpu
#   - ref: https://learn.microsoft.com/azure/container-apps/gpu-serverless-overview
# custom:
#   id: E-GPU-MULTI
#   kind: eligibility
#   limit: gpu
#   source: platform-limits reference 1.4, 1.5, 1.8, condition D-04
exclusions[p] contains ["E-GPU-MULTI", msg] if {
	gpu > 0
	some p in candidates
	lim := limits[p].gpu.value
	is_number(lim)
	lim > 0
	gpu > lim
	msg := sprintf("gpu %v per instance exceeds the %s maximum of %v GPU per instance (%s)", [gpu, name_of(p), lim, cite(p, "gpu")])
}

# METADATA
# title: Operating system not supported
# description: >-
#   Windows components cannot run where only Linux is offered (Lambda, Flex, Container Apps,
#   Cloud Run, GKE Autopilot).
# related_resources:
#   - ref: https://learn.microsoft.com/azure/container-apps/containers
#   - ref: https://cloud.google.com/run/docs/container-contract
#   - ref: https://docs.cloud.google.com/kubernetes-engine/docs/concepts/windows-server-gke
# custom:
#   id: E-OS
#   kind: eligibility
#   limit: os
#   source: platform-limits reference 1.2, 1.5, 1.6, condition D-09
exclusions[p] contains ["E-OS", msg] if {
	not os in index.everywhere.os
	some p in candidates
	oses := limits[p].os.value
	not os in oses
	msg := sprintf("os %s is not supported by %s, which runs %s only (%s)", [os, name_of(p), concat(", ", oses), cite(p, "os")])
}

# METADATA
# title: Privileged containers not allowed
# description: >-
#   requires.privileged: only orchestrated containers on nodes you control allow privileged
#   mode (not Fargate, Container Apps, Cloud Run or GKE Autopilot).
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/userguide/fargate-tasks-services.html
#   - ref: https://docs.cloud.google.com/kubernetes-engine/docs/concepts/about-autopilot-privileged-workloads
# custom:
#   id: E-PRIVILEGED
#   kind: eligibility
#   limit: privileged
#   source: platform-limits reference 1.6, 1.7, condition D-08
exclusions[p] contains ["E-PRIVILEGED", msg] if {
	input.component.requires.privileged == true
	some p in candidates
	lacks(p, "privileged")
	msg := sprintf("privileged containers are required but %s does not allow them (%s)", [name_of(p), cite_note(p, "privileged")])
}

# METADATA
# title: Host access not allowed
# description: >-
#   requires.host_access (host namespaces, kernel modules or tuning) needs nodes you control.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/userguide/fargate-tasks-services.html
#   - ref: https://docs.cloud.google.com/kubernetes-engine/docs/concepts/autopilot-security
# custom:
#   id: E-HOST-ACCESS
#   kind: eligibility
#   limit: host_access
#   source: platform-limits reference 1.6, 1.7, condition D-08
exclusions[p] contains ["E-HOST-ACCESS", msg] if {
	input.component.requires.host_access == true
	some p in candidates
	lacks(p, "host_access")
	msg := sprintf("host access is required but %s does not allow it (%s)", [name_of(p), cite_note(p, "host_access")])
}

# METADATA
# title: Kubernetes API not available
# description: >-
#   requires.kubernetes_api (CRDs, operators, Helm charts, DaemonSets, a service mesh) needs a
#   Kubernetes control plane: EKS, AKS or GKE.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/container-apps/compare-options
#     description: If you require access to the Kubernetes APIs and control plane, use AKS
# custom:
#   id: E-K8S-API
#   kind: eligibility
#   limit: kubernetes_api
#   source: platform-limits reference 2.2, condition D-15
exclusions[p] contains ["E-K8S-API", msg] if {
	input.component.requires.kubernetes_api == true
	some p in candidates
	lacks(p, "kubernetes_api")
	msg := sprintf("the Kubernetes API is required but %s does not expose it (%s)", [name_of(p), cite(p, "kubernetes_api")])
}

# METADATA
# title: Persistent volume not available
# description: >-
#   requires.persistent_volume (local disk that survives restarts) needs a block volume bound to
#   the instance, i.e. a Kubernetes PersistentVolume; serverless platforms mount network shares
#   only.
# related_resources:
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/ebs-csi.html
#   - ref: https://learn.microsoft.com/azure/container-apps/storage-mounts
# custom:
#   id: E-PERSISTENT-VOLUME
#   kind: eligibility
#   limit: persistent_volumes
#   source: platform-limits reference 1.7, condition D-10
#   seed: Stateful applications
exclusions[p] contains ["E-PERSISTENT-VOLUME", msg] if {
	input.component.requires.persistent_volume == true
	some p in candidates
	lacks(p, "persistent_volumes")
	msg := sprintf("a persistent volume is required but %s cannot attach one (%s)", [name_of(p), cite_note(p, "persistent_volumes")])
}

# METADATA
# title: Long-lived connections not possible
# description: >-
#   requires.long_lived_connections (WebSockets, streaming gRPC) needs an instance that holds the
#   connection; functions answer one request or event at a time.
# related_resources:
#   - ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api.html
#   - ref: https://learn.microsoft.com/azure/azure-functions/functions-bindings-signalr-service
# custom:
#   id: E-CONNECTIONS
#   kind: eligibility
#   limit: long_lived_connections
#   source: platform-limits reference condition D-11
exclusions[p] contains ["E-CONNECTIONS", msg] if {
	input.component.requires.long_lived_connections == true
	some p in candidates
	lacks(p, "long_lived_connections")
	msg := sprintf("long-lived connections are required but %s cannot hold them (%s)", [name_of(p), cite_note(p, "long_lived_connections")])
}

# METADATA
# title: Private network access not available
# description: >-
#   requires.vpc: the platform cannot reach resources in a private network (for example the
#   legacy Azure Functions Consumption plan). Every bundled platform supports it today.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/azure-functions/functions-networking-options
# custom:
#   id: E-VPC
#   kind: eligibility
#   limit: vpc
#   source: platform-limits reference condition D-20
exclusions[p] contains ["E-VPC", msg] if {
	input.component.requires.vpc == true
	some p in candidates
	lacks(p, "vpc")
	msg := sprintf("private network access is required but %s cannot join a VPC (%s)", [name_of(p), cite(p, "vpc")])
}
