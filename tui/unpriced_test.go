package tui

import (
	"strings"
	"testing"
)

// TestUnpricedShownAsNotPriced: ml-platform's inference service has no price on
// any cloud. The component screen says so instead of $0.00, and the
// architecture screen marks each total with "+" and names the unpriced part.
func TestUnpricedShownAsNotPriced(t *testing.T) {
	m := newTestModel(t, 132, 40, example(t, "ml-platform"))
	view := m.View()
	if !strings.Contains(view, "not priced") {
		t.Errorf("component screen lacks \"not priced\":\n%s", view)
	}
	press(t, m, "3")
	view = m.View()
	for _, want := range []string{"$222.61+", "aws total is incomplete (+): not priced: inference on aws-eks"} {
		if !strings.Contains(view, want) {
			t.Errorf("architecture screen lacks %q:\n%s", want, view)
		}
	}
}
