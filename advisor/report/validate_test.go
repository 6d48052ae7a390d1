package report_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/hybridadvisor/hybridadvisor/advisor/render"
)

// This file checks a rendered report the way GitHub would read it: parsed with
// goldmark and the GFM extensions, tables walked row by row, Mermaid blocks
// validated against the subset of the syntax the report uses, raw HTML and
// links checked against what the report itself may emit.

var gfm = goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(html.WithUnsafe()))

// doc is a parsed report.
type doc struct {
	src  []byte
	root ast.Node
	// headings in document order.
	headings []heading
	mermaid  []string
	tables   []*east.Table
	rawHTML  []string
	links    []string // link and autolink destinations
	// inlines are the texts of paragraphs, headings and table cells (for the
	// inline math check).
	inlines []string
}

type heading struct {
	level int
	text  string
}

func parseDoc(t *testing.T, md string) *doc {
	t.Helper()
	d := &doc{src: []byte(md)}
	d.root = gfm.Parser().Parse(text.NewReader(d.src))
	err := ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			d.headings = append(d.headings, heading{n.Level, plainText(n, d.src)})
			d.inlines = append(d.inlines, linesOf(n, d.src))
		case *ast.Paragraph, *east.TableCell:
			d.inlines = append(d.inlines, linesOf(n, d.src))
		case *ast.FencedCodeBlock:
			if string(n.Language(d.src)) == "mermaid" {
				d.mermaid = append(d.mermaid, linesOf(n, d.src))
			}
		case *east.Table:
			d.tables = append(d.tables, n)
		case *ast.HTMLBlock:
			var b strings.Builder
			b.WriteString(linesOf(n, d.src))
			if n.HasClosure() {
				b.Write(n.ClosureLine.Value(d.src))
			}
			d.rawHTML = append(d.rawHTML, strings.TrimSpace(b.String()))
		case *ast.RawHTML:
			var b strings.Builder
			for i := 0; i < n.Segments.Len(); i++ {
				s := n.Segments.At(i)
				b.Write(s.Value(d.src))
			}
			d.rawHTML = append(d.rawHTML, b.String())
		case *ast.Link:
			d.links = append(d.links, string(n.Destination))
		case *ast.AutoLink:
			d.links = append(d.links, string(n.URL(d.src)))
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func linesOf(n ast.Node, src []byte) string {
	var b strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		s := lines.At(i)
		b.Write(s.Value(src))
	}
	return b.String()
}

// plainText is the text content of a node (what a reader sees).
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			// What a reader sees: references resolved, backslash escapes removed
			// (the report never escapes "&", so the order is safe).
			v := c.Segment.Value(src)
			v = util.ResolveNumericReferences(v)
			v = util.ResolveEntityNames(v)
			v = util.UnescapePunctuations(v)
			b.Write(v)
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			for cc := c.FirstChild(); cc != nil; cc = cc.NextSibling() {
				if t, ok := cc.(*ast.Text); ok {
					b.Write(t.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// checkTables proves every row of every table has as many cells as the header:
// goldmark pads a short row with empty cells (which have no source lines) and
// drops the cells of a long one (so the row's source runs past its last cell).
func checkTables(t *testing.T, d *doc) {
	t.Helper()
	for ti, tbl := range d.tables {
		want := len(tbl.Alignments)
		row := 0
		for r := tbl.FirstChild(); r != nil; r = r.NextSibling() {
			row++
			cells := 0
			var last ast.Node
			for c := r.FirstChild(); c != nil; c = c.NextSibling() {
				cells++
				if c.Lines().Len() == 0 {
					t.Errorf("table %d row %d: cell %d is missing (the row is short): %q", ti+1, row, cells, rowSource(d, r))
				}
				last = c
			}
			if cells != want {
				t.Errorf("table %d row %d: %d cells, header has %d: %q", ti+1, row, cells, want, rowSource(d, r))
			}
			if last != nil && last.Lines().Len() > 0 {
				end := last.Lines().At(0).Stop
				rest := d.src[end:]
				if i := bytes.IndexByte(rest, '\n'); i >= 0 {
					rest = rest[:i]
				}
				if s := strings.TrimSpace(string(rest)); s != "|" && s != "" {
					t.Errorf("table %d row %d: text after the last cell (the row is long): %q", ti+1, row, s)
				}
			}
		}
		if row < 2 {
			t.Errorf("table %d has no body rows", ti+1)
		}
	}
}

func rowSource(d *doc, r ast.Node) string {
	if c := r.FirstChild(); c != nil && c.Lines().Len() > 0 {
		start := c.Lines().At(0).Start
		for start > 0 && d.src[start-1] != '\n' {
			start--
		}
		end := bytes.IndexByte(d.src[start:], '\n')
		if end < 0 {
			return string(d.src[start:])
		}
		return string(d.src[start : start+end])
	}
	return ""
}

// allowedHTML is the raw HTML the default template itself writes.
var allowedHTML = []*regexp.Regexp{
	regexp.MustCompile(`^<!-- Generated by hybridadvisor\. [A-Za-z ,().]+ -->$`),
	regexp.MustCompile(`^<details>$`),
	regexp.MustCompile(`^</details>$`),
	regexp.MustCompile(`^<details>\n<summary>[A-Za-z0-9 ().,]+</summary>$`),
	regexp.MustCompile(`^<summary>[A-Za-z0-9 ().,]+</summary>$`),
}

func checkHTML(t *testing.T, d *doc) {
	t.Helper()
	for _, h := range d.rawHTML {
		ok := false
		for _, re := range allowedHTML {
			if re.MatchString(h) {
				ok = true
			}
		}
		if !ok {
			t.Errorf("raw HTML the template does not write: %q", h)
		}
	}
}

// checkLinks accepts in-document anchors that exist and http(s) URLs for which
// allowed returns true.
func checkLinks(t *testing.T, d *doc, allowed func(string) bool) {
	t.Helper()
	anchors := map[string]bool{}
	seen := map[string]int{}
	for _, h := range d.headings {
		base := render.Slug(h.text)
		slug := base
		for {
			if _, taken := seen[slug]; !taken {
				break
			}
			seen[base]++
			slug = fmt.Sprintf("%s-%d", base, seen[base])
		}
		seen[slug] = 0
		anchors["#"+slug] = true
	}
	for _, l := range d.links {
		switch {
		case strings.HasPrefix(l, "#"):
			if !anchors[l] {
				t.Errorf("link to a heading that does not exist: %q", l)
			}
		case strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://"):
			if !allowed(l) {
				t.Errorf("link to an unexpected URL: %q", l)
			}
		default:
			t.Errorf("link with an unexpected destination: %q", l)
		}
	}
}

// checkDollars fails when an inline text has a "$" preceded by a non-space
// after another "$": GitHub could render the span between them as math.
func checkDollars(t *testing.T, d *doc) {
	t.Helper()
	for _, s := range d.inlines {
		n := 0
		for i := 0; i < len(s); i++ {
			if s[i] != '$' || (i > 0 && s[i-1] == '\\') {
				continue
			}
			n++
			if n > 1 && i > 0 && s[i-1] != ' ' && s[i-1] != '\n' {
				t.Errorf("possible inline math (a closing $ after non-space): %q", s)
				break
			}
		}
	}
}

// Mermaid validation: the subset of the syntax the report writes.

var (
	mmNodeID   = `[ne][0-9]+`
	mmLabel    = `((?:[^"<>\x60\n#;]|<br/>|#quot;|#[0-9]+;)*)`
	reNode     = regexp.MustCompile(`^  (` + mmNodeID + `)(?:\["` + mmLabel + `"\]|\(\["` + mmLabel + `"\]\))$`)
	reEdge     = regexp.MustCompile(`^  (` + mmNodeID + `) (-->|-\.->)(?:\|([A-Za-z /]+)\|)? (` + mmNodeID + `)$`)
	reClassDef = regexp.MustCompile(`^  classDef ([a-z]+) ([a-z-]+:#?[a-z0-9]+(?:,[a-z-]+:#?[a-z0-9]+)*)$`)
	reClass    = regexp.MustCompile(`^  class (` + mmNodeID + `(?:,` + mmNodeID + `)*) ([a-z]+)$`)

	reInit  = regexp.MustCompile(`^%%\{init: (\{.*\})\}%%$`)
	reTitle = regexp.MustCompile(`^  title "([^"\n]*)"$`)
	reXAxis = regexp.MustCompile(`^  x-axis "([^"\n]*)" \[(.*)\]$`)
	reYAxis = regexp.MustCompile(`^  y-axis "([^"\n]*)"(?: (-?[0-9.]+) --> (-?[0-9.]+))?$`)
	reLine  = regexp.MustCompile(`^  (line|bar) \[(.*)\]$`)
	reQuote = regexp.MustCompile(`^"([^"\n]*)"$`)
)

// flowchartNode is a parsed node: its ID and decoded label.
type flowchartNode struct{ id, label string }

// validateMermaid checks one block; it returns the flowchart's nodes.
func validateMermaid(src string) ([]flowchartNode, error) {
	lines := strings.Split(strings.TrimRight(src, "\n"), "\n")
	if len(lines) == 0 {
		return nil, fmt.Errorf("empty block")
	}
	if lines[0] == "flowchart LR" {
		return validateFlowchart(lines[1:])
	}
	return nil, validateXYChart(lines)
}

func validateFlowchart(lines []string) ([]flowchartNode, error) {
	var nodes []flowchartNode
	ids := map[string]bool{}
	classes := map[string]bool{}
	edges := 0
	for _, l := range lines {
		switch {
		case reNode.MatchString(l):
			m := reNode.FindStringSubmatch(l)
			if ids[m[1]] {
				return nil, fmt.Errorf("node %s declared twice", m[1])
			}
			ids[m[1]] = true
			label := m[2] + m[3]
			nodes = append(nodes, flowchartNode{m[1], decodeLabel(label)})
		case reEdge.MatchString(l):
			m := reEdge.FindStringSubmatch(l)
			if !ids[m[1]] || !ids[m[4]] {
				return nil, fmt.Errorf("edge between undeclared nodes: %q", l)
			}
			edges++
		case reClassDef.MatchString(l):
			classes[reClassDef.FindStringSubmatch(l)[1]] = true
		case reClass.MatchString(l):
			m := reClass.FindStringSubmatch(l)
			if !classes[m[2]] {
				return nil, fmt.Errorf("class %s used before its classDef", m[2])
			}
			for _, id := range strings.Split(m[1], ",") {
				if !ids[id] {
					return nil, fmt.Errorf("class on an undeclared node: %q", l)
				}
			}
		default:
			return nil, fmt.Errorf("line outside the flowchart subset: %q", l)
		}
	}
	if len(nodes) == 0 {
		return nil, fmt.Errorf("flowchart without nodes")
	}
	for _, c := range []string{"function", "container", "orchestrated"} {
		if !classes[c] {
			return nil, fmt.Errorf("classDef %s missing", c)
		}
	}
	return nodes, nil
}

// decodeLabel reverses the Mermaid entity codes of a label and turns <br/>
// into newlines.
func decodeLabel(s string) string {
	s = strings.ReplaceAll(s, "<br/>", "\n")
	s = strings.ReplaceAll(s, "#quot;", `"`)
	return regexp.MustCompile(`#([0-9]+);`).ReplaceAllStringFunc(s, func(m string) string {
		n, _ := strconv.Atoi(m[1 : len(m)-1])
		if n <= 0 || n > utf8.MaxRune {
			return m
		}
		return string(rune(n))
	})
}

func validateXYChart(lines []string) error {
	i := 0
	if m := reInit.FindStringSubmatch(lines[0]); m != nil {
		var v map[string]any
		if err := json.Unmarshal([]byte(m[1]), &v); err != nil {
			return fmt.Errorf("init directive is not JSON: %v", err)
		}
		i++
	}
	if i >= len(lines) || lines[i] != "xychart-beta" {
		return fmt.Errorf("not a flowchart LR or xychart-beta block")
	}
	labels := -1
	series := 0
	for _, l := range lines[i+1:] {
		switch {
		case reTitle.MatchString(l):
		case reXAxis.MatchString(l):
			items := strings.Split(reXAxis.FindStringSubmatch(l)[2], ", ")
			for _, it := range items {
				if !reQuote.MatchString(it) {
					return fmt.Errorf("x-axis label not a plain quoted string: %q", it)
				}
			}
			labels = len(items)
		case reYAxis.MatchString(l):
		case reLine.MatchString(l):
			if labels < 0 {
				return fmt.Errorf("series before the x-axis")
			}
			vals := strings.Split(reLine.FindStringSubmatch(l)[2], ", ")
			if len(vals) != labels {
				return fmt.Errorf("series has %d values for %d x-axis labels", len(vals), labels)
			}
			for _, v := range vals {
				f, err := strconv.ParseFloat(v, 64)
				if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
					return fmt.Errorf("series value %q is not a finite number", v)
				}
			}
			series++
		default:
			return fmt.Errorf("line outside the xychart subset: %q", l)
		}
	}
	if labels < 1 || series < 1 {
		return fmt.Errorf("xychart without x-axis or series")
	}
	return nil
}

// TestValidators makes sure the validators reject what they must.
func TestValidators(t *testing.T) {
	bad := []string{
		"flowchart LR\n  n1[\"a\"]\n  click n1 href \"javascript:alert(1)\"",
		"flowchart LR\n  n1[\"a\"b\"]",
		"flowchart LR\n  n1[\"<script>\"]",
		"flowchart LR\n  end[\"a\"]",
		"flowchart LR\n  n1[\"a\"]\n  n1 --> n2",
		"flowchart LR\n  n1[\"a#35\"]\n  classDef function fill:#fff\n  classDef container fill:#fff\n  classDef orchestrated fill:#fff",
		"xychart-beta\n  x-axis \"x\" [\"a\", \"b\"]\n  line [1, 2, 3]",
		"xychart-beta\n  x-axis \"x\" [\"a\"]\n  line [NaN]",
		"xychart-beta\n  x-axis \"x\" [\"a\"]\n  line [Inf]",
		"xychart-beta\n  title \"a\"b\"\n  x-axis \"x\" [\"a\"]\n  line [1]",
		"%%{init: {bad}}%%\nxychart-beta\n  x-axis \"x\" [\"a\"]\n  line [1]",
		"pie\n  \"a\": 1",
	}
	for _, b := range bad {
		if _, err := validateMermaid(b); err == nil {
			t.Errorf("accepted: %q", b)
		}
	}
	good := []string{
		"flowchart LR\n  n1[\"a#quot;b#35;<br/>c\"]\n  e1([\"Clients\"])\n  e1 -->|API Gateway| n1\n  n1 -.->|Pub/Sub| n1\n  classDef function fill:#fff\n  classDef container fill:#fff\n  classDef orchestrated fill:#fff\n  class n1 function",
		"%%{init: {\"a\": 1}}%%\nxychart-beta\n  title \"t\"\n  x-axis \"x\" [\"a\", \"b\"]\n  y-axis \"y\"\n  line [1, 2.5]\n  line [0.00, 3]",
	}
	for _, g := range good {
		if _, err := validateMermaid(g); err != nil {
			t.Errorf("rejected %q: %v", g, err)
		}
	}
	if got := decodeLabel("a#quot;b#35;<br/>c"); got != "a\"b#\nc" {
		t.Errorf("decodeLabel = %q", got)
	}
}
