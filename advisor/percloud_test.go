package advisor_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor"
	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
)

// TestReasonsOnACloudDoNotDependOnTheOthers: D-STATELESS-SHORT and D-LONG-RUNNING are judged
// per cloud against that cloud's own function timeouts, so a cloud's recommendation, reasons and
// scores are the same whether it is evaluated alone or with the others. A 10-minute queue job
// fits Lambda's 900 s but not Cloud Run functions' 540 s: before, evaluating GCP too took
// D-STATELESS-SHORT away from AWS.
func TestReasonsOnACloudDoNotDependOnTheOthers(t *testing.T) {
	src := []byte(`apiVersion: hybridadvisor/v1
name: ten-minute-jobs
components:
  - name: crunch
    trigger: queue
    traffic: {requests_per_month: 20000, pattern: steady}
    execution: {avg_duration: 5m, max_duration: 10m, memory_mb: 1024}
    dependencies: {complexity: simple}
`)
	f, err := profile.Parse("ten.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	all, err := newAdvisor(t, advisor.Options{}).Architecture(context.Background(), f.Architectures[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, cloud := range []string{"aws", "azure", "gcp"} {
		alone, err := newAdvisor(t, advisor.Options{Clouds: []string{cloud}}).Architecture(context.Background(), f.Architectures[0])
		if err != nil {
			t.Fatal(err)
		}
		a, b := all.Components[0], alone.Components[0]
		if !reflect.DeepEqual(a.PerCloud[cloud], b.PerCloud[cloud]) {
			t.Errorf("%s with every cloud:\n%+v\nalone:\n%+v", cloud, a.PerCloud[cloud], b.PerCloud[cloud])
		}
		if !reflect.DeepEqual(a.CloudScores[cloud], b.CloudScores[cloud]) {
			t.Errorf("%s scores with every cloud %v, alone %v", cloud, a.CloudScores[cloud], b.CloudScores[cloud])
		}
	}
	rules := func(cloud string) map[string]bool {
		got := map[string]bool{}
		for _, p := range all.Components[0].Preferences {
			if p.Cloud == cloud {
				got[p.Rule] = true
			}
		}
		return got
	}
	if r := rules("aws"); !r["D-STATELESS-SHORT"] || r["D-LONG-RUNNING"] {
		t.Errorf("aws per-cloud rules %v, want D-STATELESS-SHORT (10 min fits Lambda's 900 s)", r)
	}
	if r := rules("gcp"); r["D-STATELESS-SHORT"] || !r["D-LONG-RUNNING"] {
		t.Errorf("gcp per-cloud rules %v, want D-LONG-RUNNING (10 min exceeds Cloud Run functions' 540 s)", r)
	}
}
