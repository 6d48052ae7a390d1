package render_test

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/hybridadvisor/hybridadvisor/advisor/render"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

// sarifSchemaID is the id inside the vendored schema, the OASIS SARIF 2.1.0
// errata 01 schema (testdata/sarif-schema-2.1.0.json, from oasis-tcs/sarif-spec
// Schemata/sarif-schema-2.1.0.json, unmodified).
const sarifSchemaID = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	fh, err := os.Open("testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	doc, err := jsonschema.UnmarshalJSON(fh)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(sarifSchemaID, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(sarifSchemaID) // draft-04: formats (uri, uri-reference) are asserted too
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func validateSARIF(t *testing.T, sch *jsonschema.Schema, out []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("SARIF is not JSON: %v", err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Fatalf("SARIF does not validate against the 2.1.0 schema:\n%v", err)
	}
}

type sarifLog struct {
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name  string `json:"name"`
				Rules []struct {
					ID                   string `json:"id"`
					ShortDescription     struct{ Text string }
					Help                 struct{ Text string }
					DefaultConfiguration struct{ Level string }
					Properties           map[string]any `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex int    `json:"ruleIndex"`
			Level     string `json:"level"`
			Message   struct{ Text string }
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct{ URI string }
					Region           *struct{ StartLine, StartColumn int }
				}
			}
			Suppressions []struct{ Kind, Justification string }
			Properties   map[string]any `json:"properties"`
		} `json:"results"`
	} `json:"runs"`
}

func TestSARIFValidatesAgainstTheSchema(t *testing.T) {
	sch := sarifSchema(t)
	for name, r := range map[string]*result.Result{
		"fixture": loadFixture(t), "hostile": hostile(t), "empty": {SchemaVersion: 1, Files: []result.File{}},
	} {
		t.Run(name, func(t *testing.T) {
			validateSARIF(t, sch, render1(t, "sarif", r, render.StreamOptions{}))
		})
	}
	t.Run("absolute and odd paths", func(t *testing.T) {
		r := loadFixture(t)
		r.Files[0].Path = "/abs/dir with space/shop.yaml"
		r.Files[1].Path = `C:\win\starter.yaml`
		r.Files[2].Path = "./rel/100%/p#1?.yaml"
		validateSARIF(t, sch, render1(t, "sarif", r, render.StreamOptions{}))
	})
}

// TestSARIFContent checks what GitHub code scanning needs: each finding at its
// file and line, one rule per ID with its metadata, levels and
// security-severity by severity, file errors under HA-INPUT, waivers suppressed.
func TestSARIFContent(t *testing.T) {
	r := loadFixture(t)
	var log sarifLog
	if err := json.Unmarshal(render1(t, "sarif", r, render.StreamOptions{}), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q, %d runs", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	rules := run.Tool.Driver.Rules
	seen := map[string]bool{}
	for _, rule := range rules {
		if seen[rule.ID] {
			t.Errorf("rule %s listed twice", rule.ID)
		}
		seen[rule.ID] = true
		if rule.ShortDescription.Text == "" || rule.Help.Text == "" || rule.DefaultConfiguration.Level == "" {
			t.Errorf("rule %s lacks metadata: %+v", rule.ID, rule)
		}
	}

	// Every finding and every file error is one result, in order.
	type want struct {
		rule, level, uri string
		line, col        int
		waived           bool
		sev              string
	}
	var wants []want
	for _, f := range r.Files {
		if f.Error != nil {
			wants = append(wants, want{render.InputRule, "error", f.Path, f.Error.Line, f.Error.Column, false, ""})
			continue
		}
		for _, c := range f.Architecture.Components {
			for _, fd := range c.Findings {
				wants = append(wants, want{fd.Rule, render.SARIFLevel(fd.Severity), f.Path, fd.Line, fd.Column, fd.Waived, fd.Severity})
			}
		}
	}
	if len(run.Results) != len(wants) {
		t.Fatalf("%d results, want %d", len(run.Results), len(wants))
	}
	waived := 0
	for i, res := range run.Results {
		w := wants[i]
		if res.RuleID != w.rule || res.Level != w.level {
			t.Errorf("result %d: %s/%s, want %s/%s", i, res.RuleID, res.Level, w.rule, w.level)
		}
		if res.RuleIndex < 0 || res.RuleIndex >= len(rules) || rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %d: ruleIndex %d does not point at %s", i, res.RuleIndex, res.RuleID)
		}
		loc := res.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URI != w.uri || loc.Region == nil || loc.Region.StartLine != w.line || loc.Region.StartColumn != w.col {
			t.Errorf("result %d at %+v %+v, want %s:%d:%d", i, loc.ArtifactLocation, loc.Region, w.uri, w.line, w.col)
		}
		if w.sev != "" && res.Properties["security-severity"] != render.SecuritySeverity(w.sev) {
			t.Errorf("result %d: security-severity %v for %s", i, res.Properties["security-severity"], w.sev)
		}
		if w.waived {
			waived++
			if len(res.Suppressions) != 1 || res.Suppressions[0].Kind != "inSource" || res.Suppressions[0].Justification == "" {
				t.Errorf("waived result %d not suppressed: %+v", i, res.Suppressions)
			}
		} else if len(res.Suppressions) != 0 {
			t.Errorf("result %d suppressed but not waived", i)
		}
	}
	if waived == 0 || !seen[render.InputRule] {
		t.Errorf("the fixture should exercise waivers (%d) and HA-INPUT (%v)", waived, seen[render.InputRule])
	}

	// The rule's level and security-severity are those of its most severe finding.
	most := map[string]int{}
	for _, w := range wants {
		if w.sev == "" {
			continue
		}
		if r, ok := most[w.rule]; !ok || result.SeverityRank(w.sev) < r {
			most[w.rule] = result.SeverityRank(w.sev)
		}
	}
	for _, rule := range rules {
		rank, ok := most[rule.ID]
		if !ok {
			continue
		}
		sev := result.Severities[rank]
		if rule.DefaultConfiguration.Level != render.SARIFLevel(sev) || rule.Properties["security-severity"] != render.SecuritySeverity(sev) {
			t.Errorf("rule %s: level %s, security-severity %v; want %s", rule.ID, rule.DefaultConfiguration.Level, rule.Properties["security-severity"], sev)
		}
	}
}

func TestSeverityMaps(t *testing.T) {
	for sev, want := range map[string][2]string{
		"critical": {"error", "9.5"}, "high": {"error", "8.0"}, "medium": {"warning", "5.5"}, "low": {"note", "3.0"}, "info": {"note", "1.0"},
	} {
		if got := render.SARIFLevel(sev); got != want[0] {
			t.Errorf("SARIFLevel(%s) = %s, want %s", sev, got, want[0])
		}
		if got := render.SecuritySeverity(sev); got != want[1] {
			t.Errorf("SecuritySeverity(%s) = %s, want %s", sev, got, want[1])
		}
	}
}

func TestSARIFURI(t *testing.T) {
	for in, want := range map[string]string{
		"workloads/shop.yaml":   "workloads/shop.yaml",
		"./workloads/shop.yaml": "workloads/shop.yaml",
		"dir with space/a.yaml": "dir%20with%20space/a.yaml",
		"/abs/a.yaml":           "file:///abs/a.yaml",
		"a#b?.yaml":             "a%23b%3F.yaml",
	} {
		if got := render.SARIFURI(in); got != want {
			t.Errorf("SARIFURI(%q) = %q, want %q", in, got, want)
		}
	}
}
