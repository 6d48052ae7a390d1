package result

// Diff compares this run's monthly costs with a saved result (score --compare-to).
// Architectures are matched by file path and document number, or by name when the
// path is not in the baseline and the name is unique there (a renamed file).
type Diff struct {
	// Baseline is the file compared against, as given on the command line.
	Baseline        string      `json:"baseline"`
	BaselinePricing PricingInfo `json:"baseline_pricing"`
	// Totals sums, per cloud, the recommended placement of every architecture
	// present in either run (an added one counts from 0, a removed one to 0).
	Totals    map[string]CostChange `json:"totals"`
	Added     int                   `json:"added"`
	Removed   int                   `json:"removed"`
	Changed   int                   `json:"changed"`
	Unchanged int                   `json:"unchanged"`
	// Architectures lists those added, removed or changed (unchanged ones are only
	// counted): this run's in input order, then the removed ones in baseline order.
	Architectures []ArchitectureDiff `json:"architectures"`
}

// Diff statuses.
const (
	DiffAdded   = "added"
	DiffRemoved = "removed"
	DiffChanged = "changed"
)

// CostChange is a monthly amount before and after. Percent is the change relative
// to Before, rounded to one decimal, and null when Before is zero.
type CostChange struct {
	Before  Money   `json:"before"`
	After   Money   `json:"after"`
	Delta   Money   `json:"delta"`
	Percent *Number `json:"percent"`
	// Incomplete is set when Before or After leaves out unpriced parts: the
	// change is then not the whole story.
	Incomplete bool `json:"incomplete,omitempty"`
}

// ArchitectureDiff is the change of one architecture's costs.
type ArchitectureDiff struct {
	Path     string `json:"path"`
	Document int    `json:"document,omitempty"`
	Name     string `json:"name"`
	Status   string `json:"status"`
	// Cloud is this run's primary cloud (the baseline's for a removed architecture);
	// BaselineCloud the baseline's ("" for an added one).
	Cloud         string `json:"cloud"`
	BaselineCloud string `json:"baseline_cloud,omitempty"`
	// Cost is the recommended total on Cloud, before and after.
	Cost       CostChange            `json:"cost"`
	PerCloud   map[string]CostChange `json:"per_cloud"`
	Components []ComponentDiff       `json:"components"`
}

// ComponentDiff is the change of one component's placement on the architecture's
// primary cloud (Cloud of its ArchitectureDiff). Before is null for an added
// component, After for a removed one. Delta is null when a side present is not
// priced: the change is then unknown.
type ComponentDiff struct {
	Name   string     `json:"name"`
	Status string     `json:"status"`
	Before *Placement `json:"before"`
	After  *Placement `json:"after"`
	Delta  *Money     `json:"delta"`
}

// Placement is where a component runs on one cloud and what it costs there
// (null when it is not priced).
type Placement struct {
	Model          string `json:"model"`
	Platform       string `json:"platform"`
	MonthlyCostUSD *Money `json:"monthly_cost_usd"`
}

// Gate names.
const (
	GateFailOn          = "fail-on"
	GateMaxMonthlyCost  = "max-monthly-cost"
	GateMaxCostIncrease = "max-cost-increase"
)

// Gate is one pass/fail check the run was asked for (a flag or the config file).
// Exit code 1 means at least one gate failed and nothing was an error.
type Gate struct {
	Gate     string        `json:"gate"`
	Limit    string        `json:"limit"` // as given: "high", "500", "aws=500", "10%"
	Passed   bool          `json:"passed"`
	Failures []GateFailure `json:"failures,omitempty"`
	// Warnings are what the gate could not judge but was told to let pass
	// (--allow-unpriced: a total with unpriced parts).
	Warnings []GateFailure `json:"warnings,omitempty"`
}

// GateFailure is one thing over a gate's limit, with a one-line explanation that
// says by how much.
type GateFailure struct {
	Path         string `json:"path,omitempty"`
	Document     int    `json:"document,omitempty"`
	Architecture string `json:"architecture,omitempty"`
	Cloud        string `json:"cloud,omitempty"`
	Message      string `json:"message"`
}
