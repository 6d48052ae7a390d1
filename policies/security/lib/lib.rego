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

# Policy thresholds: choices of this catalogue, not platform limits.
thresholds := {
	"secret_rotation_max_days": 90,
	"log_retention_min_days_regulated": 365,
	"timeout_headroom_factor": 3,
	"timeout_floor_ms": 10000,
	"sync_chain_max_hops": 3,
}

# Compliance regimes that mandate keeping audit logs for at least a year (compared
# in lower case).
audit_log_regimes := {"pci", "pci-dss", "pci_dss", "hipaa", "sox", "soc2", "fedramp"}

# Tags every component should carry for cost allocation.
mandatory_tags := ["owner", "cost_center", "environment"]

# Language runtimes past their end of support, keyed by normalised identifier
# (see runtime_key) with the date support ended. Dated data: refresh both lists
# and their as_of together.
#   function:  managed function runtimes, AWS Lambda deprecation schedule (the
#              strictest of the three clouds' managed runtime schedules).
#   container: upstream language end of life, for runtimes baked into images.
deprecated_runtimes := {
	"function": {
		"name": "the AWS Lambda runtime deprecation schedule",
		"source": "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html",
		"as_of": "2025-11-01",
		"runtimes": {
			"python2.7": "2021-07-15",
			"python3.6": "2022-07-18",
			"python3.7": "2023-12-04",
			"python3.8": "2024-10-14",
			"python3.9": "2025-12-15",
			"python3.10": "2026-06-30",
			"python3.11": "2026-06-30",
			"nodejs10.x": "2021-07-30",
			"nodejs12.x": "2023-03-31",
			"nodejs14.x": "2023-12-04",
			"nodejs16.x": "2024-06-12",
			"nodejs18.x": "2025-09-01",
			"nodejs20.x": "2026-04-30",
			"java8": "2024-01-08",
			"java8.al2": "2026-06-30",
			"java11": "2026-06-30",
			"java17": "2026-06-30",
			"dotnetcore2.1": "2022-01-05",
			"dotnetcore3.1": "2023-04-03",
			"dotnet6": "2024-12-20",
			"dotnet7": "2024-05-14",
			"dotnet8": "2026-11-10",
			"ruby2.5": "2021-07-30",
			"ruby2.7": "2023-11-27",
			"ruby3.2": "2026-03-31",
			"go1.x": "2024-01-08",
			"provided": "2024-01-08",
			"provided.al2": "2026-06-30",
		},
	},
	"container": {
		"name": "upstream end-of-life dates",
		"source": "https://endoflife.date/",
		"as_of": "2026-11-25",
		"runtimes": {
			"python2.7": "2020-01-01",
			"python3.6": "2021-12-23",
			"python3.7": "2023-06-27",
			"python3.8": "2024-10-07",
			"python3.9": "2025-10-31",
			"python3.10": "2026-10-31",
			"nodejs10.x": "2021-04-30",
			"nodejs12.x": "2022-04-30",
			"nodejs14.x": "2023-04-30",
			"nodejs16.x": "2023-09-11",
			"nodejs18.x": "2025-04-30",
			"nodejs20.x": "2026-04-30",
			"dotnetcore3.1": "2022-12-13",
			"dotnet5": "2022-05-10",
			"dotnet6": "2024-11-12",
			"dotnet7": "2024-05-14",
			"dotnet8": "2026-11-10",
			"dotnet9": "2026-11-10",
			"ruby2.7": "2023-03-31",
			"ruby3.0": "2024-04-23",
			"ruby3.1": "2025-03-26",
			"ruby3.2": "2026-03-31",
		},
	},
}

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
