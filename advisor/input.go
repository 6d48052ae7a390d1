package advisor

import (
	"encoding/json"
	"strconv"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/shopspring/decimal"

	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
	"github.com/hybridadvisor/hybridadvisor/pricing"
)

// componentDoc is the Rego view of one component (docs/rego-contract.md). Optional
// posture leaves are omitted when the profile did not declare them. It is built
// as an OPA value directly: converting a map would cost as much again, for every
// component of every run.
func componentDoc(a *profile.Architecture, c *profile.Component, calledBy []*ast.Term, chain syncChain) *ast.Term {
	ex := c.Execution
	calls := make([]*ast.Term, 0, len(c.Calls))
	for _, call := range c.Calls {
		calls = append(calls, ast.ObjectTerm(kv("to", ast.StringTerm(call.To)), kv("mode", ast.StringTerm(call.Mode))))
	}
	tags := make([][2]*ast.Term, 0, len(c.Tags))
	for k, v := range c.Tags {
		tags = append(tags, kv(k, ast.StringTerm(v)))
	}
	waivers := make([]*ast.Term, 0, len(c.Waivers))
	for _, w := range c.Waivers {
		waivers = append(waivers, ast.ObjectTerm(
			kv("rule", ast.StringTerm(w.Rule)), kv("reason", ast.StringTerm(w.Reason)),
			kv("expires", ast.StringTerm(w.Expires.Format(time.DateOnly))),
		))
	}
	return ast.ObjectTerm(
		kv("name", ast.StringTerm(c.Name)),
		kv("description", ast.StringTerm(c.Description)),
		kv("path", ast.StringTerm(c.Path)),
		kv("trigger", ast.StringTerm(c.Trigger)),
		kv("traffic", ast.ObjectTerm(
			kv("requests_per_month", dec(c.Traffic.RequestsPerMonth)),
			kv("requests_per_second", dec(c.Traffic.RequestsPerSecond)),
			kv("peak_requests_per_second", dec(c.Traffic.PeakRequestsPerSecond)),
			// Requests in flight on average; precomputed because Rego's float
			// arithmetic is a measurable share of each evaluation.
			kv("in_flight", dec(c.Traffic.RequestsPerSecond.Mul(decimal.NewFromInt(int64(ex.AvgDuration))).Shift(-9).Round(6))),
			kv("pattern", ast.StringTerm(c.Traffic.Pattern)),
		)),
		kv("execution", ast.ObjectTerm(
			kv("avg_duration_ms", ms(ex.AvgDuration)),
			kv("max_duration_ms", ms(ex.MaxDuration)),
			kv("memory_mb", ast.IntNumberTerm(ex.MemoryMB)),
			kv("vcpu", dec(ex.VCPU)),
			kv("concurrency", ast.IntNumberTerm(ex.Concurrency)),
			kv("arch", ast.StringTerm(ex.Arch)),
			kv("os", ast.StringTerm(ex.OS)),
			kv("ephemeral_storage_mb", ast.IntNumberTerm(ex.EphemeralStorageMB)),
			kv("gpu", ast.IntNumberTerm(ex.GPU)),
			kv("payload_kb", ast.IntNumberTerm(ex.PayloadKB)),
			kv("min_instances", ast.IntNumberTerm(ex.MinInstances)),
		)),
		kv("state", ast.StringTerm(c.State)),
		kv("dependencies", ast.ObjectTerm(
			kv("complexity", ast.StringTerm(c.Dependencies.Complexity)),
			kv("package_mb", ast.NumberTerm(json.Number(strconv.FormatFloat(c.Dependencies.PackageMB, 'f', -1, 64)))),
			kv("container_image", ast.BooleanTerm(c.Dependencies.ContainerImage)),
		)),
		kv("requires", ast.ObjectTerm(
			kv("kubernetes_api", ast.BooleanTerm(c.Requires.KubernetesAPI)),
			kv("privileged", ast.BooleanTerm(c.Requires.Privileged)),
			kv("host_access", ast.BooleanTerm(c.Requires.HostAccess)),
			kv("persistent_volume", ast.BooleanTerm(c.Requires.PersistentVolume)),
			kv("long_lived_connections", ast.BooleanTerm(c.Requires.LongLivedConnections)),
			kv("vpc", ast.BooleanTerm(c.Requires.VPC)),
		)),
		kv("calls", ast.ArrayTerm(calls...)),
		kv("called_by", ast.ArrayTerm(calledBy...)),
		kv("sync_chain", chainDoc(chain)),
		kv("security", securityDoc(c.Security)),
		kv("observability", observabilityDoc(c.Observability)),
		kv("resilience", resilienceDoc(c.Resilience)),
		kv("tags", ast.ObjectTerm(tags...)),
		kv("waivers", ast.ArrayTerm(waivers...)),
		kv("declared", ast.ObjectTerm(
			kv("security", ast.BooleanTerm(written(a, c.Path+".security"))),
			kv("observability", ast.BooleanTerm(written(a, c.Path+".observability"))),
			kv("resilience", ast.BooleanTerm(written(a, c.Path+".resilience"))),
		)),
	)
}

// chainDoc is the longest chain of synchronous calls starting at a component,
// computed in Go (syncChains) because enumerating paths in Rego is exponential.
func chainDoc(ch syncChain) *ast.Term {
	path := make([]*ast.Term, len(ch.Path))
	for i, name := range ch.Path {
		path[i] = ast.StringTerm(name)
	}
	back := make([]*ast.Term, len(ch.LeadsBack))
	for i, k := range ch.LeadsBack {
		back[i] = ast.IntNumberTerm(k)
	}
	return ast.ObjectTerm(kv("hops", ast.IntNumberTerm(ch.Hops)), kv("path", ast.ArrayTerm(path...)), kv("leads_back", ast.ArrayTerm(back...)))
}

// kv is one member of an OPA object.
func kv(k string, v *ast.Term) [2]*ast.Term { return [2]*ast.Term{ast.StringTerm(k), v} }

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

func securityDoc(s profile.Security) *ast.Term {
	var auth, id, n, sec, d, sc, rt obj
	auth.str("type", s.Auth.Type)
	auth.str("validated_at", s.Auth.ValidatedAt)
	auth.boolp("propagate_identity", s.Auth.PropagateIdentity)

	id.boolp("dedicated_role", s.Identity.DedicatedRole)
	id.strs("permissions", s.Identity.Permissions)
	id.boolp("uses_default_service_account", s.Identity.UsesDefaultServiceAccount)
	id.boolp("resource_policy_public", s.Identity.ResourcePolicyPublic)

	n.boolp("vpc_attached", s.Network.VPCAttached)
	n.boolp("multi_az", s.Network.MultiAZ)
	n.boolp("private_endpoints", s.Network.PrivateEndpoints)
	n.boolp("egress_restricted", s.Network.EgressRestricted)
	n.boolp("waf", s.Network.WAF)
	n.boolp("network_policy", s.Network.NetworkPolicy)

	sec.str("source", s.Secrets.Source)
	sec.strs("names", s.Secrets.Names)
	sec.intp("rotation_days", s.Secrets.RotationDays)
	sec.boolp("static_cloud_keys", s.Secrets.StaticCloudKeys)

	d.str("classification", s.Data.Classification)
	d.boolp("pii", s.Data.PII)
	d.strs("compliance", s.Data.Compliance)
	d.strs("allowed_regions", s.Data.AllowedRegions)
	d.str("encryption_at_rest", s.Data.EncryptionAtRest)
	d.str("tls_min", s.Data.TLSMin)
	d.boolp("log_redaction", s.Data.LogRedaction)

	sc.boolp("image_scanned", s.SupplyChain.ImageScanned)
	sc.boolp("image_signed", s.SupplyChain.ImageSigned)
	sc.str("image_ref", s.SupplyChain.ImageRef)
	sc.boolp("code_signing", s.SupplyChain.CodeSigning)
	sc.boolp("sbom", s.SupplyChain.SBOM)

	rt.str("language_runtime", s.Runtime.LanguageRuntime)
	rt.boolp("run_as_non_root", s.Runtime.RunAsNonRoot)
	rt.boolp("read_only_root_fs", s.Runtime.ReadOnlyRootFS)
	rt.boolp("allow_privilege_escalation", s.Runtime.AllowPrivilegeEscalation)
	rt.boolp("capabilities_drop_all", s.Runtime.CapabilitiesDropAll)
	rt.boolp("resource_limits", s.Runtime.ResourceLimits)
	if s.Runtime.Timeout > 0 {
		rt = append(rt, kv("timeout_ms", ms(s.Runtime.Timeout)))
	}
	return ast.ObjectTerm(
		kv("exposure", ast.StringTerm(s.Exposure)),
		kv("auth", auth.term()), kv("identity", id.term()), kv("network", n.term()), kv("secrets", sec.term()),
		kv("data", d.term()), kv("supply_chain", sc.term()), kv("runtime", rt.term()),
	)
}

func observabilityDoc(o profile.Observability) *ast.Term {
	var m obj
	m.boolp("tracing", o.Tracing)
	m.boolp("structured_logs", o.StructuredLogs)
	m.boolp("correlation_id", o.CorrelationID)
	m.intp("log_retention_days", o.LogRetentionDays)
	m.boolp("health_checks", o.HealthChecks)
	m.strs("alarms", o.Alarms)
	m.boolp("budget_alert", o.BudgetAlert)
	return m.term()
}

func resilienceDoc(r profile.Resilience) *ast.Term {
	var m obj
	m.boolp("dlq", r.DLQ)
	m.intp("retries", r.Retries)
	m.boolp("idempotent", r.Idempotent)
	m.intp("max_concurrency", r.MaxConcurrency)
	return m.term()
}

// obj builds an OPA object that omits undeclared leaves.
type obj [][2]*ast.Term

func (o *obj) str(k, v string) {
	if v != "" {
		*o = append(*o, kv(k, ast.StringTerm(v)))
	}
}

func (o *obj) boolp(k string, v *bool) {
	if v != nil {
		*o = append(*o, kv(k, ast.BooleanTerm(*v)))
	}
}

func (o *obj) intp(k string, v *int) {
	if v != nil {
		*o = append(*o, kv(k, ast.IntNumberTerm(*v)))
	}
}

func (o *obj) strs(k string, v []string) {
	if v == nil {
		return
	}
	l := make([]*ast.Term, len(v))
	for i, s := range v {
		l[i] = ast.StringTerm(s)
	}
	*o = append(*o, kv(k, ast.ArrayTerm(l...)))
}

func (o obj) term() *ast.Term { return ast.ObjectTerm(o...) }

func dec(d decimal.Decimal) *ast.Term { return ast.NumberTerm(json.Number(d.String())) }

func ms(d time.Duration) *ast.Term {
	return ast.NumberTerm(json.Number(decimal.NewFromInt(int64(d)).Shift(-6).String()))
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
