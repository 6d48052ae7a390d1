package importer

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// The -update flag may also be registered by another test file of this
// package; look it up instead of declaring it twice.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files")
	}
}

func awsUpdating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// dumpAWSDraft writes a Draft as stable text for golden files: every
// component, field, call and note with its line and column.
func dumpAWSDraft(d *Draft) string {
	var b strings.Builder
	pos := func(s Source) string { return fmt.Sprintf("%d:%d", s.Line, s.Column) }
	fmt.Fprintf(&b, "name: %q\n", d.Name)
	for _, c := range d.Components {
		fmt.Fprintf(&b, "component %s (%s) at %s\n", c.Name, c.Kind, pos(c.From))
		if c.Trigger != "" {
			fmt.Fprintf(&b, "  trigger %s at %s: %s\n", c.Trigger, pos(c.TriggerFrom), c.TriggerWhy)
		}
		for _, f := range c.Fields {
			fmt.Fprintf(&b, "  %s = %s at %s: %s\n", f.Path, dumpAWSValue(f.Value), pos(f.From), f.Why)
		}
		for _, call := range c.Calls {
			fmt.Fprintf(&b, "  call %s %s at %s: %s\n", call.To, call.Mode, pos(call.From), call.Why)
		}
	}
	notes := append([]Note(nil), d.Notes...)
	sort.SliceStable(notes, func(i, j int) bool {
		if notes[i].From.Line != notes[j].From.Line {
			return notes[i].From.Line < notes[j].From.Line
		}
		return notes[i].From.Column < notes[j].From.Column
	})
	for _, n := range notes {
		fmt.Fprintf(&b, "note %s: %s\n", pos(n.From), n.Text)
	}
	for _, n := range d.Unknown {
		fmt.Fprintf(&b, "unknown %s: %s\n", pos(n.From), n.Text)
	}
	for _, q := range d.Queues {
		fmt.Fprintf(&b, "queue %s at %s: %s\n", dumpQueueEnd(q), pos(q.From), q.Why)
	}
	return b.String()
}

func dumpAWSValue(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("%q", x)
	case []string:
		return fmt.Sprintf("%q", x)
	case time.Duration:
		return x.String()
	}
	return fmt.Sprintf("%v (%T)", v, v)
}

// runAWSGoldens reads every input file in dir with f and compares the dump
// (or the error) with the file's .golden beside it.
func runAWSGoldens(t *testing.T, dir string, f Format) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if e.IsDir() || strings.HasSuffix(e.Name(), ".golden") {
			continue
		}
		n++
		path := filepath.Join(dir, e.Name())
		t.Run(e.Name(), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var got string
			d, err := f.Read(e.Name(), data)
			if err != nil {
				var se *SourceError
				if !errors.As(err, &se) {
					t.Fatalf("error is %T, want *SourceError: %v", err, err)
				}
				got = "error: " + err.Error() + "\n"
			} else {
				got = dumpAWSDraft(d)
				checkAWSSources(t, e.Name(), d)
			}
			golden := strings.TrimSuffix(path, filepath.Ext(path)) + ".golden"
			if awsUpdating() {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s (run with -update if intended):\n--- got\n%s--- want\n%s", e.Name(), golden, got, want)
			}
		})
	}
	if n == 0 {
		t.Fatalf("no inputs in %s", dir)
	}
}

// checkAWSSources checks that every value names the file and a real line.
func checkAWSSources(t *testing.T, file string, d *Draft) {
	t.Helper()
	check := func(what string, s Source) {
		if s.File != file || s.Line < 1 || s.Column < 1 {
			t.Errorf("%s has source %+v, want %s with a line and column", what, s, file)
		}
	}
	for _, c := range d.Components {
		check("component "+c.Name, c.From)
		if c.Trigger != "" {
			check(c.Name+" trigger", c.TriggerFrom)
		}
		for _, f := range c.Fields {
			check(c.Name+" "+f.Path, f.From)
		}
		for _, call := range c.Calls {
			check(c.Name+" call "+call.To, call.From)
		}
	}
	for _, n := range append(append([]Note(nil), d.Notes...), d.Unknown...) {
		check("note "+n.Text, n.From)
	}
}

// dumpQueueEnd writes a queue end: "pay sends sqs:checkout-receipts".
func dumpQueueEnd(q QueueEnd) string {
	verb, name := "consumes", q.Name
	if q.Sends {
		verb = "sends"
	}
	if q.ByResource {
		name += " (resource name)"
	}
	return q.Component + " " + verb + " " + q.Service + ":" + name
}
