# Shared vocabulary, thresholds, dated data and helpers for the rules under
# hybridadvisor.security. This package defines no deny rule and has no METADATA:
# it is not a rule.
#
# Absence semantics (see docs/rules.md): the input omits every security,
# observability and resilience leaf the profile did not declare, so rules can tell
# "declared false" from "not declared".
package hybridadvisor.security.lib

# Data classifications, least to most sensitive.
classification_rank := {"public": 0, "internal": 1, "confidential": 2, "restricted": 3}

sensitive_classifications := {"confidential", "restricted"}

# Triggers whose platforms deliver events at least once and retry failed ones.
at_least_once_triggers := {"queue", "event", "stream", "storage"}

# Caller authentication that proves which workload is calling.
workload_auth := {"iam", "mtls"}

# Authentication that carries an end-user identity that can be forwarded.
user_token_auth := {"jwt", "oauth2"}

# Policy thresholds (choices of this catalogue, not platform limits), name -> number.
# Dated data: data/security.yaml has each with its source and as-of date.
thresholds := {name: t.value | some name, t in data.hybridadvisor.security_facts.thresholds}

# Compliance regimes that mandate keeping audit logs for at least a year (compared
# in lower case).
audit_log_regimes := {"pci", "pci-dss", "pci_dss", "hipaa", "sox", "soc2", "fedramp"}

# Tags every component should carry for cost allocation.
mandatory_tags := ["owner", "cost_center", "environment"]

# Language runtimes past their end of support: for "function" (managed function
# runtimes) and "container" (upstream end of life), a list {name, source, as_of,
# runtimes: {runtime_key: end date}}. Dated data: data/security.yaml.
deprecated_runtimes := data.hybridadvisor.security_facts.deprecated_runtimes

# runtime_key normalises a declared language runtime to the identifiers above:
# lower case, "node20"/"nodejs20" become "nodejs20.x", "dotnet5.0" "dotnet5".
runtime_key(r) := k if {
	l := lower(trim_space(r))
	startswith(l, "node")
	m := regex.find_all_string_submatch_n(`^node(?:js)?(\d+)(?:\.x)?$`, l, 1)
	count(m) == 1
	k := sprintf("nodejs%s.x", [m[0][1]])
} else := trim_suffix(lower(trim_space(r)), ".0") if {
	startswith(lower(r), "dotnet")
} else := lower(trim_space(r))

# The helpers below read input.component themselves, or take one of its blocks:
# passing the whole component document to a function costs a copy per call.
#
# Speed: the engine evaluates every rule package for every component, so each deny body starts
# with a test OPA's rule index can check before evaluating the body: input.component.<path> ==
# <constant>, <path> in <literal set>, or a bare input.component.<path> that must be defined.
# Rules about a security, observability or resilience block start with
# input.component.declared.<block> == true: the input has such a block's leaves only when the
# profile wrote the block (docs/rego-contract.md), so the test only skips components for which
# the rule could not fire anyway.

# off(block, key): block (e.g. input.component.security.network) was written and
# block.key is false or missing. Rules use it where the absence itself is the risk.
off(block, key) if {
	count(block) > 0
	not block[key]
}

# off_leaf(block, prefix, key): off(block, key) for a finding, as [path, shown]: the path of
# block.key ("prefix.key") and its declared value when it is declared false, else the block's path
# (prefix) and "not declared". One call instead of off, field_path and shown.
off_leaf(block, prefix, key) := [concat(".", [prefix, key]), "false"] if {
	count(block) > 0
	block[key] == false
} else := [prefix, "not declared"] if {
	count(block) > 0
	not block[key]
}

# written(block): the block was written with at least one key.
written(block) if count(block) > 0

# posture_declared: the component wrote at least one of its security, observability
# and resilience blocks (a defaulted exposure alone does not count).
posture_declared if {
	some b in ["security", "observability", "resilience"]
	input.component.declared[b] == true
}

# field_path(path): the dotted path of the field at fault, or of its nearest
# ancestor present in the input when the field itself is missing ("" is the component).
field_path(path) := concat(".", array.slice(path, 0, n)) if {
	c := input.component
	n := max({i | some i in numbers.range(0, count(path)); object.get(c, array.slice(path, 0, i), null) != null})
}

# leaf_path(path): field_path for a leaf whose block is known to be present: the leaf's path
# when the leaf is present, else its block's (cheaper than field_path).
leaf_path(path) := concat(".", path) if {
	object.get(input.component, path, null) != null
} else := concat(".", array.slice(path, 0, count(path) - 1))

# shown(path): the declared value at path for a message, or "not declared".
shown(path) := sprintf("%v", [v]) if {
	v := object.get(input.component, path, null)
	v != null
} else := "not declared"

# sensitive: the component declares confidential or restricted data.
sensitive if input.component.security.data.classification in sensitive_classifications

# component(name): a component's document, from the architecture.
component(name) := input.architecture.components[name]

# at_least_once: work reaches the component through a channel that redelivers on failure.
at_least_once if input.component.trigger in at_least_once_triggers

at_least_once if {
	some e in input.component.called_by
	e.mode == "async"
}

# delivery: a short phrase naming why the component sees at-least-once delivery.
delivery := sprintf("its %s trigger", [input.component.trigger]) if {
	input.component.trigger in at_least_once_triggers
} else := sprintf("async calls from %s", [list({e.from |
	some e in input.component.called_by
	e.mode == "async"
})])

# list(xs): a sorted, comma-separated rendering of a collection of strings.
list(xs) := concat(", ", sort([x | some x in xs]))

# sync_graph: the architecture's synchronous call graph, name -> set of callees.
sync_graph[name] := {e.to | some e in d.calls; e.mode == "sync"} if {
	some name, d in input.architecture.components
}
