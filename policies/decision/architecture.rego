# Layer 3, hybrid synthesis: evaluated once per architecture with
#   input = {"clouds": [...], "components": [{"name": ..., "recommendation": {cloud: {"model": ...}}}]}
# (see docs/rego-contract.md). The verdict per cloud is functions, containers or hybrid.
package hybridadvisor.decision

architecture := architecture_of(object.get(input, "components", []))

# solo_architecture is the architecture document of a one-component architecture, computed by
# the component query itself from the component's recommendation: batch runs score thousands of
# one-component files, and this spares each a second evaluation. null for larger architectures.
# It writes the sentences of architecture_of for one component directly, because the general
# rules cost more than the rest of a one-component evaluation; a test checks that both agree.
default solo_architecture := null

solo_architecture := {"verdict": verdict, "reasons": reasons} if {
	input.architecture.component_count == 1
	verdict := {cloud: solo_verdict[r.model] | some cloud, r in recommendation}
	not null in verdict
	name := input.component.name
	reasons := {cloud: [{"rule": "D-HYBRID", "message": sprintf(solo_sentence[v], [name])}] | some cloud, v in verdict}
} else := architecture_of([{"name": input.component.name, "recommendation": recommendation}]) if {
	# a cloud with no eligible platform: rare, so the general rules write it
	input.architecture.component_count == 1
}

# solo_verdict[model] is the verdict of a lone component recommended that model (null: none is
# eligible). Lookups in a complete rule, not function calls: calls cost more than the rest here.
solo_verdict := object.union({m: "containers" | some m in models}, {"function": "functions", null: null})

solo_sentence := {
	"functions": "1 of 1 components run as functions (%s) and 0 as containers: one model fits every placed component, so this is a functions architecture",
	"containers": "0 of 1 components run as functions and 1 as containers (%s): one model fits every placed component, so this is a containers architecture",
}

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
architecture_of(comps) := {"verdict": verdict, "reasons": reasons} if {
	split := {cloud: split_of(comps, cloud) | some cloud in clouds}
	verdict := {cloud: verdict_of(count(s.functions), count(s.containers)) | some cloud, s in split}
	reasons := {cloud: array.concat(
		[{"rule": "D-HYBRID", "message": hybrid_message(cloud, s, verdict[cloud], count(comps))}],
		[{"rule": "E-NONE", "message": sprintf("%s has no eligible platform on %s", [n, cloud])} | some n in s.unplaced],
	) |
		some cloud, s in split
	}
}

# split_of(comps, cloud) sorts the components by where they run on the cloud: as functions, as
# containers (serverless or orchestrated), or unplaced (no eligible platform).
split_of(comps, cloud) := {
	"functions": sort([n | some n, m in placed; m == "function"]),
	"containers": sort([n | some n, m in placed; m != "function"]),
	"unplaced": sort([c.name | some c in comps; not placed[c.name]]),
} if {
	# the model recommended for each component with an eligible platform on the cloud
	placed := {c.name: m | some c in comps; m := c.recommendation[cloud].model; is_string(m)}
}

verdict_of(f, c) := "hybrid" if {
	f > 0
	c > 0
} else := "functions" if {
	f > 0
} else := "containers" if {
	c > 0
} else := null

hybrid_message(cloud, s, v, n) := sprintf("%s: different scaling needs per component make this a hybrid", [split_phrase(s, n)]) if {
	v == "hybrid"
} else := sprintf("%s: one model fits every placed component, so this is a %s architecture", [split_phrase(s, n), v]) if {
	is_string(v)
} else := sprintf("no component of %d has an eligible platform on %s", [n, cloud])

split_phrase(s, n) := sprintf("%d of %d components run as functions%s and %d as containers%s", [
	count(s.functions), n, names(s.functions), count(s.containers), names(s.containers),
])

names(list) := sprintf(" (%s)", [concat(", ", list)]) if {
	count(list) > 0
} else := ""
