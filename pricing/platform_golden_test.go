package pricing

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/hybridadvisor/hybridadvisor/internal/advisortest"
)

// goldenCase is a representative workload every platform's bill is kept for.
type goldenCase struct {
	name string
	w    Workload
	s    Settings
}

func goldenCases() []goldenCase {
	api := typicalWorkload()
	worker := wl{trigger: "queue", rpm: "2000000", dur: 2 * time.Second, mem: 1024, vcpu: "1", conc: 4, cpuf: "0.5"}.w()
	small := wl{rpm: "50000", dur: 200 * time.Millisecond, mem: 256, vcpu: "0.25", conc: 10, public: true}.w()
	warm := wl{rpm: "10000000", pattern: "spiky", peak: "40", peakSet: true, dur: 300 * time.Millisecond, mem: 2048, vcpu: "1",
		conc: 20, arch: "arm", min: 2}.w()
	return []goldenCase{
		{"http-api", api, Settings{FreeTier: true}},
		{"http-api-no-free-tier", api, Settings{}},
		{"queue-worker", worker, Settings{FreeTier: true}},
		{"low-traffic", small, Settings{FreeTier: true}},
		{"warm-arm-spiky", warm, Settings{FreeTier: true}},
	}
}

// TestPlatformGoldens keeps one bill per platform and case under
// testdata/<platform>/<case>.golden (Infracost style): a price or model change
// shows as a small diff of the platform's bills. Regenerate with -update.
func TestPlatformGoldens(t *testing.T) {
	b := mustLoad(t)
	for _, p := range Platforms {
		for _, c := range goldenCases() {
			t.Run(p.ID+"/"+c.name, func(t *testing.T) {
				got := formatBill(c.w, c.s, b.Price(p.ID, c.w, c.s))
				advisortest.Golden(t, filepath.Join("testdata", p.ID, c.name+".golden"), got)
			})
		}
	}
}

// formatBill renders a quote as a reviewable table: the workload, each line's
// exact quantity and unit price, the rounded line costs, the total and the
// assumptions.
func formatBill(w Workload, s Settings, q Quote) []byte {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "platform: %s (%s)\nregion: %s\n", q.Platform.ID, q.Platform.Name, q.Region)
	fmt.Fprintf(&buf, "workload: %s, %s requests/month, %s, avg %s, %d MB, %s vCPU, concurrency %d, %s/%s, min instances %d, free tier %t\n",
		w.Trigger, w.RequestsPerMonth, w.Pattern, w.AvgDuration, w.MemoryMB, w.VCPU, w.Concurrency, w.Arch, w.OS, w.MinInstances, s.FreeTier)
	if !q.Priced {
		fmt.Fprintf(&buf, "not priced: %s\n", q.Note)
		return buf.Bytes()
	}
	buf.WriteString("\n")
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "LINE\tQUANTITY\tUNIT\tUNIT PRICE\tMONTHLY")
	for _, l := range q.Lines {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", l.Name, l.Quantity, l.Unit, l.UnitPrice, l.Monthly.StringFixed(2))
	}
	tw.Flush()
	fmt.Fprintf(&buf, "\ntotal: %s USD/month (free tier saved %s)\n", q.Monthly.StringFixed(2), q.FreeTierSavings.StringFixed(2))
	if q.Note != "" {
		fmt.Fprintf(&buf, "note: %s\n", q.Note)
	}
	buf.WriteString("\nassumptions:\n")
	for _, a := range q.Assumptions {
		fmt.Fprintf(&buf, "- %s\n", a)
	}
	return buf.Bytes()
}
