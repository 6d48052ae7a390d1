package tui

import (
	"regexp"
	"strings"
	"testing"
)

// TestUnpricedShownAsNotPriced: ml-platform's inference service (two GPUs per
// pod) has no price on GKE Autopilot. With Google Cloud as the primary cloud
// the component screen says so instead of $0.00, and the architecture screen
// marks the total with "+" and names the unpriced part.
func TestUnpricedShownAsNotPriced(t *testing.T) {
	m := newTestModel(t, 132, 40, example(t, "ml-platform"))
	for range 3 {
		if m.cloud == "gcp" {
			break
		}
		press(t, m, "c")
	}
	if m.cloud != "gcp" {
		t.Fatalf("c never made gcp the primary cloud (%q)", m.cloud)
	}
	view := m.View()
	if !strings.Contains(view, "not priced") {
		t.Errorf("component screen lacks \"not priced\":\n%s", view)
	}
	press(t, m, "3")
	view = m.View()
	if !regexp.MustCompile(`\$[0-9,]+\.[0-9]{2}\+`).MatchString(view) {
		t.Errorf("architecture screen marks no total with +:\n%s", view)
	}
	for _, want := range []string{"gcp total is incomplete (+): not priced: inference on gcp-gke-autopilot"} {
		if !strings.Contains(view, want) {
			t.Errorf("architecture screen lacks %q:\n%s", want, view)
		}
	}
}
