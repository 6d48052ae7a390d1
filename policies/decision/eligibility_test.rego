package hybridadvisor.decision_test

import data.hybridadvisor.decision

test_base_component_is_eligible_everywhere if {
	count(excluded_for({})) == 0
}

# --- E-TIMEOUT-HTTP ---

test_e_timeout_http_excludes_lambda_behind_api_gateway if {
	ov := {"execution": {"max_duration_ms": 45000}}
	excluded_by(ov, "E-TIMEOUT-HTTP") == {"aws-lambda"}
	some e in excluded_for(ov)["aws-lambda"]
	e.message == "max_duration 45s exceeds the synchronous HTTP limit of AWS Lambda behind its front door, 29 s (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html, as of 2026-11-25)"
}

# behind_door is a decision input whose Lambda option is priced behind the given front door.
behind_door(overrides, door) := object.union(inp(overrides), {"options": {"aws-lambda": {"cloud": "aws", "model": "function", "priced": true, "front_door": door}}})

test_e_timeout_http_60s_lambda_behind_api_gateway_is_excluded if {
	ex := decision.excluded with input as behind_door({"execution": {"max_duration_ms": 60000}}, "api_gateway")
	some e in ex["aws-lambda"]
	e.rule == "E-TIMEOUT-HTTP"
	contains(e.message, "29 s (https://docs.aws.amazon.com/apigateway/")
}

test_e_timeout_http_60s_lambda_behind_function_url_is_eligible if {
	ex := decision.excluded with input as behind_door({"execution": {"max_duration_ms": 60000}}, "function_url")
	not ex["aws-lambda"]
}

test_e_timeout_http_lambda_function_url_still_has_900s if {
	ex := decision.excluded with input as behind_door({"execution": {"max_duration_ms": 1000000}}, "function_url")
	some e in ex["aws-lambda"]
	e.rule == "E-TIMEOUT-HTTP"
	contains(e.message, "900 s (https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html")
}

test_e_timeout_http_internal_lambda_has_no_gateway if {
	ex := decision.excluded with input as behind_door({"execution": {"max_duration_ms": 60000}}, "none")
	not ex["aws-lambda"]
}

test_e_timeout_http_five_minutes_excludes_azure_front_doors if {
	excluded_by({"execution": {"max_duration_ms": 300000}}, "E-TIMEOUT-HTTP") == {"aws-lambda", "azure-functions-flex", "azure-functions-premium", "azure-container-apps"}
}

test_e_timeout_http_quiet_for_events if {
	not "E-TIMEOUT-HTTP" in {e.rule | some list in excluded_for({"trigger": "queue", "execution": {"max_duration_ms": 45000}}); some e in list}
}

# --- E-TIMEOUT-ASYNC ---

test_e_timeout_async_ten_minutes_excludes_cloud_run_functions_only if {
	excluded_by({"trigger": "queue", "execution": {"max_duration_ms": 600000}}, "E-TIMEOUT-ASYNC") == {"gcp-cloud-run-functions"}
}

test_e_timeout_async_twenty_minutes_excludes_lambda_too if {
	ov := {"trigger": "event", "execution": {"max_duration_ms": 1200000}}
	excluded_by(ov, "E-TIMEOUT-ASYNC") == {"aws-lambda", "gcp-cloud-run-functions"}
	some e in excluded_for(ov)["aws-lambda"]
	contains(e.message, "max_duration 20m0s exceeds the AWS Lambda event-driven timeout of 900 s")
}

test_e_timeout_async_quiet_when_short if {
	count(excluded_by({"trigger": "stream", "execution": {"max_duration_ms": 60000}}, "E-TIMEOUT-ASYNC")) == 0
}

# --- E-TIMEOUT-JOB ---

test_e_timeout_job_25_minutes if {
	excluded_by({"trigger": "schedule", "execution": {"max_duration_ms": 1500000}}, "E-TIMEOUT-JOB") == {"aws-lambda", "gcp-cloud-run-functions"}
}

test_e_timeout_job_beyond_cloud_run_jobs if {
	eight_days := 8 * 86400000
	"gcp-cloud-run" in excluded_by({"trigger": "manual", "execution": {"max_duration_ms": eight_days}}, "E-TIMEOUT-JOB")
}

test_e_timeout_job_quiet_when_short if {
	count(excluded_by({"trigger": "manual", "execution": {"max_duration_ms": 300000}}, "E-TIMEOUT-JOB")) == 0
}

# --- E-TIMEOUT-GPU ---

test_e_timeout_gpu_two_hour_gpu_job if {
	excluded_by({"trigger": "manual", "execution": {"gpu": 1, "max_duration_ms": 7200000}}, "E-TIMEOUT-GPU") == {"gcp-cloud-run"}
}

test_e_timeout_gpu_quiet_within_an_hour if {
	count(excluded_by({"trigger": "manual", "execution": {"gpu": 1, "max_duration_ms": 1800000}}, "E-TIMEOUT-GPU")) == 0
}

test_e_timeout_gpu_quiet_without_gpu if {
	count(excluded_by({"trigger": "manual", "execution": {"max_duration_ms": 7200000}}, "E-TIMEOUT-GPU")) == 0
}

# --- E-MEMORY / E-VCPU ---

test_e_memory_16_gib if {
	ov := {"execution": {"memory_mb": 16384}}
	excluded_by(ov, "E-MEMORY") == {"aws-lambda", "azure-functions-flex", "azure-functions-premium", "azure-container-apps"}
	some e in excluded_for(ov)["azure-container-apps"]
	e.message == "memory 16384 MB exceeds the Azure Container Apps maximum of 8192 MB per instance (https://learn.microsoft.com/azure/container-apps/quotas, as of 2026-11-25)"
}

test_e_memory_quiet if {
	count(excluded_by({"execution": {"memory_mb": 2048}}, "E-MEMORY")) == 0
}

test_e_vcpu_ten if {
	excluded_by({"execution": {"vcpu": 10}}, "E-VCPU") == {"aws-lambda", "azure-functions-flex", "azure-functions-premium", "azure-container-apps", "gcp-cloud-run-functions", "gcp-cloud-run"}
}

test_e_vcpu_quiet if {
	count(excluded_by({"execution": {"vcpu": 2}}, "E-VCPU")) == 0
}

# --- E-EPHEMERAL / E-EPHEMERAL-MEMORY ---

test_e_ephemeral_20_gib if {
	excluded_by({"execution": {"ephemeral_storage_mb": 20480}}, "E-EPHEMERAL") == {"aws-lambda", "azure-container-apps"}
}

test_e_ephemeral_quiet if {
	count(excluded_by({"execution": {"ephemeral_storage_mb": 4096}}, "E-EPHEMERAL")) == 0
}

test_e_ephemeral_memory_counts_files_against_cloud_run_memory if {
	ov := {"execution": {"memory_mb": 32000, "vcpu": 8, "ephemeral_storage_mb": 1024}}
	excluded_by(ov, "E-EPHEMERAL-MEMORY") == {"gcp-cloud-run", "gcp-cloud-run-functions"}
	some e in excluded_for(ov)["gcp-cloud-run"]
	contains(e.message, "memory 32000 MB plus ephemeral_storage 1024 MB exceeds the Cloud Run memory limit of 32768 MB")
}

test_e_ephemeral_memory_quiet if {
	count(excluded_by({"execution": {"memory_mb": 4096, "ephemeral_storage_mb": 1024}}, "E-EPHEMERAL-MEMORY")) == 0
	count(excluded_by({"execution": {"memory_mb": 32768, "ephemeral_storage_mb": 0}}, "E-EPHEMERAL-MEMORY")) == 0
}

# --- E-PACKAGE ---

test_e_package_code_over_250_mb if {
	ov := {"dependencies": {"package_mb": 300}}
	excluded_by(ov, "E-PACKAGE") == {"aws-lambda"}
	some e in excluded_for(ov)["aws-lambda"]
	contains(e.message, "package 300 MB exceeds the AWS Lambda unzipped code package limit of 250 MB")
}

test_e_package_image_uses_image_limit if {
	# a 300 MB image fits Lambda's 10 GB image limit; Cloud Run functions take code only (500 MB)
	count(excluded_by({"dependencies": {"package_mb": 300, "container_image": true}}, "E-PACKAGE")) == 0
	ov := {"dependencies": {"package_mb": 12000, "container_image": true}}
	excluded_by(ov, "E-PACKAGE") == {"aws-lambda", "gcp-cloud-run-functions"}
	some e in excluded_for(ov)["aws-lambda"]
	contains(e.message, "container image limit of 10240 MB")
}

test_e_package_quiet if {
	count(excluded_by({}, "E-PACKAGE")) == 0
}

# --- E-PAYLOAD ---

test_e_payload_sync_8_mb if {
	ov := {"execution": {"payload_kb": 8192}}
	excluded_by(ov, "E-PAYLOAD") == {"aws-lambda"}
	some e in excluded_for(ov)["aws-lambda"]
	contains(e.message, "payload 8192 KB exceeds the AWS Lambda synchronous payload limit of 6144 KB")
}

test_e_payload_event_over_eventarc if {
	excluded_by({"trigger": "event", "execution": {"payload_kb": 800}}, "E-PAYLOAD") == {"gcp-cloud-run-functions"}
}

test_e_payload_quiet if {
	count(excluded_by({"trigger": "queue", "execution": {"payload_kb": 256}}, "E-PAYLOAD")) == 0
}

# --- E-GPU / E-GPU-MULTI ---

test_e_gpu_one if {
	excluded_by({"execution": {"gpu": 1}}, "E-GPU") == {"aws-lambda", "aws-fargate", "azure-functions-flex", "azure-functions-premium", "gcp-cloud-run-functions"}
	count(excluded_by({"execution": {"gpu": 1}}, "E-GPU-MULTI")) == 0
}

test_e_gpu_quiet_without_gpu if {
	count(excluded_by({}, "E-GPU")) == 0
}

test_e_gpu_multi_two if {
	ov := {"execution": {"gpu": 2}}
	excluded_by(ov, "E-GPU-MULTI") == {"azure-container-apps", "gcp-cloud-run"}
	some e in excluded_for(ov)["gcp-cloud-run"]
	contains(e.message, "gpu 2 per instance exceeds the Cloud Run maximum of 1 GPU per instance")
}

# --- E-OS / CPU architecture ---

test_e_os_windows_excluded_where_linux_only if {
	excluded_by({"execution": {"os": "windows"}}, "E-OS") == {"aws-lambda", "azure-functions-flex", "azure-container-apps", "gcp-cloud-run-functions", "gcp-cloud-run", "gcp-gke-autopilot"}
}

# A Windows container image: Azure Functions Premium runs Windows apps from code only (its
# container support is Linux), so only Fargate, EKS and AKS run the image.
test_e_image_windows_image_only_where_windows_containers_run if {
	windows_image := {"execution": {"os": "windows"}, "dependencies": {"container_image": true}}
	excluded_by(windows_image, "E-IMAGE") == {"azure-functions-flex", "azure-functions-premium", "gcp-cloud-run-functions"}
	some e in excluded_for(windows_image)["azure-functions-premium"]
	e.rule == "E-IMAGE"
	startswith(e.message, "ships a windows container image, which Azure Functions Premium runs for linux only (")

	# as code, a Windows app still runs on Premium; a Linux image too
	not "azure-functions-premium" in excluded_by({"execution": {"os": "windows"}}, "E-IMAGE")
	not "azure-functions-premium" in excluded_by({"dependencies": {"container_image": true}}, "E-IMAGE")
}

test_e_os_quiet_for_linux if {
	count(excluded_by({}, "E-OS")) == 0
}

# An arm component runs as an x86 build where Arm is not offered: the architecture excludes
# nothing (D-PLATFORM says so; see recommend_test.rego).
test_arch_arm_excludes_nothing if {
	count(excluded_for({"execution": {"arch": "arm"}})) == 0
}

# --- capabilities ---

test_e_privileged_leaves_eks_and_aks if {
	ov := {"requires": {"privileged": true}}
	excluded_by(ov, "E-PRIVILEGED") == all_platforms - {"aws-eks", "azure-aks"}
	some e in excluded_for(ov)["gcp-gke-autopilot"]
	contains(e.message, "GKE Standard allows them")
}

test_e_host_access_leaves_eks_and_aks if {
	excluded_by({"requires": {"host_access": true}}, "E-HOST-ACCESS") == all_platforms - {"aws-eks", "azure-aks"}
}

test_e_k8s_api_leaves_kubernetes if {
	excluded_by({"requires": {"kubernetes_api": true}}, "E-K8S-API") == functions | serverless_containers
}

test_e_persistent_volume_leaves_kubernetes if {
	excluded_by({"requires": {"persistent_volume": true}}, "E-PERSISTENT-VOLUME") == functions | serverless_containers
}

test_e_connections_excludes_functions if {
	excluded_by({"requires": {"long_lived_connections": true}}, "E-CONNECTIONS") == functions
}

test_e_vpc_quiet_on_bundled_platforms if {
	count(excluded_by({"requires": {"vpc": true}}, "E-VPC")) == 0
}

test_e_vpc_fires_when_a_platform_lacks_it if {
	# index.lacking is derived from the limits once (advisor/decide/data.go): override both.
	ex := decision.excluded with input as inp({"requires": {"vpc": true}})
		with data.hybridadvisor.limits.platforms["aws-lambda"].vpc.value as false
		with data.hybridadvisor.index.lacking.vpc as ["aws-lambda"]
	rules_on(ex, "aws-lambda") == {"E-VPC"}
}

test_capabilities_quiet_when_not_required if {
	every id in ["E-PRIVILEGED", "E-HOST-ACCESS", "E-K8S-API", "E-PERSISTENT-VOLUME", "E-CONNECTIONS", "E-VPC"] {
		count(excluded_by({}, id)) == 0
	}
}

# --- data handling ---

test_null_limit_means_no_limit if {
	# Fargate's http_timeout_s is null: a 2-hour request still fits it
	not "aws-fargate" in excluded_by({"execution": {"max_duration_ms": 7200000}}, "E-TIMEOUT-HTTP")
}

test_missing_limit_key_means_no_limit if {
	ex := decision.excluded with input as inp({"execution": {"memory_mb": 20000}})
		with data.hybridadvisor.limits.platforms["aws-lambda"].memory_mb as null
	not ex["aws-lambda"]
}

test_excluded_lists_are_sorted_by_rule if {
	ex := excluded_for({"execution": {"os": "windows", "gpu": 2, "max_duration_ms": 2000000}, "trigger": "schedule"})
	[e.rule | some e in ex["aws-lambda"]] == ["E-GPU", "E-OS", "E-TIMEOUT-JOB"]
}

# fits_everywhere only skips work: with it off, the rules find the same exclusions.
test_fits_everywhere_is_only_a_shortcut if {
	every ov in [{}, {"execution": {"memory_mb": 1024, "ephemeral_storage_mb": 1024}}, {"trigger": "queue"}, {"requires": {"vpc": true}}] {
		decision.fits_everywhere with input as inp(ov)
		excluded_for(ov) == {}
		ex := decision.excluded with input as inp(ov) with decision.fits_everywhere as false
		ex == {}
	}
}

test_fits_everywhere_fails_on_any_limit if {
	every ov in [
		{"execution": {"max_duration_ms": 30000}},
		{"execution": {"memory_mb": 4097}},
		{"execution": {"vcpu": 3}},
		{"execution": {"ephemeral_storage_mb": 8193}},
		{"execution": {"memory_mb": 4000, "ephemeral_storage_mb": 200}},
		{"execution": {"payload_kb": 6145}},
		{"execution": {"gpu": 1}},
		{"execution": {"os": "windows"}},
		{"dependencies": {"package_mb": 251}},
		{"requires": {"privileged": true}},
		{"requires": {"host_access": true}},
		{"requires": {"kubernetes_api": true}},
		{"requires": {"persistent_volume": true}},
		{"requires": {"long_lived_connections": true}},
	] {
		not decision.fits_everywhere with input as inp(ov)
	}
}

test_only_evaluated_clouds_are_checked if {
	ex := decision.excluded with input as {"clouds": ["gcp"], "component": comp({"execution": {"os": "windows"}})}
	object.keys(ex) == {"gcp-cloud-run-functions", "gcp-cloud-run", "gcp-gke-autopilot"}
}

# fits_everywhere compares with the floors of the component's trigger class (index.fit): each
# class at its boundary fits, one step beyond does not, and the rules agree.
test_fits_everywhere_per_trigger_class if {
	every c in [
		{"trigger": "http", "execution": {"max_duration_ms": 29000, "payload_kb": 6144}},
		{"trigger": "queue", "execution": {"max_duration_ms": 540000, "payload_kb": 512}},
		{"trigger": "schedule", "execution": {"max_duration_ms": 540000, "payload_kb": 512}},
	] {
		decision.fits_everywhere with input as inp(c)
		excluded_for(c) == {}
	}
	every c in [
		{"trigger": "http", "execution": {"max_duration_ms": 29001}},
		{"trigger": "http", "execution": {"payload_kb": 6145}},
		{"trigger": "queue", "execution": {"max_duration_ms": 540001}},
		{"trigger": "queue", "execution": {"payload_kb": 513}},
		{"trigger": "manual", "execution": {"max_duration_ms": 540001}},
		{"trigger": "schedule", "execution": {"payload_kb": 513}},
	] {
		not decision.fits_everywhere with input as inp(c)
		excluded_for(c) != {}
	}
}
