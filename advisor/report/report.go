// Package report writes the Markdown recommendation report: the document a team
// puts in a pull request or a design review. It renders from the JSON result
// alone (result.Result: the advice, each component's workload as modelled and
// calls, and the catalog that advisor.AddCatalog adds), through a
// text/template that users may replace. The template's data and functions are a
// documented contract (docs/report.md). It imports only advisor/result and
// advisor/render (and advisor/safetext, the leaf that render also uses).
package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"strings"
	"text/template"

	"github.com/hybridadvisor/hybridadvisor/advisor/result"
	"github.com/hybridadvisor/hybridadvisor/advisor/safetext"
)

//go:embed templates/report.md.tmpl
var defaultTemplate string

// DefaultTemplate returns the text of the embedded default template (a
// starting point for --template).
func DefaultTemplate() string { return defaultTemplate }

// Parse checks a template's syntax against the report functions, so a bad
// --template fails before any scoring.
func Parse(name, text string) error {
	_, err := parse(name, text, newAnchorState(nil), nil)
	return err
}

func parse(name, text string, anchors *anchorState, d *Data) (*template.Template, error) {
	t, err := template.New(name).Option("missingkey=error").Funcs(funcs(anchors, d)).Parse(text)
	if err != nil {
		return nil, fmt.Errorf("report template: %w", err)
	}
	return t, nil
}

// Render writes the report on res to w.
func Render(w io.Writer, res *result.Result, opts Options) error {
	text, name := opts.Template, opts.TemplateName
	if name == "" {
		name = "custom"
	}
	if text == "" {
		text, name = defaultTemplate, "report.md.tmpl"
	}
	d := Build(res, opts)
	// Two passes: the first records every heading's anchor so that the second
	// can link to headings further down.
	first := newAnchorState(nil)
	t, err := parse(name, text, first, d)
	if err != nil {
		return err
	}
	if err := t.Execute(io.Discard, d); err != nil {
		return fmt.Errorf("report template: %w", err)
	}
	t, err = parse(name, text, newAnchorState(first.cur), d)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, d); err != nil {
		return fmt.Errorf("report template: %w", err)
	}
	// The last line of defence for a report printed in a CI log (safetext.Guard);
	// a custom template may print values unescaped.
	g := safetext.GuardText(w, false)
	if _, err := g.Write(tidy(buf.Bytes())); err != nil {
		return err
	}
	return g.Flush()
}

// tidy folds runs of blank lines (templates leave them around conditionals)
// and ends the document with one newline. Fenced code blocks are left alone.
func tidy(b []byte) []byte {
	lines := strings.Split(string(b), "\n")
	out := make([]string, 0, len(lines))
	blank, fence := 0, false
	for _, l := range lines {
		l = strings.TrimRight(l, " \t")
		if strings.HasPrefix(l, "```") {
			fence = !fence
		}
		if l == "" && !fence {
			blank++
			if blank > 1 || len(out) == 0 {
				continue
			}
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return []byte(strings.Join(out, "\n") + "\n")
}
