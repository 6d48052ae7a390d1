package render

import (
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/hybridadvisor/hybridadvisor/advisor/result"
	"github.com/hybridadvisor/hybridadvisor/advisor/safetext"
)

// SARIF 2.1.0 (OASIS) as GitHub code scanning reads it: one reportingDescriptor
// per rule that appears, its metadata taken from the findings themselves; one
// result per finding at its file, line and column; file errors as results of the
// HA-INPUT rule. Waived findings are kept as suppressed results.
//
// Results, rules and the tool are github.com/owenrumney/go-sarif/v2 objects; the
// log and run around them are written here, so that results stream out before
// the rule list, which is complete only at the end.

// InputRule is the rule ID under which files that cannot be scored are reported.
const InputRule = "HA-INPUT"

// UnpricedRule is the rule ID under which a part of the primary cloud's total
// that has no price is reported (SARIF results, GitHub annotations): the total
// is then a lower bound, which formats without a totals table must still say.
const UnpricedRule = "HA-UNPRICED"

// unpricedNote is one unpriced part of the primary total, at its component's line.
type unpricedNote struct {
	component    string
	line, column int
	message      string
}

func unpricedNotes(a *result.Architecture) []unpricedNote {
	t := a.Totals[a.Cloud]
	var out []unpricedNote
	for _, p := range t.Unpriced {
		n := unpricedNote{component: p.Component}
		for _, c := range a.Components {
			if c.Name == p.Component {
				n.line, n.column = c.Line, c.Column
				break
			}
		}
		why := ""
		if p.Note != "" {
			why = " (" + p.Note + ")"
		}
		n.message = fmt.Sprintf("%s on %s is not priced%s: the %s total of $%s/month leaves it out, so the cost is incomplete",
			p.Component, p.Platform, why, a.Cloud, t.Recommended.StringFixed(2))
		out = append(out, n)
	}
	return out
}

const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	toolURI      = "https://github.com/hybridadvisor/hybridadvisor"
)

// SARIFLevel maps a severity to a SARIF result level.
func SARIFLevel(severity string) string {
	switch severity {
	case "critical", "high":
		return "error"
	case "medium":
		return "warning"
	}
	return "note"
}

// SecuritySeverity is the score GitHub reads from properties.security-severity
// to rank an alert (over 9.0 critical, 7.0 high, 4.0 medium, else low).
func SecuritySeverity(severity string) string {
	switch severity {
	case "critical":
		return "9.5"
	case "high":
		return "8.0"
	case "medium":
		return "5.5"
	case "low":
		return "3.0"
	}
	return "1.0"
}

// nonSecurityCategories are finding categories that are not security issues; the
// others are tagged "security" so GitHub shows them as security alerts.
var nonSecurityCategories = map[string]bool{"observability": true, "resilience": true, "cost": true, "governance": true}

// sarifResult is a go-sarif result with the suppressions written as the SARIF
// 2.1.0 schema allows: go-sarif v2.3.3's Suppression has no omitempty and writes
// status, location and guid as null, which the schema rejects.
type sarifResult struct {
	*sarif.Result
	Suppressions []sarifSuppression `json:"suppressions,omitempty"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification,omitempty"`
}

type sarifStream struct {
	g       *safetext.Guard
	w       *errWriter
	buf     jsonScratch
	head    *result.Result
	rules   []*sarif.ReportingDescriptor
	ranks   []int // per rule, the most severe severity rank seen
	ruleIdx map[string]int
	results int
}

// NewSARIF returns a streaming SARIF writer. Results come first in the run object
// and the rule list after them, once every rule that appears is known.
func NewSARIF(w io.Writer, _ StreamOptions) Stream {
	g := safetext.GuardJSON(w)
	return &sarifStream{g: g, w: &errWriter{w: g}, ruleIdx: map[string]int{}, rules: []*sarif.ReportingDescriptor{}}
}

func (s *sarifStream) Begin(h *result.Result) error {
	s.head = h
	s.w.printf("{\n  \"$schema\": %q,\n  \"version\": %q,\n  \"runs\": [\n    {\n      \"results\": [", sarifSchema, sarifVersion)
	return s.w.err
}

func (s *sarifStream) emit(r sarifResult) error {
	b, err := indented(&s.buf, r, "        ")
	if err != nil {
		return err
	}
	if s.results > 0 {
		s.w.printf(",")
	}
	s.results++
	s.w.printf("\n        %s", b)
	return s.w.err
}

// rule returns the index of the rule, registering it (or raising its severity)
// from this finding.
func (s *sarifStream) rule(f *result.Finding) int {
	rank := result.SeverityRank(f.Severity)
	if rank < 0 {
		rank = len(result.Severities) - 1
	}
	if i, ok := s.ruleIdx[f.Rule]; ok {
		if rank < s.ranks[i] {
			s.ranks[i] = rank
			sev := result.Severities[rank]
			r := s.rules[i]
			r.DefaultConfiguration.Level = SARIFLevel(sev)
			r.Properties["severity"] = sev
			r.Properties["security-severity"] = SecuritySeverity(sev)
		}
		return i
	}
	sev := result.Severities[rank]
	title := Clean(f.Title)
	if title == "" {
		title = Clean(f.Rule)
	}
	help := Clean(f.Remediation)
	if help == "" {
		help = "See `hybridadvisor policy list` for this rule."
	}
	tags := []string{}
	if f.Category != "" {
		tags = append(tags, Clean(f.Category))
	}
	if !nonSecurityCategories[f.Category] && f.Category != "security" {
		tags = append(tags, "security")
	}
	full := title + "."
	if strings.HasSuffix(title, ".") {
		full = title
	}
	props := sarif.Properties{"tags": tags, "security-severity": SecuritySeverity(sev), "severity": sev}
	if c := Clean(f.Category); c != "" {
		props["category"] = c
	}
	return s.addRule(sarif.NewRule(f.Rule).
		WithName(ruleName(title)).
		WithShortDescription(sarif.NewMultiformatMessageString(title)).
		WithFullDescription(sarif.NewMultiformatMessageString(full)).
		WithHelp(sarif.NewMultiformatMessageString(help).WithMarkdown("**"+MarkdownText(title)+"**\n\nRemediation: "+MarkdownText(help))).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(SARIFLevel(sev))).
		WithProperties(props), rank)
}

// addRule registers r with the most severe severity rank seen so far and
// returns its index.
func (s *sarifStream) addRule(r *sarif.ReportingDescriptor, rank int) int {
	s.rules = append(s.rules, r)
	s.ranks = append(s.ranks, rank)
	s.ruleIdx[r.ID] = len(s.rules) - 1
	return len(s.rules) - 1
}

func (s *sarifStream) unpricedRule() int {
	if i, ok := s.ruleIdx[UnpricedRule]; ok {
		return i
	}
	help := "Price the platform with --pricing (a custom unit price), or pick a region whose table prices it. Cost gates fail on an incomplete total unless --allow-unpriced is given."
	return s.addRule(sarif.NewRule(UnpricedRule).
		WithName("UnpricedPlacement").
		WithShortDescription(sarif.NewMultiformatMessageString("Recommended platform has no price")).
		WithFullDescription(sarif.NewMultiformatMessageString("The recommended placement includes a platform the bundled price tables do not price for this workload and region, so the architecture's monthly total leaves it out and is a lower bound.")).
		WithHelp(sarif.NewMultiformatMessageString(help).WithMarkdown(help)).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel("warning")).
		WithProperties(sarif.Properties{"tags": []string{"cost"}, "category": "cost"}), 0)
}

func (s *sarifStream) inputRule() int {
	if i, ok := s.ruleIdx[InputRule]; ok {
		return i
	}
	help := "Fix the file at the reported line and column. `hybridadvisor schema` prints the JSON Schema of profiles for editor validation."
	return s.addRule(sarif.NewRule(InputRule).
		WithName("InvalidInput").
		WithShortDescription(sarif.NewMultiformatMessageString("Profile could not be read or scored")).
		WithFullDescription(sarif.NewMultiformatMessageString("The file is not a valid workload profile, or it names something that does not exist (a region, a waived rule), so none of it was scored.")).
		WithHelp(sarif.NewMultiformatMessageString(help).WithMarkdown(help)).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel("error")).
		WithProperties(sarif.Properties{"tags": []string{"input"}}), 0)
}

func (s *sarifStream) File(f *result.File) error {
	uri := SARIFURI(f.Path)
	if f.Error != nil {
		errs := f.Errors
		if len(errs) == 0 {
			errs = []result.Error{*f.Error}
		}
		idx := s.inputRule()
		for _, e := range errs {
			r := newResult(InputRule, idx, "error", Clean(e.Message), uri, e.Line, e.Column, nil)
			if f.Document > 0 {
				r.Properties = sarif.Properties{"document": f.Document}
			}
			if err := s.emit(sarifResult{Result: r}); err != nil {
				return err
			}
		}
		return nil
	}
	a := f.Architecture
	for _, n := range unpricedNotes(a) {
		r := newResult(UnpricedRule, s.unpricedRule(), "warning", Clean(n.message), uri, n.line, n.column, component(a, n.component))
		r.Properties = sarif.Properties{"architecture": Clean(a.Name), "component": Clean(n.component), "cloud": a.Cloud}
		if f.Document > 0 {
			r.Properties["document"] = f.Document
		}
		if err := s.emit(sarifResult{Result: r}); err != nil {
			return err
		}
	}
	for _, c := range a.Components {
		for i := range c.Findings {
			fd := &c.Findings[i]
			idx := s.rule(fd)
			msg := Clean(c.Name) + ": " + Clean(fd.Message)
			r := sarifResult{Result: newResult(fd.Rule, idx, SARIFLevel(fd.Severity), msg, findingURI(uri, fd.File), fd.Line, fd.Column, component(a, c.Name))}
			r.Properties = sarif.Properties{
				"security-severity": SecuritySeverity(fd.Severity),
				"severity":          fd.Severity,
				"architecture":      Clean(a.Name),
				"component":         Clean(c.Name),
			}
			if fd.Path != "" {
				r.Properties["path"] = fd.Path
			}
			if f.Document > 0 {
				r.Properties["document"] = f.Document
			}
			if fd.Waived {
				just := Clean(fd.WaiverReason)
				if fd.WaiverExpires != "" {
					just = fmt.Sprintf("waived until %s: %s", fd.WaiverExpires, just)
				}
				r.Suppressions = []sarifSuppression{{Kind: "inSource", Justification: just}}
			}
			if err := s.emit(r); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *sarifStream) End(t *result.Result) error {
	if s.results > 0 {
		s.w.printf("\n      ")
	}
	s.w.printf("],")
	h := s.head
	if h == nil {
		h = t
	}
	name := h.Tool.Name
	if name == "" {
		name = "hybridadvisor"
	}
	driver := sarif.NewDriver(name).WithInformationURI(toolURI)
	// Set, not WithRules: that looks each rule up by ID again; the indices the
	// results carry are positions in s.rules.
	driver.Rules = s.rules
	if h.Tool.Version != "" {
		driver.WithVersion(h.Tool.Version)
	}
	b, err := indented(&s.buf, sarif.NewTool(driver), "      ")
	if err != nil {
		return err
	}
	s.w.printf("\n      \"tool\": %s,", b)
	s.w.printf("\n      \"columnKind\": \"unicodeCodePoints\",")
	props := map[string]any{
		"pricing": h.Pricing,
		"summary": t.Summary,
	}
	b, err = indented(&s.buf, props, "      ")
	if err != nil {
		return err
	}
	s.w.printf("\n      \"properties\": %s\n    }\n  ]\n}\n", b)
	if s.w.err != nil {
		return s.w.err
	}
	return s.g.Flush()
}

// newResult is one result at uri, line and column (a line of 0: the whole file),
// in the logical location logical if there is one.
func newResult(rule string, idx int, level, msg, uri string, line, col int, logical *sarif.LogicalLocation) *sarif.Result {
	phys := sarif.NewPhysicalLocation().WithArtifactLocation(sarif.NewSimpleArtifactLocation(uri))
	if line > 0 {
		reg := sarif.NewRegion().WithStartLine(line)
		if col > 0 {
			reg.WithStartColumn(col)
		}
		phys.WithRegion(reg)
	}
	loc := sarif.NewLocationWithPhysicalLocation(phys)
	if logical != nil {
		loc.WithLogicalLocations([]*sarif.LogicalLocation{logical})
	}
	return sarif.NewRuleResult(rule).WithRuleIndex(idx).WithLevel(level).
		WithMessage(sarif.NewTextMessage(msg)).WithLocations([]*sarif.Location{loc})
}

// component is the logical location of a component of architecture a.
func component(a *result.Architecture, name string) *sarif.LogicalLocation {
	return sarif.NewLogicalLocation().WithName(Clean(name)).
		WithFullyQualifiedName(Clean(a.Name) + "/" + Clean(name)).WithKind("module")
}

// SARIFURI turns a result path into an artifact URI: a relative path stays
// relative (GitHub resolves it against the repository root), with forward slashes
// and percent-encoding; an absolute path becomes a file:// URI.
func SARIFURI(path string) string {
	p := filepath.ToSlash(path)
	if filepath.IsAbs(path) || strings.HasPrefix(p, "/") {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // C:/x -> /C:/x
		}
		return (&url.URL{Scheme: "file", Path: p}).String()
	}
	p = strings.TrimPrefix(p, "./")
	return (&url.URL{Path: p}).String()
}

// ruleName makes a PascalCase name from a title ("Secrets not rotated" ->
// "SecretsNotRotated"), as SARIF viewers show beside the ID.
func ruleName(title string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(title, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}) {
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	return b.String()
}

// findingURI is the artifact of a finding in another file than the result's.
func findingURI(uri, file string) string {
	if file != "" {
		return SARIFURI(file)
	}
	return uri
}
