package advisor

import (
	"testing"

	"github.com/shopspring/decimal"

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
	d, w := workload(a, a.Components[0], decimal.Zero), workload(a, a.Components[1], decimal.Zero)
	if d.PeakGiven || d.ConcurrencyGiven || d.TargetUtilizationPct != 70 || d.CPUFraction.String() != "0.25" {
		t.Errorf("derived: %+v", d)
	}
	if !w.PeakGiven || !w.ConcurrencyGiven || w.TargetUtilizationPct != 50 || w.CPUFraction.String() != "0.6" {
		t.Errorf("written: %+v", w)
	}
}

// Queue messages per request: each async edge asks for producer requests x
// messages_per_request; edges into one consumer share its declared traffic.
func TestAsyncMessages(t *testing.T) {
	src := `apiVersion: hybridadvisor/v1
name: q
components:
  - name: a
    trigger: http
    traffic: {requests_per_month: 1000000}
    execution: {avg_duration: 10ms}
    calls: [{to: c, mode: async}, {to: d, mode: async, messages_per_request: 2.5}, {to: e, mode: sync}]
  - name: b
    trigger: http
    traffic: {requests_per_month: 3000000}
    execution: {avg_duration: 10ms}
    calls: [{to: c, mode: async}]
  - name: c
    trigger: queue
    traffic: {requests_per_month: 2000000}
    execution: {avg_duration: 10ms}
  - name: d
    trigger: queue
    traffic: {requests_per_month: 9000000}
    execution: {avg_duration: 10ms}
  - name: e
    trigger: http
    traffic: {requests_per_month: 5}
    execution: {avg_duration: 10ms}
`
	f, err := profile.Parse("q.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	m := asyncMessages(f.Architectures[0])
	// c is asked for 1M + 3M = 4M but receives 2M: each edge gets half of what it asked,
	// a: 1 x 2M / 4M = 0.5 per request; b: 0.5 per request (1.5M of the 2M).
	// d receives all 2.5M it is asked for (9M declared): 2.5 per request. The sync call counts nothing.
	// a: 0.5 + 2.5 = 3
	for name, want := range map[string]string{"a": "3", "b": "0.5", "c": "0", "d": "0", "e": "0"} {
		if got := m[name]; got.String() != want {
			t.Errorf("%s: %s messages per request, want %s", name, got, want)
		}
	}
	w := workload(f.Architectures[0], f.Architectures[0].Components[0], m["a"])
	if w.AsyncCallsOut != 2 || w.AsyncMessagesPerRequest.String() != "3" {
		t.Errorf("workload: %d async calls, %s messages per request", w.AsyncCallsOut, w.AsyncMessagesPerRequest)
	}
}
