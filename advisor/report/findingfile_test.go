package report_test

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor"
	"github.com/hybridadvisor/hybridadvisor/advisor/render"
	"github.com/hybridadvisor/hybridadvisor/advisor/report"
)

// TestFindingInAnotherFile: a finding that points at another file than the
// profile (a profile imported on the fly points at the source) is shown as
// `file:line`; one in the profile itself keeps its bare line.
func TestFindingInAnotherFile(t *testing.T) {
	a := newAdvisor(t, advisor.Options{})
	res := a.Score(context.Background(), []advisor.Source{example(t, "shop")}, 1)
	a.AddCatalog(res)
	comps := res.Files[0].Architecture.Components
	var open, other int = -1, -1
	for i := range comps {
		if len(comps[i].Findings) > 0 && !comps[i].Findings[0].Waived {
			if open < 0 {
				open = i
			} else if other < 0 {
				other = i
			}
		}
	}
	if open < 0 || other < 0 {
		t.Fatal("the shop example needs two components with an open finding")
	}
	moved := &comps[open].Findings[0]
	moved.File = "infra/a|b.yaml"
	moved.Line = 42
	kept := comps[other].Findings[0]

	var buf bytes.Buffer
	if err := report.Render(&buf, res, report.Options{Today: today}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	// The pipe is escaped so the table keeps its columns.
	if want := "| `infra/a\\|b.yaml:42` | " + render.MarkdownText(moved.Message); !strings.Contains(out, want) {
		t.Errorf("no %q in the report", want)
	}
	if want := " | " + strconv.Itoa(kept.Line) + " | " + render.MarkdownText(kept.Message); !strings.Contains(out, want) {
		t.Errorf("a finding in the profile lost its bare line: no %q", want)
	}
}
