// Package profile reads workload profiles: YAML architectures made of components.
// It parses through the yaml.v3 Node tree so every value keeps its line and column,
// validates strictly, fills defaults in one place and records what it assumed.
package profile

import (
	"time"

	"github.com/shopspring/decimal"

	"github.com/hybridadvisor/hybridadvisor/data"
)

// Vocabulary accepted in profiles. The order of each list is the order shown in
// help texts and the JSON Schema.
var (
	Triggers         = []string{"http", "queue", "event", "stream", "schedule", "storage", "manual"}
	Patterns         = data.Patterns
	Arches           = []string{"x86", "arm"}
	OSes             = []string{"linux", "windows"}
	AKSTiers         = []string{"standard", "free"}
	States           = []string{"stateless", "stateful"}
	Complexities     = []string{"simple", "moderate", "complex"}
	CallModes        = []string{"sync", "async"}
	Clouds           = data.Clouds
	Exposures        = []string{"public", "internal", "private"}
	AuthTypes        = []string{"none", "jwt", "oauth2", "iam", "api_key", "mtls", "function_key"}
	ValidatedAt      = []string{"gateway", "service", "none"}
	SecretSources    = []string{"secret_manager", "kms_encrypted_env", "plaintext_env", "none"}
	Classifications  = []string{"public", "internal", "confidential", "restricted"}
	EncryptionAtRest = []string{"none", "provider", "cmk"}
	FrontDoors       = []string{"auto", "api_gateway", "function_url", "load_balancer", "builtin"}
)

// DefaultRegions are used for any cloud a profile does not name.
var DefaultRegions = Regions{AWS: data.DefaultRegions["aws"], Azure: data.DefaultRegions["azure"], GCP: data.DefaultRegions["gcp"]}

// Pos is a 1-based line and column in the source file.
type Pos struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// File is one parsed profile file. Each YAML document is one architecture.
type File struct {
	Path          string
	Architectures []*Architecture
}

// Architecture is one YAML document: a named set of components.
type Architecture struct {
	APIVersion  string
	Name        string
	Description string
	Regions     Regions
	Assumptions Assumptions
	Components  []*Component

	// Document is the 1-based index of the YAML document in its file.
	Document int
	Pos      Pos
	// Defaults lists every value the parser filled in, in document order.
	Defaults []Default
	// Placeholders are the lines holding an import placeholder (a comment
	// starting with ImportMarker): values `hybridadvisor import` could not
	// find in the sources and the user has yet to replace.
	Placeholders []Pos

	// positions maps a field path ("components[1].execution.memory_mb") to where it
	// was written. Paths of fields that were defaulted are absent.
	positions map[string]Pos
}

// PosOf returns where the field at path was written. When the field itself was not
// written (it was defaulted or is missing) it walks up to the nearest written
// ancestor, so a finding about a missing field points at its component.
func (a *Architecture) PosOf(path string) Pos {
	for p := path; p != ""; p = parentPath(p) {
		if pos, ok := a.positions[p]; ok {
			return pos
		}
	}
	return a.Pos
}

// SetPos records where path was written. The parser is its only caller outside tests.
func (a *Architecture) SetPos(path string, pos Pos) {
	if a.positions == nil {
		a.positions = map[string]Pos{}
	}
	a.positions[path] = pos
}

// Component returns the component with the given name, or nil.
func (a *Architecture) Component(name string) *Component {
	for _, c := range a.Components {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// Default records one value that the profile did not give and the parser assumed.
type Default struct {
	Path  string `json:"path"`  // e.g. "components[0].execution.concurrency"
	Value string `json:"value"` // as it would be written in YAML
	Why   string `json:"why"`   // one short sentence
}

// Regions holds the region used on each cloud.
type Regions struct {
	AWS   string
	Azure string
	GCP   string
}

// Get returns the region for a cloud ID ("aws", "azure", "gcp").
func (r Regions) Get(cloud string) string {
	switch cloud {
	case "aws":
		return r.AWS
	case "azure":
		return r.Azure
	case "gcp":
		return r.GCP
	}
	return ""
}

// Assumptions are architecture-wide modelling choices.
type Assumptions struct {
	FreeTier      bool   // apply the clouds' free tiers (default true)
	HoursPerMonth int    // hours in a billing month (default 730)
	AKSTier       string // AKS control-plane tier: standard (default) or free
}

// Component is one deployable part of an architecture, with every default filled.
type Component struct {
	Name         string
	Description  string
	Trigger      string
	FrontDoor    string // auto | api_gateway | function_url | load_balancer | builtin
	Traffic      Traffic
	Execution    Execution
	State        string
	Dependencies Dependencies
	Requires     Requires
	Calls        []Call

	Security      Security
	Observability Observability
	Resilience    Resilience
	Tags          map[string]string
	Waivers       []Waiver

	// Index is the 0-based position in the components list; Path is "components[Index]".
	Index int
	Path  string
	Pos   Pos
}

// Traffic describes how much work reaches a component.
type Traffic struct {
	// RequestsPerMonth is always set after parsing; when the profile gave
	// requests_per_second it is that rate times the seconds in a billing month.
	RequestsPerMonth decimal.Decimal
	// RequestsPerSecond is the average rate, derived when requests_per_month was given.
	RequestsPerSecond decimal.Decimal
	// PeakRequestsPerSecond is the busiest sustained rate; defaulted from Pattern.
	PeakRequestsPerSecond decimal.Decimal
	Pattern               string
	// ResponseKB is the average response size in KB (internet egress of public HTTP).
	ResponseKB decimal.Decimal
}

// Execution describes one request's run and the instance that serves it.
type Execution struct {
	AvgDuration        time.Duration
	MaxDuration        time.Duration
	MemoryMB           int
	VCPU               decimal.Decimal // defaulted from memory when not given
	Concurrency        int             // requests one container instance serves at once
	Arch               string
	OS                 string
	EphemeralStorageMB int
	GPU                int // GPUs per instance
	PayloadKB          int // largest request or event payload (default 1)
	MinInstances       int // instances kept warm (0 = scale to zero where the platform can)
	TargetUtilization  int // autoscaling target percent for user-configured autoscalers (default 70)
	// CPUFraction is the share of AvgDuration spent on CPU (default 0.25).
	CPUFraction decimal.Decimal
	MinNodes    int // EKS/AKS node pool floor (default 2)
}

// Dependencies describes how the code is built and shipped.
type Dependencies struct {
	Complexity     string  // simple | moderate | complex
	PackageMB      float64 // deployment artefact size (unzipped code or image)
	ContainerImage bool    // already shipped as a container image
}

// Requires lists platform capabilities the component cannot do without.
type Requires struct {
	KubernetesAPI        bool // CRDs, operators, Helm charts, DaemonSets, a service mesh
	Privileged           bool // privileged containers or added Linux capabilities
	HostAccess           bool // host namespaces, kernel modules or tuning
	PersistentVolume     bool // local disk that must survive restarts
	LongLivedConnections bool // WebSockets or streaming gRPC held open
	VPC                  bool // must reach resources in a private network
}

// Call is an edge of the architecture's call graph.
type Call struct {
	To   string
	Mode string // sync | async
	// MessagesPerRequest is the queue messages an async call sends per request
	// of the caller (1 by default for async calls; zero for sync calls).
	MessagesPerRequest decimal.Decimal
	Pos                Pos
}

// Security is the declared security posture. Every leaf is optional: nil means
// "not declared", which rules treat differently from an explicit false.
type Security struct {
	Exposure    string // public | internal | private; defaulted from the trigger
	Auth        Auth
	Identity    Identity
	Network     Network
	Secrets     Secrets
	Data        Data
	SupplyChain SupplyChain
	Runtime     Runtime
}

type Auth struct {
	Type              string // "" when not declared
	ValidatedAt       string
	PropagateIdentity *bool
}

type Identity struct {
	DedicatedRole             *bool
	Permissions               []string
	UsesDefaultServiceAccount *bool
	ResourcePolicyPublic      *bool
}

type Network struct {
	VPCAttached      *bool
	MultiAZ          *bool
	PrivateEndpoints *bool
	EgressRestricted *bool
	WAF              *bool
	NetworkPolicy    *bool
}

type Secrets struct {
	Source          string
	Names           []string
	RotationDays    *int
	StaticCloudKeys *bool
}

type Data struct {
	Classification   string
	PII              *bool
	Compliance       []string
	AllowedRegions   []string
	EncryptionAtRest string
	TLSMin           string
	LogRedaction     *bool
}

type SupplyChain struct {
	ImageScanned *bool
	ImageSigned  *bool
	ImageRef     string
	CodeSigning  *bool
	SBOM         *bool
}

type Runtime struct {
	LanguageRuntime          string
	RunAsNonRoot             *bool
	ReadOnlyRootFS           *bool
	AllowPrivilegeEscalation *bool
	CapabilitiesDropAll      *bool
	ResourceLimits           *bool
	Timeout                  time.Duration // 0 when not declared
}

// Observability is the declared telemetry posture.
type Observability struct {
	Tracing          *bool
	StructuredLogs   *bool
	CorrelationID    *bool
	LogRetentionDays *int
	HealthChecks     *bool
	Alarms           []string
	BudgetAlert      *bool
}

// Resilience is the declared failure handling.
type Resilience struct {
	DLQ            *bool
	Retries        *int
	Idempotent     *bool
	MaxConcurrency *int
}

// Waiver suppresses one rule on one component until it expires.
type Waiver struct {
	Rule    string
	Reason  string
	Expires time.Time // a date; zero when not given (not allowed by validation)
	Pos     Pos
}

// parentPath strips the last segment of a field path: "a.b[2].c" -> "a.b[2]" -> "a.b" -> "a".
func parentPath(p string) string {
	for i := len(p) - 1; i >= 0; i-- {
		switch p[i] {
		case '.':
			return p[:i]
		case '[':
			return p[:i]
		}
	}
	return ""
}
