package render_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor/render"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

// unescapedPipes counts the "|" of a table row that end cells (not "\|").
func unescapedPipes(row string) int {
	n := 0
	for i := 0; i < len(row); i++ {
		switch row[i] {
		case '\\':
			i++
		case '|':
			n++
		}
	}
	return n
}

// TestMarkdownEscapesUserStrings: a hostile name, path or message cannot add a
// table cell, break a line, open a link, emphasis, HTML or inline math.
func TestMarkdownEscapesUserStrings(t *testing.T) {
	out := string(render1(t, "markdown", hostile(t), render.StreamOptions{}))
	if strings.Contains(out, "\x1b") || strings.Contains(out, "\r") {
		t.Error("control characters in the Markdown")
	}
	for _, raw := range []string{"<d>", "[a](b)", "::error::f%g,h:i", "$m$"} {
		if strings.Contains(out, raw) && !strings.Contains(out, "`") {
			t.Errorf("%q is unescaped", raw)
		}
	}
	// Outside code spans, no raw "<", "[", "*", "_" or "$" from the hostile text.
	noEscapes := regexp.MustCompile(`\\.`).ReplaceAllString(out, "")
	noCode := regexp.MustCompile("`+[^`]*`+").ReplaceAllString(noEscapes, "")
	for _, bad := range []string{"<d>", "](b)", "x|y", "$", "*z", "_["} {
		if strings.Contains(noCode, bad) {
			t.Errorf("outside code spans %q is unescaped", bad)
		}
	}
	// Every row of a table has as many cell boundaries as its header.
	lines := strings.Split(out, "\n")
	for i := 0; i < len(lines); i++ {
		if !strings.HasPrefix(lines[i], "|") || i+1 >= len(lines) || !strings.HasPrefix(lines[i+1], "|---") {
			continue
		}
		want := unescapedPipes(lines[i])
		for j := i + 2; j < len(lines) && strings.HasPrefix(lines[j], "|"); j++ {
			if got := unescapedPipes(lines[j]); got != want {
				t.Errorf("row %q has %d cell boundaries, its header %d", lines[j], got, want)
			}
		}
	}
}

// TestMarkdownContent checks the summary carries what a reviewer needs.
func TestMarkdownContent(t *testing.T) {
	r := withDiffAndGates(t)
	out := string(render1(t, "markdown", r, render.StreamOptions{}))
	for _, want := range []string{
		"## hybridadvisor",
		"**3 architecture(s)**",
		"| shop<br>`workloads/shop.yaml` | hybrid | aws | **\\$155.53** |",
		"| catalog | serverless-container | `aws-fargate` | \\$36.04 | none |",
		"**Cost change against `main.json`**",
		"| | catalog | changed | `aws-lambda` \\$12.50 | `aws-fargate` \\$36.04 | +\\$23.54 |",
		"- ❌ `--max-monthly-cost` `500`:",
		"- ✅ `--max-cost-increase` `10%`",
		"`workloads/broken.yaml:5:14`",
		"Findings: 13 high, 30 medium, 16 low (1 waived)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
}

// TestMarkdownStaysUnderItsLimit: a batch of any size gives a comment GitHub
// accepts; what does not fit is counted.
func TestMarkdownStaysUnderItsLimit(t *testing.T) {
	fx := loadFixture(t)
	r := &result.Result{SchemaVersion: 1, Tool: fx.Tool, Pricing: fx.Pricing, Settings: fx.Settings}
	for i := 0; i < 2000; i++ {
		f := fx.Files[i%3]
		f.Path = fmt.Sprintf("workloads/w%04d.yaml", i)
		r.Files = append(r.Files, f)
	}
	r.Summarise()
	out := render1(t, "markdown", r, render.StreamOptions{})
	if len(out) > render.DefaultMarkdownLimit+5000 {
		t.Errorf("%d bytes, over the limit", len(out))
	}
	if !strings.Contains(string(out), "more architecture(s) not shown") || !strings.Contains(string(out), "**2000 architecture(s)**") {
		t.Errorf("the omission is not said, or the counts are wrong")
	}
}
