package hybridadvisor.decision_test

import data.hybridadvisor.decision

test_result_holds_exclusions_and_preferences if {
	r := decision.result with input as inp({"execution": {"os": "windows"}, "dependencies": {"complexity": "simple"}})
	object.keys(r) == {"excluded", "preference"}
	rules_on(r.excluded, "aws-lambda") == {"E-OS"}
	{x.rule | some x in r.preference} == {"D-STATELESS-SHORT", "D-SIMPLE"}
	every x in r.preference {
		object.keys(x) in {{"rule", "model", "weight", "message"}, {"rule", "model", "weight", "message", "cloud"}}
	}
}

test_missing_component_fields_use_defaults if {
	r := decision.result with input as {"clouds": ["aws"], "component": {"name": "bare"}}
	r.excluded == {}
}

test_arbitrated_rules_are_documented if {
	decision.arbitrated == {"D-CONTAINER-FALLBACK", "D-COST", "D-TIE-BREAK", "D-PLATFORM", "E-NONE", "D-HYBRID", "D-ONE-MODEL"}
}
