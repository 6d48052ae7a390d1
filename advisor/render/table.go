package render

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/charmbracelet/lipgloss"
	"github.com/shopspring/decimal"

	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

// TableOptions shape the human-readable output.
type TableOptions struct {
	Color bool // ANSI styling; off when not a TTY or NO_COLOR is set
	// Verbose adds every preference rule and every exclusion reason.
	Verbose bool
	// Width is the width to fit: the terminal's, or DefaultWidth (0) when not a terminal.
	// Sentences wrap at word boundaries, so a figure never breaks; the components table
	// shortens platform IDs and models, then names (with an ellipsis), before it would wrap.
	Width int
}

// DefaultWidth is the table's width when the output is not a terminal.
const DefaultWidth = 100

type styles struct {
	title, heading, dim, ok, bad lipgloss.Style
	sev                          map[string]lipgloss.Style
}

func newStyles(color bool) styles {
	if !color {
		plain := lipgloss.NewStyle()
		return styles{plain, plain, plain, plain, plain, map[string]lipgloss.Style{}}
	}
	st := colorRenderer().NewStyle
	return styles{
		title:   st().Bold(true).Foreground(lipgloss.AdaptiveColor{Light: "#1d4ed8", Dark: "#93c5fd"}),
		heading: st().Bold(true),
		dim:     st().Faint(true),
		ok:      st().Foreground(lipgloss.AdaptiveColor{Light: "#15803d", Dark: "#86efac"}),
		bad:     st().Foreground(lipgloss.AdaptiveColor{Light: "#b91c1c", Dark: "#fca5a5"}),
		sev: map[string]lipgloss.Style{
			"critical": st().Bold(true).Foreground(lipgloss.AdaptiveColor{Light: "#991b1b", Dark: "#f87171"}),
			"high":     st().Foreground(lipgloss.AdaptiveColor{Light: "#c2410c", Dark: "#fb923c"}),
			"medium":   st().Foreground(lipgloss.AdaptiveColor{Light: "#a16207", Dark: "#facc15"}),
			"low":      st().Foreground(lipgloss.AdaptiveColor{Light: "#1d4ed8", Dark: "#93c5fd"}),
			"info":     st().Faint(true),
		},
	}
}

// Table writes the human-readable report of a whole result; it drives the
// streaming table writer so the two can never differ.
func Table(w io.Writer, r *result.Result, opts TableOptions) error {
	t := newTableStream(w, StreamOptions{Options: Options{Color: opts.Color, Verbose: opts.Verbose, Width: opts.Width}})
	for i := range r.Files {
		if err := t.File(&r.Files[i]); err != nil {
			return err
		}
	}
	return t.End(r)
}

func findingCounts(s result.Summary) string {
	var parts []string
	for _, sev := range result.Severities {
		if n := s.Findings[sev]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, sev))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// findingFile is the file a finding is in: its own when it names one (a
// profile imported on the fly from several files), else the result's.
func findingFile(path, file string) string {
	if file != "" {
		return Clean(file)
	}
	return path
}

func location(path string, line, col int) string {
	switch {
	case line > 0 && col > 0:
		return fmt.Sprintf("%s:%d:%d", path, line, col)
	case line > 0:
		return fmt.Sprintf("%s:%d", path, line)
	}
	return path
}

func writeArchitecture(ew *errWriter, s styles, path string, a *result.Architecture, opts TableOptions) {
	clouds := sortedClouds(a.Totals)
	ew.printf("%s  %s\n", s.title.Render(Clean(a.Name)), s.dim.Render(path))
	if a.Description != "" {
		ew.printf("%s\n", Clean(a.Description))
	}
	width := opts.Width
	if width <= 0 {
		width = DefaultWidth
	}
	verdict := fmt.Sprintf("Verdict: %s on %s (%s)", Clean(a.Verdict), Clean(a.Cloud), Clean(a.Regions[a.Cloud]))
	var others []string
	for _, c := range clouds {
		if c != a.Cloud {
			others = append(others, fmt.Sprintf("%s %s", c, Clean(a.Verdicts[c])))
		}
	}
	if len(others) > 0 {
		verdict += "; " + strings.Join(others, ", ")
	}
	verdict += ". Free tier " + onOff(a.FreeTier) + "."
	ew.printf("%s\n", s.heading.Render(wrap(verdict, width, 0)))
	for _, rs := range a.VerdictReasons[a.Cloud] {
		ew.printf("  %s %s\n", s.dim.Render(Clean(rs.Rule)), wrap(Clean(rs.Message), width, 3+len(Clean(rs.Rule))))
	}

	ew.printf("\n")
	writeComponents(ew, a, clouds, width)
	if !addsUp(a) {
		ew.printf("  %s\n", s.dim.Render(wrap("The components do not add up to the totals: a free tier counts once per account, and glue (queues, egress) and shared fees (load balancers, clusters) are in the totals only.", width, 2)))
	}
	ew.printf("\n")
	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', tabwriter.AlignRight)
	if width >= 92 {
		fmt.Fprintln(tw, "TOTAL /MONTH\tRECOMMENDED\tALL FUNCTIONS\tALL CONTAINERS\tOF WHICH GLUE\tFREE TIER SAVED\t")
	} else {
		fmt.Fprintln(tw, "TOTAL\tRECOMMENDED\tALL FN\tALL CTR\tGLUE\tFREE TIER\t")
	}
	for _, cloud := range clouds {
		t := a.Totals[cloud]
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t\n", cloud, result.FormatTotal(t.Recommended, t.Unpriced),
			result.FormatTotal(t.AllFunctions, t.AllFunctionsUnpriced), result.FormatTotal(t.AllContainers, t.AllContainersUnpriced),
			result.DollarText(t.Glue.Decimal), result.DollarText(t.FreeTierSavings.Decimal))
	}
	tw.Flush()
	for _, cloud := range clouds {
		if t := a.Totals[cloud]; !t.Complete() {
			ew.printf("  %s %s\n", s.bad.Render("incomplete:"), wrap("the "+cloud+" totals leave out what is not priced: "+Clean(result.PartsText(t.Unpriced)), width, 14))
		}
	}
	for _, cloud := range clouds {
		for _, note := range a.Totals[cloud].Incomplete {
			ew.printf("  %s %s\n", s.dim.Render("note:"), wrap(Clean(note), width, 8))
		}
	}

	ew.printf("\n%s\n", s.heading.Render("Why"))
	for _, c := range a.Components {
		rec := c.Recommendation
		ew.printf("%s -> %s on %s", s.heading.Render(Clean(c.Name)), orDash(Clean(rec.Model)), orDash(Clean(rec.Platform)))
		if rec.Platform != "" {
			if rec.Priced {
				ew.printf(" (%s/month)", cost(rec))
			} else {
				ew.printf(" (%s)", cost(rec))
			}
		}
		at := fmt.Sprintf("line %d", c.Line)
		if c.File != "" {
			at = Clean(c.File) + ":" + strconv.Itoa(c.Line)
		}
		ew.printf("  %s\n", s.dim.Render(at))
		weights := preferenceWeights(c, a.Cloud)
		for _, rs := range rec.Reasons {
			msg := Clean(rs.Message)
			if w, ok := weights[rs.Rule+"\x00"+rs.Message]; ok && opts.Verbose {
				msg = fmt.Sprintf("(+%g) %s", w, msg)
			}
			ew.printf("  %-18s %s\n", Clean(rs.Rule), wrap(msg, width, 21))
		}
		if opts.Verbose {
			verboseWhy(ew, s, c, a.Cloud)
			continue
		}
		var excluded []string
		for _, o := range c.Options {
			if o.Eligible {
				continue
			}
			rules := make([]string, 0, len(o.ExcludedBy))
			for _, ex := range o.ExcludedBy {
				rules = append(rules, Clean(ex.Rule))
			}
			excluded = append(excluded, fmt.Sprintf("%s (%s)", Clean(o.Platform), strings.Join(rules, ", ")))
		}
		if len(excluded) > 0 {
			ew.printf("  %s %s\n", s.bad.Render("excluded:"), wrap(strings.Join(excluded, "; "), width, 12))
		}
		if be, ok := c.BreakEven[a.Cloud]; ok && be.Sentence != "" {
			ew.printf("  %s %s\n", s.dim.Render("break-even:"), wrap(Clean(be.Sentence), width, 14))
		}
	}

	var active, waived int
	for _, c := range a.Components {
		for _, f := range c.Findings {
			if f.Waived {
				waived++
			} else {
				active++
			}
		}
	}
	if active+waived == 0 {
		return
	}
	ew.printf("\n%s\n", s.heading.Render("Findings"))
	for _, c := range a.Components {
		for _, f := range c.Findings {
			label := fmt.Sprintf("%-8s", strings.ToUpper(Clean(f.Severity)))
			if st, ok := s.sev[f.Severity]; ok {
				label = st.Render(label)
			}
			loc := location(findingFile(path, f.File), f.Line, f.Column)
			// the message starts on the location's line and wraps under the rule, at column 9
			used := 8 + 1 + max(9, utf8.RuneCountInString(Clean(f.Rule))) + 1 + utf8.RuneCountInString(loc) + 1
			ew.printf("%s %-9s %s %s\n", label, Clean(f.Rule), s.dim.Render(loc), wrapFrom(Clean(f.Message), width, used, 9))
			if f.Waived {
				ew.printf("         %s\n", wrap("waived until "+Clean(f.WaiverExpires)+": "+Clean(f.WaiverReason), width, 9))
			} else if f.Remediation != "" && opts.Verbose {
				ew.printf("         %s\n", wrap("fix: "+Clean(f.Remediation), width, 9))
			}
		}
	}
}

// cost is a recommendation's monthly cost, or "not priced" when the region has
// no price for it (never a silent $0.00).
func cost(rec result.Recommendation) string {
	if !rec.Priced {
		return result.NotPriced
	}
	return result.FormatUSD(rec.MonthlyCostUSD)
}

func sortedClouds(m map[string]result.Totals) []string {
	var out []string
	for _, c := range result.Clouds {
		if _, ok := m[c]; ok {
			out = append(out, c)
		}
	}
	return out
}

func onOff(b bool) string {
	if b {
		return "applied"
	}
	return "not applied"
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// errWriter keeps the first write error so rendering code stays linear.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

func (e *errWriter) printf(format string, args ...any) {
	fmt.Fprintf(e, format, args...)
}

// preferenceWeights maps "rule\x00message" of the preferences that count on cloud to their
// weight, so -v shows each reason once, with its weight.
func preferenceWeights(c result.Component, cloud string) map[string]float64 {
	out := make(map[string]float64, len(c.Preferences))
	for _, p := range c.Preferences {
		if p.Cloud == "" || p.Cloud == cloud {
			out[p.Rule+"\x00"+p.Message] = p.Weight
		}
	}
	return out
}

// verboseWhy is the rest of a component's -v explanation on the primary cloud, after the
// recommendation's reasons: every other option with why it lost (its model's score and
// preferences, or the limits that exclude it), then the recommendation's cost lines and
// assumptions, as an Infracost breakdown shows them.
func verboseWhy(ew *errWriter, s styles, c result.Component, cloud string) {
	rec := c.Recommendation
	scores := c.CloudScores[cloud]
	prefsOf := map[string][]string{}
	for _, p := range c.Preferences {
		if p.Cloud == "" || p.Cloud == cloud {
			prefsOf[p.Model] = append(prefsOf[p.Model], fmt.Sprintf("%s +%g", Clean(p.Rule), p.Weight))
		}
	}
	lost := false
	for _, o := range c.Options {
		if o.Cloud != cloud || o.Platform == rec.Platform {
			continue
		}
		if !lost {
			ew.printf("  %s\n", s.dim.Render("not chosen on "+Clean(cloud)+":"))
			lost = true
		}
		price := result.NotPriced
		if o.Priced {
			price = result.FormatUSD(o.MonthlyCostUSD)
		}
		head := fmt.Sprintf("    %-24s %-22s %10s  ", Clean(o.Platform), Clean(o.Model), price)
		switch {
		case !o.Eligible:
			rules := make([]string, 0, len(o.ExcludedBy))
			for _, ex := range o.ExcludedBy {
				rules = append(rules, Clean(ex.Rule)+": "+Clean(ex.Message))
			}
			ew.printf("%s%s %s\n", head, s.bad.Render("excluded"), strings.Join(rules, "; "))
		case o.Model == rec.Model:
			ew.printf("%scosts more than %s within the same model\n", head, Clean(rec.Platform))
		default:
			why := "no preference"
			if ps := prefsOf[o.Model]; len(ps) > 0 {
				why = strings.Join(ps, ", ")
			}
			ew.printf("%sscore %g against %g (%s; cost as D-COST says)\n", head, scores[o.Model], scores[rec.Model], why)
		}
	}
	for _, o := range c.Options {
		if o.Platform != rec.Platform || !o.Priced {
			continue
		}
		ew.printf("  %s\n", s.dim.Render("cost of "+Clean(o.Platform)+":"))
		for _, l := range o.CostLines {
			ew.printf("    %-44s %14s %-16s x %-12s %10s\n", Clean(l.Name), l.Quantity.String(), Clean(l.Unit), "$"+l.UnitPriceUSD.String(), result.DollarText(l.MonthlyCostUSD.Decimal))
		}
		for _, as := range o.Assumptions {
			ew.printf("    %s %s\n", s.dim.Render("assumes"), Clean(as))
		}
	}
}

// wrap breaks text at spaces so that no line is longer than width, counting indent columns
// before the first line (where the caller has printed a label) and indenting the others by as
// much. A word longer than the room is left whole: figures and IDs never break.
func wrap(text string, width, indent int) string {
	return wrapFrom(text, width, indent, indent)
}

// wrapFrom is wrap when the first line already holds used columns and the others are indented
// by indent. A first word that does not fit after used starts on the next line.
func wrapFrom(text string, width, used, indent int) string {
	width = max(width, indent+20) // never narrower than 20 columns of text
	var b strings.Builder
	col := used
	for i, w := range strings.Fields(text) {
		n := utf8.RuneCountInString(w)
		switch {
		case i > 0 && col+1+n > width, i == 0 && col+n > width && col > indent:
			b.WriteString("\n" + strings.Repeat(" ", indent))
			col = indent
		case i > 0:
			b.WriteByte(' ')
			col++
		}
		b.WriteString(w)
		col += n
	}
	return b.String()
}

// writeComponents writes the components table, fitted to width: the MODEL column is the
// primary cloud's (its header says which); when the natural table is wider than width, the
// platform IDs lose their cloud prefix (the column names the cloud), then the models take
// their short names (fn, ctr, k8s, with a legend), then component names are cut with an
// ellipsis. Figures are never cut.
func writeComponents(ew *errWriter, a *result.Architecture, clouds []string, width int) {
	short := map[string]string{"function": "fn", "serverless-container": "ctr", "orchestrated-container": "k8s"}
	aliases := false
	build := func(stripCloud, shortModel bool, nameMax int) [][]string {
		header := []string{"COMPONENT", "MODEL (" + strings.ToUpper(Clean(a.Cloud)) + ")"}
		for _, c := range clouds {
			header = append(header, strings.ToUpper(c)+" /MONTH")
		}
		rows := [][]string{header}
		for _, c := range a.Components {
			name := Clean(c.Name)
			if nameMax > 0 && utf8.RuneCountInString(name) > nameMax {
				name = string([]rune(name)[:nameMax-1]) + "…"
			}
			model := orDash(Clean(c.Recommendation.Model))
			if m, ok := short[model]; ok && shortModel {
				model = m
			}
			row := []string{name, model}
			for _, cloud := range clouds {
				rec := c.PerCloud[cloud]
				if rec.Platform == "" {
					row = append(row, "none eligible")
					continue
				}
				p := Clean(rec.Platform)
				if stripCloud {
					p = strings.TrimPrefix(p, cloud+"-")
				}
				if a, ok := platformAliases[p]; ok && aliases {
					p = a
				}
				row = append(row, p+" "+cost(rec))
			}
			rows = append(rows, row)
		}
		return rows
	}
	tableWidth := func(rows [][]string) int {
		widths := make([]int, len(rows[0]))
		for _, r := range rows {
			for i, cell := range r {
				widths[i] = max(widths[i], utf8.RuneCountInString(cell))
			}
		}
		total := 0
		for _, w := range widths {
			total += w + 2
		}
		return total - 2
	}
	rows := build(false, false, 0)
	legend := false
	if tableWidth(rows) > width {
		rows = build(true, false, 0)
	}
	if tableWidth(rows) > width {
		rows, legend = build(true, true, 0), true
	}
	if tableWidth(rows) > width {
		aliases = true
		rows = build(true, true, 0)
	}
	for nameMax := 24; tableWidth(rows) > width && nameMax >= 8; nameMax -= 4 {
		rows = build(true, true, nameMax)
	}
	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
	for _, r := range rows {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	tw.Flush()
	if legend {
		ew.printf("  models: fn function, ctr serverless container, k8s orchestrated container\n")
	}
}

// platformAliases are the shortest platform names, for a components table at 80 columns.
var platformAliases = map[string]string{
	"functions-flex": "flex", "functions-premium": "premium", "container-apps": "aca",
	"cloud-run-functions": "run-fn", "gke-autopilot": "autopilot",
}

// addsUp reports whether the components' costs on every cloud sum to that cloud's recommended
// total (then the table needs no note saying why they do not).
func addsUp(a *result.Architecture) bool {
	for cloud, t := range a.Totals {
		var sum decimal.Decimal
		for _, c := range a.Components {
			if r := c.PerCloud[cloud]; r.Priced && r.MonthlyCostUSD != nil {
				sum = sum.Add(r.MonthlyCostUSD.Decimal)
			}
		}
		if !sum.Equal(t.Recommended.Decimal) {
			return false
		}
	}
	return true
}
