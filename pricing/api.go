// Package pricing prices a workload on every platform of the three clouds from the
// bundled, dated price tables in data/pricing. All money is exact decimal; each cost
// line is rounded to the cent and a total is the sum of its rounded lines.
package pricing

import (
	"time"

	"github.com/shopspring/decimal"

	"github.com/hybridadvisor/hybridadvisor/data"
)

// Models.
const (
	Function              = "function"
	ServerlessContainer   = "serverless-container"
	OrchestratedContainer = "orchestrated-container"
)

// Platform is one place a component can run.
type Platform struct {
	ID    string `json:"id"`
	Cloud string `json:"cloud"`
	Model string `json:"model"`
	Name  string `json:"name"`
}

// Platforms is the canonical list, in the canonical output order.
var Platforms = []Platform{
	{"aws-lambda", "aws", Function, "AWS Lambda"},
	{"aws-fargate", "aws", ServerlessContainer, "AWS Fargate (ECS)"},
	{"aws-eks", "aws", OrchestratedContainer, "Amazon EKS"},
	{"azure-functions-flex", "azure", Function, "Azure Functions Flex Consumption"},
	{"azure-functions-premium", "azure", Function, "Azure Functions Premium"},
	{"azure-container-apps", "azure", ServerlessContainer, "Azure Container Apps"},
	{"azure-aks", "azure", OrchestratedContainer, "Azure Kubernetes Service"},
	{"gcp-cloud-run-functions", "gcp", Function, "Cloud Run functions"},
	{"gcp-cloud-run", "gcp", ServerlessContainer, "Cloud Run"},
	{"gcp-gke-autopilot", "gcp", OrchestratedContainer, "GKE Autopilot"},
}

// Clouds in canonical order (the one table is data.Clouds).
var Clouds = data.Clouds

// PlatformByID returns the platform with the given ID.
func PlatformByID(id string) (Platform, bool) {
	if i := platformIndex(id); i >= 0 {
		return Platforms[i], true
	}
	return Platform{}, false
}

// Workload is everything the calculators need to know about one component. The
// advisor fills it from a parsed profile with every default already applied.
type Workload struct {
	Name                  string
	Trigger               string          // http | queue | event | stream | schedule | storage | manual
	RequestsPerMonth      decimal.Decimal // requests, events or job runs per month
	PeakRequestsPerSecond decimal.Decimal // busiest sustained rate
	Pattern               string          // steady | diurnal | spiky | sporadic
	AvgDuration           time.Duration
	MemoryMB              int
	VCPU                  decimal.Decimal // vCPU per instance (containers); always > 0
	Concurrency           int             // requests one container instance serves at once
	Arch                  string          // x86 | arm
	OS                    string          // linux | windows
	EphemeralStorageMB    int
	GPU                   int
	MinInstances          int  // instances kept warm
	MinNodes              int  // EKS/AKS node pool floor; 0 means DefaultMinNodes (2)
	PublicHTTP            bool // public HTTP entry point: priced with a front door and internet egress
	// FrontDoor is what public HTTP requests enter through: auto ("" too),
	// api_gateway, function_url, load_balancer or builtin (see FrontDoorFor).
	FrontDoor   string
	MaxDuration time.Duration // longest request: auto puts Lambda behind a function URL past API Gateway's 29 s
	// AsyncCallsOut counts the async edges leaving this component;
	// AsyncMessagesPerRequest is the queue messages they carry per request of
	// this component, summed over the edges (the advisor caps each edge at its
	// consumer's traffic). Zero means one message per request per edge.
	AsyncCallsOut           int
	AsyncMessagesPerRequest decimal.Decimal
	PayloadKB               int             // request or message payload
	ResponseKB              decimal.Decimal // average response, for internet egress of public HTTP
	// PeakGiven says PeakRequestsPerSecond was written by the user rather than
	// derived; only then does a steady workload get a peak period.
	PeakGiven bool
	// TargetUtilizationPct is the autoscaling target (percent) for the
	// platforms whose autoscaler the user configures (Fargate, EKS, AKS, GKE
	// Autopilot HPAs; Functions Premium and the CPU bound of Container Apps);
	// 0 means 70.
	TargetUtilizationPct int
	// CPUFraction is the share of AvgDuration spent on CPU (0 < f <= 1); zero
	// means 0.25. It bounds how many requests an instance's vCPUs can serve.
	CPUFraction decimal.Decimal
	// ConcurrencyGiven says Concurrency was written by the user; when it was
	// not, Flex Consumption uses its per-instance-size default.
	ConcurrencyGiven bool
}

// Settings are the run-wide pricing choices.
type Settings struct {
	Regions       map[string]string // cloud -> region; missing clouds use the defaults
	FreeTier      bool
	HoursPerMonth int    // 730 when zero
	AKSTier       string // AKSStandard (also when empty) or AKSFree
	// AutopilotLegacySizing prices GKE Autopilot pods by the rules of clusters
	// without bursting (0.25 vCPU steps, at least 0.25 vCPU / 0.5 GiB)
	// instead of today's default (at least 50m / 52 MiB).
	AutopilotLegacySizing bool
}

// AKS control-plane tiers.
const (
	AKSStandard = "standard" // $0.10 per cluster-hour, uptime SLA
	AKSFree     = "free"     // no fee, no SLA
)

// CostLine is one line of a bill.
type CostLine struct {
	Name      string          `json:"name"`
	Quantity  decimal.Decimal `json:"quantity"`
	Unit      string          `json:"unit"`
	UnitPrice decimal.Decimal `json:"unit_price_usd"`
	Monthly   decimal.Decimal `json:"monthly_cost_usd"` // rounded to the cent
	Source    string          `json:"source,omitempty"` // price source URL
}

// Quote is the monthly price of one workload on one platform.
type Quote struct {
	Platform Platform
	Region   string
	// Priced is false when the table has no price for this platform in this region;
	// Note then says so and Monthly is zero but must never be shown as $0.
	Priced          bool
	Note            string
	Monthly         decimal.Decimal // sum of the rounded lines
	Lines           []CostLine
	Assumptions     []string        // every modelling assumption, one sentence each
	FreeTierSavings decimal.Decimal // what the free tier took off (zero when off)
}

// BreakEven says at what monthly volume the cheapest eligible function and the
// cheapest eligible container cost the same on one cloud.
type BreakEven struct {
	Cloud             string          `json:"cloud"`
	Kind              string          `json:"kind"` // crossover | functions-always | containers-always | not-applicable
	RequestsPerMonth  decimal.Decimal `json:"requests_per_month"`
	FunctionPlatform  string          `json:"function_platform,omitempty"`
	ContainerPlatform string          `json:"container_platform,omitempty"`
	Sentence          string          `json:"sentence"`
}

// platformIndex is the platform's position in Platforms (-1 if unknown).
func platformIndex(id string) int {
	for i := range Platforms {
		if Platforms[i].ID == id {
			return i
		}
	}
	return -1
}
