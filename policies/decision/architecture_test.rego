package hybridadvisor.decision_test

import data.hybridadvisor.decision

placed_on(name, models) := {"name": name, "recommendation": {cloud: {"model": m, "platform": null} | some cloud, m in models}}

shop := {
	"clouds": ["aws", "azure", "gcp"],
	"components": [
		placed_on("auth", {"aws": "function", "azure": "function", "gcp": "function"}),
		placed_on("catalog", {"aws": "serverless-container", "azure": "function", "gcp": "serverless-container"}),
		placed_on("notify", {"aws": "function", "azure": "function", "gcp": "serverless-container"}),
		placed_on("search", {"aws": "orchestrated-container", "azure": "function", "gcp": null}),
	],
}

test_architecture_verdicts if {
	a := decision.architecture with input as shop
	a.verdict == {"aws": "hybrid", "azure": "functions", "gcp": "hybrid"}
}

test_architecture_hybrid_sentence if {
	a := decision.architecture with input as shop
	a.reasons.aws == [{"rule": "D-HYBRID", "message": "2 of 4 components run as functions (auth, notify) and 2 as containers (catalog, search): different scaling needs per component make this a hybrid"}]
}

test_architecture_functions_sentence if {
	a := decision.architecture with input as shop
	a.reasons.azure[0].message == "4 of 4 components run as functions (auth, catalog, notify, search) and 0 as containers: one model fits every placed component, so this is a functions architecture"
}

test_architecture_lists_unplaced_components if {
	a := decision.architecture with input as shop
	a.reasons.gcp[1] == {"rule": "E-NONE", "message": "search has no eligible platform on gcp"}
}

test_architecture_containers_only if {
	a := decision.architecture with input as {"clouds": ["aws"], "components": [
		placed_on("a", {"aws": "serverless-container"}),
		placed_on("b", {"aws": "orchestrated-container"}),
	]}
	a.verdict.aws == "containers"
	contains(a.reasons.aws[0].message, "0 of 2 components run as functions and 2 as containers (a, b)")
}

test_architecture_nothing_placed if {
	a := decision.architecture with input as {"clouds": ["gcp"], "components": [placed_on("a", {"gcp": null})]}
	a.verdict.gcp == null
	a.reasons.gcp[0].message == "no component of 1 has an eligible platform on gcp"
}

test_architecture_single_component_is_never_hybrid if {
	a := decision.architecture with input as {"clouds": ["aws"], "components": [placed_on("solo", {"aws": "function"})]}
	a.verdict.aws == "functions"
}

test_solo_architecture_matches_the_architecture_query if {
	rec := {
		"aws": {"model": "function", "platform": "aws-lambda", "reasons": []},
		"azure": {"model": "orchestrated-container", "platform": "azure-aks", "reasons": []},
		"gcp": {"model": null, "platform": null, "reasons": []},
	}
	solo := decision.solo_architecture with input as {"clouds": ["aws", "azure", "gcp"], "component": {"name": "solo"}, "architecture": {"component_count": 1}}
		with decision.recommendation as rec
	whole := decision.architecture with input as {"clouds": ["aws", "azure", "gcp"], "components": [{"name": "solo", "recommendation": rec}]}
	solo == whole
	solo.verdict == {"aws": "functions", "azure": "containers", "gcp": null}
}

test_solo_architecture_is_null_for_larger_architectures if {
	solo := decision.solo_architecture with input as {"clouds": ["aws"], "component": {"name": "a"}, "architecture": {"component_count": 2}}
		with decision.recommendation as {"aws": {"model": "function", "platform": "aws-lambda", "reasons": []}}
	solo == null
}
