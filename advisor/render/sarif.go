package render

import (
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/hybridadvisor/hybridadvisor/advisor/result"
	"github.com/hybridadvisor/hybridadvisor/advisor/safetext"
)

// SARIF 2.1.0 (OASIS) as GitHub code scanning reads it: one reportingDescriptor
// per rule that appears, its metadata taken from the findings themselves; one
// result per finding at its file, line and column; file errors as results of the
// HA-INPUT rule. Waived findings are kept as suppressed results.

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

type sarifMessage struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name,omitempty"`
	ShortDescription     sarifMessage   `json:"shortDescription"`
	FullDescription      sarifMessage   `json:"fullDescription"`
	Help                 sarifMessage   `json:"help"`
	DefaultConfiguration sarifRuleLevel `json:"defaultConfiguration"`
	Properties           sarifRuleProps `json:"properties"`
	rank                 int            // most severe severity rank seen
}

type sarifRuleLevel struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Tags             []string `json:"tags"`
	SecuritySeverity string   `json:"security-severity,omitempty"`
	Severity         string   `json:"severity,omitempty"`
	Category         string   `json:"category,omitempty"`
}

type sarifResult struct {
	RuleID       string             `json:"ruleId"`
	RuleIndex    int                `json:"ruleIndex"`
	Level        string             `json:"level"`
	Message      sarifMessage       `json:"message"`
	Locations    []sarifLocation    `json:"locations"`
	Suppressions []sarifSuppression `json:"suppressions,omitempty"`
	Properties   map[string]any     `json:"properties,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical     `json:"physicalLocation"`
	LogicalLocations []sarifLogicalLoc `json:"logicalLocations,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

type sarifLogicalLoc struct {
	Name               string `json:"name"`
	FullyQualifiedName string `json:"fullyQualifiedName,omitempty"`
	Kind               string `json:"kind,omitempty"`
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
	rules   []*sarifRule
	ruleIdx map[string]int
	results int
}

// NewSARIF returns a streaming SARIF writer. Results come first in the run object
// and the rule list after them, once every rule that appears is known.
func NewSARIF(w io.Writer, _ StreamOptions) Stream {
	g := safetext.GuardJSON(w)
	return &sarifStream{g: g, w: &errWriter{w: g}, ruleIdx: map[string]int{}, rules: []*sarifRule{}}
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
		r := s.rules[i]
		if rank < r.rank {
			r.rank = rank
			sev := result.Severities[rank]
			r.DefaultConfiguration.Level = SARIFLevel(sev)
			r.Properties.Severity = sev
			r.Properties.SecuritySeverity = SecuritySeverity(sev)
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
	r := &sarifRule{
		ID:                   f.Rule,
		Name:                 ruleName(title),
		ShortDescription:     sarifMessage{Text: title},
		FullDescription:      sarifMessage{Text: title + "."},
		Help:                 sarifMessage{Text: help, Markdown: "**" + MarkdownText(title) + "**\n\nRemediation: " + MarkdownText(help)},
		DefaultConfiguration: sarifRuleLevel{Level: SARIFLevel(sev)},
		Properties:           sarifRuleProps{Tags: tags, SecuritySeverity: SecuritySeverity(sev), Severity: sev, Category: Clean(f.Category)},
		rank:                 rank,
	}
	if strings.HasSuffix(title, ".") {
		r.FullDescription.Text = title
	}
	s.rules = append(s.rules, r)
	s.ruleIdx[f.Rule] = len(s.rules) - 1
	return len(s.rules) - 1
}

func (s *sarifStream) unpricedRule() int {
	if i, ok := s.ruleIdx[UnpricedRule]; ok {
		return i
	}
	help := "Price the platform with --pricing (a custom unit price), or pick a region whose table prices it. Cost gates fail on an incomplete total unless --allow-unpriced is given."
	s.rules = append(s.rules, &sarifRule{
		ID:                   UnpricedRule,
		Name:                 "UnpricedPlacement",
		ShortDescription:     sarifMessage{Text: "Recommended platform has no price"},
		FullDescription:      sarifMessage{Text: "The recommended placement includes a platform the bundled price tables do not price for this workload and region, so the architecture's monthly total leaves it out and is a lower bound."},
		Help:                 sarifMessage{Text: help, Markdown: help},
		DefaultConfiguration: sarifRuleLevel{Level: "warning"},
		Properties:           sarifRuleProps{Tags: []string{"cost"}, Category: "cost"},
	})
	s.ruleIdx[UnpricedRule] = len(s.rules) - 1
	return len(s.rules) - 1
}

func (s *sarifStream) inputRule() int {
	if i, ok := s.ruleIdx[InputRule]; ok {
		return i
	}
	s.rules = append(s.rules, &sarifRule{
		ID:               InputRule,
		Name:             "InvalidInput",
		ShortDescription: sarifMessage{Text: "Profile could not be read or scored"},
		FullDescription:  sarifMessage{Text: "The file is not a valid workload profile, or it names something that does not exist (a region, a waived rule), so none of it was scored."},
		Help: sarifMessage{
			Text:     "Fix the file at the reported line and column. `hybridadvisor schema` prints the JSON Schema of profiles for editor validation.",
			Markdown: "Fix the file at the reported line and column. `hybridadvisor schema` prints the JSON Schema of profiles for editor validation.",
		},
		DefaultConfiguration: sarifRuleLevel{Level: "error"},
		Properties:           sarifRuleProps{Tags: []string{"input"}},
	})
	s.ruleIdx[InputRule] = len(s.rules) - 1
	return len(s.rules) - 1
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
			r := sarifResult{
				RuleID: InputRule, RuleIndex: idx, Level: "error",
				Message:   sarifMessage{Text: Clean(e.Message)},
				Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: uri}, Region: region(e.Line, e.Column)}}},
			}
			if f.Document > 0 {
				r.Properties = map[string]any{"document": f.Document}
			}
			if err := s.emit(r); err != nil {
				return err
			}
		}
		return nil
	}
	a := f.Architecture
	for _, n := range unpricedNotes(a) {
		props := map[string]any{"architecture": Clean(a.Name), "component": Clean(n.component), "cloud": a.Cloud}
		if f.Document > 0 {
			props["document"] = f.Document
		}
		r := sarifResult{
			RuleID: UnpricedRule, RuleIndex: s.unpricedRule(), Level: "warning",
			Message: sarifMessage{Text: Clean(n.message)},
			Locations: []sarifLocation{{
				PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: uri}, Region: region(n.line, n.column)},
				LogicalLocations: []sarifLogicalLoc{{Name: Clean(n.component), FullyQualifiedName: Clean(a.Name) + "/" + Clean(n.component), Kind: "module"}},
			}},
			Properties: props,
		}
		if err := s.emit(r); err != nil {
			return err
		}
	}
	for _, c := range a.Components {
		for i := range c.Findings {
			fd := &c.Findings[i]
			idx := s.rule(fd)
			msg := Clean(c.Name) + ": " + Clean(fd.Message)
			props := map[string]any{
				"security-severity": SecuritySeverity(fd.Severity),
				"severity":          fd.Severity,
				"architecture":      Clean(a.Name),
				"component":         Clean(c.Name),
			}
			if fd.Path != "" {
				props["path"] = fd.Path
			}
			if f.Document > 0 {
				props["document"] = f.Document
			}
			r := sarifResult{
				RuleID: fd.Rule, RuleIndex: idx, Level: SARIFLevel(fd.Severity),
				Message: sarifMessage{Text: msg},
				Locations: []sarifLocation{{
					PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: findingURI(uri, fd.File)}, Region: region(fd.Line, fd.Column)},
					LogicalLocations: []sarifLogicalLoc{{Name: Clean(c.Name), FullyQualifiedName: Clean(a.Name) + "/" + Clean(c.Name), Kind: "module"}},
				}},
				Properties: props,
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
	type driver struct {
		Name           string       `json:"name"`
		Version        string       `json:"version,omitempty"`
		InformationURI string       `json:"informationUri"`
		Rules          []*sarifRule `json:"rules"`
	}
	type tool struct {
		Driver driver `json:"driver"`
	}
	h := s.head
	if h == nil {
		h = t
	}
	name := h.Tool.Name
	if name == "" {
		name = "hybridadvisor"
	}
	b, err := indented(&s.buf, tool{Driver: driver{Name: name, Version: h.Tool.Version, InformationURI: toolURI, Rules: s.rules}}, "      ")
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

func region(line, col int) *sarifRegion {
	if line <= 0 {
		return nil
	}
	r := &sarifRegion{StartLine: line}
	if col > 0 {
		r.StartColumn = col
	}
	return r
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
