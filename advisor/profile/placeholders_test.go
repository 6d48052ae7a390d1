package profile

import "testing"

// TestPlaceholdersRecorded: the parser records, per document, the lines
// holding an import placeholder.
func TestPlaceholdersRecorded(t *testing.T) {
	src := `apiVersion: hybridadvisor/v1
name: a
components:
  - name: api
    trigger: http
    traffic: {requests_per_month: 1000000}  # TODO: not in the sources; replace with measured traffic
    execution: {avg_duration: 200ms}  # TODO: not in the sources; replace with the measured average duration
---
apiVersion: hybridadvisor/v1
name: b
components:
  - name: job
    trigger: manual
    traffic: {requests_per_month: 30}
    execution: {avg_duration: 1m}  # TODO: not in the sources; replace with the measured average duration
`
	f, err := Parse("p.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	got := [][]Pos{f.Architectures[0].Placeholders, f.Architectures[1].Placeholders}
	want := [][]Pos{{{6, 45}, {7, 39}}, {{15, 36}}}
	for i := range want {
		if len(got[i]) != len(want[i]) {
			t.Fatalf("document %d: %v; want %v", i+1, got[i], want[i])
		}
		for j := range want[i] {
			if got[i][j] != want[i][j] {
				t.Errorf("document %d: %v; want %v", i+1, got[i], want[i])
			}
		}
	}
	plain, err := Parse("q.yaml", []byte("apiVersion: hybridadvisor/v1\nname: c\ncomponents:\n  - {name: x, trigger: http, traffic: {requests_per_month: 1}, execution: {avg_duration: 1s}}\n"))
	if err != nil || len(plain.Architectures[0].Placeholders) != 0 {
		t.Errorf("a profile without the marker: %v, %v", err, plain)
	}
}
