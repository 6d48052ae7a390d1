# Shared fixtures for the decision tests: a neutral base component and short input builders.
package hybridadvisor.decision_test

import data.hybridadvisor.decision

# base_component fires only D-STATELESS-SHORT: 1 M requests/month (0.076 in flight, neither
# sporadic nor steady), diurnal, moderate dependencies, 1 s max on HTTP.
base_component := {
	"name": "svc",
	"path": "components[0]",
	"trigger": "http",
	"traffic": {
		"requests_per_month": 1000000,
		"requests_per_second": 0.38,
		"peak_requests_per_second": 0.76,
		"pattern": "diurnal",
	},
	"execution": {
		"avg_duration_ms": 200,
		"max_duration_ms": 1000,
		"memory_mb": 512,
		"vcpu": 0.5,
		"concurrency": 10,
		"arch": "x86",
		"os": "linux",
		"ephemeral_storage_mb": 512,
		"gpu": 0,
		"payload_kb": 64,
		"min_instances": 0,
	},
	"state": "stateless",
	"dependencies": {"complexity": "moderate", "package_mb": 20, "container_image": false},
	"requires": {
		"kubernetes_api": false,
		"privileged": false,
		"host_access": false,
		"persistent_volume": false,
		"long_lived_connections": false,
		"vpc": false,
	},
}

all_clouds := ["aws", "azure", "gcp"]

# comp merges overrides (deeply) into the base component.
comp(overrides) := object.union(base_component, overrides)

# inp is a decision input for all three clouds without prices.
inp(overrides) := {"clouds": all_clouds, "component": comp(overrides)}

excluded_for(overrides) := ex if {
	ex := decision.excluded with input as inp(overrides)
}

# rules_on(ex, p) is the set of rule IDs that excluded platform p.
rules_on(ex, p) := {e.rule | some e in ex[p]}

# excluded_by(overrides, id) is the set of platforms that rule id excluded.
excluded_by(overrides, id) := {p |
	some p, list in excluded_for(overrides)
	some e in list
	e.rule == id
}

prefs_for(overrides) := prefs if {
	prefs := decision.preference with input as inp(overrides)
}

fired(overrides) := {x.rule | some x in prefs_for(overrides)}

pref(overrides, id) := x if {
	some x in prefs_for(overrides)
	x.rule == id
}

# pref_on(overrides, id, cloud) is preference id on one cloud (a per-cloud rule's entry for it).
pref_on(overrides, id, cloud) := x if {
	some x in prefs_for(overrides)
	x.rule == id
	x.cloud == cloud
}

# clouds_of(overrides, id) lists the clouds where per-cloud preference id fired.
clouds_of(overrides, id) := {x.cloud | some x in prefs_for(overrides); x.rule == id}

functions := {"aws-lambda", "azure-functions-flex", "azure-functions-premium", "gcp-cloud-run-functions"}

serverless_containers := {"aws-fargate", "azure-container-apps", "gcp-cloud-run"}

orchestrated := {"aws-eks", "azure-aks", "gcp-gke-autopilot"}

all_platforms := (functions | serverless_containers) | orchestrated
