package report

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

// Data is what a report template receives as its dot. Its shape is part of the
// report contract documented in docs/report.md: fields are only ever added.
type Data struct {
	// Title is --title, or a title made from the architectures' names.
	Title string
	// Date is the day the report was made (YYYY-MM-DD); waivers are judged against it.
	Date string
	// Command regenerates the report ("" when unknown).
	Command string
	// Settings are the run's settings and where each came from (empty when unknown).
	Settings []Setting
	// Result is the whole JSON result contract (schema_version 2), unchanged.
	Result *result.Result
	// Clouds are the evaluated clouds in canonical order.
	Clouds []string
	// Architectures are the scored architectures in result order, with views
	// that the result does not carry (calls, workload as modelled, savings).
	Architectures []*Architecture
	// Failed are the inputs that could not be read or scored.
	Failed []result.File
	// PriceTables describe the bundled price tables (empty when unknown).
	PriceTables []PriceTable
	// PriceSources are the sources cited by the cost lines of the recommended
	// options and their glue, per cloud in canonical order.
	PriceSources []SourceGroup
	// Limits describes the platform limits file and the limits cited by the
	// exclusions in this report.
	Limits Limits
	// Rules are the catalogue entries of every rule cited in the report, by ID.
	Rules []Rule
}

// PriceTable is one cloud's bundled price table.
type PriceTable struct {
	Cloud, Version, AsOf string
	Regions              []string
}

// SourceGroup lists sources for one cloud.
type SourceGroup struct {
	Cloud   string
	Sources []Source
}

// Source is one cited document.
type Source struct {
	URL  string
	AsOf string // "" when the citation gives no date
	// Cites says what it is the source of ("aws-lambda: Requests", "E-MEMORY on azure-functions-flex").
	Cites []string
}

// Limits describes data/limits.yaml.
type Limits struct {
	File string // "data/limits.yaml"
	AsOf string
	// Count is the number of limit entries in the file.
	Count int
	// Cited are the sources quoted by the exclusions in this report.
	Cited []Source
}

// Rule is the catalogue entry of a cited rule.
type Rule struct {
	ID, Kind, Title, Severity, Category string
}

// Architecture is one scored architecture. It embeds the result's
// architecture, so every field of the JSON contract is available by its Go name
// (.Name, .Verdict, .Totals, .VerdictReasons, .Assumptions ...). Components is
// shadowed by the richer views below; the result's own list is
// .Architecture.Components.
type Architecture struct {
	*result.Architecture
	Path     string // the input file ("example:shop" for embedded examples)
	Document int    // the YAML document in a multi-document file; 0 otherwise
	Index    int    // 0-based position in Data.Architectures
	// Components are the component views in result order.
	Components []*Component
	// Calls are the profile's call edges in profile order (not in the result).
	Calls []Call
	// Costs compare the recommended placement with the all-functions and
	// all-containers placements on each evaluated cloud, in canonical order.
	Costs []CloudCost
	// PrimaryWhy says why the primary cloud (.Cloud) is the primary.
	PrimaryWhy string
	// Workloads reports whether the result carries each component's workload
	// as modelled (a result saved by an older version does not) for the views that
	// need it (Calls, Component.Workload).
	Workloads bool
	// Defaults are the assumptions other than those shown in the workload
	// table, grouped: one entry per field, value and reason.
	Defaults []DefaultGroup
	// Marked explains the values marked as assumed in the workload table: one
	// entry per column and reason, with the components it applies to.
	Marked []DefaultGroup
	// RequiresDefaulted is true when some requires.* flags were defaulted to false.
	RequiresDefaulted bool
	// HoursPerMonth is the billing month used (730 unless the profile says otherwise).
	HoursPerMonth string
	// FreeTierSource says where the free-tier choice came from.
	FreeTierSource string
	// Areas summarise the open findings by practice area.
	Areas []Area
	// Open and Waived count the findings of all components.
	Open, Waived int
	// OpenBySeverity counts open findings per severity (every severity present).
	OpenBySeverity map[string]int

	catalog *result.Catalog // names platforms in diagrams
}

// Call is one edge of the call graph, from the profile.
type Call struct {
	From, To string
	Mode     string // sync | async
	Line     int
	// Service carries an async call on the primary cloud (SQS, Service Bus, Pub/Sub).
	Service string
}

// CloudCost is one cloud's totals with the savings worked out.
type CloudCost struct {
	Cloud   string
	Region  string
	Primary bool
	Verdict string
	result.Totals
	// SavingVsFunctions is AllFunctions - Recommended (negative when the
	// recommended placement costs more); the percent is of AllFunctions.
	SavingVsFunctions     result.Money
	SavingVsFunctionsPct  string // "65.9%", "" when AllFunctions is zero
	SavingVsContainers    result.Money
	SavingVsContainersPct string
}

// Component is one component's view. It embeds the result's component, so
// every field of the JSON contract is available (.Name, .Recommendation,
// .PerCloud, .Options, .BreakEven, .Curves, .Findings ...).
type Component struct {
	*result.Component
	Index int
	// Arch is the architecture the component belongs to.
	Arch *Architecture
	// Cloud is the architecture's primary cloud, for which the fields below are given.
	Cloud string
	// Recommended is the recommended option on the primary cloud (nil when none).
	Recommended *result.Option
	// Glue is the queue and egress cost on the primary cloud (nil when none).
	Glue *result.Option
	// Cheapest is the cheapest eligible priced option on the primary cloud.
	Cheapest *result.Option
	// Break is the break-even on the primary cloud.
	Break result.BreakEven
	// Curve is the cost curve on the primary cloud (nil without curves).
	Curve *result.CostCurve
	// Against are the preference rules that favoured another model than the one recommended.
	Against []result.Preference
	// Excluded counts the ineligible options on all evaluated clouds.
	Excluded int
	// OpenFindings are the findings not waived; WaivedFindings the waived ones.
	OpenFindings, WaivedFindings []result.Finding
	// Calls are the component's outgoing calls; CalledBy its incoming ones.
	Calls, CalledBy []Call
	// Workload is the component as modelled (nil when the profile was not available).
	Workload *Workload
}

// Workload is a component's load and shape as modelled: what the profile
// said, with every default filled in.
type Workload struct {
	// Requests is the monthly volume as a number (RequestsPerMonth.Text is formatted).
	Requests          result.Number
	Trigger           Value
	RequestsPerMonth  Value
	RequestsPerSecond Value
	PeakPerSecond     Value
	Pattern           Value
	AvgDuration       Value
	MaxDuration       Value
	MemoryMB          Value
	VCPU              Value
	Concurrency       Value
	Arch              Value
	State             Value
	MinInstances      Value
	Exposure          Value
}

// Value is one modelled value and whether the tool assumed it.
type Value struct {
	Text    string
	Assumed bool
	Why     string // the reason when Assumed
}

// DefaultGroup is one assumption shared by several components.
type DefaultGroup struct {
	Field      string   // "execution.ephemeral_storage_mb", or the architecture-level path
	Value      string   // as it would be written in YAML
	Why        string   // one sentence
	Components []string // empty for architecture-level assumptions
}

// Area is the open findings of one practice area of the framework.
type Area struct {
	Name       string // "Observability"
	Practice   string // what the framework asks, one phrase
	Categories []string
	Open       int
	Highest    string // the most severe open finding ("" when none)
	Rules      []string
	Components []string
}

// Options shape a report.
type Options struct {
	// Title replaces the default title.
	Title string
	// Today is the report's date; zero means now.
	Today time.Time
	// Command is printed as the way to regenerate the report.
	Command string
	// Settings are printed as the run's settings with their sources (optional).
	Settings []Setting
	// Template is the text of a text/template replacing the embedded default;
	// TemplateName names it in error messages.
	Template, TemplateName string
}

var asyncService = map[string]string{"aws": "SQS", "azure": "Service Bus", "gcp": "Pub/Sub"}

// Setting is one run setting, its value and its source ("flag --cloud",
// "config .hybridadvisor.yaml", "default", "tui").
type Setting struct{ Name, Value, Source string }

// Build assembles the template data from the result alone. The price tables,
// the limits file and the rule titles come from res.Catalog
// (advisor.AddCatalog); without it those sections are empty.
func Build(res *result.Result, opts Options) *Data {
	today := opts.Today
	if today.IsZero() {
		today = time.Now()
	}
	d := &Data{Title: opts.Title, Date: today.Format(time.DateOnly), Command: opts.Command, Settings: opts.Settings, Result: res}
	d.Clouds = append(d.Clouds, res.Settings.Clouds...)
	if len(d.Clouds) == 0 {
		d.Clouds = append(d.Clouds, result.Clouds...)
	}
	var names []string
	for _, f := range res.Files {
		if f.Error != nil || f.Architecture == nil {
			d.Failed = append(d.Failed, f)
			continue
		}
		a := buildArchitecture(f, res, len(d.Architectures))
		d.Architectures = append(d.Architectures, a)
		names = append(names, f.Architecture.Name)
	}
	if d.Title == "" {
		switch {
		case len(names) == 1:
			d.Title = "Placement report: " + names[0]
		case len(names) > 1:
			d.Title = "Placement report: " + strings.Join(names, ", ")
		default:
			d.Title = "Placement report"
		}
	}
	d.Limits = Limits{File: "data/limits.yaml"}
	if cat := res.Catalog; cat != nil {
		for _, t := range cat.PriceTables {
			d.PriceTables = append(d.PriceTables, PriceTable{Cloud: t.Cloud, Version: t.Version, AsOf: t.AsOf, Regions: t.Regions})
		}
		d.Limits = Limits{File: cat.Limits.File, AsOf: cat.Limits.AsOf, Count: cat.Limits.Count}
		for _, r := range cat.Rules {
			d.Rules = append(d.Rules, Rule{ID: r.ID, Kind: r.Kind, Title: r.Title, Severity: r.Severity, Category: r.Category})
		}
	}
	d.PriceSources, d.Limits.Cited = sources(d)
	return d
}

func buildArchitecture(f result.File, res *result.Result, index int) *Architecture {
	ra := f.Architecture
	a := &Architecture{Architecture: ra, Path: f.Path, Document: f.Document, Index: index, Workloads: true,
		HoursPerMonth: "730", OpenBySeverity: map[string]int{}, catalog: res.Catalog}
	for _, c := range ra.Components {
		if c.Workload == nil {
			a.Workloads = false // a result saved by an older version
		}
	}
	for _, s := range result.Severities {
		a.OpenBySeverity[s] = 0
	}
	clouds := res.Settings.Clouds
	if len(clouds) == 0 {
		clouds = result.Clouds
	}
	assumed := map[string]result.Assumption{}
	for _, as := range ra.Assumptions {
		assumed[as.Path] = as
	}
	if as, ok := assumed["assumptions.hours_per_month"]; ok {
		a.HoursPerMonth = as.Value
	} else if ra.HoursPerMonth > 0 {
		a.HoursPerMonth = fmt.Sprint(ra.HoursPerMonth)
	}
	switch ft := assumed["assumptions.free_tier"]; {
	case res.Settings.FreeTier != nil && res.Settings.Sources["free_tier"] == "tui":
		a.FreeTierSource = "set in the TUI"
	case res.Settings.FreeTier != nil:
		a.FreeTierSource = "set by --free-tier"
	case ft.Path != "" && strings.HasPrefix(ft.Message, "default from "):
		a.FreeTierSource = "the " + ft.Message // "the default from config PATH"
	case ft.Path != "":
		a.FreeTierSource = "the default"
	default:
		a.FreeTierSource = "as written in the profile"
	}

	for _, c := range ra.Components {
		for _, call := range c.Calls {
			cl := Call{From: c.Name, To: call.To, Mode: call.Mode, Line: call.Line}
			if call.Mode == "async" {
				cl.Service = asyncService[ra.Cloud]
			}
			a.Calls = append(a.Calls, cl)
		}
	}

	for i := range ra.Components {
		rc := &ra.Components[i]
		c := &Component{Component: rc, Index: i, Arch: a, Cloud: ra.Cloud}
		rec := rc.PerCloud[ra.Cloud]
		for j := range rc.Options {
			o := &rc.Options[j]
			if !o.Eligible {
				c.Excluded++
			}
			if o.Cloud != ra.Cloud {
				continue
			}
			if o.Platform == rec.Platform && rec.Platform != "" {
				c.Recommended = o
			}
			if o.Eligible && o.Priced && o.MonthlyCostUSD != nil && (c.Cheapest == nil || o.MonthlyCostUSD.LessThan(c.Cheapest.MonthlyCostUSD.Decimal)) {
				c.Cheapest = o
			}
		}
		if g, ok := rc.Glue[ra.Cloud]; ok {
			g := g
			c.Glue = &g
		}
		c.Break = rc.BreakEven[ra.Cloud]
		if cv, ok := rc.Curves[ra.Cloud]; ok {
			cv := cv
			c.Curve = &cv
		}
		for _, p := range rc.Preferences {
			if p.Model != rec.Model && (p.Cloud == "" || p.Cloud == ra.Cloud) {
				c.Against = append(c.Against, p)
			}
		}
		for _, fd := range rc.Findings {
			if fd.Waived {
				c.WaivedFindings = append(c.WaivedFindings, fd)
				a.Waived++
			} else {
				c.OpenFindings = append(c.OpenFindings, fd)
				a.Open++
				a.OpenBySeverity[fd.Severity]++
			}
		}
		for _, cl := range a.Calls {
			if cl.From == rc.Name {
				c.Calls = append(c.Calls, cl)
			}
			if cl.To == rc.Name {
				c.CalledBy = append(c.CalledBy, cl)
			}
		}
		if rc.Workload != nil {
			c.Workload = workloadOf(rc.Workload)
		}
		a.Components = append(a.Components, c)
	}

	for _, cloud := range clouds {
		t, ok := ra.Totals[cloud]
		if !ok {
			continue
		}
		cc := CloudCost{Cloud: cloud, Region: ra.Regions[cloud], Primary: cloud == ra.Cloud, Verdict: ra.Verdicts[cloud], Totals: t}
		cc.SavingVsFunctions, cc.SavingVsFunctionsPct = saving(t.AllFunctions, t.Recommended)
		cc.SavingVsContainers, cc.SavingVsContainersPct = saving(t.AllContainers, t.Recommended)
		a.Costs = append(a.Costs, cc)
	}
	a.PrimaryWhy = primaryWhy(a, clouds)
	a.Defaults, a.RequiresDefaulted = groupDefaults(ra, a.Workloads)
	a.Marked = marked(a)
	a.Areas = areas(a)
	return a
}

func saving(alt, rec result.Money) (result.Money, string) {
	s := alt.Sub(rec.Decimal)
	if !alt.IsPositive() {
		return result.USD(s), ""
	}
	return result.USD(s), s.Div(alt.Decimal).Mul(decimal.NewFromInt(100)).StringFixed(1) + "%"
}

func primaryWhy(a *Architecture, clouds []string) string {
	if len(clouds) == 1 {
		return "the only cloud evaluated"
	}
	placed := func(cloud string) int {
		n := 0
		for _, c := range a.Architecture.Components {
			if c.PerCloud[cloud].Platform != "" {
				n++
			}
		}
		return n
	}
	unpriced := func(cloud string) int { return len(a.Totals[cloud].Unpriced) }
	cheapest, fewerUnpriced := true, false
	for _, cl := range clouds {
		if cl != a.Cloud && a.Totals[cl].Recommended.LessThan(a.Totals[a.Cloud].Recommended.Decimal) {
			cheapest = false
			if placed(cl) == placed(a.Cloud) && unpriced(cl) > unpriced(a.Cloud) {
				fewerUnpriced = true // cheaper only by leaving out more unpriced parts
			}
		}
	}
	incomplete := ""
	if n := unpriced(a.Cloud); n > 0 {
		incomplete = fmt.Sprintf("; its total leaves out %d unpriced part(s)", n)
	}
	switch {
	case cheapest:
		return "the cloud where the recommended placement costs least" + incomplete
	case fewerUnpriced:
		return fmt.Sprintf("the cheapest of the clouds with the fewest unpriced parts (%d), as a missing price is not a saving%s", unpriced(a.Cloud), incomplete)
	}
	return fmt.Sprintf("the cheapest of the clouds that place the most components (%d of %d)%s", placed(a.Cloud), len(a.Architecture.Components), incomplete)
}

// workloadOf formats the workload the result says was modelled.
func workloadOf(w *result.Workload) *Workload {
	v := func(rv result.Value, text string) Value {
		return Value{Text: text, Assumed: rv.Assumed, Why: rv.Why}
	}
	num := func(rv result.Value) decimal.Decimal {
		d, _ := decimal.NewFromString(rv.Value)
		return d
	}
	dur := func(rv result.Value) string {
		d, _ := time.ParseDuration(rv.Value)
		return duration(d)
	}
	return &Workload{
		Requests:          result.Num(num(w.RequestsPerMonth)),
		Trigger:           v(w.Trigger, w.Trigger.Value),
		RequestsPerMonth:  v(w.RequestsPerMonth, groupDigits(w.RequestsPerMonth.Value)),
		RequestsPerSecond: v(w.RequestsPerSecond, sig(num(w.RequestsPerSecond))),
		PeakPerSecond:     v(w.PeakRequestsPerSecond, sig(num(w.PeakRequestsPerSecond))),
		Pattern:           v(w.Pattern, w.Pattern.Value),
		AvgDuration:       v(w.AvgDuration, dur(w.AvgDuration)),
		MaxDuration:       v(w.MaxDuration, dur(w.MaxDuration)),
		MemoryMB:          v(w.MemoryMB, groupDigits(w.MemoryMB.Value)),
		VCPU:              v(w.VCPU, w.VCPU.Value),
		Concurrency:       v(w.Concurrency, w.Concurrency.Value),
		Arch:              v(w.Arch, w.Arch.Value),
		State:             v(w.State, w.State.Value),
		MinInstances:      v(w.MinInstances, w.MinInstances.Value),
		Exposure:          v(w.Exposure, w.Exposure.Value),
	}
}

// marked groups the reasons for the assumed values of the workload table.
func marked(a *Architecture) []DefaultGroup {
	var out []DefaultGroup
	index := map[string]int{}
	for _, c := range a.Components {
		w := c.Workload
		if w == nil {
			continue
		}
		for _, col := range []struct {
			name string
			v    Value
		}{
			{"Trigger", w.Trigger}, {"Requests/month", w.RequestsPerMonth}, {"Avg req/s", w.RequestsPerSecond},
			{"Peak req/s", w.PeakPerSecond}, {"Pattern", w.Pattern}, {"Avg duration", w.AvgDuration},
			{"Max duration", w.MaxDuration}, {"Memory", w.MemoryMB}, {"vCPU", w.VCPU},
			{"Concurrency", w.Concurrency}, {"Arch", w.Arch}, {"State", w.State},
		} {
			if !col.v.Assumed {
				continue
			}
			key := col.name + "\x00" + col.v.Why
			if i, ok := index[key]; ok {
				out[i].Components = append(out[i].Components, c.Name)
				continue
			}
			index[key] = len(out)
			out = append(out, DefaultGroup{Field: col.name, Why: col.v.Why, Components: []string{c.Name}})
		}
	}
	rank := map[string]int{}
	for i, n := range []string{"Trigger", "Requests/month", "Avg req/s", "Peak req/s", "Pattern", "Avg duration",
		"Max duration", "Memory", "vCPU", "Concurrency", "Arch", "State"} {
		rank[n] = i
	}
	sort.SliceStable(out, func(i, j int) bool { return rank[out[i].Field] < rank[out[j].Field] })
	return out
}

// tableFields are shown in the workload table, so the defaults list skips them.
var tableFields = map[string]bool{
	"trigger": true, "traffic.requests_per_month": true, "traffic.requests_per_second": true,
	"traffic.peak_requests_per_second": true, "traffic.pattern": true, "execution.avg_duration": true,
	"execution.max_duration": true, "execution.memory_mb": true, "execution.vcpu": true,
	"execution.concurrency": true, "execution.arch": true, "state": true, "execution.min_instances": true,
	"security.exposure": true,
}

var componentPath = regexp.MustCompile(`^components\[(\d+)\]\.(.+)$`)

// groupDefaults groups the assumptions by field, value and reason, skipping the
// requires.* flags defaulted to false and (when the workload table is shown)
// the fields it shows.
func groupDefaults(ra *result.Architecture, table bool) ([]DefaultGroup, bool) {
	var out []DefaultGroup
	index := map[string]int{}
	requires := false
	for _, as := range ra.Assumptions {
		field, comp := as.Path, ""
		if m := componentPath.FindStringSubmatch(as.Path); m != nil {
			var i int
			fmt.Sscan(m[1], &i)
			if i < len(ra.Components) {
				comp = ra.Components[i].Name
			}
			field = m[2]
			if strings.HasPrefix(field, "requires.") && as.Value == "false" {
				requires = true
				continue
			}
			if table && tableFields[field] {
				continue
			}
		} else if as.Path == "assumptions.free_tier" || as.Path == "assumptions.hours_per_month" {
			continue // stated in the run-wide list
		}
		key := field + "\x00" + as.Value + "\x00" + as.Message
		if i, ok := index[key]; ok {
			if comp != "" {
				out[i].Components = append(out[i].Components, comp)
			}
			continue
		}
		g := DefaultGroup{Field: field, Value: as.Value, Why: as.Message}
		if comp != "" {
			g.Components = []string{comp}
		}
		index[key] = len(out)
		out = append(out, g)
	}
	return out, requires
}

// practiceAreas map the framework's best practices for hybrid architectures to
// the categories of the security rules.
var practiceAreas = []Area{
	{Name: "Identity", Practice: "least-privilege roles per component, identity propagated across services", Categories: []string{"identity"}},
	{Name: "Network isolation", Practice: "private networking and no needless public exposure", Categories: []string{"network"}},
	{Name: "Secrets", Practice: "centralised secret storage with rotation", Categories: []string{"secrets"}},
	{Name: "Data and compliance", Practice: "data governance across functions and containers", Categories: []string{"data"}},
	{Name: "Communication and resilience", Practice: "asynchronous messaging, idempotent consumers, dead-letter queues", Categories: []string{"resilience"}},
	{Name: "Observability", Practice: "distributed tracing, unified logging, health checks and alarms", Categories: []string{"observability"}},
	{Name: "Supply chain and runtime", Practice: "scanned, signed, pinned artefacts on supported runtimes", Categories: []string{"supply-chain", "runtime"}},
	{Name: "Cost and governance", Practice: "cost allocation, budgets and current waivers", Categories: []string{"cost", "governance"}},
}

func areas(a *Architecture) []Area {
	out := make([]Area, 0, len(practiceAreas)+1)
	byCat := map[string]int{}
	for i, p := range practiceAreas {
		p.Categories = append([]string(nil), p.Categories...)
		out = append(out, p)
		for _, c := range p.Categories {
			byCat[c] = i
		}
	}
	other := -1
	for _, c := range a.Components {
		for _, f := range c.OpenFindings {
			i, ok := byCat[f.Category]
			if !ok {
				if other < 0 {
					out = append(out, Area{Name: "Other", Practice: "rules outside the areas above"})
					other = len(out) - 1
				}
				i = other
			}
			ar := &out[i]
			ar.Open++
			if ar.Highest == "" || result.SeverityRank(f.Severity) < result.SeverityRank(ar.Highest) {
				ar.Highest = f.Severity
			}
			ar.Rules = appendUnique(ar.Rules, f.Rule)
			ar.Components = appendUnique(ar.Components, c.Name)
		}
	}
	for i := range out {
		sort.Strings(out[i].Rules)
	}
	return out
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// citation matches the source at the end of a limit-based message:
// "... (note; https://example.com/x, as of 2026-11-25)".
var citation = regexp.MustCompile(`(https?://[^\s,;()]+)(?:, as of (\d{4}-\d{2}-\d{2}))?\)\s*$`)

// splitCitation separates a rule message from the source it cites at its end.
// The short message drops the trailing parenthesis that holds the URL (and the
// note before it).
func splitCitation(msg string) (short, url, asOf string) {
	m := citation.FindStringSubmatchIndex(msg)
	if m == nil {
		return msg, "", ""
	}
	url = msg[m[2]:m[3]]
	if m[4] >= 0 {
		asOf = msg[m[4]:m[5]]
	}
	// Find the "(" that opens the final parenthesis.
	depth := 0
	open := -1
	for i := len(msg) - 1; i >= 0; i-- {
		switch msg[i] {
		case ')':
			depth++
		case '(':
			depth--
			if depth == 0 {
				open = i
			}
		}
		if open >= 0 {
			break
		}
	}
	if open <= 0 {
		return msg, url, asOf
	}
	return strings.TrimSpace(msg[:open]), url, asOf
}

func sources(d *Data) ([]SourceGroup, []Source) {
	prices := map[string]map[string]*Source{}
	limits := map[string]*Source{}
	addPrice := func(cloud, u, what string) {
		if u == "" {
			return
		}
		if prices[cloud] == nil {
			prices[cloud] = map[string]*Source{}
		}
		s := prices[cloud][u]
		if s == nil {
			s = &Source{URL: u}
			prices[cloud][u] = s
		}
		s.Cites = appendUnique(s.Cites, what)
	}
	addLimit := func(u, asOf, what string) {
		if u == "" {
			return
		}
		s := limits[u]
		if s == nil {
			s = &Source{URL: u, AsOf: asOf}
			limits[u] = s
		}
		s.Cites = appendUnique(s.Cites, what)
	}
	for _, a := range d.Architectures {
		for _, c := range a.Components {
			for _, o := range []*result.Option{c.Recommended, c.Glue} {
				if o == nil {
					continue
				}
				for _, l := range o.CostLines {
					addPrice(o.Cloud, l.Source, o.Platform+": "+l.Name)
				}
			}
			for _, o := range c.Options {
				for _, r := range o.ExcludedBy {
					_, u, asOf := splitCitation(r.Message)
					if limitSource(d.Result.Catalog, u) {
						addLimit(u, asOf, r.Rule+" on "+o.Platform)
					}
				}
			}
		}
	}
	var groups []SourceGroup
	for _, cloud := range d.Clouds {
		if len(prices[cloud]) == 0 {
			continue
		}
		g := SourceGroup{Cloud: cloud}
		for _, s := range prices[cloud] {
			g.Sources = append(g.Sources, *s)
		}
		sort.Slice(g.Sources, func(i, j int) bool { return g.Sources[i].URL < g.Sources[j].URL })
		groups = append(groups, g)
	}
	var cited []Source
	for _, s := range limits {
		cited = append(cited, *s)
	}
	sort.Slice(cited, func(i, j int) bool { return cited[i].URL < cited[j].URL })
	return groups, cited
}
