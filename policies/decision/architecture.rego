# Layer 3, hybrid synthesis: evaluated once per architecture with
#   input = {"clouds": [...], "components": [{"name": ..., "recommendation": {cloud: {"model": ...}}}]}
# (see docs/rego-contract.md). The verdict per cloud is functions, containers or hybrid.
package hybridadvisor.decision

architecture := {"verdict": verdict, "reasons": architecture_reasons}

arch_components := object.get(input, "components", [])

# placed[cloud] maps each component with a recommended model on the cloud to that model.
placed[cloud] := {c.name: m |
	some c in arch_components
	m := c.recommendation[cloud].model
	is_string(m)
} if {
	some cloud in clouds
}

as_functions(cloud) := sort([n | some n, m in placed[cloud]; m == "function"])

as_containers(cloud) := sort([n | some n, m in placed[cloud]; m != "function"])

unplaced(cloud) := sort([c.name | some c in arch_components; not placed[cloud][c.name]])

verdict[cloud] := v if {
	some cloud in clouds
	v := verdict_of(count(as_functions(cloud)), count(as_containers(cloud)))
}

verdict_of(f, c) := "hybrid" if {
	f > 0
	c > 0
} else := "functions" if {
	f > 0
} else := "containers" if {
	c > 0
} else := null

# METADATA
# title: Hybrid verdict
# description: >-
#   Per cloud: hybrid when some components run as functions and others as containers
#   (serverless or orchestrated), because their scaling needs and workload patterns differ;
#   functions or containers when all placed components agree. Components with no eligible
#   platform on the cloud are listed with E-NONE.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/architecture/guide/technology-choices/compute-decision-tree
#     description: Evaluate each workload separately
# custom:
#   id: D-HYBRID
#   kind: verdict
#   source: platform-limits reference 2.4 (D-19)
#   seed: Different scaling requirements per service; Mixed workload patterns
architecture_reasons[cloud] := array.concat([{"rule": "D-HYBRID", "message": hybrid_message(cloud)}], [{"rule": "E-NONE", "message": sprintf("%s has no eligible platform on %s", [n, cloud])} | some n in unplaced(cloud)]) if {
	some cloud in clouds
}

hybrid_message(cloud) := sprintf("%s: different scaling needs per component make this a hybrid", [split_phrase(cloud)]) if {
	verdict[cloud] == "hybrid"
} else := sprintf("%s: one model fits every placed component, so this is a %s architecture", [split_phrase(cloud), verdict[cloud]]) if {
	is_string(verdict[cloud])
} else := sprintf("no component of %d has an eligible platform on %s", [count(arch_components), cloud])

split_phrase(cloud) := sprintf("%d of %d components run as functions%s and %d as containers%s", [
	count(fs), count(arch_components), names(fs), count(cs), names(cs),
]) if {
	fs := as_functions(cloud)
	cs := as_containers(cloud)
}

names(list) := sprintf(" (%s)", [concat(", ", list)]) if {
	count(list) > 0
} else := ""
