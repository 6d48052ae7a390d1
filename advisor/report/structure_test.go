package report_test

import (
	"strings"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor"
	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
	"github.com/hybridadvisor/hybridadvisor/advisor/report"
)

// TestStructure parses every example's report as GitHub would and checks its
// shape: consistent tables, the expected headings, well-formed Mermaid, only the
// template's own HTML, links only to headings and known sources.
func TestStructure(t *testing.T) {
	for _, tpl := range profile.Templates() {
		t.Run(tpl.Name, func(t *testing.T) {
			out, res := renderInput(t, []advisor.Source{example(t, tpl.Name)}, report.Options{})
			d := parseDoc(t, out)
			checkTables(t, d)
			checkHTML(t, d)
			checkLinks(t, d, knownURLs(res))
			checkDollars(t, d)

			arch := res.Files[0].Architecture
			want := []heading{{1, "Placement report: " + arch.Name}, {2, arch.Name}, {3, "Summary"},
				{3, "Architecture diagram"}, {3, "Security and operations"}, {3, "Components"}}
			for _, c := range arch.Components {
				want = append(want, heading{4, c.Name})
			}
			want = append(want, heading{3, "Assumptions"}, heading{2, "Sources and versions"})
			if len(d.headings) != len(want) {
				t.Fatalf("headings %v, want %v", d.headings, want)
			}
			for i := range want {
				if d.headings[i] != want[i] {
					t.Errorf("heading %d = %v, want %v", i, d.headings[i], want[i])
				}
			}

			flowcharts, charts := 0, 0
			for _, m := range d.mermaid {
				nodes, err := validateMermaid(m)
				if err != nil {
					t.Errorf("mermaid block: %v\n%s", err, m)
					continue
				}
				if nodes == nil {
					charts++
					continue
				}
				flowcharts++
				for i, c := range arch.Components {
					if first, _, _ := strings.Cut(nodes[i].label, "\n"); first != c.Name {
						t.Errorf("node %s label %q does not start with the component name %q", nodes[i].id, nodes[i].label, c.Name)
					}
				}
			}
			if flowcharts != 1 {
				t.Errorf("%d flowcharts, want 1", flowcharts)
			}
			wantCharts := 0
			for _, c := range arch.Components {
				if cv, ok := c.Curves[arch.Cloud]; ok && len(cv.Points) > 0 {
					wantCharts++
				}
			}
			if charts != wantCharts {
				t.Errorf("%d cost charts, want %d (one per component with a curve on %s)", charts, wantCharts, arch.Cloud)
			}
			tables := strings.Count(out, "\n|---") + strings.Count(out, "\n|--:")
			if len(d.tables) != tables {
				t.Errorf("goldmark found %d tables, the source has %d delimiter rows", len(d.tables), tables)
			}
		})
	}
}

// TestSeveralInputs reports on two architectures (one of them a two-document
// file) and a broken file at once: repeated headings get GitHub's numbered
// anchors, the contents links resolve, and the failure has its section.
func TestSeveralInputs(t *testing.T) {
	shop, pipeline := example(t, "shop"), example(t, "pipeline")
	twoDocs := advisor.Source{Path: "two.yaml", Data: append(append(append([]byte{}, example(t, "starter").Data...), "\n---\n"...), example(t, "iot").Data...)}
	broken := advisor.Source{Path: "broken.yaml", Data: []byte("apiVersion: hybridadvisor/v1\nname: x\ncomponents:\n  - name: a\n    trigger: htp\n    traffic: {requests_per_month: 10}\n    execution: {avg_duration: 1s}\n")}
	out, res := renderInput(t, []advisor.Source{shop, broken, pipeline, twoDocs}, report.Options{})
	if res.Summary.Errors != 1 {
		t.Fatalf("errors = %d, want 1", res.Summary.Errors)
	}
	d := parseDoc(t, out)
	checkTables(t, d)
	checkHTML(t, d)
	checkLinks(t, d, knownURLs(res))
	checkDollars(t, d)
	for _, m := range d.mermaid {
		if _, err := validateMermaid(m); err != nil {
			t.Errorf("mermaid: %v", err)
		}
	}
	for _, want := range []string{"](#shop)", "](#media-pipeline)", "](#iot-telemetry)", "](#inputs-that-could-not-be-read)", "](#sources-and-versions)", "(document 2)", "`broken.yaml`"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	summaries := 0
	for _, h := range d.headings {
		if h.text == "Summary" {
			summaries++
		}
	}
	if summaries != 4 {
		t.Errorf("%d summaries, want one per architecture (4)", summaries)
	}
}
