package profile

import (
	"fmt"
	"strings"
	"testing"
)

// TestDocSetKeepsQuotingStyle: editing a duration or a number keeps the
// user's quoting byte for byte: plain stays plain, 'single' stays single,
// "double" stays double; in block and in flow mappings, and on adding a key
// next to them. The edited file reads back as the new value and parses.
func TestDocSetKeepsQuotingStyle(t *testing.T) {
	quote := map[string]func(string) string{
		"plain":  func(s string) string { return s },
		"single": func(s string) string { return "'" + s + "'" },
		"double": func(s string) string { return `"` + s + `"` },
	}
	type kase struct {
		key, old, new string
	}
	cases := []kase{
		{"avg_duration", "150ms", "1s"},
		{"avg_duration", "1s", "150ms"},
		{"avg_duration", "2s", "1h30m"},
		{"memory_mb", "512", "1024"},
		{"vcpu", "0.5", "1.25"},
	}
	for _, style := range []string{"plain", "single", "double"} {
		q := quote[style]
		for _, c := range cases {
			for _, flow := range []bool{false, true} {
				name := fmt.Sprintf("%s %s %s->%s flow=%v", style, c.key, c.old, c.new, flow)
				exec := "    execution:\n      avg_duration: 100ms\n      " + c.key + ": " + q(c.old) + " # keep\n"
				if c.key == "avg_duration" {
					exec = "    execution:\n      avg_duration: " + q(c.old) + " # keep\n"
				}
				if flow {
					exec = "    execution: {avg_duration: 100ms, " + c.key + ": " + q(c.old) + "}\n"
					if c.key == "avg_duration" {
						exec = "    execution: {avg_duration: " + q(c.old) + ", memory_mb: 512}\n"
					}
				}
				src := "apiVersion: hybridadvisor/v1\nname: t\ncomponents:\n  - name: a\n    trigger: http\n    traffic: {requests_per_month: 1000}\n" + exec
				d := mustDoc(t, src)
				if err := d.Set(0, "components[0].execution."+c.key, c.new); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				want := strings.Replace(src, c.key+": "+q(c.old), c.key+": "+q(c.new), 1)
				if got := string(d.Bytes()); got != want {
					t.Errorf("%s:\n got  %q\n want %q", name, got, want)
					continue
				}
				if d.Normalised() {
					t.Errorf("%s: re-encoded", name)
				}
				if got, _ := d.Get(0, "components[0].execution."+c.key); got != c.new {
					t.Errorf("%s: reads back as %q", name, got)
				}
				// Round trip: back to the old value gives the original bytes.
				if err := d.Set(0, "components[0].execution."+c.key, c.old); err != nil {
					t.Fatal(err)
				}
				if got := string(d.Bytes()); got != src {
					t.Errorf("%s: round trip:\n got  %q\n want %q", name, got, src)
				}
				if _, err := Parse("p.yaml", d.Bytes()); err != nil && style == "plain" {
					t.Errorf("%s: %v", name, err)
				}
			}
		}
	}
}

// TestDocSetKeepsQuotingWhileTyping: the TUI sets a value on every keystroke,
// so a value passes through "", numbers and half-typed words. Whatever it
// passes through, the final text quotes it the way the user did, and typing
// the old value back gives the original bytes.
func TestDocSetKeepsQuotingWhileTyping(t *testing.T) {
	typing := func(from, to string) []string {
		var steps []string
		for r := []rune(from); len(r) > 0; {
			r = r[:len(r)-1]
			steps = append(steps, string(r))
		}
		for i := range []rune(to) {
			steps = append(steps, string([]rune(to)[:i+1]))
		}
		return steps
	}
	for _, q := range []struct{ open, close string }{{"", ""}, {"'", "'"}, {`"`, `"`}} {
		for _, c := range []struct{ key, old, new string }{
			{"avg_duration", "150ms", "1s"},
			{"avg_duration", "1s", "150ms"},
			{"memory_mb", "512", "1024"},
			{"vcpu", "0.5", "1.25"},
		} {
			for _, flow := range []bool{false, true} {
				val := q.open + c.old + q.close
				exec := "    execution:\n      " + c.key + ": " + val + "   # as written\n      gpu: 0\n"
				if flow {
					exec = "    execution: {" + c.key + ": " + val + ", gpu: 0}\n"
				}
				src := "apiVersion: hybridadvisor/v1\nname: t\ncomponents:\n  - name: a\n    trigger: http\n    traffic: {requests_per_month: 1000}\n" + exec
				name := fmt.Sprintf("%s%s%s %s flow=%v", q.open, c.key, q.close, c.new, flow)
				d := mustDoc(t, src)
				p := "components[0].execution." + c.key
				for _, v := range typing(c.old, c.new) {
					if err := d.Set(0, p, v); err != nil {
						t.Fatalf("%s: %q: %v", name, v, err)
					}
				}
				want := strings.Replace(src, c.key+": "+val, c.key+": "+q.open+c.new+q.close, 1)
				if got := string(d.Bytes()); got != want {
					t.Errorf("%s:\n got  %q\n want %q", name, got, want)
				}
				// A paste into the emptied field, then typing the old value back.
				_ = d.Set(0, p, "")
				_ = d.Set(0, p, c.new)
				if got := string(d.Bytes()); got != want {
					t.Errorf("%s after a paste:\n got  %q\n want %q", name, got, want)
				}
				for _, v := range typing(c.new, c.old) {
					_ = d.Set(0, p, v)
				}
				if got := string(d.Bytes()); got != src {
					t.Errorf("%s typed back:\n got  %q\n want %q", name, got, src)
				}
				// Undo (Reset to an earlier text) keeps the user's quoting.
				_ = d.Set(0, p, "")
				mid := d.Bytes()
				_ = d.Set(0, p, "7")
				if err := d.Reset(mid); err != nil {
					t.Fatal(err)
				}
				_ = d.Set(0, p, c.new)
				if got := string(d.Bytes()); got != want {
					t.Errorf("%s after undo:\n got  %q\n want %q", name, got, want)
				}
			}
		}
	}
}

// TestDocSetNewKeyIsPlain: a key the file does not write is added plain, even
// after passing through "" while it is typed.
func TestDocSetNewKeyIsPlain(t *testing.T) {
	d := mustDoc(t, minimal)
	p := "components[0].execution.max_duration"
	for _, v := range []string{"", "1", "1s", "", "5s"} {
		if err := d.Set(0, p, v); err != nil {
			t.Fatal(err)
		}
	}
	if got := string(d.Bytes()); !strings.Contains(got, "execution: {avg_duration: 100ms, max_duration: 5s}") {
		t.Errorf("got %q", got)
	}
}
