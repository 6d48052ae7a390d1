package render_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor/render"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
	"github.com/hybridadvisor/hybridadvisor/advisor/safetext"
)

// commandLines returns the lines of out a CI runner would run as workflow
// commands (lines end at \n or \r, as the runner reads them).
func commandLines(out string) []string {
	var cmds []string
	for _, l := range strings.FieldsFunc(out, func(r rune) bool { return r == '\n' || r == '\r' }) {
		if _, ok := safetext.RunnerCommand(l); ok {
			cmds = append(cmds, l)
		}
	}
	return cmds
}

// spoofing names try to become workflow commands in every way a runner reads
// one: at a line start, after whitespace (a .NET trim includes NBSP), after a
// line break, and "##[" anywhere.
var spoofing = []string{
	"::warning file=x,line=1::spoofed ##[add-mask]x",
	"ok\n::error file=y::injected",
	"\u00a0\t::notice::nbsp",
	"x\r::debug::cr",
	"#\u200b#[stop-commands]zw",
	"##vso[task.setvariable variable=x]1",
}

func spoofed(t *testing.T) *result.Result {
	t.Helper()
	r := withDiffAndGates(t)
	k := 0
	next := func() string { k++; return spoofing[k%len(spoofing)] }
	for i := range r.Files {
		f := &r.Files[i]
		if f.Error != nil {
			f.Path = next()
			f.Error.Message = next()
			continue
		}
		a := f.Architecture
		a.Name, a.Description = next(), next()
		for j := range a.Components {
			c := &a.Components[j]
			c.Name, c.Description = next(), next()
			for k := range c.Findings {
				c.Findings[k].Message, c.Findings[k].Remediation, c.Findings[k].Title = next(), next(), next()
				c.Findings[k].WaiverReason = next()
			}
			for k := range c.Recommendation.Reasons {
				c.Recommendation.Reasons[k].Message = next()
			}
		}
	}
	for i := range r.Diff.Architectures {
		r.Diff.Architectures[i].Name = next()
		for j := range r.Diff.Architectures[i].Components {
			r.Diff.Architectures[i].Components[j].Name = next()
		}
	}
	for i := range r.Gates {
		for j := range r.Gates[i].Failures {
			r.Gates[i].Failures[j].Message = next()
		}
	}
	return r
}

// TestNoWorkflowCommandsInOutput is the reproduction of the issue: a component
// named "::warning file=x,line=1::spoofed ##[add-mask]x" became a workflow
// command in the table. No format but github may contain a line a runner runs,
// and github's lines are only its own annotations.
func TestNoWorkflowCommandsInOutput(t *testing.T) {
	r := spoofed(t)
	for _, format := range render.FormatNames() {
		for _, verbose := range []bool{false, true} {
			out := string(render1(t, format, r, render.StreamOptions{Options: render.Options{Verbose: verbose}, FailOn: "low"}))
			var reg bytes.Buffer
			if err := render.Write(&reg, format, r, render.Options{Verbose: verbose}); err != nil {
				t.Fatal(err)
			}
			for _, out := range []string{out, reg.String()} {
				for _, l := range commandLines(out) {
					if name, _ := safetext.RunnerCommand(l); format == "github" && strings.HasPrefix(l, "::"+name+" ") &&
						(name == "error" || name == "warning" || name == "notice") && !strings.ContainsAny(l, "\r") {
						continue // an annotation of ours
					}
					t.Errorf("%s (verbose %v): the runner would run %q", format, verbose, l)
				}
			}
		}
	}
	// The coloured table too.
	var buf bytes.Buffer
	if err := render.Table(&buf, r, render.TableOptions{Color: true, Verbose: true}); err != nil {
		t.Fatal(err)
	}
	if cmds := commandLines(buf.String()); len(cmds) > 0 {
		t.Errorf("coloured table: the runner would run %q", cmds)
	}
}

// TestJSONKeepsSpoofingStringsIntact: in JSON the defusing is lossless, the
// values read back are the ones written.
func TestJSONKeepsSpoofingStringsIntact(t *testing.T) {
	r := spoofed(t)
	for _, format := range []string{"json", "sarif"} {
		out := render1(t, format, r, render.StreamOptions{})
		if cmds := commandLines(string(out)); len(cmds) > 0 {
			t.Errorf("%s: the runner would run %q", format, cmds)
		}
		if !json.Valid(out) {
			t.Fatalf("%s is not valid JSON", format)
		}
	}
	var back result.Result
	if err := json.Unmarshal(render1(t, "json", r, render.StreamOptions{}), &back); err != nil {
		t.Fatal(err)
	}
	for i, f := range r.Files {
		if f.Architecture != nil && back.Files[i].Architecture.Name != f.Architecture.Name {
			t.Errorf("name %q read back as %q", f.Architecture.Name, back.Files[i].Architecture.Name)
		}
		if f.Error != nil && back.Files[i].Error.Message != f.Error.Message {
			t.Errorf("message %q read back as %q", f.Error.Message, back.Files[i].Error.Message)
		}
	}
}
