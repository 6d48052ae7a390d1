// Package result holds the JSON result contract (schema_version 2). Every output
// format renders from these types; field order and slice order are deterministic.
package result

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/hybridadvisor/hybridadvisor/data"
)

// SchemaVersion is bumped on any incompatible change to the JSON shape. Version 2
// writes the cost of an unpriced option or recommendation as null (version 1 wrote
// 0) and lists the unpriced parts of each total; Upgrade reads version 1.
const SchemaVersion = 2

// Severities from most to least severe.
var Severities = data.Severities

// SeverityRank returns 0 for critical up to 4 for info, and -1 for an unknown name.
func SeverityRank(s string) int {
	for i, v := range Severities {
		if v == s {
			return i
		}
	}
	return -1
}

// Result is the whole output of one run.
type Result struct {
	SchemaVersion int         `json:"schema_version"`
	Tool          Tool        `json:"tool"`
	Pricing       PricingInfo `json:"pricing"`
	Settings      Settings    `json:"settings"`
	Files         []File      `json:"files"`
	Summary       Summary     `json:"summary"`
	// Diff and Gates are set only when asked for (--compare-to, gate flags); see diff.go.
	Diff  *Diff  `json:"diff,omitempty"`
	Gates []Gate `json:"gates,omitempty"`
	// Catalog is set only for views (reports); see catalog.go.
	Catalog *Catalog `json:"catalog,omitempty"`
}

// Tool names the program that wrote the result.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// PricingInfo identifies the price tables used.
type PricingInfo struct {
	Version string `json:"version"`
	AsOf    string `json:"as_of"`
}

// Settings echoes the run-wide choices that shaped the numbers.
type Settings struct {
	Clouds   []string `json:"clouds"`
	FreeTier *bool    `json:"free_tier_override,omitempty"` // set when --free-tier was given
	// Sources says where each run setting came from ("clouds", "free_tier",
	// "regions.aws", "pricing", ...): "flag --x", "config PATH", "default" or
	// "tui"; a profile's own region or free tier wins over config and default
	// (its assumptions record it). Absent in results of older versions.
	Sources map[string]string `json:"sources,omitempty"`
}

// File is one YAML document of one input file (a multi-document file yields several,
// each with the same path and its own document number), or one file that failed.
type File struct {
	Path         string        `json:"path"`
	Document     int           `json:"document,omitempty"`
	Error        *Error        `json:"error"`
	Errors       []Error       `json:"errors,omitempty"` // every error found, Error is the first
	Architecture *Architecture `json:"architecture,omitempty"`
}

// Error is a problem with an input, at its place in the file when known.
type Error struct {
	Message string `json:"message"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
}

// Architecture is the advice for one architecture.
type Architecture struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	// Cloud is the primary cloud: the one asked for, or the cheapest for the
	// recommended placement. Verdict and each component's recommendation are for it.
	Cloud          string              `json:"cloud"`
	Verdict        string              `json:"verdict"`
	Verdicts       map[string]string   `json:"verdicts"`
	VerdictReasons map[string][]Reason `json:"verdict_reasons,omitempty"`
	Regions        map[string]string   `json:"regions"`
	FreeTier       bool                `json:"free_tier"`
	// HoursPerMonth is the billing month used (absent in results of older versions).
	HoursPerMonth int               `json:"hours_per_month,omitempty"`
	Components    []Component       `json:"components"`
	Totals        map[string]Totals `json:"totals"`
	Assumptions   []Assumption      `json:"assumptions"`
}

// Assumption is a value the tool filled in or a modelling choice it made.
type Assumption struct {
	Path    string `json:"path,omitempty"`
	Value   string `json:"value,omitempty"`
	Message string `json:"message"`
}

// Component is the advice for one component.
type Component struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Line        int    `json:"line"`
	Column      int    `json:"column"`
	// File is set when the component is declared in another file than the
	// result's path (a draft imported on the fly from several files).
	File     string `json:"file,omitempty"`
	Trigger  string `json:"trigger"`
	Exposure string `json:"exposure"`
	// Workload is the component as modelled (absent in results of older versions).
	Workload       *Workload                 `json:"workload,omitempty"`
	Calls          []Call                    `json:"calls"`
	Recommendation Recommendation            `json:"recommendation"`
	PerCloud       map[string]Recommendation `json:"per_cloud"`
	Scores         map[string]float64        `json:"scores"`
	// CloudScores are the scores per cloud that decided PerCloud: Scores with the
	// container fallback and the cost term (see docs/decision-framework.md).
	CloudScores map[string]map[string]float64 `json:"cloud_scores,omitempty"`
	Preferences []Preference                  `json:"preferences"`
	Options     []Option                      `json:"options"`
	Glue        map[string]Option             `json:"glue,omitempty"`
	BreakEven   map[string]BreakEven          `json:"break_even"`
	// Curves is filled only when asked for (reports, the TUI): monthly cost against
	// monthly requests for the cheapest eligible function and container per cloud.
	Curves   map[string]CostCurve `json:"curves,omitempty"`
	Findings []Finding            `json:"findings"`
}

// CostCurve samples the monthly cost of the cheapest eligible function and the
// cheapest eligible container of one cloud at several monthly volumes.
type CostCurve struct {
	FunctionPlatform  string `json:"function_platform,omitempty"`
	ContainerPlatform string `json:"container_platform,omitempty"`
	// CurrentRequestsPerMonth is the component's traffic today.
	CurrentRequestsPerMonth Number       `json:"current_requests_per_month"`
	Points                  []CurvePoint `json:"points"`
}

// CurvePoint is one sampled volume. A side without an eligible platform is null.
type CurvePoint struct {
	RequestsPerMonth Number `json:"requests_per_month"`
	FunctionUSD      *Money `json:"function_usd"`
	ContainerUSD     *Money `json:"container_usd"`
}

// Call is an edge of the architecture's call graph, as written in the profile.
type Call struct {
	To   string `json:"to"`
	Mode string `json:"mode"` // sync | async
	Line int    `json:"line"`
}

// Recommendation is the model and platform chosen on one cloud.
type Recommendation struct {
	Model    string `json:"model"`
	Platform string `json:"platform"`
	Cloud    string `json:"cloud"`
	// MonthlyCostUSD is nil (null) when Priced is false.
	MonthlyCostUSD *Money `json:"monthly_cost_usd"`
	// Priced is false when the platform has no price in the region (or there is
	// no platform): the cost is then unknown, not zero.
	Priced  bool     `json:"priced"`
	Reasons []Reason `json:"reasons"`
}

// Reason is a rule that fired, with its sentence.
type Reason struct {
	Rule    string `json:"rule"`
	Message string `json:"message"`
}

// Preference is a preference rule that fired: it adds Weight to Model's score.
type Preference struct {
	Rule    string  `json:"rule"`
	Model   string  `json:"model"`
	Weight  float64 `json:"weight"`
	Message string  `json:"message"`
	// Cloud is set when the rule is judged per cloud (D-STATELESS-SHORT, D-LONG-RUNNING): it
	// counts on that cloud only.
	Cloud string `json:"cloud,omitempty"`
}

// Option is one platform priced for the component.
type Option struct {
	Platform           string     `json:"platform"`
	Cloud              string     `json:"cloud"`
	Model              string     `json:"model"`
	Region             string     `json:"region"`
	Eligible           bool       `json:"eligible"`
	ExcludedBy         []Reason   `json:"excluded_by"`
	Priced             bool       `json:"priced"`
	Note               string     `json:"note,omitempty"`
	MonthlyCostUSD     *Money     `json:"monthly_cost_usd"` // nil (null) when not Priced
	FreeTierSavingsUSD Money      `json:"free_tier_savings_usd"`
	CostLines          []CostLine `json:"cost_lines"`
	Assumptions        []string   `json:"assumptions,omitempty"`
}

// CostLine is one line of an option's monthly bill.
type CostLine struct {
	Name           string `json:"name"`
	Quantity       Number `json:"quantity"`
	Unit           string `json:"unit"`
	UnitPriceUSD   Number `json:"unit_price_usd"`
	MonthlyCostUSD Money  `json:"monthly_cost_usd"`
	Source         string `json:"source,omitempty"`
}

// BreakEven is where the cheapest function and the cheapest container cost the same.
type BreakEven struct {
	Kind              string `json:"kind"`
	RequestsPerMonth  Number `json:"requests_per_month"`
	FunctionPlatform  string `json:"function_platform,omitempty"`
	ContainerPlatform string `json:"container_platform,omitempty"`
	Sentence          string `json:"sentence"`
}

// Finding is a security, observability, resilience or governance rule that fired.
type Finding struct {
	Rule          string `json:"rule"`
	Severity      string `json:"severity"`
	Category      string `json:"category,omitempty"`
	Title         string `json:"title"`
	Message       string `json:"message"`
	Remediation   string `json:"remediation"`
	Line          int    `json:"line"`
	Column        int    `json:"column"`
	Path          string `json:"path,omitempty"`
	Waived        bool   `json:"waived,omitempty"`
	WaiverReason  string `json:"waiver_reason,omitempty"`
	WaiverExpires string `json:"waiver_expires,omitempty"`
	// File is set when the finding is in another file than the result's path:
	// a profile imported on the fly from several files points at the source.
	File string `json:"file,omitempty"`
}

// Totals are an architecture's monthly cost on one cloud.
type Totals struct {
	Recommended   Money `json:"recommended"`
	AllFunctions  Money `json:"all_functions"`
	AllContainers Money `json:"all_containers"`
	// Glue (queues, internet egress) is included in each total above; front doors count with the platforms.
	Glue            Money `json:"glue"`
	FreeTierSavings Money `json:"free_tier_savings"`
	// Incomplete explains totals that leave something out (a component with no
	// eligible function, an unpriced platform); empty when every component is counted.
	Incomplete []string `json:"incomplete,omitempty"`
	// Unpriced lists the parts of the recommended placement that have no price:
	// Recommended leaves them out, so it is a lower bound, not the cost.
	// AllFunctionsUnpriced and AllContainersUnpriced do the same for those totals.
	Unpriced              []UnpricedPart `json:"unpriced,omitempty"`
	AllFunctionsUnpriced  []UnpricedPart `json:"all_functions_unpriced,omitempty"`
	AllContainersUnpriced []UnpricedPart `json:"all_containers_unpriced,omitempty"`
}

// UnpricedPart is a component's platform (or its glue) that a total counts
// without a price.
type UnpricedPart struct {
	Component string `json:"component"`
	Platform  string `json:"platform"`
	Note      string `json:"note,omitempty"`
}

// String is "component on platform".
func (p UnpricedPart) String() string { return p.Component + " on " + p.Platform }

// Complete reports whether the recommended total has a price for every part.
func (t Totals) Complete() bool { return len(t.Unpriced) == 0 }

// NotPriced is how an unknown cost is shown, in every format.
const NotPriced = "not priced"

// FormatUSD is "$1,234.56", or "not priced" for a nil amount.
func FormatUSD(m *Money) string {
	if m == nil {
		return NotPriced
	}
	return DollarText(m.Decimal)
}

// DollarText is the one money format of human-readable outputs: "$1,234.56", "-$0.25".
func DollarText(d decimal.Decimal) string {
	sign := ""
	if d.IsNegative() {
		sign, d = "-", d.Neg()
	}
	whole, frac, _ := strings.Cut(d.StringFixed(2), ".")
	b := make([]byte, 0, len(whole)+len(whole)/3+4)
	for i := range len(whole) {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, whole[i])
	}
	return sign + "$" + string(b) + "." + frac
}

// FormatTotal is a total with the mark of its unpriced parts: "$12.34", or
// "$12.34 + not priced" when parts are left out (the amount is then a lower bound).
func FormatTotal(m Money, unpriced []UnpricedPart) string {
	if len(unpriced) == 0 {
		return DollarText(m.Decimal)
	}
	return DollarText(m.Decimal) + " + " + NotPriced
}

// PartsText names unpriced parts: "inference on aws-eks, api on aws-glue".
func PartsText(parts []UnpricedPart) string {
	var b []byte
	for i, p := range parts {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, p.String()...)
	}
	return string(b)
}

// PriceOf wraps a priced amount, or returns nil when it is not priced.
func PriceOf(d decimal.Decimal, priced bool) *Money {
	if !priced {
		return nil
	}
	m := Money{d}
	return &m
}

// Summary counts what the run saw.
type Summary struct {
	Files      int            `json:"files"`
	Components int            `json:"components"`
	Errors     int            `json:"errors"`
	Findings   map[string]int `json:"findings"`
	Waived     int            `json:"waived"`
}

// Money is a USD amount shown to the cent. It marshals as a JSON number.
type Money struct{ decimal.Decimal }

// MarshalJSON writes the amount as a number with exactly two decimals.
func (m Money) MarshalJSON() ([]byte, error) {
	return appendCents(make([]byte, 0, 24), m.Decimal), nil
}

// UnmarshalJSON reads a number (used by reformat and baselines) within the
// bounds of ParseNumber.
func (m *Money) UnmarshalJSON(b []byte) error {
	d, err := ParseNumber(b)
	if err != nil {
		return typeError(b, reflect.TypeFor[Money]())
	}
	m.Decimal = d
	return nil
}

// Number is an exact decimal that marshals as a JSON number without rounding.
type Number struct{ decimal.Decimal }

// MarshalJSON writes the exact value as a number.
func (n Number) MarshalJSON() ([]byte, error) {
	return appendExact(make([]byte, 0, 24), n.Decimal), nil
}

// UnmarshalJSON reads a number within the bounds of ParseNumber.
func (n *Number) UnmarshalJSON(b []byte) error {
	d, err := ParseNumber(b)
	if err != nil {
		return typeError(b, reflect.TypeFor[Number]())
	}
	n.Decimal = d
	return nil
}

// typeError reports a value Money or Number cannot take as encoding/json
// reports a mismatched type, so that the error carries the field's path. A
// number's Value is "number " and its literal (cut at 40 bytes).
func typeError(b []byte, t reflect.Type) error {
	v := "number " + string(b)
	switch {
	case len(b) == 0:
		v = "nothing"
	case b[0] == '"':
		v = "string"
	case b[0] == '{':
		v = "object"
	case b[0] == '[':
		v = "array"
	case b[0] == 't' || b[0] == 'f':
		v = "bool"
	case len(v) > 47:
		v = v[:47]
	}
	return &json.UnmarshalTypeError{Value: v, Type: t}
}

// NumberError is a JSON value that Money or Number cannot take.
type NumberError struct{ Msg string }

func (e *NumberError) Error() string { return e.Msg }

// ParseNumber reads the JSON literal of a Money or Number: a number (not a
// string; null leaves zero) below 10^30 in magnitude with at most 40 decimals.
// A saved result is read back from anywhere, and an amount such as 1e10000
// would print as ten thousand digits in every format.
func ParseNumber(b []byte) (decimal.Decimal, error) {
	s := string(b)
	switch {
	case s == "null":
		return decimal.Zero, nil
	case len(s) > 0 && s[0] == '"':
		return decimal.Zero, &NumberError{"want a number, found a string"}
	case len(s) > 100:
		return decimal.Zero, &NumberError{fmt.Sprintf("number %.20s... is out of range (at most 30 digits before the point and 40 after)", s)}
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Zero, &NumberError{fmt.Sprintf("want a number, found %.40s", s)}
	}
	if d.IsZero() {
		return decimal.Zero, nil
	}
	if exp := int(d.Exponent()); exp < -40 || d.NumDigits()+exp > 30 {
		return decimal.Zero, &NumberError{fmt.Sprintf("number %s is out of range (at most 30 digits before the point and 40 after)", s)}
	}
	return d, nil
}

// USD wraps a decimal as Money.
func USD(d decimal.Decimal) Money { return Money{d} }

// Num wraps a decimal as Number.
func Num(d decimal.Decimal) Number { return Number{d} }

// Summarise recomputes Summary from Files. Files counts distinct paths; waived
// findings are counted apart and never by severity.
func (r *Result) Summarise() {
	s := Summary{Findings: map[string]int{}}
	for _, sev := range Severities {
		s.Findings[sev] = 0
	}
	paths := map[string]bool{}
	for _, f := range r.Files {
		paths[f.Path] = true
		if f.Error != nil {
			s.Errors++
		}
		if f.Architecture == nil {
			continue
		}
		for _, c := range f.Architecture.Components {
			s.Components++
			for _, fd := range c.Findings {
				if fd.Waived {
					s.Waived++
				} else {
					s.Findings[fd.Severity]++
				}
			}
		}
	}
	s.Files = len(paths)
	r.Summary = s
}
