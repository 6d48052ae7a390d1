package profile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/hybridadvisor/hybridadvisor/advisor/located"
	"github.com/hybridadvisor/hybridadvisor/advisor/safeio"
	"github.com/hybridadvisor/hybridadvisor/internal/advisortest"
)

func TestParseMinimal(t *testing.T) {
	f := mustParse(t, minimal)
	if f.Path != "p.yaml" || len(f.Architectures) != 1 {
		t.Fatalf("got path %q, %d architectures", f.Path, len(f.Architectures))
	}
	a := f.Architectures[0]
	if a.APIVersion != APIVersion || a.Name != "t" || a.Document != 1 || a.Pos != (Pos{1, 1}) {
		t.Errorf("architecture header = %q %q doc %d pos %v", a.APIVersion, a.Name, a.Document, a.Pos)
	}
	if len(a.Components) != 1 {
		t.Fatalf("%d components", len(a.Components))
	}
	c := a.Components[0]
	if c.Name != "a" || c.Trigger != "http" || c.Index != 0 || c.Path != "components[0]" || c.Pos != (Pos{4, 5}) {
		t.Errorf("component = %q %q %d %q %v", c.Name, c.Trigger, c.Index, c.Path, c.Pos)
	}
	if a.Component("a") != c || a.Component("b") != nil {
		t.Errorf("Architecture.Component lookup is wrong")
	}
	// Undeclared security leaves stay nil / empty.
	s := c.Security
	if s.Auth.Type != "" || s.Auth.PropagateIdentity != nil || s.Network.WAF != nil || s.Secrets.RotationDays != nil ||
		s.Identity.Permissions != nil || c.Observability.Tracing != nil || c.Resilience.Retries != nil ||
		s.Runtime.Timeout != 0 || c.Tags != nil || c.Calls != nil || c.Waivers != nil {
		t.Errorf("undeclared optional fields were filled: %+v %+v %+v", s, c.Observability, c.Resilience)
	}
}

func TestParseAllFields(t *testing.T) {
	a := component0(t, `description: Catalogue API
trigger: queue
front_door: builtin
traffic: {requests_per_second: 11.4, pattern: spiky, peak_requests_per_second: 200, response_kb: 2.5}
execution:
  avg_duration: 1m30s
  max_duration: 5m
  memory_mb: 3072
  vcpu: 1.5
  concurrency: 4
  arch: arm
  os: windows
  ephemeral_storage_mb: 2048
  gpu: 1
  payload_kb: 256
  min_instances: 2
  target_utilization: 80
  cpu_fraction: 0.5
  min_nodes: 3
state: stateful
dependencies: {complexity: complex, package_mb: 12.5, container_image: true}
requires: {kubernetes_api: true, privileged: true, host_access: true, persistent_volume: true, long_lived_connections: true, vpc: true}
security:
  exposure: private
  auth: {type: mtls, validated_at: service, propagate_identity: false}
  identity: {dedicated_role: true, permissions: ["s3:GetObject", "*"], uses_default_service_account: false, resource_policy_public: true}
  network: {vpc_attached: true, multi_az: false, private_endpoints: true, egress_restricted: false, waf: true, network_policy: false}
  secrets: {source: kms_encrypted_env, names: [A, B], rotation_days: 30, static_cloud_keys: false}
  data: {classification: restricted, pii: true, compliance: [gdpr], allowed_regions: [eu-west-1], encryption_at_rest: cmk, tls_min: "1.3", log_redaction: false}
  supply_chain: {image_scanned: true, image_signed: false, code_signing: true, sbom: false, image_ref: "r/a@sha256:00"}
  runtime: {language_runtime: java21, run_as_non_root: true, read_only_root_fs: false, allow_privilege_escalation: false, capabilities_drop_all: true, resource_limits: true, timeout: 6m}
observability: {tracing: true, structured_logs: false, correlation_id: true, health_checks: false, budget_alert: true, log_retention_days: 365, alarms: []}
resilience: {dlq: true, retries: 3, idempotent: false, max_concurrency: 50}
tags: {owner: team-a, "cost center": "12"}
waivers:
  - {rule: OBS-01, reason: Not yet, expires: 2027-01-31}
`)
	c := a.Components[0]
	// Everything was written except the regions, the assumptions and the
	// monthly count derived from the rate.
	if len(a.Defaults) != 7 || a.Defaults[6].Path != "components[0].traffic.requests_per_month" {
		t.Errorf("defaults = %+v, want the 6 architecture-level ones and requests_per_month", a.Defaults)
	}
	bp := func(b bool) *bool { return &b }
	ip := func(i int) *int { return &i }
	checks := []struct {
		name      string
		got, want any
	}{
		{"description", c.Description, "Catalogue API"},
		{"front_door", c.FrontDoor, "builtin"},
		{"response_kb", c.Traffic.ResponseKB.String(), "2.5"},
		{"rps", c.Traffic.RequestsPerSecond.String(), "11.4"},
		{"rpm", c.Traffic.RequestsPerMonth.String(), "29959200"},
		{"peak", c.Traffic.PeakRequestsPerSecond.String(), "200"},
		{"pattern", c.Traffic.Pattern, "spiky"},
		{"avg", c.Execution.AvgDuration, 90 * time.Second},
		{"max", c.Execution.MaxDuration, 5 * time.Minute},
		{"execution", c.Execution, Execution{AvgDuration: 90 * time.Second, MaxDuration: 5 * time.Minute, MemoryMB: 3072,
			VCPU: decimal.RequireFromString("1.5"), Concurrency: 4, Arch: "arm", OS: "windows", EphemeralStorageMB: 2048,
			GPU: 1, PayloadKB: 256, MinInstances: 2, TargetUtilization: 80, CPUFraction: decimal.RequireFromString("0.5"), MinNodes: 3}},
		{"state", c.State, "stateful"},
		{"dependencies", c.Dependencies, Dependencies{Complexity: "complex", PackageMB: 12.5, ContainerImage: true}},
		{"requires", c.Requires, Requires{true, true, true, true, true, true}},
		{"exposure", c.Security.Exposure, "private"},
		{"auth", c.Security.Auth, Auth{Type: "mtls", ValidatedAt: "service", PropagateIdentity: bp(false)}},
		{"identity", c.Security.Identity, Identity{DedicatedRole: bp(true), Permissions: []string{"s3:GetObject", "*"},
			UsesDefaultServiceAccount: bp(false), ResourcePolicyPublic: bp(true)}},
		{"network", c.Security.Network, Network{bp(true), bp(false), bp(true), bp(false), bp(true), bp(false)}},
		{"secrets", c.Security.Secrets, Secrets{Source: "kms_encrypted_env", Names: []string{"A", "B"}, RotationDays: ip(30), StaticCloudKeys: bp(false)}},
		{"data", c.Security.Data, Data{Classification: "restricted", PII: bp(true), Compliance: []string{"gdpr"},
			AllowedRegions: []string{"eu-west-1"}, EncryptionAtRest: "cmk", TLSMin: "1.3", LogRedaction: bp(false)}},
		{"supply chain", c.Security.SupplyChain, SupplyChain{ImageScanned: bp(true), ImageSigned: bp(false), ImageRef: "r/a@sha256:00",
			CodeSigning: bp(true), SBOM: bp(false)}},
		{"runtime", c.Security.Runtime, Runtime{LanguageRuntime: "java21", RunAsNonRoot: bp(true), ReadOnlyRootFS: bp(false),
			AllowPrivilegeEscalation: bp(false), CapabilitiesDropAll: bp(true), ResourceLimits: bp(true), Timeout: 6 * time.Minute}},
		{"observability", c.Observability, Observability{Tracing: bp(true), StructuredLogs: bp(false), CorrelationID: bp(true),
			LogRetentionDays: ip(365), HealthChecks: bp(false), Alarms: []string{}, BudgetAlert: bp(true)}},
		{"resilience", c.Resilience, Resilience{DLQ: bp(true), Retries: ip(3), Idempotent: bp(false), MaxConcurrency: ip(50)}},
		{"tags", c.Tags, map[string]string{"owner": "team-a", "cost center": "12"}},
		{"waivers", c.Waivers, []Waiver{{Rule: "OBS-01", Reason: "Not yet", Expires: time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC), Pos: Pos{40, 9}}}},
	}
	for _, ck := range checks {
		if !equalish(ck.got, ck.want) {
			t.Errorf("%s:\n got %#v\nwant %#v", ck.name, ck.got, ck.want)
		}
	}
	if c.Observability.Alarms == nil {
		t.Errorf("an empty list that was written must be non-nil (declared, and empty)")
	}
}

func TestDefaults(t *testing.T) {
	tests := []struct {
		name  string
		body  string // component body after "name: a"
		check func(c *Component) (got, want string)
		// The Defaults entry recorded for path; value "" means none may be.
		path, value, why string
	}{
		{"vcpu from 512 MB is the 0.25 floor", "trigger: http\ntraffic: {requests_per_month: 1}\nexecution: {avg_duration: 1s}\n",
			func(c *Component) (string, string) { return c.Execution.VCPU.String(), "0.25" },
			"components[0].execution.vcpu", "0.25", "memory_mb 512 / 2048, rounded up to a multiple of 0.25"},
		{"vcpu from 64 MB", "trigger: http\ntraffic: {requests_per_month: 1}\nexecution: {avg_duration: 1s, memory_mb: 64}\n",
			func(c *Component) (string, string) { return c.Execution.VCPU.String(), "0.25" },
			"components[0].execution.vcpu", "0.25", "memory_mb 64 / 2048, rounded up to a multiple of 0.25"},
		{"vcpu from 2049 MB rounds up", "trigger: http\ntraffic: {requests_per_month: 1}\nexecution: {avg_duration: 1s, memory_mb: 2049}\n",
			func(c *Component) (string, string) { return c.Execution.VCPU.String(), "1.25" },
			"components[0].execution.vcpu", "1.25", "memory_mb 2049 / 2048, rounded up to a multiple of 0.25"},
		{"vcpu from 8192 MB", "trigger: http\ntraffic: {requests_per_month: 1}\nexecution: {avg_duration: 1s, memory_mb: 8192}\n",
			func(c *Component) (string, string) { return c.Execution.VCPU.String(), "4" },
			"components[0].execution.vcpu", "4", "memory_mb 8192 / 2048, rounded up to a multiple of 0.25"},
		{"memory default", "trigger: http\ntraffic: {requests_per_month: 1}\nexecution: {avg_duration: 1s}\n",
			func(c *Component) (string, string) { return itoa(c.Execution.MemoryMB), "512" },
			"components[0].execution.memory_mb", "512", "512 MB is a common size for functions and small containers"},
		{"concurrency http", "trigger: http\ntraffic: {requests_per_month: 1}\nexecution: {avg_duration: 1s}\n",
			func(c *Component) (string, string) { return itoa(c.Execution.Concurrency), "80" },
			"components[0].execution.concurrency", "80", "an http server handles many requests at once (80 is Cloud Run's default)"},
		{"concurrency queue", "trigger: queue\ntraffic: {requests_per_month: 1}\nexecution: {avg_duration: 1s}\n",
			func(c *Component) (string, string) { return itoa(c.Execution.Concurrency), "10" },
			"components[0].execution.concurrency", "10", "event consumers take small batches"},
		{"concurrency storage", "trigger: storage\ntraffic: {requests_per_month: 1}\nexecution: {avg_duration: 1s}\n",
			func(c *Component) (string, string) { return itoa(c.Execution.Concurrency), "10" },
			"components[0].execution.concurrency", "10", "event consumers take small batches"},
		{"concurrency schedule", "trigger: schedule\ntraffic: {requests_per_month: 1}\nexecution: {avg_duration: 1s}\n",
			func(c *Component) (string, string) { return itoa(c.Execution.Concurrency), "1" },
			"components[0].execution.concurrency", "1", "a job run uses its instance alone"},
		{"concurrency manual", "trigger: manual\ntraffic: {requests_per_month: 1}\nexecution: {avg_duration: 1s}\n",
			func(c *Component) (string, string) { return itoa(c.Execution.Concurrency), "1" },
			"components[0].execution.concurrency", "1", "a job run uses its instance alone"},
		{"max duration is 3 × avg", "trigger: http\ntraffic: {requests_per_month: 1}\nexecution: {avg_duration: 2m30s}\n",
			func(c *Component) (string, string) { return c.Execution.MaxDuration.String(), "7m30s" },
			"components[0].execution.max_duration", "7m30s", "3 × avg_duration leaves room for slow requests"},
		{"max duration capped at 720h", "trigger: manual\ntraffic: {requests_per_month: 1}\nexecution: {avg_duration: 300h}\n",
			func(c *Component) (string, string) { return c.Execution.MaxDuration.String(), "720h0m0s" },
			"components[0].execution.max_duration", "720h", "3 × avg_duration, capped at 720h"},
		{"rps derived from rpm", "trigger: http\ntraffic: {requests_per_month: 30000000}\nexecution: {avg_duration: 1s}\n",
			func(c *Component) (string, string) { return c.Traffic.RequestsPerSecond.String(), "11.415525114" },
			"components[0].traffic.requests_per_second", "11.415525114", "derived from requests_per_month over a 730-hour month"},
		{"rpm derived from rps exactly", "trigger: http\ntraffic: {requests_per_second: 11.4}\nexecution: {avg_duration: 1s}\n",
			func(c *Component) (string, string) { return c.Traffic.RequestsPerMonth.String(), "29959200" },
			"components[0].traffic.requests_per_month", "29959200", "derived from requests_per_second over a 730-hour month"},
		{"rpm from a tiny rate", "trigger: http\ntraffic: {requests_per_second: 1e-3}\nexecution: {avg_duration: 1s}\n",
			func(c *Component) (string, string) { return c.Traffic.RequestsPerMonth.String(), "2628" },
			"components[0].traffic.requests_per_month", "2628", "derived from requests_per_second over a 730-hour month"},
		{"pattern default", "trigger: http\ntraffic: {requests_per_second: 2}\nexecution: {avg_duration: 1s}\n",
			func(c *Component) (string, string) { return c.Traffic.Pattern, "steady" },
			"components[0].traffic.pattern", "steady", "no pattern given, so a flat load is assumed"},
		{"peak steady", "trigger: http\ntraffic: {requests_per_second: 2}\nexecution: {avg_duration: 1s}\n",
			func(c *Component) (string, string) { return c.Traffic.PeakRequestsPerSecond.String(), "3" },
			"components[0].traffic.peak_requests_per_second", "3", "average rate × 1.5 for a steady pattern"},
		{"peak diurnal", "trigger: http\ntraffic: {requests_per_second: 2, pattern: diurnal}\nexecution: {avg_duration: 1s}\n",
			func(c *Component) (string, string) { return c.Traffic.PeakRequestsPerSecond.String(), "6" },
			"components[0].traffic.peak_requests_per_second", "6", "average rate × 3 for a diurnal pattern"},
		{"peak spiky", "trigger: http\ntraffic: {requests_per_second: 2, pattern: spiky}\nexecution: {avg_duration: 1s}\n",
			func(c *Component) (string, string) { return c.Traffic.PeakRequestsPerSecond.String(), "20" },
			"components[0].traffic.peak_requests_per_second", "20", "average rate × 10 for a spiky pattern"},
		{"peak sporadic", "trigger: http\ntraffic: {requests_per_second: 2, pattern: sporadic}\nexecution: {avg_duration: 1s}\n",
			func(c *Component) (string, string) { return c.Traffic.PeakRequestsPerSecond.String(), "40" },
			"components[0].traffic.peak_requests_per_second", "40", "average rate × 20 for a sporadic pattern"},
		{"peak given equal to the average is fine", "trigger: http\ntraffic: {requests_per_second: 2, peak_requests_per_second: 2}\nexecution: {avg_duration: 1s}\n",
			func(c *Component) (string, string) { return c.Traffic.PeakRequestsPerSecond.String(), "2" },
			"components[0].traffic.peak_requests_per_second", "", ""},
		{"exposure of http", "trigger: http\ntraffic: {requests_per_second: 2}\nexecution: {avg_duration: 1s}\n",
			func(c *Component) (string, string) { return c.Security.Exposure, "public" },
			"components[0].security.exposure", "public", "an http component is assumed reachable from the internet unless declared otherwise"},
		{"exposure of a queue consumer", "trigger: queue\ntraffic: {requests_per_second: 2}\nexecution: {avg_duration: 1s}\n",
			func(c *Component) (string, string) { return c.Security.Exposure, "internal" },
			"components[0].security.exposure", "internal", "a queue-triggered component is reached only through its event source"},
		{"exposure given", "trigger: http\ntraffic: {requests_per_second: 2}\nexecution: {avg_duration: 1s}\nsecurity: {exposure: private}\n",
			func(c *Component) (string, string) { return c.Security.Exposure, "private" },
			"components[0].security.exposure", "", ""},
		{"call mode", "trigger: http\ntraffic: {requests_per_second: 2}\nexecution: {avg_duration: 1s}\ncalls: [{to: b}]\n",
			func(c *Component) (string, string) { return c.Calls[0].Mode, "sync" },
			"components[0].calls[0].mode", "sync", "a call is synchronous unless declared async"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "apiVersion: hybridadvisor/v1\nname: t\ncomponents:\n  - name: a\n" + indent(tt.body, "    ") +
				"  - {name: b, trigger: event, traffic: {requests_per_month: 1}, execution: {avg_duration: 1s}}\n"
			a := mustParse(t, src).Architectures[0]
			if got, want := tt.check(a.Components[0]); got != want {
				t.Errorf("value = %s, want %s", got, want)
			}
			var found *Default
			for i, d := range a.Defaults {
				if d.Path == tt.path {
					found = &a.Defaults[i]
				}
			}
			switch {
			case tt.value == "" && found != nil:
				t.Errorf("a default was recorded for a written field: %+v", *found)
			case tt.value != "" && found == nil:
				t.Errorf("no default recorded for %s; defaults: %+v", tt.path, a.Defaults)
			case found != nil && (found.Value != tt.value || found.Why != tt.why):
				t.Errorf("default = %+v, want value %q why %q", *found, tt.value, tt.why)
			}
		})
	}
}

// TestDefaultsList pins the whole Defaults list of the minimal profile: every
// filled value, in document order, with its reason.
func TestDefaultsList(t *testing.T) {
	a := mustParse(t, strings.Replace(minimal, "name: t\n", "name: t\nassumptions: {hours_per_month: 744}\n", 1)).Architectures[0]
	var got []string
	for _, d := range a.Defaults {
		got = append(got, d.Path+"="+d.Value)
		if d.Why == "" {
			t.Errorf("default %s has no reason", d.Path)
		}
	}
	want := []string{
		"regions.aws=us-east-1", "regions.azure=eastus", "regions.gcp=us-central1",
		"assumptions.free_tier=true",
		"assumptions.aks_tier=standard",
		"components[0].front_door=auto",
		"components[0].traffic.requests_per_second=0.000373357",
		"components[0].traffic.pattern=steady",
		"components[0].traffic.peak_requests_per_second=0.0005600355",
		"components[0].traffic.response_kb=8",
		"components[0].execution.max_duration=300ms",
		"components[0].execution.memory_mb=512",
		"components[0].execution.vcpu=0.25",
		"components[0].execution.concurrency=80",
		"components[0].execution.arch=x86",
		"components[0].execution.os=linux",
		"components[0].execution.ephemeral_storage_mb=512",
		"components[0].execution.gpu=0",
		"components[0].execution.payload_kb=1",
		"components[0].execution.min_instances=0",
		"components[0].execution.target_utilization=70",
		"components[0].execution.cpu_fraction=0.25",
		"components[0].execution.min_nodes=2",
		"components[0].state=stateless",
		"components[0].dependencies.complexity=simple",
		"components[0].dependencies.package_mb=50",
		"components[0].dependencies.container_image=false",
		"components[0].requires.kubernetes_api=false",
		"components[0].requires.privileged=false",
		"components[0].requires.host_access=false",
		"components[0].requires.persistent_volume=false",
		"components[0].requires.long_lived_connections=false",
		"components[0].requires.vpc=false",
		"components[0].security.exposure=public",
	}
	if !slices.Equal(got, want) {
		t.Errorf("defaults:\n got %q\nwant %q", got, want)
	}
	if a.Assumptions.HoursPerMonth != 744 || !a.Assumptions.FreeTier || a.Regions != DefaultRegions {
		t.Errorf("assumptions %+v regions %+v", a.Assumptions, a.Regions)
	}
}

func TestPositions(t *testing.T) {
	src := `apiVersion: hybridadvisor/v1
name: shop
components:
  - name: web
    trigger: http
    traffic:
      requests_per_month: 1000
    execution:
      avg_duration: 100ms
      memory_mb: 1024
    calls:
      - {to: orders, mode: async}
      - to: web2
    security:
      auth:
        type: jwt
      identity: {permissions: [a, b]}
    tags: {owner: me}
    waivers:
      - {rule: OBS-01, reason: x, expires: 2030-01-01}
  - name: orders
    trigger: queue
    traffic: {requests_per_month: 5}
    execution: {avg_duration: 1s}
  - name: web2
    trigger: queue
    traffic: {requests_per_month: 5}
    execution: {avg_duration: 1s}
`
	a := mustParse(t, src).Architectures[0]
	tests := []struct {
		path string
		want Pos
	}{
		{"apiVersion", Pos{1, 13}},
		{"name", Pos{2, 7}},
		{"components", Pos{3, 1}},
		{"components[0]", Pos{4, 5}},
		{"components[0].name", Pos{4, 11}},
		{"components[0].traffic", Pos{6, 5}},
		{"components[0].traffic.requests_per_month", Pos{7, 27}},
		{"components[0].execution.memory_mb", Pos{10, 18}},
		{"components[0].calls", Pos{11, 5}},
		{"components[0].calls[0]", Pos{12, 9}},
		{"components[0].calls[0].mode", Pos{12, 28}},
		{"components[0].calls[1]", Pos{13, 9}},
		{"components[0].calls[1].to", Pos{13, 13}},
		{"components[0].security.auth", Pos{15, 7}},
		{"components[0].security.auth.type", Pos{16, 15}},
		{"components[0].security.identity.permissions[1]", Pos{17, 35}},
		{"components[0].tags.owner", Pos{18, 19}},
		{"components[0].waivers[0].expires", Pos{20, 44}},
		{"components[2].execution.avg_duration", Pos{28, 31}},
		// Not written: the nearest written ancestor.
		{"components[0].calls[1].mode", Pos{13, 9}},
		{"components[0].execution.vcpu", Pos{8, 5}},
		{"components[0].security.network.waf", Pos{14, 5}},
		{"components[1].requires.vpc", Pos{21, 5}},
		{"regions.aws", Pos{1, 1}},
		{"", Pos{1, 1}},
	}
	for _, tt := range tests {
		if got := a.PosOf(tt.path); got != tt.want {
			t.Errorf("PosOf(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
	c := a.Components[0]
	if c.Pos != (Pos{4, 5}) || c.Calls[1].Pos != (Pos{13, 9}) || c.Waivers[0].Pos != (Pos{20, 9}) || a.Components[2].Pos != (Pos{25, 5}) {
		t.Errorf("node positions: component %v call %v waiver %v component 2 %v", c.Pos, c.Calls[1].Pos, c.Waivers[0].Pos, a.Components[2].Pos)
	}
}

func TestMultiDocument(t *testing.T) {
	src := "---\n" + minimal + "---\n# empty document, skipped\n---\n" + strings.Replace(minimal, "name: t\n", "name: u\n", 1)
	f := mustParse(t, src)
	if len(f.Architectures) != 2 {
		t.Fatalf("%d architectures, want 2", len(f.Architectures))
	}
	a, b := f.Architectures[0], f.Architectures[1]
	if a.Name != "t" || a.Document != 1 || b.Name != "u" || b.Document != 3 {
		t.Errorf("documents: %q #%d, %q #%d", a.Name, a.Document, b.Name, b.Document)
	}
	if b.Pos != (Pos{12, 1}) || b.PosOf("components[0].trigger") != (Pos{16, 14}) {
		t.Errorf("second document positions: %v %v", b.Pos, b.PosOf("components[0].trigger"))
	}

	// One bad document fails the whole file; errors carry their document.
	_, err := Parse("p.yaml", []byte(minimal+"---\n"+strings.Replace(minimal, "http", "web", 1)))
	var es Errors
	if !errors.As(err, &es) || len(es) != 1 || es[0].Document != 2 || es[0].Field != "components[0].trigger" {
		t.Fatalf("error = %#v", err)
	}
	if len(es.Document(1)) != 0 || len(es.Document(2)) != 1 {
		t.Errorf("Errors.Document split is wrong")
	}
}

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		err  *Error
		want string
	}{
		{&Error{Source: located.Source{File: "a.yaml", Line: 3, Column: 7}, Message: "bad"}, "a.yaml:3:7: bad"},
		{&Error{Source: located.Source{File: "a.yaml", Line: 3}, Message: "bad"}, "a.yaml:3: bad"},
		{&Error{Source: located.Source{File: "a.yaml"}, Message: "bad"}, "a.yaml: bad"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
	es := Errors{tests[0].err, tests[2].err}
	if got := es.Error(); got != "a.yaml:3:7: bad\na.yaml: bad" {
		t.Errorf("Errors.Error() = %q", got)
	}
	var one *Error
	if !errors.As(error(es), &one) || one != tests[0].err {
		t.Errorf("errors.As cannot find an *Error in Errors")
	}
}

func TestErrorsAreSortedAndCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString(minimal)
	for i := 0; i < 150; i++ {
		b.WriteString("    unknown" + itoa(i) + ": 1\n")
	}
	got := errorLines(t, b.String())
	if len(got) != maxErrors+1 || got[maxErrors] != "0:0: too many errors; stopped after the first 100" {
		t.Fatalf("got %d errors, last %q", len(got), got[len(got)-1])
	}
	if !strings.HasPrefix(got[0], "8:5: ") || !strings.HasPrefix(got[99], "107:5: ") {
		t.Errorf("errors are not in line order: %q ... %q", got[0], got[99])
	}
}

func TestParseFile(t *testing.T) {
	dir := t.TempDir()
	good := advisortest.WriteFile(t, dir, "good.yaml", minimal)
	// A sparse 10 MB file: ParseFile must refuse it from its size, unread.
	big := advisortest.WriteFile(t, dir, "big.yaml", "")
	if err := os.Truncate(big, 10<<20); err != nil {
		t.Fatal(err)
	}
	f, err := ParseFile(good)
	if err != nil || f.Path != good || len(f.Architectures) != 1 {
		t.Fatalf("ParseFile(good) = %v, %v", f, err)
	}
	tests := []struct {
		path  string
		want  string
		cause error
	}{
		{filepath.Join(dir, "missing.yaml"), "cannot read profile: no such file or directory", fs.ErrNotExist},
		{dir, "is a directory, not a profile file", safeio.ErrNotRegular},
		{big, "file is too large (10.0 MiB); a profile may be at most 4 MiB", safeio.ErrTooLarge},
	}
	for _, tt := range tests {
		_, err := ParseFile(tt.path)
		var es Errors
		if !errors.As(err, &es) || len(es) != 1 {
			t.Fatalf("ParseFile(%s) error = %#v", tt.path, err)
		}
		if es[0].Message != tt.want || es[0].File != tt.path || es[0].Line != 0 {
			t.Errorf("ParseFile(%s) = %+v, want message %q", tt.path, *es[0], tt.want)
		}
		if !errors.Is(err, tt.cause) {
			t.Errorf("ParseFile(%s): errors.Is(%v) is false", tt.path, tt.cause)
		}
	}
}

// TestExamplesParse checks that every embedded example is a valid profile that
// declares security on most components but not all.
func TestExamplesParse(t *testing.T) {
	paths, err := filepath.Glob("../../data/examples/*.yaml")
	if err != nil || len(paths) < 5 {
		t.Fatalf("examples: %v %v", paths, err)
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			f, err := ParseFile(p)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range f.Architectures {
				for _, c := range a.Components {
					if c.Description == "" {
						t.Errorf("%s: component %s has no description", p, c.Name)
					}
				}
			}
		})
	}
}

func equalish(a, b any) bool {
	// decimal.Decimal compares by value, not representation.
	if x, ok := a.(Execution); ok {
		y := b.(Execution)
		if !x.VCPU.Equal(y.VCPU) || !x.CPUFraction.Equal(y.CPUFraction) {
			return false
		}
		x.VCPU, y.VCPU = decimal.Decimal{}, decimal.Decimal{}
		x.CPUFraction, y.CPUFraction = decimal.Decimal{}, decimal.Decimal{}
		return deepEqual(x, y)
	}
	return deepEqual(a, b)
}

func itoa(i int) string { return decimal.NewFromInt(int64(i)).String() }

func deepEqual(a, b any) bool { return reflect.DeepEqual(a, b) }

func TestAKSTier(t *testing.T) {
	a := mustParse(t, strings.Replace(minimal, "name: t\n", "name: t\nassumptions: {aks_tier: free}\n", 1)).Architectures[0]
	if a.Assumptions.AKSTier != "free" {
		t.Errorf("aks_tier = %q, want free", a.Assumptions.AKSTier)
	}
	if a := mustParse(t, minimal).Architectures[0]; a.Assumptions.AKSTier != "standard" {
		t.Errorf("default aks_tier = %q, want standard", a.Assumptions.AKSTier)
	}
}

// TestDescriptionsMayHoldInvisibleCharacters: free text is not an identifier;
// a zero-width joiner in an emoji or a ZWNJ in Persian is legitimate there, and
// outputs show such characters escaped (render.Clean).
func TestDescriptionsMayHoldInvisibleCharacters(t *testing.T) {
	src := minimal + "    description: \"👩\u200d💻 \u202Eevil\"\n"
	f, err := Parse("p.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Architectures[0].Components[0].Description; got != "👩\u200d💻 \u202Eevil" {
		t.Errorf("description %q", got)
	}
}
