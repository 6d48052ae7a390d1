# Shared lookups for the decision rules: the component's fields (with the defaults the
# profile parser normally fills), the platforms being evaluated, the dated limits and the
# weights. No rule below reads a limit or weight any other way.
package hybridadvisor.decision

catalogue := data.hybridadvisor.platforms

limits := data.hybridadvisor.limits.platforms

weights := data.hybridadvisor.weights

thresholds := weights.thresholds

# models in tie-break order (weights.yaml model_order).
models := weights.model_order

# clouds being evaluated: input.clouds, else every cloud of the catalogue.
clouds := input.clouds if {
	input.clouds
} else := sort({info.cloud | some info in catalogue})

# candidates[p] is the catalogue entry of every platform on an evaluated cloud.
candidates[p] := info if {
	some p, info in catalogue
	info.cloud in clouds
}

# --- the component, with defaults for anything missing ----------------------------------

comp := object.get(input, "component", {})

trigger := object.get(comp, "trigger", "http")

# trigger_class picks the timeout that applies: http, job (run to completion) or event.
trigger_class := "http" if {
	trigger == "http"
} else := "job" if {
	trigger in {"schedule", "manual"}
} else := "event"

timeout_key := {"http": "http_timeout_s", "event": "event_timeout_s", "job": "job_timeout_s"}[trigger_class]

timeout_label := {"http": "synchronous HTTP", "event": "event-driven", "job": "job"}[trigger_class]

exec_field(name, default_value) := object.get(comp, ["execution", name], default_value)

avg_ms := exec_field("avg_duration_ms", 0)

max_ms := exec_field("max_duration_ms", avg_ms)

# max_s is max_duration in seconds, the unit of every timeout limit.
max_s := max_ms / 1000

memory_mb := exec_field("memory_mb", 0)

vcpu := exec_field("vcpu", 0)

gpu := exec_field("gpu", 0)

os := exec_field("os", "linux")

arch := exec_field("arch", "x86")

ephemeral_mb := exec_field("ephemeral_storage_mb", 0)

payload_kb := exec_field("payload_kb", 0)

min_instances := exec_field("min_instances", 0)

state := object.get(comp, "state", "stateless")

complexity := object.get(comp, ["dependencies", "complexity"], "moderate")

package_mb := object.get(comp, ["dependencies", "package_mb"], 0)

container_image := object.get(comp, ["dependencies", "container_image"], false)

pattern := object.get(comp, ["traffic", "pattern"], "steady")

requests_per_month := object.get(comp, ["traffic", "requests_per_month"], 0)

rps := object.get(comp, ["traffic", "requests_per_second"], 0)

peak_rps := object.get(comp, ["traffic", "peak_requests_per_second"], rps)

# requires(name) is true when the component declares it cannot do without a capability.
requires(name) if object.get(comp, ["requires", name], false) == true

# in_flight is the average number of requests being served at once (Little's law).
in_flight := (rps * avg_ms) / 1000

# --- limits --------------------------------------------------------------------------------

# num_limit(p, key) is the numeric value of a limit; undefined when null ("no limit") or absent.
num_limit(p, key) := v if {
	v := limits[p][key].value
	is_number(v)
}

# lacks(p, key) is true when a capability limit is explicitly false.
lacks(p, key) if limits[p][key].value == false

# cite(p, key) is "source, as of date" for a limit.
cite(p, key) := sprintf("%s, as of %s", [limits[p][key].source, limits[p][key].as_of])

# cite_note(p, key) adds the limit's note, when it has one, before the citation.
cite_note(p, key) := sprintf("%s; %s", [trim_right(limits[p][key].note, "."), cite(p, key)]) if {
	limits[p][key].note
} else := cite(p, key)

name_of(p) := object.get(catalogue, [p, "name"], p)

# fn_timeouts are the finite timeouts that apply to this trigger on every evaluated function platform.
fn_timeouts[p] := lim if {
	some p, info in candidates
	info.model == "function"
	lim := num_limit(p, timeout_key)
}

function_candidates := {p | some p, info in candidates; info.model == "function"}

# rule_weight(id) is the tuned weight of a preference; undefined (rule off) when 0 or missing.
rule_weight(id) := w if {
	w := weights.rules[id]
	w != 0
}

# --- money, when the pricing engine supplied it ---------------------------------------------

# cost(p) is the monthly cost of a priced option; undefined when the platform is not priced.
cost(p) := c if {
	o := input.options[p]
	not o.priced == false
	c := o.monthly_cost_usd
	is_number(c)
}

# --- formatting ---------------------------------------------------------------------------

# fmt_duration renders milliseconds the way Go prints a time.Duration: 120ms, 2s, 25m0s, 1h30m0s.
fmt_duration(ms) := sprintf("%vms", [ms]) if {
	ms < 1000
} else := whole_ms_duration(round(ms))

whole_ms_duration(ms) := sprintf("%vs", [ms / 1000]) if {
	ms < 60000
} else := sprintf("%vm%vs", [floor(ms / 60000), (ms % 60000) / 1000]) if {
	ms < 3600000
} else := sprintf("%vh%vm%vs", [floor(ms / 3600000), floor((ms % 3600000) / 60000), (ms % 60000) / 1000])

# fmt_usd renders an amount as $12.34.
fmt_usd(x) := sprintf("$%d.%02d", [floor(cents / 100), cents % 100]) if cents := round(x * 100)

# fmt_num rounds to three decimals for messages.
fmt_num(x) := round(x * 1000) / 1000
