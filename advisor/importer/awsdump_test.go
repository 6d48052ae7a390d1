package importer

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/internal/advisortest"
)

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
				got = dumpDraft(d)
				checkAWSSources(t, e.Name(), d)
			}
			advisortest.Golden(t, strings.TrimSuffix(path, filepath.Ext(path))+".golden", []byte(got))
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
