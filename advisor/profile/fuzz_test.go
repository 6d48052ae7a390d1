package profile

import (
	"errors"
	"strings"
	"testing"
)

// fullProfile uses nearly every field in few bytes: a seed the mutator can
// reach everything from.
const fullProfile = `apiVersion: hybridadvisor/v1
name: shop
description: d
regions: {aws: us-east-1, azure: eastus, gcp: us-central1}
assumptions: {free_tier: true, hours_per_month: 730}
components:
  - name: api
    trigger: http
    front_door: api_gateway
    traffic: {requests_per_month: 5000000, pattern: diurnal, peak_requests_per_second: 8}
    execution: {avg_duration: 120ms, max_duration: 2s, memory_mb: 512, vcpu: 0.25, concurrency: 80, arch: arm, os: linux, ephemeral_storage_mb: 512, gpu: 0, payload_kb: 64, min_instances: 1}
    state: stateless
    dependencies: {complexity: simple, package_mb: 40, container_image: true}
    requires: {vpc: true, long_lived_connections: false}
    calls: [{to: worker, mode: async, messages_per_request: 2}]
    security: {exposure: public, auth: {type: jwt, validated_at: gateway}, identity: {dedicated_role: true, permissions: ["s3:GetObject"]}, network: {vpc_attached: true, waf: true}, secrets: {source: secret_manager, names: [K], rotation_days: 90}, data: {classification: confidential, pii: true, tls_min: "1.2"}, supply_chain: {image_scanned: true}, runtime: {language_runtime: go1.x, timeout: 3s}}
    observability: {tracing: true, log_retention_days: 30, alarms: [errors]}
    resilience: {retries: 1, idempotent: true, dlq: true}
    tags: {owner: web}
    waivers: [{rule: OBS-01, reason: r, expires: 2027-06-30}]
  - name: worker
    trigger: queue
    traffic: {requests_per_second: 2, pattern: spiky}
    execution: {avg_duration: 9m, memory_mb: 3008}
`

// FuzzParse feeds arbitrary bytes to Parse. It must never panic, must return
// either architectures or Errors, and whatever it accepts must satisfy the
// invariants the engine relies on and validate against the JSON Schema.
//
// The seeds are small on purpose. The fuzzer minimises every input that finds
// new coverage, running Parse once per byte it tries to drop: with the 5 to
// 8 KB examples as seeds that took the whole 60 s minimisation budget per
// input, and a minute of fuzzing managed about thirty executions. The examples
// are checked by TestExamplesValidateAgainstJSONSchema and the parse tests.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		fullProfile,
		"", "# c\n", "---\n", "- a\n", "hello", "a: [", "{{{{ ::: ]]", "\t- a\n", "a: a: b",
		minimal,
		minimal + "---\n" + minimal,
		billionLaughs(),
		"a: " + strings.Repeat("[", 50),
		"<<: {name: t}\n",
		"name: !secret t\n",
		strings.Replace(minimal, "1000}", ".nan}", 1),
		strings.Replace(minimal, "1000}", "1e400}", 1),
		strings.Replace(minimal, "1000}", "1e-999}", 1),
		strings.Replace(minimal, "100ms", "99999999999h", 1),
		strings.Replace(minimal, "{requests_per_month: 1000}", "{requests_per_month: 1000, requests_per_second: 1}", 1),
		minimal + "    calls: [{to: a}, {to: zz}, {to: zz}]\n",
		minimal + "    waivers: [{rule: A-1, reason: r, expires: 2027-01-01}]\n",
		minimal + "    tags: {a: b, a: c}\n",
		minimal + "  - name: a\n    trigger: queue\n    traffic: {requests_per_second: 1}\n    execution: {avg_duration: 1s}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file, err := Parse("fuzz.yaml", src)
		if err != nil {
			var es Errors
			if !errors.As(err, &es) || len(es) == 0 {
				t.Fatalf("error is not a non-empty Errors: %#v", err)
			}
			if file != nil {
				t.Fatalf("a File came back with errors")
			}
			for _, e := range es {
				if e.Message == "" || e.Line < 0 || e.Column < 0 {
					t.Fatalf("malformed error %+v", *e)
				}
			}
			return
		}
		if len(file.Architectures) == 0 {
			t.Fatalf("no error and no architectures")
		}
		for _, a := range file.Architectures {
			checkInvariants(t, a)
		}
		docs, err := yamlDocsToJSON(src)
		if err != nil {
			t.Fatalf("converting accepted input to JSON: %v", err)
		}
		for _, d := range docs {
			if d == nil {
				continue
			}
			if err := compiledSchema(t).Validate(d); err != nil {
				t.Fatalf("the parser accepts a document the JSON Schema rejects:\n%v", err)
			}
		}
	})
}

// checkInvariants are the promises a parsed architecture makes to the engine.
func checkInvariants(t *testing.T, a *Architecture) {
	t.Helper()
	if a.APIVersion != APIVersion || a.Name == "" || len(a.Components) == 0 || a.Assumptions.HoursPerMonth < 672 {
		t.Fatalf("bad architecture header %+v", a)
	}
	names := map[string]bool{}
	for _, c := range a.Components {
		names[c.Name] = true
	}
	if len(names) != len(a.Components) {
		t.Fatalf("duplicate component names")
	}
	for i, c := range a.Components {
		e, tr := c.Execution, c.Traffic
		switch {
		case c.Index != i, c.Name == "", c.Trigger == "", tr.Pattern == "", c.State == "", c.Security.Exposure == "":
			t.Fatalf("component %d not filled: %+v", i, c)
		case tr.RequestsPerMonth.IsNegative(), tr.RequestsPerSecond.IsNegative(), tr.PeakRequestsPerSecond.LessThan(tr.RequestsPerSecond):
			t.Fatalf("component %s traffic %+v", c.Name, tr)
		case e.AvgDuration <= 0, e.MaxDuration < e.AvgDuration, e.MemoryMB < 64, !e.VCPU.IsPositive(), e.Concurrency < 1:
			t.Fatalf("component %s execution %+v", c.Name, e)
		}
		for _, call := range c.Calls {
			if !names[call.To] || call.To == c.Name || call.Mode == "" {
				t.Fatalf("component %s bad call %+v", c.Name, call)
			}
		}
		if a.PosOf(c.Path) != c.Pos || c.Pos.Line < 1 {
			t.Fatalf("component %s position %v vs %v", c.Name, c.Pos, a.PosOf(c.Path))
		}
	}
}

// TestFullProfileSeedParses keeps FuzzParse's main seed valid, or the fuzzer
// would start from errors only.
func TestFullProfileSeedParses(t *testing.T) {
	if _, err := Parse("seed.yaml", []byte(fullProfile)); err != nil {
		t.Fatal(err)
	}
}
