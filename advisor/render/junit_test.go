package render_test

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"strings"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor/render"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

type junitDoc struct {
	XMLName xml.Name `xml:"testsuites"`
	Suites  []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Errors   int    `xml:"errors,attr"`
		Skipped  int    `xml:"skipped,attr"`
		Cases    []struct {
			Name      string `xml:"name,attr"`
			Classname string `xml:"classname,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			Error *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Text    string `xml:",chardata"`
			} `xml:"error"`
			Skipped *struct {
				Message string `xml:"message,attr"`
			} `xml:"skipped"`
			Properties []struct {
				Name  string `xml:"name,attr"`
				Value string `xml:"value,attr"`
			} `xml:"properties>property"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func parseJUnit(t *testing.T, out []byte) junitDoc {
	t.Helper()
	var doc junitDoc
	dec := xml.NewDecoder(bytes.NewReader(out))
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("JUnit output is not XML: %v\n%s", err, out)
	}
	return doc
}

// TestJUnitCounts parses the XML and checks every count against the result: a
// suite per file, a case per component failing at or above --fail-on, skipped
// when only waived findings reach it, a file error as an error, a case per gate.
func TestJUnitCounts(t *testing.T) {
	for _, failOn := range []string{"", "critical", "high", "medium", "info"} {
		t.Run("fail-on "+failOn, func(t *testing.T) {
			r := withDiffAndGates(t)
			doc := parseJUnit(t, render1(t, "junit", r, render.StreamOptions{FailOn: failOn}))
			level := failOn
			if level == "" {
				level = "high" // the documented default
			}
			limit := result.SeverityRank(level)
			if len(doc.Suites) != len(r.Files)+1 {
				t.Fatalf("%d suites, want %d files + gates", len(doc.Suites), len(r.Files))
			}
			for i, f := range r.Files {
				s := doc.Suites[i]
				if f.Error != nil {
					if s.Tests != 1 || s.Errors != 1 || len(s.Cases) != 1 || s.Cases[0].Error == nil || s.Cases[0].Error.Type != render.InputRule {
						t.Errorf("%s: error suite %+v", f.Path, s)
					}
					if !strings.Contains(s.Cases[0].Error.Text, f.Path+":5:14") {
						t.Errorf("%s: the error does not say where: %q", f.Path, s.Cases[0].Error.Text)
					}
					continue
				}
				var failures, skipped int
				for j, c := range f.Architecture.Components {
					var active, waivedAt int
					for _, fd := range c.Findings {
						if r := result.SeverityRank(fd.Severity); r <= limit {
							if fd.Waived {
								waivedAt++
							} else {
								active++
							}
						}
					}
					tc := s.Cases[j]
					if tc.Name != c.Name || tc.Classname != f.Architecture.Name {
						t.Errorf("case %d is %s/%s, want %s/%s", j, tc.Classname, tc.Name, f.Architecture.Name, c.Name)
					}
					switch {
					case active > 0:
						failures++
						if tc.Failure == nil || !strings.HasPrefix(tc.Failure.Message, strconv.Itoa(active)+" finding(s) at or above "+level) {
							t.Errorf("%s/%s: want a failure listing %d finding(s), got %+v", f.Path, c.Name, active, tc.Failure)
						}
					case waivedAt > 0:
						skipped++
						if tc.Skipped == nil || tc.Failure != nil {
							t.Errorf("%s/%s: waived-only component should be skipped", f.Path, c.Name)
						}
					default:
						if tc.Failure != nil || tc.Skipped != nil {
							t.Errorf("%s/%s: should pass", f.Path, c.Name)
						}
					}
				}
				if s.Tests != len(f.Architecture.Components) || len(s.Cases) != s.Tests || s.Failures != failures || s.Skipped != skipped || s.Errors != 0 {
					t.Errorf("%s: tests=%d failures=%d skipped=%d errors=%d, want %d/%d/%d/0",
						f.Path, s.Tests, s.Failures, s.Skipped, s.Errors, len(f.Architecture.Components), failures, skipped)
				}
			}
			gates := doc.Suites[len(doc.Suites)-1]
			if gates.Name != "gates" || gates.Tests != len(r.Gates) || gates.Failures != 2 {
				t.Errorf("gates suite %+v", gates)
			}
			for i, g := range r.Gates {
				if (gates.Cases[i].Failure == nil) == g.Passed {
					continue
				}
				t.Errorf("gate %s %s: failure %v, passed %v", g.Gate, g.Limit, gates.Cases[i].Failure, g.Passed)
			}
		})
	}
}

func TestJUnitSurvivesHostileStrings(t *testing.T) {
	r := hostile(t)
	for i := range r.Files {
		if a := r.Files[i].Architecture; a != nil && len(a.Components) > 0 && len(a.Components[0].Findings) > 0 {
			a.Components[0].Findings[0].Message = "ends the CDATA ]]> early \ufffe\x00"
		}
	}
	out := render1(t, "junit", r, render.StreamOptions{})
	doc := parseJUnit(t, out)
	if len(doc.Suites) != len(r.Files) {
		t.Fatalf("%d suites for %d files", len(doc.Suites), len(r.Files))
	}
	if bytes.Contains(out, []byte("\x1b")) || bytes.Contains(out, []byte("\x00")) {
		t.Errorf("control characters reached the XML")
	}
	if !strings.Contains(doc.Suites[0].Cases[0].Failure.Text, "ends the CDATA ]]> early") {
		t.Errorf("a ]]> in a message was not kept intact: %q", doc.Suites[0].Cases[0].Failure.Text)
	}
}
