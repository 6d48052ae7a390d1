package render

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/hybridadvisor/hybridadvisor/advisor/result"
	"github.com/hybridadvisor/hybridadvisor/advisor/safetext"
)

// JUnit XML as GitLab, Jenkins and Azure Pipelines read it: a test suite per
// architecture with a test case per component, which fails when the component has
// an unwaived finding at or above the --fail-on severity (high when none is
// given); a component whose findings at that level are all waived is skipped, and
// each waiver is a property. A file that cannot be scored is a suite with one
// test case in error. When the run has gates, a last suite has a test case per gate.
//
// The document is written as it goes, so <testsuites> carries no totals (they are
// optional); each <testsuite> has its own counts.

type junitSuite struct {
	XMLName    xml.Name         `xml:"testsuite"`
	Name       string           `xml:"name,attr"`
	Tests      int              `xml:"tests,attr"`
	Failures   int              `xml:"failures,attr"`
	Errors     int              `xml:"errors,attr"`
	Skipped    int              `xml:"skipped,attr"`
	File       string           `xml:"file,attr,omitempty"`
	Properties *junitProperties `xml:"properties,omitempty"`
	Cases      []junitCase      `xml:"testcase"`
}

type junitProperties struct {
	Items []junitProperty `xml:"property"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name       string           `xml:"name,attr"`
	Classname  string           `xml:"classname,attr"`
	File       string           `xml:"file,attr,omitempty"`
	Line       int              `xml:"line,attr,omitempty"`
	Properties *junitProperties `xml:"properties,omitempty"`
	Skipped    *junitSkipped    `xml:"skipped,omitempty"`
	Error      *junitProblem    `xml:"error,omitempty"`
	Failure    *junitProblem    `xml:"failure,omitempty"`
	SystemOut  *junitText       `xml:"system-out,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",cdata"`
}

type junitText struct {
	Text string `xml:",cdata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

type junitStream struct {
	w      *safetext.Guard
	enc    *xml.Encoder
	failOn string
	limit  int
}

// NewJUnit returns a streaming JUnit XML writer.
func NewJUnit(w io.Writer, o StreamOptions) Stream {
	failOn := o.FailOn
	if result.SeverityRank(failOn) < 0 {
		failOn = "high"
	}
	g := safetext.GuardText(w, false)
	enc := xml.NewEncoder(g)
	enc.Indent("", "  ")
	return &junitStream{w: g, enc: enc, failOn: failOn, limit: result.SeverityRank(failOn)}
}

var junitRoot = xml.StartElement{Name: xml.Name{Local: "testsuites"}, Attr: []xml.Attr{{Name: xml.Name{Local: "name"}, Value: "hybridadvisor"}}}

func (j *junitStream) Begin(*result.Result) error {
	if _, err := io.WriteString(j.w, xml.Header); err != nil {
		return err
	}
	if err := j.enc.EncodeToken(junitRoot); err != nil {
		return err
	}
	return j.enc.Flush()
}

func (j *junitStream) File(f *result.File) error {
	var suite junitSuite
	if f.Error != nil {
		suite = j.errorSuite(f)
	} else {
		suite = j.architectureSuite(f)
	}
	if err := j.enc.Encode(suite); err != nil {
		return err
	}
	return j.enc.Flush()
}

func (j *junitStream) errorSuite(f *result.File) junitSuite {
	name := docPath(xmlSafe(f.Path), f.Document)
	errs := f.Errors
	if len(errs) == 0 {
		errs = []result.Error{*f.Error}
	}
	var lines []string
	for _, e := range errs {
		lines = append(lines, location(xmlSafe(f.Path), e.Line, e.Column)+": "+xmlSafe(e.Message))
	}
	return junitSuite{
		Name: name, Tests: 1, Errors: 1, File: xmlSafe(f.Path),
		Cases: []junitCase{{
			Name: name, Classname: "input", File: xmlSafe(f.Path), Line: f.Error.Line,
			Error: &junitProblem{Message: xmlSafe(f.Error.Message), Type: InputRule, Text: strings.Join(lines, "\n")},
		}},
	}
}

func (j *junitStream) architectureSuite(f *result.File) junitSuite {
	a := f.Architecture
	path := xmlSafe(f.Path)
	suite := junitSuite{
		Name: xmlSafe(a.Name) + " (" + docPath(path, f.Document) + ")",
		File: path,
		Properties: &junitProperties{Items: []junitProperty{
			{"verdict", xmlSafe(a.Verdict)},
			{"cloud", xmlSafe(a.Cloud)},
			{"monthly_cost_usd", a.Totals[a.Cloud].Recommended.StringFixed(2)},
			{"fail_on", j.failOn},
		}},
	}
	if t := a.Totals[a.Cloud]; !t.Complete() {
		// The amount above leaves these out: a lower bound, not the cost.
		suite.Properties.Items = append(suite.Properties.Items, junitProperty{"incomplete", "not priced: " + xmlSafe(result.PartsText(t.Unpriced))})
	}
	for _, c := range a.Components {
		tc := junitCase{Name: xmlSafe(c.Name), Classname: xmlSafe(a.Name), File: path, Line: c.Line}
		var failing, waivedAtLevel, other []string
		var props []junitProperty
		for _, fd := range c.Findings {
			line := fmt.Sprintf("%s %s %s: %s", strings.ToUpper(xmlSafe(fd.Severity)), xmlSafe(fd.Rule), location(findingFile(path, xmlSafe(fd.File)), fd.Line, fd.Column), xmlSafe(fd.Message))
			rank := result.SeverityRank(fd.Severity)
			atLevel := rank >= 0 && rank <= j.limit
			switch {
			case fd.Waived:
				props = append(props, junitProperty{"waived", fmt.Sprintf("%s until %s: %s", xmlSafe(fd.Rule), xmlSafe(fd.WaiverExpires), xmlSafe(fd.WaiverReason))})
				if atLevel {
					waivedAtLevel = append(waivedAtLevel, xmlSafe(fd.Rule))
				}
			case atLevel:
				if fd.Remediation != "" {
					line += "\n  fix: " + xmlSafe(fd.Remediation)
				}
				failing = append(failing, line)
			default:
				other = append(other, line)
			}
		}
		rec := c.Recommendation
		props = append([]junitProperty{
			{"model", xmlSafe(rec.Model)}, {"platform", xmlSafe(rec.Platform)}, {"monthly_cost_usd", junitCost(rec)},
		}, props...)
		tc.Properties = &junitProperties{Items: props}
		switch {
		case len(failing) > 0:
			suite.Failures++
			tc.Failure = &junitProblem{
				Message: fmt.Sprintf("%d finding(s) at or above %s", len(failing), j.failOn),
				Type:    j.failOn,
				Text:    strings.Join(failing, "\n"),
			}
		case len(waivedAtLevel) > 0:
			suite.Skipped++
			tc.Skipped = &junitSkipped{Message: fmt.Sprintf("%d finding(s) at or above %s waived (%s)", len(waivedAtLevel), j.failOn, strings.Join(waivedAtLevel, ", "))}
		}
		if len(other) > 0 {
			tc.SystemOut = &junitText{"below " + j.failOn + ":\n" + strings.Join(other, "\n")}
		}
		suite.Cases = append(suite.Cases, tc)
	}
	suite.Tests = len(suite.Cases)
	return suite
}

func (j *junitStream) End(t *result.Result) error {
	if len(t.Gates) > 0 {
		suite := junitSuite{Name: "gates", Tests: len(t.Gates)}
		for _, g := range t.Gates {
			tc := junitCase{Name: "--" + xmlSafe(g.Gate) + " " + xmlSafe(g.Limit), Classname: "gates"}
			if !g.Passed {
				suite.Failures++
				var msgs []string
				for _, f := range g.Failures {
					msgs = append(msgs, xmlSafe(f.Message))
				}
				first := ""
				if len(msgs) > 0 {
					first = msgs[0]
				}
				if len(msgs) > 1 {
					first = fmt.Sprintf("%s (and %d more)", first, len(msgs)-1)
				}
				tc.Failure = &junitProblem{Message: first, Type: xmlSafe(g.Gate), Text: strings.Join(msgs, "\n")}
			}
			if len(g.Warnings) > 0 { // --allow-unpriced let these pass
				var ws []string
				for _, w := range g.Warnings {
					ws = append(ws, "warning: "+xmlSafe(w.Message))
				}
				tc.SystemOut = &junitText{strings.Join(ws, "\n")}
			}
			suite.Cases = append(suite.Cases, tc)
		}
		if err := j.enc.Encode(suite); err != nil {
			return err
		}
	}
	if err := j.enc.EncodeToken(junitRoot.End()); err != nil {
		return err
	}
	if err := j.enc.Flush(); err != nil {
		return err
	}
	if _, err := io.WriteString(j.w, "\n"); err != nil {
		return err
	}
	return j.w.Flush()
}

// xmlSafe drops what XML 1.0 cannot carry at all (some code points are not
// allowed even as references), after Clean has removed control characters.
func xmlSafe(s string) string {
	s = Clean(s)
	return strings.Map(func(r rune) rune {
		switch {
		case r == 0xFFFE, r == 0xFFFF, r >= 0xD800 && r <= 0xDFFF:
			return -1
		}
		return r
	}, s)
}

// junitCost is a recommendation's cost property: the amount, or "not priced".
func junitCost(rec result.Recommendation) string {
	if rec.MonthlyCostUSD == nil {
		return result.NotPriced
	}
	return rec.MonthlyCostUSD.StringFixed(2)
}
