package render_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor/render"
)

// TestVerboseShowsEachReasonOnce: -v explains a recommendation as an Infracost breakdown
// does: each reason once (a preference with its weight), every other option of the primary
// cloud with why it lost, then the recommendation's cost lines and assumptions. It used to
// print the reasons, then every preference again.
func TestVerboseShowsEachReasonOnce(t *testing.T) {
	r := loadFixture(t)
	var buf bytes.Buffer
	if err := render.Table(&buf, r, render.TableOptions{Verbose: true}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	why := out[strings.Index(out, "\nWhy\n"):]
	if i := strings.Index(why, "\nFindings"); i > 0 {
		why = why[:i]
	}
	// a reason line is "  RULE  message": no message may appear twice within one component
	seen := map[string]bool{}
	for _, line := range strings.Split(why, "\n") {
		if !strings.HasPrefix(line, " ") {
			seen = map[string]bool{} // a component's heading
			continue
		}
		if !strings.HasPrefix(line, "  D-") {
			continue
		}
		msg := strings.TrimSpace(line[strings.Index(line[2:], " ")+2:])
		if i := strings.Index(msg, ") "); strings.HasPrefix(msg, "(+") && i > 0 {
			msg = msg[i+2:]
		}
		if seen[msg] {
			t.Errorf("reason shown twice: %s", line)
		}
		seen[msg] = true
	}
	for _, want := range []string{"not chosen on ", "cost of ", "    assumes ", "(+"} {
		if !strings.Contains(why, want) {
			t.Errorf("-v lacks %q", want)
		}
	}
}
