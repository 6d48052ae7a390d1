package report_test

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor"
	"github.com/hybridadvisor/hybridadvisor/advisor/report"
)

// TestRendersFromTheResultAlone: the report needs nothing but the result. With
// the catalog it names platforms and dates the tables; a result saved by an
// older version (no catalog, no workload) still renders, with IDs for names.
func TestRendersFromTheResultAlone(t *testing.T) {
	a := newAdvisor(t, advisor.Options{})
	res := a.Score(context.Background(), []advisor.Source{example(t, "shop")}, 1)
	render := func() string {
		var buf bytes.Buffer
		if err := report.Render(&buf, res, report.Options{Today: today}); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	a.AddCatalog(res)
	full := render()
	for _, want := range []string{"container on AWS Fargate (ECS)", " trigger · "} {
		if !strings.Contains(full, want) {
			t.Errorf("with the catalog: no %q", want)
		}
	}
	if !regexp.MustCompile("`data/limits.yaml`, as of \\d{4}-\\d\\d-\\d\\d \\([1-9][0-9]* limits").MatchString(full) {
		t.Error("with the catalog: the limits file is not dated and counted")
	}
	res.Catalog = nil
	for i := range res.Files[0].Architecture.Components {
		res.Files[0].Architecture.Components[i].Workload = nil
	}
	old := render()
	if strings.Contains(old, "container on AWS Fargate (ECS)") || !strings.Contains(old, "container on aws-fargate") {
		t.Error("without the catalog the report should name platforms by ID")
	}
	if strings.Contains(old, " trigger · ") {
		t.Error("without workloads the report shows a workload")
	}
}
