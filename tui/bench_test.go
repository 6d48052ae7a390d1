package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/hybridadvisor/hybridadvisor/tui/internal/bubbletea"

	"github.com/hybridadvisor/hybridadvisor/advisor"
)

// bigArchitecture is a 25-component architecture with a mix of triggers,
// traffic and calls, written the way people write profiles.
func bigArchitecture() []byte {
	var b strings.Builder
	b.WriteString("# A 25-component platform for the keystroke benchmark.\napiVersion: hybridadvisor/v1\nname: platform\ncomponents:\n")
	triggers := []string{"http", "queue", "event", "schedule", "stream"}
	patterns := []string{"steady", "diurnal", "spiky", "sporadic"}
	for i := 0; i < 25; i++ {
		fmt.Fprintf(&b, "  # component %d\n  - name: svc-%02d\n    trigger: %s\n    traffic:\n      requests_per_month: %d   # estimate\n      pattern: %s\n",
			i, i, triggers[i%len(triggers)], (i+1)*1_700_000, patterns[i%len(patterns)])
		fmt.Fprintf(&b, "    execution:\n      avg_duration: %dms\n      memory_mb: %d\n", 40+i*35, 256<<(i%4))
		if i > 0 {
			fmt.Fprintf(&b, "    calls:\n      - {to: svc-%02d, mode: %s}\n", i-1, []string{"sync", "async"}[i%2])
		}
		fmt.Fprintf(&b, "    security: {exposure: internal, secrets: {source: secret_manager}}\n")
	}
	return []byte(b.String())
}

func benchModel(b *testing.B, src Source) *Model {
	m := newTestModel(b, 120, 40, src)
	press(b, m, "down", "down", "e")
	for m.form.fields[m.form.focus].spec.label != "pattern" {
		press(b, m, "tab")
	}
	return m
}

// BenchmarkKeystroke is one what-if keystroke: Update (the edit spliced into
// the YAML), the re-evaluation of the whole architecture (parse, pricing,
// policies, break-even, curves), applying the result and rendering the screen.
// platform-25 is the 25-component architecture the target is set for.
//
// The advisor memoises each component's decision, break-even points and curves
// by their exact inputs. So that every timed keystroke pays what a new value
// costs, each iteration starts (untimed) from an empty memo warmed by one other
// value of the field: the other components are recalled, the edited one is
// evaluated afresh, and the findings of all of them are evaluated.
func BenchmarkKeystroke(b *testing.B) {
	b.Run("platform-25", func(b *testing.B) {
		m := benchModel(b, Source{Path: "platform.yaml", Data: bigArchitecture(), ReadOnly: true})
		if n := len(m.files[0].archs[0].res.Components); n != 25 {
			b.Fatalf("%d components", n)
		}
		keystrokes(b, m, true)
	})
	b.Run("shop-6", func(b *testing.B) {
		keystrokes(b, benchModel(b, example(b, "shop")), true)
	})
}

// BenchmarkKeystrokeUI is the part of a keystroke the user waits for: Update
// and View. The evaluation runs on another goroutine meanwhile.
func BenchmarkKeystrokeUI(b *testing.B) {
	m := benchModel(b, Source{Path: "platform.yaml", Data: bigArchitecture(), ReadOnly: true})
	keystrokes(b, m, false)
}

// keystrokes cycles the form's pattern field back and forth; with eval, each
// keystroke's evaluation runs and its result is applied before the view, and
// the memo is reset and warmed as BenchmarkKeystroke says.
func keystrokes(b *testing.B, m *Model, eval bool) {
	keys := []tea.KeyMsg{keyMsg("right"), keyMsg("left")}
	press := func(k tea.KeyMsg) {
		_, cmd := m.Update(k)
		if cmd == nil {
			b.Fatal("no evaluation")
		}
		if eval {
			m.Update(cmd())
		}
		_ = m.View()
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if eval {
			b.StopTimer()
			m.advisors, m.memo = map[advisorKey]*advisor.Advisor{}, advisor.NewMemo()
			press(keys[i%2])
			i++
			b.StartTimer()
		}
		press(keys[i%2])
		i++
	}
	if len(m.files[0].errs) > 0 {
		b.Fatal(m.files[0].errs)
	}
}
