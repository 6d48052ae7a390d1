package profile

import (
	"slices"
	"strings"
	"testing"
)

// billionLaughs is the classic alias bomb: nine levels of nine aliases each.
func billionLaughs() string {
	var b strings.Builder
	b.WriteString(`a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]` + "\n")
	for c := 'b'; c <= 'i'; c++ {
		prev := string(c - 1)
		b.WriteString(string(c) + ": &" + string(c) + " [" + strings.TrimSuffix(strings.Repeat("*"+prev+",", 9), ",") + "]\n")
	}
	return b.String()
}

// withComponent is minimal with extra lines appended to its component (6-space
// indented lines go inside a mapping the caller opens).
func withComponent(extra string) string { return minimal + extra }

func TestParseBadInput(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"empty file", "", []string{
			"1:1: file is empty; expected a profile with apiVersion, name and components"}},
		{"only comments", "# nothing here\n\n", []string{
			"1:1: file is empty; expected a profile with apiVersion, name and components"}},
		{"only document markers", "---\n---\n", []string{
			"1:1: file is empty; expected a profile with apiVersion, name and components"}},
		{"not YAML: unclosed list", "apiVersion: hybridadvisor/v1\nname: [x\n", []string{
			"2:1: invalid YAML: did not find expected ',' or ']'"}},
		{"not YAML: punctuation", "{{{{ ::: ]]\n", []string{
			"1:1: invalid YAML: did not find expected node content"}},
		{"not YAML: mapping in scalar", "apiVersion: a: b\n", []string{
			"1:1: invalid YAML: mapping values are not allowed in this context"}},
		{"top level is a list", "- a\n- b\n", []string{
			"1:1: the top level must be a mapping with apiVersion, name and components; found a list"}},
		{"top level is a scalar", "hello world\n", []string{
			`1:1: the top level must be a mapping with apiVersion, name and components; found the string "hello world"`}},
		{"tab indents a list", "apiVersion: hybridadvisor/v1\nname: t\ncomponents:\n\t- name: a\n", []string{
			"4:1: tab character used for indentation; YAML indents with spaces only"}},
		{"tab indents a key", strings.Replace(minimal, "    trigger", "\ttrigger", 1), []string{
			"5:1: tab character used for indentation; YAML indents with spaces only"}},
		{"tab after spaces", strings.Replace(minimal, "    trigger", "  \t  trigger", 1), []string{
			"5:3: tab character used for indentation; YAML indents with spaces only"}},
		{"10 MB file", strings.Repeat("a", 10<<20), []string{
			"0:0: file is too large (10.0 MiB); a profile may be at most 4 MiB"}},
		{"not UTF-8", "name: caf\xe9\n", []string{
			"1:10: file is not UTF-8 text (invalid byte 0xE9); profiles must be UTF-8"}},
		{"control character", "name: a\x07b\n", []string{
			"1:8: control character U+0007 is not allowed in YAML"}},
		{"deep nesting", "a: " + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "\n", []string{
			"1:35: YAML nested deeper than 32 levels; a profile is never that deep"}},
		{"nesting past the YAML reader's own cap", strings.Repeat("[", 20000), []string{
			"1:1: YAML nested deeper than 32 levels; a profile is never that deep"}},
		{"deep block nesting", "a:\n" + func() string {
			var b strings.Builder
			for i := 1; i < 40; i++ {
				b.WriteString(strings.Repeat(" ", i) + "k:\n")
			}
			return b.String()
		}(), []string{
			"32:32: YAML nested deeper than 32 levels; a profile is never that deep"}},
		// Names are identifiers: nothing invisible that would make two look alike
		// ("api" and "a\u200bpi") or reorder what is shown (Hardening, item 10).
		{"zero-width space in a component name", strings.Replace(minimal, "  - name: a\n", "  - name: \"a\\u200bpi\"\n", 1), []string{
			`4:11: name must not contain invisible, direction-changing or special space characters; found U+200B at character 2 of "a\u200bpi"`}},
		{"bidi override in the architecture name", strings.Replace(minimal, "name: t\n", "name: t\u202Eexe.txt\n", 1), []string{
			`2:7: name must not contain invisible, direction-changing or special space characters; found U+202E at character 2 of "t\u202eexe.txt"`}},
		{"isolate in a call", minimal + "    calls: [{to: \"a\\u2066\"}]\n", []string{
			`8:18: to must not contain invisible, direction-changing or special space characters; found U+2066 at character 2 of "a\u2066"`}},
		{"zero-width joiner in a tag key", minimal + "    tags: {\"own\u200der\": x}\n", []string{
			`8:12: tags key must not contain invisible, direction-changing or special space characters; found U+200D at character 4 of "own\u200der"`}},
		{"trailing no-break space in a name", strings.Replace(minimal, "name: t\n", "name: \"t\\u00a0\"\n", 1), []string{
			`2:7: name must not contain invisible, direction-changing or special space characters; found U+00A0 at character 2 of "t\u00a0"`}},
		{"alias bomb", billionLaughs(), []string{
			"1:4: YAML anchors (&a) are not supported; write values out in full"}},
		{"alias to an unknown anchor", strings.Replace(minimal, "name: t\n", "name: t\ndescription: *x\n", 1), []string{
			"3:14: YAML aliases (*x) are not supported; write the value out in full"}},
		{"anchor and alias", strings.Replace(minimal, "name: t\n", "name: &n t\ndescription: *n\n", 1), []string{
			"2:7: YAML anchors (&n) are not supported; write values out in full"}},
		{"merge key", "<<: {name: t}\n", []string{
			"1:1: YAML merge keys (<<) are not supported; write the keys out in full"}},
		{"custom tag", strings.Replace(minimal, "name: t", "name: !secret t", 1), []string{
			"2:7: YAML tag !secret is not supported in profiles"}},
		{"complex key", "? [a, b]\n: 1\n", []string{
			"1:3: mapping keys must be plain words, not a list"}},
		{"duplicate top-level key", strings.Replace(minimal, "name: t\n", "name: t\nname: u\n", 1), []string{
			`3:1: duplicate key "name" (first at line 2)`}},
		{"duplicate nested key", strings.Replace(minimal, "{avg_duration: 100ms}", "{avg_duration: 100ms, avg_duration: 1s}", 1), []string{
			`7:38: duplicate key "avg_duration" (first at line 7)`}},
		{"unknown key with suggestion", strings.Replace(minimal, "{avg_duration: 100ms}", "{avg_duration: 100ms, memroy_mb: 512}", 1), []string{
			`7:38: unknown key "memroy_mb" in execution; did you mean "memory_mb"?`}},
		{"unknown key, case only", strings.Replace(minimal, "apiVersion", "apiversion", 1), []string{
			`1:1: missing required key "apiVersion" in the profile`,
			`1:1: unknown key "apiversion" in the profile; did you mean "apiVersion"?`}},
		{"unknown key in the wrong section", withComponent("    memory_mb: 512\n"), []string{
			`8:5: unknown key "memory_mb" in component "a"; "memory_mb" belongs in execution`}},
		{"unknown key from the rules draft", withComponent("    security: {network: {subnets_multi_az: true}}\n"), []string{
			`8:26: unknown key "subnets_multi_az" in security.network; use "multi_az" in security.network`}},
		{"unknown key, nothing close", withComponent("    zzz: 1\n"), []string{
			`8:5: unknown key "zzz" in component "a"; expected one of name, description, trigger, front_door, traffic, execution, state, dependencies, requires, calls, security, observability, resilience, tags, waivers`}},
		{"wrong apiVersion", strings.Replace(minimal, "hybridadvisor/v1", "hybridadvisor/v2", 1), []string{
			`1:13: apiVersion must be "hybridadvisor/v1", got "hybridadvisor/v2"`}},
		{"missing everything", "description: x\n", []string{
			`1:1: missing required key "apiVersion" in the profile`,
			`1:1: missing required key "components" in the profile`,
			`1:1: missing required key "name" in the profile`}},
		{"empty components", "apiVersion: hybridadvisor/v1\nname: t\ncomponents: []\n", []string{
			`3:1: components needs at least 1 entry`}},
		{"component missing required keys", "apiVersion: hybridadvisor/v1\nname: t\ncomponents:\n  - name: a\n", []string{
			`4:5: missing required key "execution" in component "a"`,
			`4:5: missing required key "traffic" in component "a"`,
			`4:5: missing required key "trigger" in component "a"`}},
		{"component is not a mapping", "apiVersion: hybridadvisor/v1\nname: t\ncomponents: [a]\n", []string{
			`3:14: each entry of components must be a mapping of keys to values, got the string "a"`}},
		{"null value", strings.Replace(minimal, "name: t\n", "name: t\ndescription:\n", 1), []string{
			`3:1: description has no value; remove the key or give it a value`}},
		{"null value with a default", withComponent("    state: ~\n"), []string{
			`8:5: state has no value; remove the key to use the default, or give a value`}},
		{"bool given yes", "apiVersion: hybridadvisor/v1\nname: t\nassumptions: {free_tier: yes}\ncomponents: []\n", []string{
			`3:26: free_tier must be true or false, got "yes"`,
			`4:1: components needs at least 1 entry`}},
		{"bool given 1", withComponent("    requires: {vpc: 1}\n"), []string{
			`8:21: vpc must be true or false, got 1`}},
		{"bool given a quoted true", withComponent("    requires: {vpc: \"true\"}\n"), []string{
			`8:21: vpc must be true or false, got the string "true"`}},
		{"int given a fraction", withComponent("    dependencies: {package_mb: 10}\n    observability: {log_retention_days: 1.5}\n"), []string{
			`9:41: log_retention_days must be an integer, got 1.5`}},
		{"int given a quoted number", strings.Replace(minimal, "{avg_duration: 100ms}", "{avg_duration: 100ms, memory_mb: \"512\"}", 1), []string{
			`7:49: memory_mb must be an integer, got the string "512"`}},
		{"int in hex", strings.Replace(minimal, "{avg_duration: 100ms}", "{avg_duration: 100ms, memory_mb: 0x200}", 1), []string{
			`7:49: memory_mb must be a decimal integer without leading zeros or underscores, like 512; got 0x200`}},
		{"int with a leading zero", strings.Replace(minimal, "{avg_duration: 100ms}", "{avg_duration: 100ms, memory_mb: 0512}", 1), []string{
			`7:49: memory_mb must be a decimal integer without leading zeros or underscores, like 512; got 0512`}},
		{"int too large for 64 bits", strings.Replace(minimal, "{avg_duration: 100ms}", "{avg_duration: 100ms, memory_mb: 99999999999999999999999}", 1), []string{
			`7:49: memory_mb must be at most 262144, got 99999999999999999999999`}},
		{"number given a string", strings.Replace(minimal, "1000}", "lots}", 1), []string{
			`6:35: requests_per_month must be a number, got "lots"`}},
		{"number with underscores", strings.Replace(minimal, "1000}", "1_000}", 1), []string{
			`6:35: requests_per_month must be a number in decimal notation without underscores, like 1500000 or 1.5e6; got 1_000`}},
		{"string given a number", strings.Replace(minimal, "name: t\n", "name: 123\n", 1), []string{
			`2:7: name must be a string (quote it), got 123`}},
		{"string given a list", strings.Replace(minimal, "name: t\n", "name: [t]\n", 1), []string{
			`2:7: name must be a string, got a list`}},
		{"mapping given a string", withComponent("    requires: vpc\n"), []string{
			`8:15: requires must be a mapping of keys to values, got the string "vpc"`}},
		{"enum with suggestion", strings.Replace(minimal, "trigger: http", "trigger: HTTP", 1), []string{
			`5:14: trigger must be one of http, queue, event, stream, schedule, storage, manual; got "HTTP" (did you mean "http"?)`}},
		{"tls_min unquoted", withComponent("    security: {data: {tls_min: 1.2}}\n"), []string{
			`8:32: tls_min must be a quoted string here: write "1.2"`}},
		{"NaN", strings.Replace(minimal, "1000}", ".nan}", 1), []string{
			`6:35: requests_per_month must be a finite number, got .nan`}},
		{"Inf", strings.Replace(minimal, "1000}", ".inf}", 1), []string{
			`6:35: requests_per_month must be a finite number, got .inf`}},
		{"negative Inf", strings.Replace(minimal, "1000}", "-.Inf}", 1), []string{
			`6:35: requests_per_month must be a finite number, got -.Inf`}},
		{"1e400", strings.Replace(minimal, "1000}", "1e400}", 1), []string{
			`6:35: requests_per_month must be at most 10000000000000, got 1e400`}},
		{"tiny exponent", strings.Replace(minimal, "1000}", "1e-999999999}", 1), []string{
			`6:35: requests_per_month must be a number in decimal notation without underscores, like 1500000 or 1.5e6; got 1e-999999999`}},
		{"negative requests", strings.Replace(minimal, "1000}", "-5}", 1), []string{
			`6:35: requests_per_month must be at least 0, got -5`}},
		{"zero memory", strings.Replace(minimal, "{avg_duration: 100ms}", "{avg_duration: 100ms, memory_mb: 0}", 1), []string{
			`7:49: memory_mb must be at least 64, got 0`}},
		{"negative gpu", strings.Replace(minimal, "{avg_duration: 100ms}", "{avg_duration: 100ms, gpu: -1}", 1), []string{
			`7:43: gpu must be at least 0, got -1`}},
		{"zero vcpu", strings.Replace(minimal, "{avg_duration: 100ms}", "{avg_duration: 100ms, vcpu: 0}", 1), []string{
			`7:44: vcpu must be greater than 0, got 0`}},
		{"zero concurrency", strings.Replace(minimal, "{avg_duration: 100ms}", "{avg_duration: 100ms, concurrency: 0}", 1), []string{
			`7:51: concurrency must be at least 1, got 0`}},
		{"zero duration", strings.Replace(minimal, "100ms", "0s", 1), []string{
			`7:31: avg_duration must be greater than 0, got 0s`}},
		{"negative duration", strings.Replace(minimal, "100ms", "-5s", 1), []string{
			`7:31: avg_duration must be greater than 0, got -5s`}},
		{"duration without unit", strings.Replace(minimal, "100ms", "120", 1), []string{
			`7:31: avg_duration must be a duration with a unit, like 120ms, 2s or 15m; got 120 (no unit)`}},
		{"duration in words", strings.Replace(minimal, "100ms", "fast", 1), []string{
			`7:31: avg_duration must be a duration like 120ms, 2s or 15m, got "fast"`}},
		{"duration with a space", strings.Replace(minimal, "100ms", "10 ms", 1), []string{
			`7:31: avg_duration must be a duration like 120ms, 2s or 15m, got "10 ms"`}},
		{"duration in days", strings.Replace(minimal, "100ms", "1d", 1), []string{
			`7:31: avg_duration must be a duration like 120ms, 2s or 15m, got "1d"`}},
		{"duration too long", strings.Replace(minimal, "100ms", "1000h", 1), []string{
			`7:31: avg_duration must be at most 720h, got 1000h`}},
		{"duration overflows", strings.Replace(minimal, "100ms", "99999999999h", 1), []string{
			`7:31: avg_duration must be at most 720h, got 99999999999h`}},
		{"max shorter than avg", strings.Replace(minimal, "{avg_duration: 100ms}", "{avg_duration: 2s, max_duration: 1s}", 1), []string{
			`7:49: max_duration 1s is shorter than avg_duration 2s`}},
		{"both request rates", strings.Replace(minimal, "{requests_per_month: 1000}", "{requests_per_month: 1000, requests_per_second: 1}", 1), []string{
			`6:41: give only one of requests_per_month and requests_per_second, not both`}},
		{"neither request rate", strings.Replace(minimal, "{requests_per_month: 1000}", "{pattern: steady}", 1), []string{
			`6:14: traffic needs exactly one of requests_per_month or requests_per_second`}},
		{"peak below average", strings.Replace(minimal, "{requests_per_month: 1000}", "{requests_per_second: 10, peak_requests_per_second: 5}", 1), []string{
			`6:66: peak_requests_per_second 5 is below the average rate of 10 requests per second`}},
		{"hours_per_month out of range", strings.Replace(minimal, "name: t\n", "name: t\nassumptions: {hours_per_month: 800}\n", 1), []string{
			`3:32: hours_per_month must be at most 744, got 800`}},
		{"region pattern", strings.Replace(minimal, "name: t\n", "name: t\nregions: {aws: US-East-1}\n", 1), []string{
			`3:16: aws must be a region ID of lower-case letters, digits and dashes, like us-east-1; got "US-East-1"`}},
		{"name too long", strings.Replace(minimal, "name: t\n", "name: "+strings.Repeat("x", 101)+"\n", 1), []string{
			`2:7: name is too long (101 characters; at most 100)`}},
		{"blank name", strings.Replace(minimal, "name: t\n", "name: \"\"\n", 1), []string{
			`2:7: name must not be empty`}},
		{"duplicate component names", minimal + "  - name: a\n    trigger: queue\n    traffic: {requests_per_second: 1}\n    execution: {avg_duration: 1s}\n", []string{
			`8:11: duplicate component name "a" (first at line 4)`}},
		{"call to a missing component", withComponent("    calls: [{to: b}]\n  - name: orders\n    trigger: queue\n    traffic: {requests_per_second: 1}\n    execution: {avg_duration: 1s}\n    calls: [{to: order}]\n"), []string{
			`8:18: calls unknown component "b"; components are "a", "orders"`,
			`13:18: calls unknown component "order"; did you mean "orders"?`}},
		{"call to itself and twice", withComponent("    calls:\n      - {to: a}\n      - to: a\n        mode: async\n"), []string{
			`9:14: component "a" calls itself`,
			`10:13: calls "a" twice (first at line 9)`}},
		{"call without to", withComponent("    calls: [{mode: async}]\n"), []string{
			`8:13: missing required key "to" in calls entry`}},
		{"call mode", withComponent("    calls: [{to: a, mode: later}]\n"), []string{
			`8:18: component "a" calls itself`,
			`8:27: mode must be one of sync, async; got "later"`}},
		{"waiver problems", withComponent("    waivers:\n      - {rule: obs-1, reason: \" \", expires: 2027-02-30}\n      - {rule: OBS-01}\n"), []string{
			`9:16: rule must be a rule ID like SEC-01 or OBS-03; got "obs-1"`,
			`9:31: reason must be non-blank text without control characters; got " "`,
			`9:45: expires is not a real date: 2027-02-30`,
			`10:9: missing required key "expires" in waivers entry`,
			`10:9: missing required key "reason" in waivers entry`}},
		{"tags must be strings", withComponent("    tags: {cost_center: 123, owner: [a]}\n"), []string{
			`8:25: tags "cost_center" must be a string (quote it), got 123`,
			`8:37: tags "owner" must be a string, got a list`}},
		{"list of strings given a string", withComponent("    observability: {alarms: errors}\n"), []string{
			`8:29: alarms must be a list of strings, got the string "errors"`}},
		{"list entry not a string", withComponent("    security: {secrets: {names: [A, 1]}}\n"), []string{
			`8:37: each entry of names must be a string (quote it), got 1`}},
		{"errors across documents", minimal + "---\n" + strings.Replace(minimal, "trigger: http", "trigger: web", 1), []string{
			`13:14: trigger must be one of http, queue, event, stream, schedule, storage, manual; got "web"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := errorLines(t, tt.src)
			if !slices.Equal(got, tt.want) {
				t.Errorf("errors:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}
