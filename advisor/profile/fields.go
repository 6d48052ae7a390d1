package profile

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/hybridadvisor/hybridadvisor/data"
)

// This file is the single declarative description of the profile format. The
// parser validates with it, applyDefaults fills defaults from it and JSONSchema
// renders it, so the three cannot drift apart.

type kind int

const (
	kObject   kind = iota // mapping with known keys (fields)
	kList                 // sequence of objects (item)
	kStrings              // sequence of strings (item describes one string)
	kStrMap               // mapping of free string keys to string values (tags)
	kString               // string, optionally an enum, constant or pattern
	kBool                 // true | false
	kInt                  // whole number in decimal notation
	kNumber               // integer or decimal number, kept exact as a decimal.Decimal
	kDuration             // Go duration string: 120ms, 2s, 15m, 1h30m
	kDate                 // YYYY-MM-DD
)

// field describes one key of the profile.
type field struct {
	key      string
	doc      string // shown by editors (JSON Schema description) and in docs/profile.md
	kind     kind
	required bool

	enum     []string // kString: allowed values
	constant string   // kString: the only allowed value

	min, max     string          // kInt/kNumber: decimal literals; kDuration: Go durations ("" = unbounded)
	exclusiveMin bool            // the minimum itself is not allowed (vcpu > 0)
	minD, maxD   decimal.Decimal // min and max parsed once (kInt, kNumber)

	minLen, maxLen int            // kString: runes; kList/kStrings: items; kStrMap: entries
	pattern        *regexp.Regexp // kString (and kStrMap values)
	patternMsg     string         // what the pattern means, for error messages
	keyPattern     *regexp.Regexp // kStrMap keys
	keyMaxLen      int            // kStrMap keys
	valMaxLen      int            // kStrMap values

	fields []*field // kObject
	oneOf  []string // kObject: exactly one of these keys must be given
	item   *field   // kList (an object) and kStrings (a string)
	where  string   // kObject: how messages name it ("execution", "component")

	// def is a constant default, written as it would be in YAML. derive computes a
	// default from other, already filled values. Exactly one of them, or neither
	// (optional fields that stay "not declared").
	def    string
	defWhy string
	derive func(c *cursor) (text, why string, ok bool)

	set   func(c *cursor, v *value)         // stores a scalar, string list or map
	enter func(c *cursor, index int, p Pos) // kList item objects: create the Go value
	// each (kList item objects) points the cursor at every stored item in turn,
	// for applyDefaults.
	each func(c *cursor, visit func(index int))
}

// cursor is where values are being stored while a document is walked.
type cursor struct {
	arch   *Architecture
	comp   *Component
	call   *Call
	waiver *Waiver
}

// value is one converted YAML value.
type value struct {
	text string // the literal as written (or rendered, for defaults)
	s    string
	b    bool
	i    int
	d    decimal.Decimal
	dur  time.Duration
	date time.Time
	list []string
	m    map[string]string
}

// Patterns are written in the subset that Go's regexp and ECMAScript agree on,
// because editors evaluate the JSON Schema with JavaScript engines.
var (
	// A name: no control characters and no leading or trailing space.
	reName = regexp.MustCompile(`^[^ \x00-\x1F\x7F-\x9F]([^\x00-\x1F\x7F-\x9F]*[^ \x00-\x1F\x7F-\x9F])?$`)
	// Free text on one line.
	reLine = regexp.MustCompile(`^[^\x00-\x1F\x7F-\x9F]*$`)
	// Free text that may span lines (descriptions, reasons).
	reText = regexp.MustCompile(`^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*$`)
	// Free text with at least one visible character.
	reNonBlank = regexp.MustCompile(`^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*$`)
	reRegion   = regexp.MustCompile(`^[a-z0-9-]+$`)
	reRule     = regexp.MustCompile(`^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$`)
	reDate     = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
	// Unsigned Go duration: one or more number+unit pairs.
	reDuration = regexp.MustCompile(`^(([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+$`)
	reTagKey   = regexp.MustCompile(`^[^ \x00-\x1F\x7F-\x9F]([^\x00-\x1F\x7F-\x9F]*[^ \x00-\x1F\x7F-\x9F])?$`)
)

const (
	msgName   = "1 to 100 characters, no control characters and no leading or trailing spaces"
	msgLine   = "one line of text without control characters"
	msgText   = "text without control characters"
	msgBlank  = "non-blank text without control characters"
	msgRegion = "a region ID of lower-case letters, digits and dashes, like us-east-1"
	msgRule   = "a rule ID like SEC-01 or OBS-03"
)

// peakFactorsText lists the peak-to-average factors (data.PeakFactors) for the
// field's documentation: "1.5 (steady), 3 (diurnal), 10 (spiky) or 20 (sporadic)".
func peakFactorsText() string {
	var parts []string
	for _, p := range data.Patterns {
		parts = append(parts, data.PeakFactors[p]+" ("+p+")")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " or " + parts[len(parts)-1]
}

// Default concurrency by trigger: HTTP servers multiplex (80 is Cloud Run's
// default), event consumers take small batches, jobs run one at a time.
var defaultConcurrency = map[string]int{
	"http": 80, "queue": 10, "event": 10, "stream": 10, "storage": 10, "schedule": 1, "manual": 1,
}

// maxDuration bounds every duration: a month-long request or job is not a workload
// any of the platforms runs.
const maxDuration = 720 * time.Hour

// specRoot is the profile document; built once.
var specRoot = buildSpec()

func buildSpec() *field {
	nameField := func(key, doc string) *field {
		return &field{key: key, doc: doc, kind: kString, minLen: 1, maxLen: 100, pattern: reName, patternMsg: msgName}
	}
	descField := func(doc string) *field {
		return &field{key: "description", doc: doc, kind: kString, maxLen: 2000, pattern: reText, patternMsg: msgText}
	}
	line := func(key, doc string, set func(*cursor, *value)) *field {
		return &field{key: key, doc: doc, kind: kString, maxLen: 1024, pattern: reLine, patternMsg: msgLine, set: set}
	}
	enum := func(key, doc string, values []string, set func(*cursor, *value)) *field {
		return &field{key: key, doc: doc, kind: kString, enum: values, set: set}
	}
	boolf := func(key, doc string, set func(*cursor, *value)) *field {
		return &field{key: key, doc: doc, kind: kBool, set: set}
	}
	intf := func(key, doc string, lo, hi int, set func(*cursor, *value)) *field {
		return &field{key: key, doc: doc, kind: kInt, min: fmt.Sprint(lo), max: fmt.Sprint(hi), set: set}
	}
	strs := func(key, doc string, item *field, set func(*cursor, *value)) *field {
		if item == nil {
			item = &field{kind: kString, minLen: 1, maxLen: 1024, pattern: reLine, patternMsg: msgLine}
		}
		item.doc = doc
		return &field{key: key, doc: doc, kind: kStrings, maxLen: 200, item: item, set: set}
	}
	obj := func(key, doc string, fields ...*field) *field {
		return &field{key: key, doc: doc, kind: kObject, fields: fields}
	}
	withDef := func(f *field, def, why string) *field { f.def, f.defWhy = def, why; return f }
	derived := func(f *field, d func(c *cursor) (string, string, bool)) *field { f.derive = d; return f }

	// Setters. Each names the Go field it fills; the compiler checks them.
	str := func(p func(c *cursor) *string) func(*cursor, *value) {
		return func(c *cursor, v *value) { *p(c) = v.s }
	}
	bl := func(p func(c *cursor) *bool) func(*cursor, *value) {
		return func(c *cursor, v *value) { *p(c) = v.b }
	}
	blp := func(p func(c *cursor) **bool) func(*cursor, *value) {
		return func(c *cursor, v *value) { b := v.b; *p(c) = &b }
	}
	in := func(p func(c *cursor) *int) func(*cursor, *value) {
		return func(c *cursor, v *value) { *p(c) = v.i }
	}
	inp := func(p func(c *cursor) **int) func(*cursor, *value) {
		return func(c *cursor, v *value) { i := v.i; *p(c) = &i }
	}
	dec := func(p func(c *cursor) *decimal.Decimal) func(*cursor, *value) {
		return func(c *cursor, v *value) { *p(c) = v.d }
	}
	dur := func(p func(c *cursor) *time.Duration) func(*cursor, *value) {
		return func(c *cursor, v *value) { *p(c) = v.dur }
	}
	list := func(p func(c *cursor) *[]string) func(*cursor, *value) {
		return func(c *cursor, v *value) { *p(c) = v.list }
	}

	traffic := obj("traffic", "How much work reaches the component. Give exactly one of requests_per_month or requests_per_second; the other is derived.",
		derived(&field{key: "requests_per_month", kind: kNumber, min: "0", max: "10000000000000",
			doc: "Requests per month, counting each request, event, message or scheduled run once. For a job, the number of runs.",
			set: dec(func(c *cursor) *decimal.Decimal { return &c.comp.Traffic.RequestsPerMonth })},
			func(c *cursor) (string, string, bool) {
				secs := monthSeconds(c.arch)
				v := c.comp.Traffic.RequestsPerSecond.Mul(secs)
				return v.String(), fmt.Sprintf("derived from requests_per_second over a %d-hour month", c.arch.Assumptions.HoursPerMonth), true
			}),
		derived(&field{key: "requests_per_second", kind: kNumber, min: "0", max: "10000000",
			doc: "Average requests per second over the month (alternative to requests_per_month).",
			set: dec(func(c *cursor) *decimal.Decimal { return &c.comp.Traffic.RequestsPerSecond })},
			func(c *cursor) (string, string, bool) {
				secs := monthSeconds(c.arch)
				v := c.comp.Traffic.RequestsPerMonth.DivRound(secs, rateDecimals)
				return v.String(), fmt.Sprintf("derived from requests_per_month over a %d-hour month", c.arch.Assumptions.HoursPerMonth), true
			}),
		withDef(enum("pattern", "Shape of the load over time: steady (flat), diurnal (day/night cycle), spiky (bursts), sporadic (mostly idle).",
			Patterns, str(func(c *cursor) *string { return &c.comp.Traffic.Pattern })),
			"steady", "no pattern given, so a flat load is assumed"),
		derived(&field{key: "peak_requests_per_second", kind: kNumber, min: "0", max: "100000000",
			doc: "Busiest sustained request rate; at least the average. Default: the average times " + peakFactorsText() + ".",
			set: dec(func(c *cursor) *decimal.Decimal { return &c.comp.Traffic.PeakRequestsPerSecond })},
			func(c *cursor) (string, string, bool) {
				f, ok := data.PeakFactors[c.comp.Traffic.Pattern]
				if !ok {
					return "", "", false
				}
				v := c.comp.Traffic.RequestsPerSecond.Mul(decimal.RequireFromString(f))
				return v.String(), fmt.Sprintf("average rate × %s for a %s pattern", f, c.comp.Traffic.Pattern), true
			}),
		withDef(&field{key: "response_kb", kind: kNumber, min: "0", max: "1048576",
			doc: "Average response size in KB; public HTTP components pay internet egress for it.",
			set: dec(func(c *cursor) *decimal.Decimal { return &c.comp.Traffic.ResponseKB })},
			"8", "8 KB is a typical JSON API response"),
	)
	traffic.required = true
	traffic.oneOf = []string{"requests_per_month", "requests_per_second"}

	execution := obj("execution", "How one request runs and the instance that serves it.",
		&field{key: "avg_duration", kind: kDuration, required: true, min: "0s", max: "720h", exclusiveMin: true,
			doc: "Average time to handle one request, or the length of one job run, as a Go duration (120ms, 2s, 15m, 1h30m).",
			set: dur(func(c *cursor) *time.Duration { return &c.comp.Execution.AvgDuration })},
		derived(&field{key: "max_duration", kind: kDuration, min: "0s", max: "720h", exclusiveMin: true,
			doc: "Longest time one request or run may take; at least avg_duration. Platform timeouts are checked against it. Default: 3 × avg_duration (at most 720h).",
			set: dur(func(c *cursor) *time.Duration { return &c.comp.Execution.MaxDuration })},
			func(c *cursor) (string, string, bool) {
				avg := c.comp.Execution.AvgDuration
				if avg <= 0 {
					return "", "", false
				}
				if avg > maxDuration/3 {
					return formatDuration(maxDuration), "3 × avg_duration, capped at 720h", true
				}
				return formatDuration(3 * avg), "3 × avg_duration leaves room for slow requests", true
			}),
		withDef(intf("memory_mb", "Memory per instance in MB.", 64, 262144,
			in(func(c *cursor) *int { return &c.comp.Execution.MemoryMB })),
			"512", "512 MB is a common size for functions and small containers"),
		derived(&field{key: "vcpu", kind: kNumber, min: "0", max: "192", exclusiveMin: true,
			doc: "vCPUs per instance. Default: memory_mb / 2048 rounded up to a multiple of 0.25 (at least 0.25), the ratio the platforms tie CPU to memory by.",
			set: dec(func(c *cursor) *decimal.Decimal { return &c.comp.Execution.VCPU })},
			func(c *cursor) (string, string, bool) {
				m := c.comp.Execution.MemoryMB
				if m <= 0 {
					return "", "", false
				}
				quarters := (m + 511) / 512 // ceil(m/2048 / 0.25)
				v := decimal.NewFromInt(int64(quarters)).Div(decimal.NewFromInt(4))
				return v.String(), fmt.Sprintf("memory_mb %d / 2048, rounded up to a multiple of 0.25", m), true
			}),
		derived(intf("concurrency", "Requests one instance serves at once. Default by trigger: http 80; queue, event, stream and storage 10; schedule and manual 1.", 1, 1000,
			in(func(c *cursor) *int { return &c.comp.Execution.Concurrency })),
			func(c *cursor) (string, string, bool) {
				n, ok := defaultConcurrency[c.comp.Trigger]
				if !ok {
					return "", "", false
				}
				why := map[int]string{
					80: "an http server handles many requests at once (80 is Cloud Run's default)",
					10: "event consumers take small batches",
					1:  "a job run uses its instance alone",
				}[n]
				return fmt.Sprint(n), why, true
			}),
		withDef(enum("arch", "CPU architecture: x86 or arm.", Arches,
			str(func(c *cursor) *string { return &c.comp.Execution.Arch })),
			"x86", "x86 runs on every platform"),
		withDef(enum("os", "Operating system: linux or windows.", OSes,
			str(func(c *cursor) *string { return &c.comp.Execution.OS })),
			"linux", "linux runs on every platform"),
		withDef(intf("ephemeral_storage_mb", "Scratch disk per instance in MB.", 0, 1048576,
			in(func(c *cursor) *int { return &c.comp.Execution.EphemeralStorageMB })),
			"512", "512 MB is the scratch space functions get without extra charge"),
		withDef(intf("gpu", "GPUs per instance.", 0, 16,
			in(func(c *cursor) *int { return &c.comp.Execution.GPU })),
			"0", "no GPU unless declared"),
		withDef(intf("payload_kb", "Largest request or event payload in KB.", 0, 1048576,
			in(func(c *cursor) *int { return &c.comp.Execution.PayloadKB })),
			"1", "1 KB covers a typical JSON request or event"),
		withDef(intf("min_instances", "Instances kept warm; 0 lets the platform scale to zero.", 0, 1000,
			in(func(c *cursor) *int { return &c.comp.Execution.MinInstances })),
			"0", "scale to zero unless declared"),
		withDef(intf("target_utilization", "Autoscaling target in percent of each instance's concurrency and CPU, for the autoscalers you configure (Fargate, EKS, AKS and GKE Autopilot HPAs, Functions Premium). Cloud Run (60%), Container Apps (10 requests a replica) and Flex Consumption (its per-instance concurrency) use their own.", 10, 100,
			in(func(c *cursor) *int { return &c.comp.Execution.TargetUtilization })),
			"70", "a common HPA target: headroom for bursts while scaling out"),
		withDef(&field{key: "cpu_fraction", kind: kNumber, min: "0", max: "1", exclusiveMin: true,
			doc: "Share of avg_duration spent on CPU (the rest waits on I/O). Bounds how many requests an instance's vCPUs serve: instances ≥ requests per second × avg_duration × cpu_fraction ÷ vCPU ÷ target.",
			set: dec(func(c *cursor) *decimal.Decimal { return &c.comp.Execution.CPUFraction })},
			"0.25", "most request time waits on I/O (databases, other services)"),
		withDef(intf("min_nodes", "Nodes the component's EKS or AKS node pool keeps at least.", 1, 1000,
			in(func(c *cursor) *int { return &c.comp.Execution.MinNodes })),
			"2", "two nodes keep a production node pool serving through one node's failure or upgrade"),
	)
	execution.required = true

	dependencies := obj("dependencies", "How the code is built and shipped.",
		withDef(enum("complexity", "Dependency complexity: simple (few libraries), moderate, complex (native libraries, system packages, large frameworks).",
			Complexities, str(func(c *cursor) *string { return &c.comp.Dependencies.Complexity })),
			"simple", "simple unless declared"),
		withDef(&field{key: "package_mb", kind: kNumber, min: "0", max: "100000",
			doc: "Deployment artefact size in MB (unzipped code, or the container image).",
			set: func(c *cursor, v *value) { c.comp.Dependencies.PackageMB = v.d.InexactFloat64() }},
			"50", "50 MB is a typical unzipped function package"),
		withDef(boolf("container_image", "The component is already shipped as a container image.",
			bl(func(c *cursor) *bool { return &c.comp.Dependencies.ContainerImage })),
			"false", "not shipped as an image unless declared"),
	)

	reqWhy := "not required unless declared"
	requires := obj("requires", "Platform capabilities the component cannot do without.",
		withDef(boolf("kubernetes_api", "Needs the Kubernetes API: CRDs, operators, Helm charts, DaemonSets or a service mesh.",
			bl(func(c *cursor) *bool { return &c.comp.Requires.KubernetesAPI })), "false", reqWhy),
		withDef(boolf("privileged", "Needs privileged containers or added Linux capabilities.",
			bl(func(c *cursor) *bool { return &c.comp.Requires.Privileged })), "false", reqWhy),
		withDef(boolf("host_access", "Needs host namespaces, kernel modules or kernel tuning.",
			bl(func(c *cursor) *bool { return &c.comp.Requires.HostAccess })), "false", reqWhy),
		withDef(boolf("persistent_volume", "Needs local disk that survives restarts.",
			bl(func(c *cursor) *bool { return &c.comp.Requires.PersistentVolume })), "false", reqWhy),
		withDef(boolf("long_lived_connections", "Holds connections open: WebSockets or streaming gRPC.",
			bl(func(c *cursor) *bool { return &c.comp.Requires.LongLivedConnections })), "false", reqWhy),
		withDef(boolf("vpc", "Must reach resources in a private network.",
			bl(func(c *cursor) *bool { return &c.comp.Requires.VPC })), "false", reqWhy),
	)

	call := obj("", "A call this component makes to another component.",
		&field{key: "to", doc: "Name of the called component in this architecture.", kind: kString, required: true,
			minLen: 1, maxLen: 100, pattern: reName, patternMsg: msgName,
			set: func(c *cursor, v *value) { c.call.To = v.s }},
		withDef(enum("mode", "sync (the caller waits) or async (through a queue, topic or event bus).", CallModes,
			func(c *cursor, v *value) { c.call.Mode = v.s }),
			"sync", "a call is synchronous unless declared async"),
		derived(&field{key: "messages_per_request", kind: kNumber, min: "0", max: "1000000", exclusiveMin: true,
			doc: "Async calls: queue messages sent per request of the caller (fan-out, or below 1 when only some requests send one). The queue bills at most the messages the callee declares it receives. Default for async calls: 1.",
			set: dec(func(c *cursor) *decimal.Decimal { return &c.call.MessagesPerRequest })},
			func(c *cursor) (string, string, bool) {
				if c.call.Mode != "async" {
					return "", "", false
				}
				return "1", "one queue message per request of the caller", true
			}),
	)
	call.where = "calls entry"
	call.enter = func(c *cursor, _ int, p Pos) {
		c.comp.Calls = append(c.comp.Calls, Call{Pos: p})
		c.call = &c.comp.Calls[len(c.comp.Calls)-1]
	}
	call.each = func(c *cursor, visit func(int)) {
		for i := range c.comp.Calls {
			c.call = &c.comp.Calls[i]
			visit(i)
		}
	}

	sec := func(c *cursor) *Security { return &c.comp.Security }
	security := obj("security", "Declared security posture. Leaves left out are \"not declared\", which the security rules treat differently from false.",
		derived(enum("exposure", "Who can reach the component: public (internet), internal (inside the organisation's network), private (only its callers). Default: public for http, otherwise internal.",
			Exposures, str(func(c *cursor) *string { return &sec(c).Exposure })),
			func(c *cursor) (string, string, bool) {
				switch c.comp.Trigger {
				case "":
					return "", "", false
				case "http":
					return "public", "an http component is assumed reachable from the internet unless declared otherwise", true
				}
				return "internal", fmt.Sprintf("a %s-triggered component is reached only through its event source", c.comp.Trigger), true
			}),
		obj("auth", "How callers are authenticated.",
			enum("type", "Authentication mechanism.", AuthTypes, str(func(c *cursor) *string { return &sec(c).Auth.Type })),
			enum("validated_at", "Where credentials are validated: gateway, service or none.", ValidatedAt,
				str(func(c *cursor) *string { return &sec(c).Auth.ValidatedAt })),
			boolf("propagate_identity", "The caller's identity is forwarded to downstream calls.",
				blp(func(c *cursor) **bool { return &sec(c).Auth.PropagateIdentity })),
		),
		obj("identity", "The component's own cloud identity.",
			boolf("dedicated_role", "The component has its own role or service account.",
				blp(func(c *cursor) **bool { return &sec(c).Identity.DedicatedRole })),
			strs("permissions", "Permissions granted to the component's identity, e.g. dynamodb:GetItem; \"*\" means everything.", nil,
				list(func(c *cursor) *[]string { return &sec(c).Identity.Permissions })),
			boolf("uses_default_service_account", "Runs as the platform's default service identity.",
				blp(func(c *cursor) **bool { return &sec(c).Identity.UsesDefaultServiceAccount })),
			boolf("resource_policy_public", "Its resource policy lets any principal invoke it.",
				blp(func(c *cursor) **bool { return &sec(c).Identity.ResourcePolicyPublic })),
		),
		obj("network", "Network placement.",
			boolf("vpc_attached", "Attached to a private network (VPC / VNet).",
				blp(func(c *cursor) **bool { return &sec(c).Network.VPCAttached })),
			boolf("multi_az", "Network placement spans at least two availability zones.",
				blp(func(c *cursor) **bool { return &sec(c).Network.MultiAZ })),
			boolf("private_endpoints", "Reaches cloud services through private endpoints.",
				blp(func(c *cursor) **bool { return &sec(c).Network.PrivateEndpoints })),
			boolf("egress_restricted", "Outbound traffic is limited to an allow-list.",
				blp(func(c *cursor) **bool { return &sec(c).Network.EgressRestricted })),
			boolf("waf", "A web application firewall and rate limits sit in front of it.",
				blp(func(c *cursor) **bool { return &sec(c).Network.WAF })),
			boolf("network_policy", "A default-deny Kubernetes NetworkPolicy applies (orchestrated only).",
				blp(func(c *cursor) **bool { return &sec(c).Network.NetworkPolicy })),
		),
		obj("secrets", "How the component gets its secrets.",
			enum("source", "Where secrets come from.", SecretSources, str(func(c *cursor) *string { return &sec(c).Secrets.Source })),
			strs("names", "Names of the secrets or environment variables that hold them.", nil,
				list(func(c *cursor) *[]string { return &sec(c).Secrets.Names })),
			intf("rotation_days", "Days between secret rotations.", 1, 3650,
				inp(func(c *cursor) **int { return &sec(c).Secrets.RotationDays })),
			boolf("static_cloud_keys", "Long-lived cloud access keys are in its configuration.",
				blp(func(c *cursor) **bool { return &sec(c).Secrets.StaticCloudKeys })),
		),
		obj("data", "The data the component handles.",
			enum("classification", "Sensitivity of the data.", Classifications,
				str(func(c *cursor) *string { return &sec(c).Data.Classification })),
			boolf("pii", "Handles personal data.", blp(func(c *cursor) **bool { return &sec(c).Data.PII })),
			strs("compliance", "Compliance regimes that apply, e.g. gdpr, pci-dss, hipaa.", nil,
				list(func(c *cursor) *[]string { return &sec(c).Data.Compliance })),
			strs("allowed_regions", "Regions the data may be processed in (data residency).",
				&field{kind: kString, minLen: 1, maxLen: 64, pattern: reRegion, patternMsg: msgRegion},
				list(func(c *cursor) *[]string { return &sec(c).Data.AllowedRegions })),
			enum("encryption_at_rest", "Encryption at rest: none, provider-managed keys, or customer-managed keys (cmk).", EncryptionAtRest,
				str(func(c *cursor) *string { return &sec(c).Data.EncryptionAtRest })),
			enum("tls_min", "Lowest TLS version accepted, as a quoted string (\"1.2\").", TLSVersions,
				str(func(c *cursor) *string { return &sec(c).Data.TLSMin })),
			boolf("log_redaction", "Sensitive fields are redacted from logs.",
				blp(func(c *cursor) **bool { return &sec(c).Data.LogRedaction })),
		),
		obj("supply_chain", "How the artefact is built and verified.",
			boolf("image_scanned", "The image or package is scanned for vulnerabilities.",
				blp(func(c *cursor) **bool { return &sec(c).SupplyChain.ImageScanned })),
			boolf("image_signed", "The image is signed and the signature verified on deploy.",
				blp(func(c *cursor) **bool { return &sec(c).SupplyChain.ImageSigned })),
			boolf("code_signing", "Function code is signed and the signature verified on deploy.",
				blp(func(c *cursor) **bool { return &sec(c).SupplyChain.CodeSigning })),
			boolf("sbom", "A software bill of materials is produced.",
				blp(func(c *cursor) **bool { return &sec(c).SupplyChain.SBOM })),
			line("image_ref", "Image reference, ideally pinned by digest (repo/app@sha256:...).",
				str(func(c *cursor) *string { return &sec(c).SupplyChain.ImageRef })),
		),
		obj("runtime", "How the code runs.",
			line("language_runtime", "Language runtime and version, e.g. python3.12, nodejs20.x, java21, go1.x.",
				str(func(c *cursor) *string { return &sec(c).Runtime.LanguageRuntime })),
			boolf("run_as_non_root", "The container runs as a non-root user.",
				blp(func(c *cursor) **bool { return &sec(c).Runtime.RunAsNonRoot })),
			boolf("read_only_root_fs", "The root filesystem is read-only.",
				blp(func(c *cursor) **bool { return &sec(c).Runtime.ReadOnlyRootFS })),
			boolf("allow_privilege_escalation", "Processes may gain more privileges than their parent.",
				blp(func(c *cursor) **bool { return &sec(c).Runtime.AllowPrivilegeEscalation })),
			boolf("capabilities_drop_all", "All Linux capabilities are dropped.",
				blp(func(c *cursor) **bool { return &sec(c).Runtime.CapabilitiesDropAll })),
			boolf("resource_limits", "CPU and memory limits are set.",
				blp(func(c *cursor) **bool { return &sec(c).Runtime.ResourceLimits })),
			&field{key: "timeout", kind: kDuration, min: "0s", max: "720h", exclusiveMin: true,
				doc: "Configured request or run timeout, as a Go duration (30s, 15m).",
				set: dur(func(c *cursor) *time.Duration { return &sec(c).Runtime.Timeout })},
		),
	)

	obs := func(c *cursor) *Observability { return &c.comp.Observability }
	observability := obj("observability", "Declared telemetry. Leaves left out are \"not declared\".",
		boolf("tracing", "Distributed tracing is on.", blp(func(c *cursor) **bool { return &obs(c).Tracing })),
		boolf("structured_logs", "Logs are structured (JSON).", blp(func(c *cursor) **bool { return &obs(c).StructuredLogs })),
		boolf("correlation_id", "A request or trace ID is carried through logs and calls.",
			blp(func(c *cursor) **bool { return &obs(c).CorrelationID })),
		boolf("health_checks", "Startup, readiness or liveness checks are configured.",
			blp(func(c *cursor) **bool { return &obs(c).HealthChecks })),
		boolf("budget_alert", "A budget with alert thresholds covers the component.",
			blp(func(c *cursor) **bool { return &obs(c).BudgetAlert })),
		intf("log_retention_days", "Days logs are kept.", 1, 3650,
			inp(func(c *cursor) **int { return &obs(c).LogRetentionDays })),
		strs("alarms", "Alarms that are set up, e.g. errors, throttles, latency.", nil,
			list(func(c *cursor) *[]string { return &obs(c).Alarms })),
	)

	res := func(c *cursor) *Resilience { return &c.comp.Resilience }
	resilience := obj("resilience", "Declared failure handling. Leaves left out are \"not declared\".",
		boolf("dlq", "Failed events go to a dead-letter queue or on-failure destination.",
			blp(func(c *cursor) **bool { return &res(c).DLQ })),
		intf("retries", "Retries after a failure.", 0, 100, inp(func(c *cursor) **int { return &res(c).Retries })),
		boolf("idempotent", "Handling the same request twice is safe.",
			blp(func(c *cursor) **bool { return &res(c).Idempotent })),
		intf("max_concurrency", "Cap on concurrent executions or instances (reserved concurrency, max instances).", 1, 1000000,
			inp(func(c *cursor) **int { return &res(c).MaxConcurrency })),
	)

	waiver := obj("", "Suppresses one rule on this component until a date.",
		&field{key: "rule", kind: kString, required: true, maxLen: 64, pattern: reRule, patternMsg: msgRule,
			doc: "ID of the rule to suppress, e.g. OBS-03.", set: func(c *cursor, v *value) { c.waiver.Rule = v.s }},
		&field{key: "reason", kind: kString, required: true, minLen: 1, maxLen: 2000, pattern: reNonBlank, patternMsg: msgBlank,
			doc: "Why the rule does not apply, for reviewers.", set: func(c *cursor, v *value) { c.waiver.Reason = v.s }},
		&field{key: "expires", kind: kDate, required: true,
			doc: "Last day the waiver applies (YYYY-MM-DD).", set: func(c *cursor, v *value) { c.waiver.Expires = v.date }},
	)
	waiver.where = "waivers entry"
	waiver.enter = func(c *cursor, _ int, p Pos) {
		c.comp.Waivers = append(c.comp.Waivers, Waiver{Pos: p})
		c.waiver = &c.comp.Waivers[len(c.comp.Waivers)-1]
	}
	waiver.each = func(c *cursor, visit func(int)) {
		for i := range c.comp.Waivers {
			c.waiver = &c.comp.Waivers[i]
			visit(i)
		}
	}

	component := obj("", "One deployable part of the architecture.",
		func() *field {
			f := nameField("name", "Component name, unique in the architecture; calls refer to it.")
			f.required = true
			f.set = str(func(c *cursor) *string { return &c.comp.Name })
			return f
		}(),
		func() *field {
			f := descField("What the component does.")
			f.set = str(func(c *cursor) *string { return &c.comp.Description })
			return f
		}(),
		func() *field {
			f := enum("trigger", "What starts the work: http, queue, event, stream, schedule, storage or manual. A job is schedule or manual.",
				Triggers, str(func(c *cursor) *string { return &c.comp.Trigger }))
			f.required = true
			return f
		}(),
		withDef(enum("front_door", "What public HTTP requests enter through: auto (the platform's usual front door: functions behind the cloud's API gateway, Fargate, EKS, AKS and GKE behind a load balancer, Cloud Run and Container Apps on their built-in ingress), api_gateway, function_url (Lambda function URLs; the built-in HTTPS endpoint elsewhere), load_balancer or builtin. A front door a platform cannot have falls back to its usual one, and the quote says so.",
			FrontDoors, str(func(c *cursor) *string { return &c.comp.FrontDoor })),
			"auto", "each platform's usual front door"),
		traffic,
		execution,
		withDef(enum("state", "stateless, or stateful (keeps state in memory or on local disk between requests).", States,
			str(func(c *cursor) *string { return &c.comp.State })),
			"stateless", "stateless unless declared"),
		dependencies,
		requires,
		&field{key: "calls", kind: kList, maxLen: 100, item: call,
			doc: "Components this one calls, with the call mode."},
		security,
		observability,
		resilience,
		&field{key: "tags", kind: kStrMap, maxLen: 50, keyMaxLen: 128, keyPattern: reTagKey, valMaxLen: 256, pattern: reLine, patternMsg: msgLine,
			doc: "Free-form labels, e.g. owner, cost_center, environment. Values are strings (quote numbers).",
			set: func(c *cursor, v *value) { c.comp.Tags = v.m }},
		&field{key: "waivers", kind: kList, maxLen: 100, item: waiver,
			doc: "Rules suppressed on this component, each with a reason and an expiry date."},
	)
	component.where = "component"
	component.enter = func(c *cursor, i int, p Pos) {
		comp := &Component{Index: i, Path: fmt.Sprintf("components[%d]", i), Pos: p}
		c.arch.Components = append(c.arch.Components, comp)
		c.comp = comp
	}
	component.each = func(c *cursor, visit func(int)) {
		for _, comp := range c.arch.Components {
			c.comp = comp
			visit(comp.Index)
		}
	}

	ar := func(c *cursor) *Architecture { return c.arch }
	root := obj("", "A hybridadvisor workload profile: one architecture made of components.",
		&field{key: "apiVersion", kind: kString, required: true, constant: APIVersion,
			doc: "Profile format version; must be " + APIVersion + ".",
			set: str(func(c *cursor) *string { return &ar(c).APIVersion })},
		func() *field {
			f := nameField("name", "Architecture name, shown in results and reports.")
			f.required = true
			f.set = str(func(c *cursor) *string { return &ar(c).Name })
			return f
		}(),
		func() *field {
			f := descField("What the architecture is.")
			f.set = str(func(c *cursor) *string { return &ar(c).Description })
			return f
		}(),
		obj("regions", "Region used on each cloud; prices are looked up there.",
			withDef(&field{key: "aws", kind: kString, maxLen: 64, pattern: reRegion, patternMsg: msgRegion,
				doc: "AWS region.", set: str(func(c *cursor) *string { return &ar(c).Regions.AWS })},
				DefaultRegions.AWS, "default AWS region"),
			withDef(&field{key: "azure", kind: kString, maxLen: 64, pattern: reRegion, patternMsg: msgRegion,
				doc: "Azure region.", set: str(func(c *cursor) *string { return &ar(c).Regions.Azure })},
				DefaultRegions.Azure, "default Azure region"),
			withDef(&field{key: "gcp", kind: kString, maxLen: 64, pattern: reRegion, patternMsg: msgRegion,
				doc: "Google Cloud region.", set: str(func(c *cursor) *string { return &ar(c).Regions.GCP })},
				DefaultRegions.GCP, "default Google Cloud region"),
		),
		obj("assumptions", "Architecture-wide modelling choices.",
			withDef(boolf("free_tier", "Apply the clouds' monthly free tiers.",
				bl(func(c *cursor) *bool { return &ar(c).Assumptions.FreeTier })),
				"true", "free tiers apply unless turned off"),
			withDef(intf("hours_per_month", "Hours in a billing month; converts between per-second and per-month rates.", 672, 744,
				in(func(c *cursor) *int { return &ar(c).Assumptions.HoursPerMonth })),
				"730", "730 hours (8760 / 12) is the month the clouds' price pages use"),
			withDef(enum("aks_tier", "AKS control-plane tier: standard ($0.10 per cluster-hour, uptime SLA) or free (no fee, no SLA).", AKSTiers,
				str(func(c *cursor) *string { return &ar(c).Assumptions.AKSTier })),
				"standard", "the Standard tier is the one with an uptime SLA, as production clusters use"),
		),
		&field{key: "components", kind: kList, required: true, minLen: 1, maxLen: 500, item: component,
			doc: "The components of the architecture; at least one."},
	)
	root.where = "the profile"
	nameObjects(root, "")
	return root
}

// nameObjects sets how messages refer to each object ("security.auth") and
// parses numeric bounds once.
func nameObjects(f *field, prefix string) {
	if f.kind == kInt || f.kind == kNumber {
		if f.min != "" {
			f.minD = decimal.RequireFromString(f.min)
		}
		if f.max != "" {
			f.maxD = decimal.RequireFromString(f.max)
		}
	}
	switch f.kind {
	case kObject:
		if f.where == "" {
			f.where = prefix
		}
		for _, c := range f.fields {
			p := c.key
			if prefix != "" {
				p = prefix + "." + c.key
			}
			nameObjects(c, p)
		}
	case kList:
		nameObjects(f.item, "")
	}
}

// APIVersion is the only profile format version this build reads.
const APIVersion = "hybridadvisor/v1"

// TLSVersions are the accepted values of security.data.tls_min.
var TLSVersions = []string{"1.0", "1.1", "1.2", "1.3"}

// rateDecimals is how many decimal places a derived requests_per_second keeps:
// a billionth of a request per second is far below anything that changes a price.
const rateDecimals = 9

// monthSeconds is the length of the billing month in seconds.
func monthSeconds(a *Architecture) decimal.Decimal {
	return decimal.NewFromInt(int64(a.Assumptions.HoursPerMonth) * 3600)
}

// formatDuration writes a duration the short way a person would ("45m", "1h30m"),
// where time.Duration.String would write "45m0s".
func formatDuration(d time.Duration) string {
	if d <= 0 || d%time.Second != 0 {
		return d.String()
	}
	h, m, sec := d/time.Hour, (d%time.Hour)/time.Minute, (d%time.Minute)/time.Second
	out := ""
	if h > 0 {
		out += fmt.Sprintf("%dh", h)
	}
	if m > 0 {
		out += fmt.Sprintf("%dm", m)
	}
	if sec > 0 {
		out += fmt.Sprintf("%ds", sec)
	}
	return out
}
