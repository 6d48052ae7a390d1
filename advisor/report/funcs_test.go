package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/hybridadvisor/hybridadvisor/advisor/render"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

func TestFormatting(t *testing.T) {
	d := decimal.RequireFromString
	cases := []struct{ got, want string }{
		{money(result.USD(d("1433.14"))), "$1,433.14"},
		{money(result.USD(d("-22.5"))), "-$22.50"},
		{money(result.USD(d("0"))), "$0.00"},
		{money((*result.Money)(nil)), "n/a"},
		{number(result.Num(d("134000000"))), "134,000,000"},
		{number(result.Num(d("0.0000004"))), "0.0000004"},
		{number(result.Num(d("1234567.125"))), "1,234,567.125"},
		{count(d("45000000")), "45M"},
		{count(d("1350000")), "1.35M"},
		{count(d("700764")), "701k"},
		{count(d("574")), "574"},
		{count(d("4500000000")), "4.5B"},
		{percent(d("300.07"), d("455.60")), "65.9%"},
		{percent(d("1"), d("0")), "n/a"},
		{duration(180 * time.Millisecond), "180 ms"},
		{duration(14 * time.Minute), "14 min"},
		{duration(65 * time.Minute), "1 h 5 min"},
		{duration(1500 * time.Millisecond), "1.5 s"},
		{sig(d("0.000011416")), "0.0000114"},
		{sig(d("17.123287671")), "17.123"},
		{savingPhrase(result.USD(d("-22.52")), "-5.4%"), "$22.52 (5.4%) more than"},
		{savingPhrase(result.USD(d("300.07")), "65.9%"), "$300.07 (65.9%) less than"},
		{cloudList([]string{"aws", "azure", "gcp"}), "AWS, Azure and Google Cloud"},
		{severityCounts(map[string]int{"high": 2, "low": 1}), "2 high, 1 low"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestEscaping(t *testing.T) {
	cases := []struct{ got, want string }{
		{render.MarkdownText("a|b"), `a\|b`},
		{render.MarkdownText("<b>x</b>"), "&lt;b&gt;x&lt;/b&gt;"},
		{render.MarkdownText("see https://x.io or www.x.io, me@x.io"), "see https&#58;//x.io or &#119;ww.x.io, me&#64;x.io"},
		{render.MarkdownText("1. first"), `1\. first`},
		{render.MarkdownText("2026.11.1"), "2026.11.1"},
		{render.MarkdownText("$5 and $6"), `\$5 and \$6`},
		{render.MarkdownText("[x](javascript:y)"), `\[x\](javascript:y)`},
		{render.MarkdownText(`a\(b`), `a\\(b`},
		{render.MarkdownText("x\u202Ey\nz"), `x\\u202ey z`}, // the override shown, not obeyed
		{CodeSpan("a`b"), "``a`b``"},
		{CodeSpan("`a"), "`` `a ``"},
		{MermaidLabel(`"]; click A href "x`), "#quot;#93;#59; click A href #quot;x"},
		{MermaidLabel("a<b>#1&é"), "a#60;b#62;#35;1#38;é"},
		{MermaidLabel("line\nbreak"), "line break"},
		{render.Slug("Security and operations"), "security-and-operations"},
		{render.Slug("a|b `c` <d>"), "ab-c-d"},
		{render.Slug("Ünïcode Name_1"), "ünïcode-name_1"},
		{MarkdownLink("x", "javascript:alert(1)"), "x (`javascript:alert(1)`)"},
		{MarkdownLink("https://a.io/x", "https://a.io/x"), "<https://a.io/x>"},
		{MarkdownLink("doc", "https://a.io/x(1)"), "doc (`https://a.io/x(1)`)"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestSplitCitation(t *testing.T) {
	short, u, asOf := splitCitation("gpu 2 is needed but Fargate offers none (The gpu parameter is invalid; use EKS; https://docs.aws.amazon.com/x.html, as of 2026-11-25)")
	if short != "gpu 2 is needed but Fargate offers none" || u != "https://docs.aws.amazon.com/x.html" || asOf != "2026-11-25" {
		t.Errorf("got %q %q %q", short, u, asOf)
	}
	short, u, _ = splitCitation("no citation (here)")
	if short != "no citation (here)" || u != "" {
		t.Errorf("got %q %q", short, u)
	}
}

// TestAnchorsForward proves a link can point at a heading further down, with
// GitHub's numbering of repeated headings.
func TestAnchorsForward(t *testing.T) {
	tmpl := `{{ $k := "second" }}[to]({{ anchor $k }})
# {{ heading "Same" }}
# {{ heading "Same" $k }}
`
	var buf bytes.Buffer
	err := Render(&buf, &result.Result{}, Options{Template: tmpl, Today: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), "[to](#same-1)") {
		t.Errorf("got %q", buf.String())
	}
}

func TestTemplateErrors(t *testing.T) {
	if err := Parse("t", "{{ .Nope }"); err == nil {
		t.Error("a syntax error parsed")
	}
	if err := Parse("t", "{{ md .Title }} {{ flowchart (index .Architectures 0) }}"); err != nil {
		t.Errorf("a valid template failed: %v", err)
	}
	var buf bytes.Buffer
	if err := Render(&buf, &result.Result{}, Options{Template: "{{ .Nope }}"}); err == nil {
		t.Error("a missing field executed")
	}
	if err := Parse("default", DefaultTemplate()); err != nil {
		t.Errorf("default template: %v", err)
	}
}
