package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSaveKeepsQuoting: editing a duration and a number in the what-if form
// and saving keeps the file's quoting byte for byte (plain, 'single',
// "double"), also after an undo.
func TestSaveKeepsQuoting(t *testing.T) {
	for _, q := range []string{"", "'", `"`} {
		t.Run(fmt.Sprintf("quote=%s", q), func(t *testing.T) {
			src := "apiVersion: hybridadvisor/v1\nname: t\ncomponents:\n  - name: api\n    trigger: http\n" +
				"    traffic: {requests_per_month: 1000000}\n" +
				"    execution:\n      avg_duration: " + q + "150ms" + q + "   # measured\n      max_duration: " + q + "1s" + q + "\n      memory_mb: 512\n"
			path := filepath.Join(t.TempDir(), "p.yaml")
			if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			m := newTestModel(t, 100, 30, Source{Path: path})
			press(t, m, "e")
			setField(t, m, "avg duration", "250ms")
			setField(t, m, "max duration", "2")
			press(t, m, "esc", "u", "e") // undo a keystroke: max duration "" again
			formFocus(t, m, "max duration")
			if v := m.form.fields[m.form.focus].input.Value(); v != "" {
				t.Fatalf("after undo max duration = %q", v)
			}
			typeText(t, m, "2s")
			setField(t, m, "requests/month", "2000000")
			press(t, m, "esc", "s")
			if !strings.Contains(m.status, "saved") {
				t.Fatalf("status = %q", m.status)
			}
			got, _ := os.ReadFile(path)
			want := strings.NewReplacer(q+"150ms"+q, q+"250ms"+q, q+"1s"+q, q+"2s"+q).Replace(src)
			want = strings.Replace(want, "1000000", "2000000", 1)
			if string(got) != want {
				t.Errorf("saved:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}
