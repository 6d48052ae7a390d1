# Shared lookups for the decision rules: the component's fields (with the defaults the
# profile parser normally fills), the platforms being evaluated, the dated limits and the
# weights. No rule below reads a limit or weight any other way.
#
# Speed: the engine evaluates these rules once per component, so they are written to do almost
# nothing for a typical one. Complete rules (x := ...) are computed once per evaluation and
# cached; every rule body starts with its cheapest test; an exclusion first compares the
# component with limit_floor (the smallest value of that limit over every platform) and visits
# the platforms only when one of them could be exceeded; messages are built only for rules that
# fire; the platforms of a model come from index.by_model instead of a scan.
package hybridadvisor.decision

catalogue := data.hybridadvisor.platforms

limits := data.hybridadvisor.limits.platforms

# index is derived once per process from the catalogue and the limits (buildIndex in
# advisor/decide/data.go lists its parts): the platforms per cloud and model, the smallest value of
# every limit, the function timeouts in order, the platforms lacking each capability. A test that
# overrides a limit with `with` must override the matching index entry too.
index := data.hybridadvisor.index

# limit_floor[key] is the smallest numeric value of a limit over every platform.
limit_floor := index.floor

weights := data.hybridadvisor.weights

thresholds := weights.thresholds

# clouds being evaluated: input.clouds, else every cloud of the catalogue.
clouds := input.clouds if {
	input.clouds
} else := index.clouds

# all_clouds: every cloud of the catalogue is evaluated (the usual case), so the index's lists
# need no filtering. (Read from the input: the clouds rule's else costs one more evaluation.)
all_clouds if input.clouds == index.clouds

all_clouds if not input.clouds

# candidates is the set of platforms on an evaluated cloud.
candidates := {p | some cloud in clouds; some p in index.by_cloud[cloud]}

# evaluated(ids) keeps the platforms of ids that are on an evaluated cloud.
evaluated(ids) := ids if {
	all_clouds
} else := [p | some p in ids; catalogue[p].cloud in clouds]

# --- the component, with defaults for anything missing ----------------------------------
#
# Each field is a complete rule with a default, read once per evaluation. Rules whose test is
# "field above a positive number" or "field == true" read input.component directly: a missing
# field fails the test exactly as its default (0 or false) would, and OPA's rule index can then
# skip the rule without evaluating it.

default trigger := "http"

trigger := input.component.trigger

# trigger_class picks the timeout that applies: http, job (run to completion) or event (queue,
# event, stream, storage and anything else).
default trigger_class := "event"

trigger_class := {"http": "http", "schedule": "job", "manual": "job"}[trigger]

# is_job: the component runs to completion on a schedule or by hand; its load is told in runs.
is_job if trigger_class == "job"

timeout_key := {"http": "http_timeout_s", "event": "event_timeout_s", "job": "job_timeout_s"}[trigger_class]

timeout_label := {"http": "synchronous HTTP", "event": "event-driven", "job": "job"}[trigger_class]

default avg_ms := 0

avg_ms := input.component.execution.avg_duration_ms

max_ms := input.component.execution.max_duration_ms if {
	is_number(input.component.execution.max_duration_ms)
} else := avg_ms

default memory_mb := 0

memory_mb := input.component.execution.memory_mb

default vcpu := 0

vcpu := input.component.execution.vcpu

default gpu := 0

gpu := input.component.execution.gpu

default os := "linux"

os := input.component.execution.os

default arch := "x86"

arch := input.component.execution.arch

default ephemeral_mb := 0

ephemeral_mb := input.component.execution.ephemeral_storage_mb

default payload_kb := 0

payload_kb := input.component.execution.payload_kb

default min_instances := 0

min_instances := input.component.execution.min_instances

default state := "stateless"

state := input.component.state

default package_mb := 0

package_mb := input.component.dependencies.package_mb

default pattern := "steady"

pattern := input.component.traffic.pattern

default requests_per_month := 0

requests_per_month := input.component.traffic.requests_per_month

default rps := 0

rps := input.component.traffic.requests_per_second

peak_rps := input.component.traffic.peak_requests_per_second if {
	is_number(input.component.traffic.peak_requests_per_second)
} else := rps

# in_flight is the average number of requests (or runs) being served at once (Little's law):
# requests_per_second x avg_duration. Float arithmetic is slow in Rego, so the engine may pass it
# precomputed as traffic.in_flight.
in_flight := input.component.traffic.in_flight if {
	is_number(input.component.traffic.in_flight)
} else := (rps * avg_ms) / 1000

# The component's numbers as the messages print them: precomputed by the engine as input.texts
# (engine.TextsFor: else chains and float arithmetic are the dearest steps in Rego), derived here
# otherwise.
avg_text := input.texts.avg_duration if {
	is_string(input.texts.avg_duration)
} else := fmt_duration(avg_ms)

max_text := input.texts.max_duration if {
	is_string(input.texts.max_duration)
} else := fmt_duration(max_ms)

rps_text := input.texts.rps if {
	is_string(input.texts.rps)
} else := fmt_rate(rps)

peak_text := input.texts.peak_rps if {
	is_string(input.texts.peak_rps)
} else := fmt_rate(peak_rps)

in_flight_text := input.texts.in_flight if {
	is_string(input.texts.in_flight)
} else := fmt_sig(in_flight)

month_text := input.texts.requests_per_month if {
	is_string(input.texts.requests_per_month)
} else := fmt_count(requests_per_month)

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

function_candidates := index.by_model.function if {
	all_clouds
} else := evaluated(index.by_model.function)

# A preference reads its tuned weight as `w := weights.rules[id]; w != 0`: a weight of 0 or a
# missing one switches the rule off.

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

# fmt_sig renders a number with three significant digits and no exponent: 0.0115, 0.228, 4.21,
# 17.1, 500, 1234 (whole numbers stay whole). %.3g does it for fractional numbers between 0.0001
# and 1000; whole numbers (which %g does not take) and the rest are printed otherwise.
fmt_sig(x) := s if {
	s := sprintf("%.3g", [x])
	not contains(s, "e")
	not startswith(s, "%!")
} else := sprintf("%d", [round(x)]) if {
	x >= 1
} else := sprintf("%d", [x]) if {
	x == round(x)
} else := trim_right(sprintf(tiny_format(x), [x]), "0")

tiny_format(x) := "%.7f" if {
	x >= 0.00001
} else := "%.8f" if {
	x >= 0.000001
} else := "%.9f"

# fmt_count renders a monthly count: 30, 6500, 100k, 1.2M, 2.5B.
fmt_count(n) := sprintf("%sB", [fmt_sig(n / 1000000000)]) if {
	n >= 1000000000
} else := sprintf("%sM", [fmt_sig(n / 1000000)]) if {
	n >= 1000000
} else := sprintf("%sk", [fmt_sig(n / 1000)]) if {
	n >= 10000
} else := fmt_sig(n)

# fmt_rate renders requests per second with significant digits: 0.0115 rps, 17.1 rps.
fmt_rate(x) := sprintf("%s rps", [fmt_sig(x)])
