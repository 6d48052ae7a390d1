package render

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/hybridadvisor/hybridadvisor/advisor/result"
	"github.com/hybridadvisor/hybridadvisor/advisor/safetext"
)

// Markdown writes a compact summary for a pull-request comment or a CI job
// summary: the run's counts, one row per architecture (verdict, primary cloud,
// recommended monthly cost on each cloud, findings by severity), the cost diff and
// the gates when the run has them, then per architecture the components table
// (recommended model, platform and cost on the primary cloud). Every string that
// comes from a profile or a policy is escaped.
//
// The per-file parts are kept until End (the summary goes on top) but only up to
// the size limit: what does not fit is counted, not kept, so memory stays bounded.

type markdownStream struct {
	w        *safetext.Guard
	limit    int
	head     *result.Result
	rows     bytes.Buffer // overview table rows
	details  bytes.Buffer // per-architecture sections
	errs     bytes.Buffer // files that could not be scored
	clouds   []string
	archs    int
	shown    int
	omitted  int
	errCount int
	errShown int
}

// NewMarkdown returns a streaming Markdown summary writer.
func NewMarkdown(w io.Writer, o StreamOptions) Stream {
	limit := o.MarkdownLimit
	if limit <= 0 {
		limit = DefaultMarkdownLimit
	}
	return &markdownStream{w: safetext.GuardText(w, false), limit: limit}
}

func (m *markdownStream) Begin(h *result.Result) error {
	m.head = h
	m.clouds = h.Settings.Clouds
	if len(m.clouds) == 0 {
		m.clouds = result.Clouds
	}
	return nil
}

func (m *markdownStream) used() int { return m.rows.Len() + m.details.Len() + m.errs.Len() }

func (m *markdownStream) File(f *result.File) error {
	if f.Error != nil {
		m.errCount++
		var b strings.Builder
		errs := f.Errors
		if len(errs) == 0 {
			errs = []result.Error{*f.Error}
		}
		for _, e := range errs {
			fmt.Fprintf(&b, "- %s: %s\n", MarkdownCode(location(f.Path, e.Line, e.Column)), MarkdownText(e.Message))
		}
		if m.used()+b.Len() > m.limit {
			return nil
		}
		m.errShown++
		m.errs.WriteString(b.String())
		return nil
	}
	m.archs++
	a := f.Architecture
	var row, sec strings.Builder

	// Overview row.
	cloud := MarkdownText(a.Cloud)
	fmt.Fprintf(&row, "| %s<br>%s | %s | %s |", MarkdownText(a.Name), MarkdownCode(docPath(f.Path, f.Document)), verdictText(a), cloud)
	for _, c := range m.clouds {
		t, ok := a.Totals[c]
		switch {
		case !ok:
			row.WriteString(" - |")
		case c == a.Cloud:
			fmt.Fprintf(&row, " **%s** |", mdTotal(t.Recommended, t.Unpriced))
		default:
			fmt.Fprintf(&row, " %s |", mdTotal(t.Recommended, t.Unpriced))
		}
	}
	fmt.Fprintf(&row, " %s |\n", severityCounts(archFindings(a)))

	// Details.
	total := a.Totals[a.Cloud]
	fmt.Fprintf(&sec, "\n#### %s: %s on %s, %s/month\n\n", MarkdownText(a.Name), verdictText(a), cloud, mdTotal(total.Recommended, total.Unpriced))
	fmt.Fprintf(&sec, "%s", MarkdownCode(docPath(f.Path, f.Document)))
	if a.Regions[a.Cloud] != "" {
		fmt.Fprintf(&sec, " · region %s", MarkdownCode(a.Regions[a.Cloud]))
	}
	if !a.FreeTier {
		sec.WriteString(" · free tier not applied")
	}
	sec.WriteString("\n\n")
	fmt.Fprintf(&sec, "| Component | Model | Platform (%s) | /month | Findings |\n|---|---|---|--:|---|\n", cloud)
	for _, c := range a.Components {
		rec := c.Recommendation
		platform, cost := "no eligible platform", "-"
		if rec.Platform != "" {
			platform, cost = MarkdownCode(rec.Platform), mdUSD(rec.MonthlyCostUSD)
		}
		fmt.Fprintf(&sec, "| %s | %s | %s | %s | %s |\n", MarkdownText(c.Name), orDash(MarkdownText(rec.Model)), platform, cost, severityCounts(componentFindings(c)))
	}
	fmt.Fprintf(&sec, "\n| Per month | Recommended | All functions | All containers |\n|---|--:|--:|--:|\n")
	for _, c := range sortedClouds(a.Totals) {
		t := a.Totals[c]
		name := c
		if c == a.Cloud {
			name = "**" + c + "**"
		}
		fmt.Fprintf(&sec, "| %s | %s | %s | %s |\n", name, mdTotal(t.Recommended, t.Unpriced),
			mdTotal(t.AllFunctions, t.AllFunctionsUnpriced), mdTotal(t.AllContainers, t.AllContainersUnpriced))
	}
	for _, c := range sortedClouds(a.Totals) {
		if t := a.Totals[c]; !t.Complete() {
			fmt.Fprintf(&sec, "\n**Incomplete total on %s**: not priced: %s.\n", c, MarkdownText(result.PartsText(t.Unpriced)))
		}
	}
	notes := false
	for _, c := range sortedClouds(a.Totals) {
		for _, note := range a.Totals[c].Incomplete {
			if !notes {
				sec.WriteString("\nNotes on the totals:\n\n")
				notes = true
			}
			fmt.Fprintf(&sec, "- %s\n", MarkdownText(note))
		}
	}

	if m.used()+row.Len()+sec.Len() > m.limit {
		m.omitted++
		return nil
	}
	m.shown++
	m.rows.WriteString(row.String())
	m.details.WriteString(sec.String())
	return nil
}

func (m *markdownStream) End(t *result.Result) error {
	ew := &errWriter{w: m.w}
	sum := t.Summary
	ew.printf("## hybridadvisor\n\n")
	status := "✅"
	switch {
	case sum.Errors > 0:
		status = "⛔"
	case gatesFailed(t.Gates):
		status = "❌"
	}
	ew.printf("%s **%d architecture(s)** in %d file(s), %d component(s), %d error(s). Findings: %s",
		status, m.archs, sum.Files, sum.Components, sum.Errors, severityCounts(sum.Findings))
	if sum.Waived > 0 {
		ew.printf(" (%d waived)", sum.Waived)
	}
	ew.printf(".\n")

	if len(t.Gates) > 0 {
		ew.printf("\n**Gates**\n\n")
		for _, g := range t.Gates {
			mark := "✅"
			if !g.Passed {
				mark = "❌"
			} else if len(g.Warnings) > 0 {
				mark = "⚠️" // passed only because --allow-unpriced let unpriced parts through
			}
			ew.printf("- %s %s %s", mark, MarkdownCode("--"+g.Gate), MarkdownCode(g.Limit))
			notes := g.Failures
			if g.Passed {
				notes = g.Warnings
			}
			switch n := len(notes); {
			case n == 1:
				ew.printf(": %s", MarkdownText(notes[0].Message))
			case n > 1:
				ew.printf(": %s (and %d more)", MarkdownText(notes[0].Message), n-1)
			}
			ew.printf("\n")
		}
	}

	if m.archs > 0 {
		ew.printf("\n| Architecture | Verdict | Cloud |")
		for _, c := range m.clouds {
			ew.printf(" %s /month |", MarkdownText(strings.ToUpper(c)))
		}
		ew.printf(" Findings |\n|---|---|---|")
		for range m.clouds {
			ew.printf("--:|")
		}
		ew.printf("---|\n")
		ew.Write(m.rows.Bytes())
		ew.printf("\nThe primary cloud's recommended total is in bold: the cheapest cloud on which every component has a placement, unless `--cloud` chose one.\n")
	}

	if t.Diff != nil {
		writeMarkdownDiff(ew, t.Diff)
	}

	if m.errCount > 0 {
		ew.printf("\n**Files that could not be scored**\n\n")
		ew.Write(m.errs.Bytes())
		if n := m.errCount - m.errShown; n > 0 {
			ew.printf("- … and %d more\n", n)
		}
	}

	if m.shown > 0 {
		open := ""
		if m.shown <= 3 {
			open = " open"
		}
		ew.printf("\n<details%s><summary>Components of each architecture</summary>\n", open)
		ew.Write(m.details.Bytes())
		ew.printf("\n</details>\n")
	}
	if m.omitted > 0 {
		ew.printf("\n%d more architecture(s) not shown to keep this summary short; see the JSON, SARIF or table output.\n", m.omitted)
	}
	h := m.head
	if h == nil {
		h = t
	}
	ew.printf("\n<sub>Prices: %s, as of %s. %s %s.</sub>\n", MarkdownText(h.Pricing.Version), MarkdownText(h.Pricing.AsOf),
		MarkdownText(orDash(h.Tool.Name)), MarkdownText(h.Tool.Version))
	if ew.err != nil {
		return ew.err
	}
	return m.w.Flush()
}

const markdownDiffRows = 50

func writeMarkdownDiff(ew *errWriter, d *result.Diff) {
	ew.printf("\n**Cost change against %s** (prices %s, as of %s): %s\n", MarkdownCode(d.Baseline),
		MarkdownText(d.BaselinePricing.Version), MarkdownText(d.BaselinePricing.AsOf), diffCounts(d))
	if len(d.Totals) > 0 {
		ew.printf("\n| Total per month | Before | After | Change |\n|---|--:|--:|--:|\n")
		for _, c := range sortedCloudKeys(d.Totals) {
			ch := d.Totals[c]
			ew.printf("| %s | %s | %s | %s |\n", MarkdownText(c), usd(ch.Before), usd(ch.After), mdMoney(signedChange(ch)))
		}
	}
	if len(d.Architectures) == 0 {
		return
	}
	ew.printf("\n| Architecture | Component | Status | Before | After | Change |\n|---|---|---|---|---|--:|\n")
	rows := 0
	for _, a := range d.Architectures {
		if rows >= markdownDiffRows {
			break
		}
		rows++
		before, after := MarkdownText(a.BaselineCloud)+" "+usd(a.Cost.Before), MarkdownText(a.Cloud)+" "+usd(a.Cost.After)
		switch a.Status {
		case result.DiffAdded:
			before = "–"
		case result.DiffRemoved:
			after = "–"
		}
		ew.printf("| %s<br>%s | | %s | %s | %s | %s |\n", MarkdownText(a.Name), MarkdownCode(docPath(a.Path, a.Document)), MarkdownText(a.Status),
			before, after, mdMoney(signedChange(a.Cost)))
		for _, c := range a.Components {
			if rows >= markdownDiffRows {
				break
			}
			rows++
			ew.printf("| | %s | %s | %s | %s | %s |\n", MarkdownText(c.Name), MarkdownText(c.Status), markdownPlacement(c.Before), markdownPlacement(c.After), mdMoney(signedUSDOrUnknown(c.Delta)))
		}
	}
	total := 0
	for _, a := range d.Architectures {
		total += 1 + len(a.Components)
	}
	if total > rows {
		ew.printf("\n%d more row(s) of the diff are in the JSON output.\n", total-rows)
	}
}

func markdownPlacement(p *result.Placement) string {
	if p == nil {
		return "-"
	}
	if p.Platform == "" {
		return "no eligible platform"
	}
	return fmt.Sprintf("%s %s", MarkdownCode(p.Platform), mdUSD(p.MonthlyCostUSD))
}

func verdictText(a *result.Architecture) string {
	if a.Verdict == "" {
		return "-"
	}
	return MarkdownText(a.Verdict)
}

func gatesFailed(gs []result.Gate) bool {
	for _, g := range gs {
		if !g.Passed {
			return true
		}
	}
	return false
}

func componentFindings(c result.Component) map[string]int {
	n := map[string]int{}
	for _, f := range c.Findings {
		if f.Waived {
			n["waived"]++
		} else {
			n[f.Severity]++
		}
	}
	return n
}

func archFindings(a *result.Architecture) map[string]int {
	n := map[string]int{}
	for _, c := range a.Components {
		for k, v := range componentFindings(c) {
			n[k] += v
		}
	}
	return n
}

// severityCounts writes "2 high, 1 medium" (and "1 waived" when the map has a
// waived count), or "none".
func severityCounts(n map[string]int) string {
	var parts []string
	for _, sev := range append(append([]string{}, result.Severities...), "waived") {
		if v := n[sev]; v > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", v, sev))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// mdMoney escapes the "$" of amounts this package wrote.
func mdMoney(s string) string { return strings.ReplaceAll(s, "$", `\$`) }

// usd writes an amount for Markdown: \$1.50.
func usd(m result.Money) string { return `\` + result.DollarText(m.Decimal) }

// mdUSD is usd for an amount that may be unknown.
func mdUSD(m *result.Money) string { return mdMoney(result.FormatUSD(m)) }

// mdTotal is a total marked when it leaves out unpriced parts.
func mdTotal(m result.Money, unpriced []result.UnpricedPart) string {
	return mdMoney(result.FormatTotal(m, unpriced))
}
