package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/hybridadvisor/hybridadvisor/advisor/result"
	"github.com/hybridadvisor/hybridadvisor/advisor/safetext"
)

// GitHub Actions workflow commands: one annotation per unwaived finding, at its
// file, line and column (critical and high are errors, medium warnings, low and
// info notices), one error per file that could not be scored, and one error per
// failed gate. With StepSummary set, the Markdown summary goes there too.

// GitHubLevel maps a severity to a workflow command.
func GitHubLevel(severity string) string {
	switch severity {
	case "critical", "high":
		return "error"
	case "medium":
		return "warning"
	}
	return "notice"
}

// escapeData escapes a workflow command's message the way GitHub's toolkit does.
var escapeData = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace

// escapeProperty escapes a workflow command's property value: also ':' and ','
// which would end the value.
var escapeProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace

// githubCommand is one workflow command line. Property values and the message
// are cleaned of terminal control sequences (which the log would interpret),
// keeping the line breaks the command may carry.
type githubCommand struct {
	level          string
	file           string
	line, col      int
	title, message string
}

func (c githubCommand) String() string {
	var props []string
	if c.file != "" {
		props = append(props, "file="+escapeProperty(cleanKeepLines(c.file)))
	}
	if c.line > 0 {
		props = append(props, fmt.Sprintf("line=%d", c.line))
		if c.col > 0 {
			props = append(props, fmt.Sprintf("col=%d", c.col))
		}
	}
	if c.title != "" {
		props = append(props, "title="+escapeProperty(cleanKeepLines(c.title)))
	}
	s := "::" + c.level
	if len(props) > 0 {
		s += " " + strings.Join(props, ",")
	}
	return s + "::" + escapeData(cleanKeepLines(c.message)) + "\n"
}

// cleanKeepLines is Clean that keeps line breaks (escaped later as %0A) and
// leaves workflow commands alone: the whole annotation is one command line, so
// the runner does not look for commands in its properties or message, and a
// file property must still name the file.
func cleanKeepLines(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = safetext.CleanKeepCommands(l)
	}
	return strings.Join(lines, "\n")
}

type githubStream struct {
	w       *errWriter
	summary Stream // Markdown to $GITHUB_STEP_SUMMARY, or nil
}

// NewGitHub returns a streaming writer of GitHub Actions workflow commands.
func NewGitHub(w io.Writer, o StreamOptions) Stream {
	s := &githubStream{w: &errWriter{w: w}}
	if o.StepSummary != nil {
		s.summary = NewMarkdown(o.StepSummary, o)
	}
	return s
}

func (g *githubStream) Begin(h *result.Result) error {
	if g.summary != nil {
		return g.summary.Begin(h)
	}
	return nil
}

func (g *githubStream) File(f *result.File) error {
	if f.Error != nil {
		errs := f.Errors
		if len(errs) == 0 {
			errs = []result.Error{*f.Error}
		}
		for _, e := range errs {
			g.w.printf("%s", githubCommand{level: "error", file: f.Path, line: e.Line, col: e.Column,
				title: InputRule + ": profile could not be scored", message: e.Message})
		}
	} else {
		a := f.Architecture
		for _, n := range unpricedNotes(a) {
			g.w.printf("%s", githubCommand{level: "warning", file: f.Path, line: n.line, col: n.column,
				title: UnpricedRule + ": " + a.Name + " cost is incomplete", message: n.message})
		}
		for _, c := range a.Components {
			for _, fd := range c.Findings {
				if fd.Waived {
					continue
				}
				msg := c.Name + ": " + fd.Message
				if fd.Remediation != "" {
					msg += "\nFix: " + fd.Remediation
				}
				g.w.printf("%s", githubCommand{level: GitHubLevel(fd.Severity), file: findingFile(f.Path, fd.File), line: fd.Line, col: fd.Column,
					title: fmt.Sprintf("%s (%s): %s", fd.Rule, fd.Severity, fd.Title), message: msg})
			}
		}
	}
	if g.w.err != nil {
		return g.w.err
	}
	if g.summary != nil {
		return g.summary.File(f)
	}
	return nil
}

func (g *githubStream) End(t *result.Result) error {
	for _, gate := range t.Gates {
		for _, f := range gate.Failures {
			g.w.printf("%s", githubCommand{level: "error", file: f.Path, title: "hybridadvisor gate --" + gate.Gate + " " + gate.Limit, message: f.Message})
		}
		for _, f := range gate.Warnings {
			g.w.printf("%s", githubCommand{level: "warning", file: f.Path, title: "hybridadvisor gate --" + gate.Gate + " " + gate.Limit + " (allowed unpriced)", message: f.Message})
		}
	}
	sum := t.Summary
	g.w.printf("hybridadvisor: %d file(s), %d component(s), %d error(s); findings: %s", sum.Files, sum.Components, sum.Errors, findingCounts(sum))
	if sum.Waived > 0 {
		g.w.printf(", %d waived", sum.Waived)
	}
	g.w.printf("\n")
	if g.w.err != nil {
		return g.w.err
	}
	if g.summary != nil {
		return g.summary.End(t)
	}
	return nil
}
