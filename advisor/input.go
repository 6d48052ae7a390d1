package advisor

import (
	"encoding/json"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
	"github.com/hybridadvisor/hybridadvisor/pricing"
)

// componentDoc is the Rego view of one component (docs/rego-contract.md). Optional
// posture leaves are omitted when the profile did not declare them.
func componentDoc(a *profile.Architecture, c *profile.Component, calledBy []map[string]any) map[string]any {
	ex := c.Execution
	calls := make([]any, 0, len(c.Calls))
	for _, call := range c.Calls {
		calls = append(calls, map[string]any{"to": call.To, "mode": call.Mode})
	}
	cb := make([]any, 0, len(calledBy))
	for _, x := range calledBy {
		cb = append(cb, x)
	}
	tags := map[string]any{}
	for k, v := range c.Tags {
		tags[k] = v
	}
	waivers := make([]any, 0, len(c.Waivers))
	for _, w := range c.Waivers {
		waivers = append(waivers, map[string]any{"rule": w.Rule, "reason": w.Reason, "expires": w.Expires.Format(time.DateOnly)})
	}
	return map[string]any{
		"name":        c.Name,
		"description": c.Description,
		"path":        c.Path,
		"trigger":     c.Trigger,
		"traffic": map[string]any{
			"requests_per_month":       dec(c.Traffic.RequestsPerMonth),
			"requests_per_second":      dec(c.Traffic.RequestsPerSecond),
			"peak_requests_per_second": dec(c.Traffic.PeakRequestsPerSecond),
			// Requests in flight on average; precomputed because Rego's float
			// arithmetic is a measurable share of each evaluation.
			"in_flight": dec(c.Traffic.RequestsPerSecond.Mul(decimal.NewFromInt(int64(ex.AvgDuration))).Shift(-9).Round(6)),
			"pattern":   c.Traffic.Pattern,
		},
		"execution": map[string]any{
			"avg_duration_ms":      ms(ex.AvgDuration),
			"max_duration_ms":      ms(ex.MaxDuration),
			"memory_mb":            ex.MemoryMB,
			"vcpu":                 dec(ex.VCPU),
			"concurrency":          ex.Concurrency,
			"arch":                 ex.Arch,
			"os":                   ex.OS,
			"ephemeral_storage_mb": ex.EphemeralStorageMB,
			"gpu":                  ex.GPU,
			"payload_kb":           ex.PayloadKB,
			"min_instances":        ex.MinInstances,
		},
		"state": c.State,
		"dependencies": map[string]any{
			"complexity":      c.Dependencies.Complexity,
			"package_mb":      json.Number(strconv.FormatFloat(c.Dependencies.PackageMB, 'f', -1, 64)),
			"container_image": c.Dependencies.ContainerImage,
		},
		"requires": map[string]any{
			"kubernetes_api":         c.Requires.KubernetesAPI,
			"privileged":             c.Requires.Privileged,
			"host_access":            c.Requires.HostAccess,
			"persistent_volume":      c.Requires.PersistentVolume,
			"long_lived_connections": c.Requires.LongLivedConnections,
			"vpc":                    c.Requires.VPC,
		},
		"calls":         calls,
		"called_by":     cb,
		"security":      securityDoc(c.Security),
		"observability": observabilityDoc(c.Observability),
		"resilience":    resilienceDoc(c.Resilience),
		"tags":          tags,
		"waivers":       waivers,
		"declared": map[string]any{
			"security":      written(a, c.Path+".security"),
			"observability": written(a, c.Path+".observability"),
			"resilience":    written(a, c.Path+".resilience"),
		},
	}
}

// written reports whether the profile wrote the field at path (PosOf falls back to
// the nearest written ancestor, so a different position means it was written).
func written(a *profile.Architecture, path string) bool {
	return a.PosOf(path) != a.PosOf(parent(path))
}

func parent(path string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if path[i] == '.' || path[i] == '[' {
			return path[:i]
		}
	}
	return ""
}

func securityDoc(s profile.Security) map[string]any {
	out := map[string]any{"exposure": s.Exposure}
	auth := obj{}
	auth.str("type", s.Auth.Type)
	auth.str("validated_at", s.Auth.ValidatedAt)
	auth.boolp("propagate_identity", s.Auth.PropagateIdentity)
	out["auth"] = map[string]any(auth)

	id := obj{}
	id.boolp("dedicated_role", s.Identity.DedicatedRole)
	id.strs("permissions", s.Identity.Permissions)
	id.boolp("uses_default_service_account", s.Identity.UsesDefaultServiceAccount)
	id.boolp("resource_policy_public", s.Identity.ResourcePolicyPublic)
	out["identity"] = map[string]any(id)

	n := obj{}
	n.boolp("vpc_attached", s.Network.VPCAttached)
	n.boolp("multi_az", s.Network.MultiAZ)
	n.boolp("private_endpoints", s.Network.PrivateEndpoints)
	n.boolp("egress_restricted", s.Network.EgressRestricted)
	n.boolp("waf", s.Network.WAF)
	n.boolp("network_policy", s.Network.NetworkPolicy)
	out["network"] = map[string]any(n)

	sec := obj{}
	sec.str("source", s.Secrets.Source)
	sec.strs("names", s.Secrets.Names)
	sec.intp("rotation_days", s.Secrets.RotationDays)
	sec.boolp("static_cloud_keys", s.Secrets.StaticCloudKeys)
	out["secrets"] = map[string]any(sec)

	d := obj{}
	d.str("classification", s.Data.Classification)
	d.boolp("pii", s.Data.PII)
	d.strs("compliance", s.Data.Compliance)
	d.strs("allowed_regions", s.Data.AllowedRegions)
	d.str("encryption_at_rest", s.Data.EncryptionAtRest)
	d.str("tls_min", s.Data.TLSMin)
	d.boolp("log_redaction", s.Data.LogRedaction)
	out["data"] = map[string]any(d)

	sc := obj{}
	sc.boolp("image_scanned", s.SupplyChain.ImageScanned)
	sc.boolp("image_signed", s.SupplyChain.ImageSigned)
	sc.str("image_ref", s.SupplyChain.ImageRef)
	sc.boolp("code_signing", s.SupplyChain.CodeSigning)
	sc.boolp("sbom", s.SupplyChain.SBOM)
	out["supply_chain"] = map[string]any(sc)

	rt := obj{}
	rt.str("language_runtime", s.Runtime.LanguageRuntime)
	rt.boolp("run_as_non_root", s.Runtime.RunAsNonRoot)
	rt.boolp("read_only_root_fs", s.Runtime.ReadOnlyRootFS)
	rt.boolp("allow_privilege_escalation", s.Runtime.AllowPrivilegeEscalation)
	rt.boolp("capabilities_drop_all", s.Runtime.CapabilitiesDropAll)
	rt.boolp("resource_limits", s.Runtime.ResourceLimits)
	if s.Runtime.Timeout > 0 {
		rt["timeout_ms"] = ms(s.Runtime.Timeout)
	}
	out["runtime"] = map[string]any(rt)
	return out
}

func observabilityDoc(o profile.Observability) map[string]any {
	m := obj{}
	m.boolp("tracing", o.Tracing)
	m.boolp("structured_logs", o.StructuredLogs)
	m.boolp("correlation_id", o.CorrelationID)
	m.intp("log_retention_days", o.LogRetentionDays)
	m.boolp("health_checks", o.HealthChecks)
	m.strs("alarms", o.Alarms)
	m.boolp("budget_alert", o.BudgetAlert)
	return m
}

func resilienceDoc(r profile.Resilience) map[string]any {
	m := obj{}
	m.boolp("dlq", r.DLQ)
	m.intp("retries", r.Retries)
	m.boolp("idempotent", r.Idempotent)
	m.intp("max_concurrency", r.MaxConcurrency)
	return m
}

// obj builds a JSON object that omits undeclared leaves.
type obj map[string]any

func (o obj) str(k, v string) {
	if v != "" {
		o[k] = v
	}
}

func (o obj) boolp(k string, v *bool) {
	if v != nil {
		o[k] = *v
	}
}

func (o obj) intp(k string, v *int) {
	if v != nil {
		o[k] = *v
	}
}

func (o obj) strs(k string, v []string) {
	if v == nil {
		return
	}
	l := make([]any, len(v))
	for i, s := range v {
		l[i] = s
	}
	o[k] = l
}

func dec(d decimal.Decimal) json.Number { return json.Number(d.String()) }

func ms(d time.Duration) json.Number {
	return json.Number(decimal.NewFromInt(int64(d)).Shift(-6).String())
}

// workload is the pricing view of one component.
func workload(c *profile.Component) pricing.Workload {
	async := 0
	for _, call := range c.Calls {
		if call.Mode == "async" {
			async++
		}
	}
	return pricing.Workload{
		Name:                  c.Name,
		Trigger:               c.Trigger,
		RequestsPerMonth:      c.Traffic.RequestsPerMonth,
		PeakRequestsPerSecond: c.Traffic.PeakRequestsPerSecond,
		Pattern:               c.Traffic.Pattern,
		AvgDuration:           c.Execution.AvgDuration,
		MemoryMB:              c.Execution.MemoryMB,
		VCPU:                  c.Execution.VCPU,
		Concurrency:           c.Execution.Concurrency,
		Arch:                  c.Execution.Arch,
		OS:                    c.Execution.OS,
		EphemeralStorageMB:    c.Execution.EphemeralStorageMB,
		GPU:                   c.Execution.GPU,
		MinInstances:          c.Execution.MinInstances,
		PublicHTTP:            c.Trigger == "http" && c.Security.Exposure == "public",
		AsyncCallsOut:         async,
		PayloadKB:             c.Execution.PayloadKB,
	}
}
