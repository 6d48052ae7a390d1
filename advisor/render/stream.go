package render

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/hybridadvisor/hybridadvisor/advisor/result"
	"github.com/hybridadvisor/hybridadvisor/advisor/safetext"
)

// Stream renders a result one file at a time, so a batch of any size is written
// while memory holds one file's result (plus what a format must keep to the end,
// such as SARIF's rule list). Calls come in order: Begin, File for each file in
// input order, End.
type Stream interface {
	// Begin writes what precedes the files. head carries the run's metadata
	// (schema version, tool, pricing, settings); its Files are empty.
	Begin(head *result.Result) error
	// File writes one file's result.
	File(f *result.File) error
	// End writes what follows the files. tail carries the Summary and, when asked
	// for, the Diff and Gates; its Files are not to be used.
	End(tail *result.Result) error
}

// StreamOptions are shared by every streaming format; each uses what applies to it.
type StreamOptions struct {
	Options
	// FailOn is the severity at or above which an unwaived finding fails its
	// component's test case (junit). Empty means high.
	FailOn string
	// StepSummary, when set, receives a Markdown summary (github; the CLI opens
	// $GITHUB_STEP_SUMMARY for appending).
	StepSummary io.Writer
	// MarkdownLimit caps the Markdown output in bytes, near enough; details that do
	// not fit are left out and counted. 0 means DefaultMarkdownLimit.
	MarkdownLimit int
}

// DefaultMarkdownLimit keeps a Markdown summary under GitHub's 65,536-character
// limit for comments and step summaries' display.
const DefaultMarkdownLimit = 60000

var streamFormats = map[string]func(io.Writer, StreamOptions) Stream{
	"json":     func(w io.Writer, _ StreamOptions) Stream { return newJSONStream(w) },
	"table":    func(w io.Writer, o StreamOptions) Stream { return newTableStream(w, o) },
	"sarif":    func(w io.Writer, o StreamOptions) Stream { return NewSARIF(w, o) },
	"junit":    func(w io.Writer, o StreamOptions) Stream { return NewJUnit(w, o) },
	"github":   func(w io.Writer, o StreamOptions) Stream { return NewGitHub(w, o) },
	"markdown": func(w io.Writer, o StreamOptions) Stream { return NewMarkdown(w, o) },
}

// NewStream returns a streaming writer of the named format.
func NewStream(format string, w io.Writer, opts StreamOptions) (Stream, error) {
	f, ok := streamFormats[format]
	if !ok {
		return nil, fmt.Errorf("unknown output format %q", format)
	}
	return f(w, opts), nil
}

// RenderStream drives s over a whole result.
func RenderStream(s Stream, r *result.Result) error {
	head := *r
	head.Files, head.Summary, head.Diff, head.Gates = []result.File{}, result.Summary{}, nil, nil
	if err := s.Begin(&head); err != nil {
		return err
	}
	for i := range r.Files {
		if err := s.File(&r.Files[i]); err != nil {
			return err
		}
	}
	return s.End(r)
}

// streamWriter adapts a streaming format to the whole-result Writer registry.
func streamWriter(newStream func(io.Writer, StreamOptions) Stream) Writer {
	return func(w io.Writer, r *result.Result, o Options) error {
		so := StreamOptions{Options: o}
		for _, g := range r.Gates { // a saved result remembers its --fail-on
			if g.Gate == result.GateFailOn {
				so.FailOn = g.Limit
			}
		}
		return RenderStream(newStream(w, so), r)
	}
}

// jsonStream writes exactly what JSON writes for the whole result.
type jsonStream struct {
	g     *safetext.Guard
	w     *errWriter
	buf   jsonScratch
	files int
}

func newJSONStream(w io.Writer) *jsonStream {
	g := safetext.GuardJSON(w)
	return &jsonStream{g: g, w: &errWriter{w: g}}
}

func (s *jsonStream) field(name string, v any, first bool) error {
	b, err := indented(&s.buf, v, "  ")
	if err != nil {
		return err
	}
	if !first {
		s.w.printf(",")
	}
	s.w.printf("\n  %q: %s", name, b)
	return s.w.err
}

func (s *jsonStream) Begin(h *result.Result) error {
	s.w.printf("{")
	for i, f := range []struct {
		name string
		v    any
	}{{"schema_version", h.SchemaVersion}, {"tool", h.Tool}, {"pricing", h.Pricing}, {"settings", h.Settings}} {
		if err := s.field(f.name, f.v, i == 0); err != nil {
			return err
		}
	}
	s.w.printf(",\n  \"files\": [")
	return s.w.err
}

func (s *jsonStream) File(f *result.File) error {
	b, err := indented(&s.buf, f, "    ")
	if err != nil {
		return err
	}
	if s.files > 0 {
		s.w.printf(",")
	}
	s.files++
	s.w.printf("\n    %s", b)
	return s.w.err
}

func (s *jsonStream) End(t *result.Result) error {
	if s.files > 0 {
		s.w.printf("\n  ")
	}
	s.w.printf("]")
	if err := s.field("summary", t.Summary, false); err != nil {
		return err
	}
	if t.Diff != nil {
		if err := s.field("diff", t.Diff, false); err != nil {
			return err
		}
	}
	if len(t.Gates) > 0 {
		if err := s.field("gates", t.Gates, false); err != nil {
			return err
		}
	}
	s.w.printf("\n}\n")
	if s.w.err != nil {
		return s.w.err
	}
	return s.g.Flush()
}

// tableStream writes what Table writes, file by file, and the cost diff when the
// run has one.
type tableStream struct {
	g     *safetext.Guard
	ew    *errWriter
	s     styles
	opts  TableOptions
	files int
}

func newTableStream(w io.Writer, o StreamOptions) *tableStream {
	opts := TableOptions{Color: o.Color, Verbose: o.Verbose, Width: o.Width}
	g := safetext.GuardText(w, opts.Color)
	return &tableStream{g: g, ew: &errWriter{w: g}, s: newStyles(opts.Color), opts: opts}
}

func (t *tableStream) Begin(*result.Result) error { return nil }

func (t *tableStream) File(f *result.File) error {
	ew, s := t.ew, t.s
	if t.files > 0 {
		ew.printf("\n")
	}
	t.files++
	name := Clean(f.Path)
	if f.Document > 0 {
		name = fmt.Sprintf("%s (document %d)", name, f.Document)
	}
	if f.Error != nil {
		errs := f.Errors
		if len(errs) == 0 {
			errs = []result.Error{*f.Error}
		}
		for _, e := range errs {
			ew.printf("%s %s\n", s.bad.Render("error"), location(Clean(f.Path), e.Line, e.Column)+": "+Clean(e.Message))
		}
		return ew.err
	}
	writeArchitecture(ew, s, name, f.Architecture, t.opts)
	return ew.err
}

func (t *tableStream) End(r *result.Result) error {
	ew, s := t.ew, t.s
	if r.Diff != nil {
		writeTableDiff(ew, s, r.Diff)
	}
	sum := r.Summary
	line := fmt.Sprintf("%d file(s), %d component(s), %d error(s); findings: %s", sum.Files, sum.Components, sum.Errors, findingCounts(sum))
	if sum.Waived > 0 {
		line += fmt.Sprintf(", %d waived", sum.Waived)
	}
	line += fmt.Sprintf(". Prices: table %s, as of %s.", Clean(r.Pricing.Version), Clean(r.Pricing.AsOf))
	width := t.opts.Width
	if width <= 0 {
		width = DefaultWidth
	}
	ew.printf("\n%s %s\n", s.heading.Render("Summary:"), wrap(line, width, 9))
	if ew.err != nil {
		return ew.err
	}
	return t.g.Flush()
}

func writeTableDiff(ew *errWriter, s styles, d *result.Diff) {
	ew.printf("\n%s %s (prices %s, as of %s): %s\n", s.heading.Render("Cost diff against"), Clean(d.Baseline),
		Clean(d.BaselinePricing.Version), Clean(d.BaselinePricing.AsOf), diffCounts(d))
	if len(d.Architectures) > 0 {
		tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ARCHITECTURE\tFILE\tSTATUS\tCLOUD\tBEFORE\tAFTER\tCHANGE")
		for _, a := range d.Architectures {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t$%s\t$%s\t%s\n", Clean(a.Name), Clean(docPath(a.Path, a.Document)), Clean(a.Status),
				Clean(cloudChange(a.BaselineCloud, a.Cloud)), a.Cost.Before.StringFixed(2), a.Cost.After.StringFixed(2), signedChange(a.Cost))
			for _, c := range a.Components {
				fmt.Fprintf(tw, "  %s\t%s\t%s\t\t%s\t%s\t%s\n", Clean(c.Name), "", Clean(c.Status),
					placementText(c.Before), placementText(c.After), signedUSDOrUnknown(c.Delta))
			}
		}
		tw.Flush()
	}
	var parts []string
	for _, cloud := range sortedCloudKeys(d.Totals) {
		c := d.Totals[cloud]
		parts = append(parts, fmt.Sprintf("%s $%s -> $%s, %s", Clean(cloud), c.Before.StringFixed(2), c.After.StringFixed(2), signedChange(c)))
	}
	if len(parts) > 0 {
		ew.printf("Total per cloud: %s\n", strings.Join(parts, "; "))
	}
}

func diffCounts(d *result.Diff) string {
	return fmt.Sprintf("%d changed, %d added, %d removed, %d unchanged", d.Changed, d.Added, d.Removed, d.Unchanged)
}

func docPath(path string, doc int) string {
	if doc > 0 {
		return fmt.Sprintf("%s#%d", path, doc)
	}
	return path
}

func cloudChange(before, after string) string {
	switch {
	case before == "" || before == after:
		return after
	case after == "":
		return before
	}
	return before + "->" + after
}

func placementText(p *result.Placement) string {
	if p == nil {
		return "-"
	}
	if p.Platform == "" {
		return "no eligible platform"
	}
	return fmt.Sprintf("%s %s", Clean(p.Platform), result.FormatUSD(p.MonthlyCostUSD))
}

// signedUSDOrUnknown is signedUSD, or "not priced" when the change is unknown.
func signedUSDOrUnknown(m *result.Money) string {
	if m == nil {
		return result.NotPriced
	}
	return signedUSD(*m)
}

// signedUSD writes an amount with its sign: +$1.50, -$0.25, $0.00.
func signedUSD(m result.Money) string {
	switch m.Sign() {
	case 1:
		return "+" + result.DollarText(m.Decimal)
	case -1:
		return result.DollarText(m.Decimal)
	}
	return "$0.00"
}

// signedChange is the delta with its percentage when there is one.
func signedChange(c result.CostChange) string {
	s := signedUSD(c.Delta)
	if c.Percent != nil && c.Delta.Sign() != 0 {
		p := c.Percent.StringFixed(1)
		if c.Percent.Sign() > 0 {
			p = "+" + p
		}
		s += " (" + p + "%)"
	}
	if c.Incomplete {
		s += " (incomplete)"
	}
	return s
}

func sortedCloudKeys[V any](m map[string]V) []string {
	var out []string
	for _, c := range result.Clouds {
		if _, ok := m[c]; ok {
			out = append(out, c)
		}
	}
	var rest []string
	for c := range m {
		if c != "aws" && c != "azure" && c != "gcp" {
			rest = append(rest, c)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}
