package render_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor/render"
)

// command is a parsed workflow command line.
type command struct {
	level   string
	props   map[string]string
	message string
}

var unescapeData = strings.NewReplacer("%0D", "\r", "%0A", "\n", "%25", "%").Replace
var unescapeProperty = strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%").Replace

// parseCommand reads a line the way the runner does: "::name k=v,k=v::message".
func parseCommand(t *testing.T, line string) command {
	t.Helper()
	rest, ok := strings.CutPrefix(line, "::")
	if !ok {
		t.Fatalf("not a workflow command: %q", line)
	}
	head, msg, ok := strings.Cut(rest, "::")
	if !ok {
		t.Fatalf("no message separator: %q", line)
	}
	c := command{props: map[string]string{}, message: unescapeData(msg)}
	name, props, _ := strings.Cut(head, " ")
	c.level = name
	if props != "" {
		for _, kv := range strings.Split(props, ",") {
			k, v, ok := strings.Cut(kv, "=")
			if !ok || strings.ContainsAny(v, ":,\r\n") {
				t.Fatalf("property %q is not escaped in %q", kv, line)
			}
			c.props[k] = unescapeProperty(v)
		}
	}
	return c
}

func TestGitHubAnnotations(t *testing.T) {
	r := withDiffAndGates(t)
	out := string(render1(t, "github", r, render.StreamOptions{}))
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	var cmds []command
	for _, l := range lines[:len(lines)-1] {
		cmds = append(cmds, parseCommand(t, l))
	}
	if !strings.HasPrefix(lines[len(lines)-1], "hybridadvisor: ") {
		t.Errorf("last line is not the summary: %q", lines[len(lines)-1])
	}
	i := 0
	for _, f := range r.Files {
		if f.Error != nil {
			c := cmds[i]
			i++
			if c.level != "error" || c.props["file"] != f.Path || c.props["line"] != strconv.Itoa(f.Error.Line) || c.props["col"] != strconv.Itoa(f.Error.Column) {
				t.Errorf("file error annotation %+v", c)
			}
			continue
		}
		for _, comp := range f.Architecture.Components {
			for _, fd := range comp.Findings {
				if fd.Waived {
					continue
				}
				c := cmds[i]
				i++
				if c.level != render.GitHubLevel(fd.Severity) || c.props["file"] != f.Path ||
					c.props["line"] != strconv.Itoa(fd.Line) || c.props["col"] != strconv.Itoa(fd.Column) ||
					!strings.HasPrefix(c.props["title"], fd.Rule+" ("+fd.Severity+")") ||
					!strings.HasPrefix(c.message, comp.Name+": "+fd.Message) {
					t.Errorf("annotation %d = %+v for %s %s at %d:%d", i, c, fd.Rule, fd.Severity, fd.Line, fd.Column)
				}
			}
		}
	}
	failures := 0
	for _, g := range r.Gates {
		failures += len(g.Failures)
	}
	if len(cmds) != i+failures {
		t.Errorf("%d commands, want %d findings and errors + %d gate failures", len(cmds), i, failures)
	}
	for _, c := range cmds[i:] {
		if c.level != "error" || !strings.HasPrefix(c.props["title"], "hybridadvisor gate --") {
			t.Errorf("gate annotation %+v", c)
		}
	}
	for sev, want := range map[string]string{"critical": "error", "high": "error", "medium": "warning", "low": "notice", "info": "notice"} {
		if got := render.GitHubLevel(sev); got != want {
			t.Errorf("GitHubLevel(%s) = %s, want %s", sev, got, want)
		}
	}
}

// TestGitHubEscaping: whatever a profile says, each annotation stays one line,
// its properties cannot be ended early, and what the runner decodes is the text
// (terminal escapes removed).
func TestGitHubEscaping(t *testing.T) {
	r := hostile(t)
	out := string(render1(t, "github", r, render.StreamOptions{}))
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	n := 0
	for _, l := range lines[:len(lines)-1] {
		c := parseCommand(t, l)
		n++
		if strings.Contains(c.props["file"], "\x1b") || strings.Contains(c.message, "\x1b") {
			t.Errorf("escape sequence kept: %q", l)
		}
		if c.props["file"] != "dir/x|y*z_[a](b)`c`<d>&e\n::error::f%g,h:i red$m$.yaml" {
			t.Errorf("file property decoded to %q", c.props["file"])
		}
		if c.level == "error" && c.props["title"] != "" && strings.Contains(c.props["title"], "HA-INPUT") {
			if !strings.Contains(c.message, "x|y*z_[a](b)`c`<d>&e\n::error::f%g,h:i") {
				t.Errorf("message decoded to %q", c.message)
			}
		}
	}
	if n == 0 {
		t.Fatal("no annotations")
	}
}

func TestGitHubStepSummary(t *testing.T) {
	r := withDiffAndGates(t)
	var summary bytes.Buffer
	render1(t, "github", r, render.StreamOptions{StepSummary: &summary})
	want := render1(t, "markdown", r, render.StreamOptions{})
	if !bytes.Equal(summary.Bytes(), want) {
		t.Errorf("the step summary is not the Markdown summary:\n%s", firstDiff(want, summary.Bytes()))
	}
}
