package report

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

// Mermaid diagrams. Node IDs are generated (n1, n2, ... for components, e1,
// e2, ... for the outside world), so no user text is ever an ID, a keyword or
// part of the syntax; labels are always double-quoted and escaped with
// MermaidLabel. Style lines carry no ";" so Mermaid's entity pre-pass leaves
// them alone.

// classDefs style the nodes by model. Colours follow GitHub's Primer palette
// and keep contrast in light and dark themes (the text colour is explicit).
var classDefs = []string{
	"classDef function fill:#fff8c5,stroke:#9a6700,color:#1f2328",
	"classDef container fill:#ddf4ff,stroke:#0969da,color:#1f2328",
	"classDef orchestrated fill:#fbefff,stroke:#8250df,color:#1f2328",
	"classDef unplaced fill:#ffebe9,stroke:#cf222e,color:#1f2328",
	"classDef external fill:#f6f8fa,stroke:#6e7781,color:#1f2328",
}

var gatewayService = map[string]string{"aws": "API Gateway", "azure": "API Management", "gcp": "API Gateway"}

// entryNodes name the outside world that triggers a component with no caller
// inside the architecture.
var entryNodes = map[string]string{
	"http":     "Clients",
	"queue":    "Queue",
	"event":    "Events",
	"stream":   "Stream",
	"schedule": "Schedule",
	"storage":  "Storage events",
	"manual":   "Manual runs",
}

// flowchart draws the architecture: one node per component styled by the model
// recommended on the primary cloud, its calls as edges (synchronous solid,
// asynchronous dashed and labelled with the primary cloud's messaging service),
// and the triggers that come from outside as grey stadium nodes.
func flowchart(a *Architecture) string {
	var b strings.Builder
	b.WriteString("flowchart LR\n")
	ids := map[string]string{}
	classes := map[string][]string{}
	for i, c := range a.Components {
		id := fmt.Sprintf("n%d", i+1)
		if _, dup := ids[c.Name]; !dup {
			ids[c.Name] = id
		}
		rec := c.Recommendation
		label := MermaidLabel(c.Name)
		if rec.Platform != "" {
			label += "<br/>" + MermaidLabel(a.catalog.PlatformName(rec.Platform))
			cost := money(rec.MonthlyCostUSD) + "/month"
			if rec.MonthlyCostUSD == nil || (c.Recommended != nil && !c.Recommended.Priced) {
				cost = result.NotPriced
			}
			label += "<br/>" + MermaidLabel(cost)
		} else {
			label += "<br/>" + MermaidLabel("no eligible platform on "+cloudName(a.Cloud))
		}
		fmt.Fprintf(&b, "  %s[\"%s\"]\n", id, label)
		cls := modelClass(rec.Model)
		classes[cls] = append(classes[cls], id)
	}

	// The outside world: one node per kind of trigger that nothing inside calls.
	entries := map[string]string{}
	var entryOrder []string
	var entryEdges []string
	for i, c := range a.Components {
		trigger := c.Trigger
		if trigger == "" {
			continue
		}
		public := trigger == "http" && c.Exposure == "public"
		if len(c.CalledBy) > 0 && !public {
			continue // triggered by its callers (an async call is its queue or event)
		}
		kind := trigger
		name := entryNodes[trigger]
		if trigger == "http" && !public {
			kind, name = "http-internal", "Internal clients"
		}
		if name == "" {
			continue
		}
		id, ok := entries[kind]
		if !ok {
			id = fmt.Sprintf("e%d", len(entries)+1)
			entries[kind] = id
			entryOrder = append(entryOrder, id)
			fmt.Fprintf(&b, "  %s([\"%s\"])\n", id, MermaidLabel(name))
		}
		edge := "-->"
		if public {
			edge = "-->|" + gatewayService[a.Cloud] + "|"
		}
		entryEdges = append(entryEdges, fmt.Sprintf("  %s %s n%d\n", id, edge, i+1))
	}
	for _, e := range entryEdges {
		b.WriteString(e)
	}
	for _, cl := range a.Calls {
		from, ok1 := ids[cl.From]
		to, ok2 := ids[cl.To]
		if !ok1 || !ok2 {
			continue
		}
		if cl.Mode == "async" {
			if cl.Service != "" {
				fmt.Fprintf(&b, "  %s -.->|%s| %s\n", from, cl.Service, to)
			} else {
				fmt.Fprintf(&b, "  %s -.-> %s\n", from, to)
			}
		} else {
			fmt.Fprintf(&b, "  %s --> %s\n", from, to)
		}
	}
	for _, d := range classDefs {
		b.WriteString("  " + d + "\n")
	}
	for _, cls := range []string{"function", "container", "orchestrated", "unplaced"} {
		if len(classes[cls]) > 0 {
			fmt.Fprintf(&b, "  class %s %s\n", strings.Join(classes[cls], ","), cls)
		}
	}
	if len(entryOrder) > 0 {
		fmt.Fprintf(&b, "  class %s external\n", strings.Join(entryOrder, ","))
	}
	return strings.TrimRight(b.String(), "\n")
}

// Chart colours: amber for the function, blue for the container (the same as
// the flowchart's classes).
const (
	functionColour  = "#bf8700"
	containerColour = "#0969da"
)

// chartWindow caps the chart at this multiple of today's traffic (the curve
// goes to 100x; beyond 10x the near-today part would be a flat line at the
// bottom of a linear axis). The break-even is always kept.
var chartWindow = decimal.NewFromInt(10)

// costChart draws the primary cloud's cost curve as a Mermaid xychart: monthly
// cost of the cheapest eligible function and container against monthly
// requests. The x axis is categorical (xychart has no numeric or log axis): the
// sampled volumes, roughly x3 apart, with today's traffic and the break-even
// labelled. "" when there is no curve.
func costChart(c *Component) string {
	pts, fn, ct := chartPoints(c)
	if len(pts) == 0 || (!fn && !ct) {
		return ""
	}
	var b strings.Builder
	var palette []string
	if fn {
		palette = append(palette, functionColour)
	}
	if ct {
		palette = append(palette, containerColour)
	}
	fmt.Fprintf(&b, "%%%%{init: {\"themeVariables\": {\"xyChart\": {\"plotColorPalette\": \"%s\"}}}}%%%%\n", strings.Join(palette, ", "))
	b.WriteString("xychart-beta\n")
	fmt.Fprintf(&b, "  title \"Monthly cost on %s by monthly requests\"\n", cloudName(c.Cloud))
	labels := make([]string, len(pts))
	for i, p := range pts {
		labels[i] = "\"" + pointLabel(c, p) + "\""
	}
	fmt.Fprintf(&b, "  x-axis \"Requests per month\" [%s]\n", strings.Join(labels, ", "))
	b.WriteString("  y-axis \"USD per month\"\n")
	series := func(get func(result.CurvePoint) *result.Money) {
		vals := make([]string, len(pts))
		for i, p := range pts {
			vals[i] = get(p).StringFixed(2)
		}
		fmt.Fprintf(&b, "  line [%s]\n", strings.Join(vals, ", "))
	}
	if fn {
		series(func(p result.CurvePoint) *result.Money { return p.FunctionUSD })
	}
	if ct {
		series(func(p result.CurvePoint) *result.Money { return p.ContainerUSD })
	}
	return strings.TrimRight(b.String(), "\n")
}

// chartPoints are the curve points drawn, and whether each side is complete.
func chartPoints(c *Component) ([]result.CurvePoint, bool, bool) {
	if c.Curve == nil {
		return nil, false, false
	}
	now := c.Curve.CurrentRequestsPerMonth.Decimal
	limit := now.Mul(chartWindow)
	if c.Break.Kind == "crossover" && c.Break.RequestsPerMonth.GreaterThan(limit) {
		limit = c.Break.RequestsPerMonth.Round(0)
	}
	var pts []result.CurvePoint
	for _, p := range c.Curve.Points {
		if now.IsPositive() && p.RequestsPerMonth.GreaterThan(limit) {
			continue
		}
		pts = append(pts, p)
	}
	fn := c.Curve.FunctionPlatform != ""
	ct := c.Curve.ContainerPlatform != ""
	for _, p := range pts {
		if p.FunctionUSD == nil {
			fn = false
		}
		if p.ContainerUSD == nil {
			ct = false
		}
	}
	return pts, fn, ct
}

// pointLabel names a sampled volume on the x axis.
func pointLabel(c *Component, p result.CurvePoint) string {
	v := p.RequestsPerMonth.Decimal
	label := count(v)
	switch {
	case c.Curve != nil && v.Equal(c.Curve.CurrentRequestsPerMonth.Decimal):
		label = "today " + label
	case c.Break.Kind == "crossover" && v.Equal(c.Break.RequestsPerMonth.Round(0)):
		label = "break-even " + label
	}
	return label
}

// curveRows are the points of the chart, labelled, for the data table under it.
func curveRows(c *Component) []CurveRow {
	if c.Curve == nil {
		return nil
	}
	out := make([]CurveRow, 0, len(c.Curve.Points))
	for _, p := range c.Curve.Points {
		r := CurveRow{Requests: p.RequestsPerMonth, Function: p.FunctionUSD, Container: p.ContainerUSD}
		v := p.RequestsPerMonth.Decimal
		switch {
		case v.Equal(c.Curve.CurrentRequestsPerMonth.Decimal):
			r.Mark = "today"
		case c.Break.Kind == "crossover" && v.Equal(c.Break.RequestsPerMonth.Round(0)):
			r.Mark = "break-even"
		}
		out = append(out, r)
	}
	return out
}

// CurveRow is one sampled volume of a cost curve, for tables.
type CurveRow struct {
	Requests  result.Number
	Function  *result.Money
	Container *result.Money
	Mark      string // "today", "break-even" or ""
}
