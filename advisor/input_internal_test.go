package advisor

import (
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
)

// workload passes the new execution fields through and tells a written peak
// and concurrency from derived ones.
func TestWorkloadScalingFields(t *testing.T) {
	src := `apiVersion: hybridadvisor/v1
name: t
components:
  - name: derived
    trigger: http
    traffic: {requests_per_month: 1000000}
    execution: {avg_duration: 100ms}
  - name: written
    trigger: http
    traffic: {requests_per_month: 1000000, peak_requests_per_second: 2}
    execution: {avg_duration: 100ms, concurrency: 20, target_utilization: 50, cpu_fraction: 0.6}
`
	f, err := profile.Parse("t.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	a := f.Architectures[0]
	d, w := workload(a, a.Components[0]), workload(a, a.Components[1])
	if d.PeakGiven || d.ConcurrencyGiven || d.TargetUtilizationPct != 70 || d.CPUFraction.String() != "0.25" {
		t.Errorf("derived: %+v", d)
	}
	if !w.PeakGiven || !w.ConcurrencyGiven || w.TargetUtilizationPct != 50 || w.CPUFraction.String() != "0.6" {
		t.Errorf("written: %+v", w)
	}
}
