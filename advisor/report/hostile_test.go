package report_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor"
	"github.com/hybridadvisor/hybridadvisor/advisor/render"
	"github.com/hybridadvisor/hybridadvisor/advisor/report"
)

// hostileNames are component names built to break Markdown tables, code spans,
// HTML, links, headings and Mermaid. Names cannot hold control characters (the
// profile rejects them); descriptions can.
var hostileNames = []string{
	"a|b",
	"`x`",
	"<script>alert(1)</script>",
	"[x](javascript:alert(1))",
	"end",
	`"]; click A href "x`,
	"evil.txt.exe", // a bidi override (U+202E) is refused in a name now; the descriptions carry one
	"# not a heading",
	"1. not a list",
	"$a$ and $b$",
	"@here https://evil.example/x www.evil.example me@evil.example",
	"%%{init: {\"theme\": \"dark\"}}%% graph TD",
	"a&amp;b &#60;i&#62; #quot; #35;",
	"<!-- x --> </details> <img src=x onerror=alert(1)>",
}

const hostileDescription = "line one\n# heading\n<img src=x onerror=alert(1)>\n| a | b |\n```\ncode\n```\n[y](javascript:alert(1)) <https://evil.example> ![i](https://evil.example/i.png)\n---\n> quote\u202E"

// hostileProfile builds a profile whose components are named as above and call
// each other in a chain, alternating sync and async.
func hostileProfile() []byte {
	var b strings.Builder
	b.WriteString("apiVersion: hybridadvisor/v1\n")
	b.WriteString("name: " + yamlQuote("</details><script>x</script> | `arch` [l](javascript:x)") + "\n")
	b.WriteString("description: " + yamlQuote(hostileDescription) + "\n")
	b.WriteString("components:\n")
	for i, n := range hostileNames {
		b.WriteString("  - name: " + yamlQuote(n) + "\n")
		b.WriteString("    description: " + yamlQuote(hostileDescription) + "\n")
		switch i % 3 {
		case 0:
			b.WriteString("    trigger: http\n    security: {exposure: public}\n")
		case 1:
			b.WriteString("    trigger: queue\n")
		default:
			b.WriteString("    trigger: event\n")
		}
		b.WriteString("    traffic: {requests_per_month: 2000000, pattern: spiky}\n")
		b.WriteString("    execution: {avg_duration: 200ms, memory_mb: 512}\n")
		if i == 1 {
			b.WriteString("    dependencies: {container_image: true}\n")
			b.WriteString("    security:\n      supply_chain: {image_ref: " + yamlQuote("evil`</td><script>|x:1") + "}\n")
		}
		if i == 4 {
			b.WriteString("    observability: {structured_logs: true}\n")
			b.WriteString("    waivers:\n      - rule: OBS-01\n        reason: " + yamlQuote("see [link](javascript:alert(1)) <script>|</script> `x` https://evil.example/w") + "\n        expires: 2099-01-01\n")
		}
		if i+1 < len(hostileNames) {
			mode := "sync"
			if i%2 == 1 {
				mode = "async"
			}
			b.WriteString("    calls:\n      - {to: " + yamlQuote(hostileNames[i+1]) + ", mode: " + mode + "}\n")
		}
	}
	return []byte(b.String())
}

// yamlQuote writes s as a double-quoted YAML scalar.
func yamlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\u202E':
			b.WriteString(`\u202E`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// TestHostileInput feeds names, descriptions, a title and a path built to break
// out of every context the report puts user text in, and parses the output back.
func TestHostileInput(t *testing.T) {
	src := advisor.Source{Path: "evil|`path`<b>.yaml", Data: hostileProfile()}
	bad := advisor.Source{Path: "<script>bad</script>|x.yaml", Data: []byte("apiVersion: hybridadvisor/v1\nname: \"<img src=x onerror=alert(1)>\"\ncomponents: []\n")}
	out, res := renderInput(t, []advisor.Source{src, bad}, report.Options{
		Title:   "Report <script>alert(1)</script> | [t](javascript:alert(1))",
		Command: "hybridadvisor report 'evil`|<b>.yaml'",
	})
	if res.Summary.Errors != 1 || len(res.Files) != 2 || res.Files[0].Architecture == nil {
		t.Fatalf("want the hostile profile scored and the bad one failed: %+v", res.Summary)
	}
	arch := res.Files[0].Architecture
	if len(arch.Components) != len(hostileNames) {
		t.Fatalf("%d components, want %d", len(arch.Components), len(hostileNames))
	}

	d := parseDoc(t, out)
	checkTables(t, d)
	checkHTML(t, d)
	checkLinks(t, d, knownURLs(res))
	checkDollars(t, d)

	// No bidi override survives anywhere.
	if strings.ContainsRune(out, '\u202E') {
		t.Error("a bidi override character reached the report")
	}
	// The user's newlines did not make headings: exactly the template's.
	levels := map[int]int{}
	for _, h := range d.headings {
		levels[h.level]++
	}
	if levels[1] != 1 || levels[2] != 3 || levels[4] != len(hostileNames) {
		t.Errorf("heading counts %v: user text made or lost headings\n%v", levels, d.headings)
	}
	// Each component heading reads as the name, cleaned of control characters.
	var comps []string
	for _, h := range d.headings {
		if h.level == 4 {
			comps = append(comps, h.text)
		}
	}
	for i, n := range hostileNames {
		if i < len(comps) && comps[i] != render.Clean(n) {
			t.Errorf("component heading %q, want %q", comps[i], render.Clean(n))
		}
	}
	// The Mermaid blocks stay in the subset and the labels decode to the names.
	flow := 0
	for _, m := range d.mermaid {
		nodes, err := validateMermaid(m)
		if err != nil {
			t.Errorf("mermaid: %v\n%s", err, m)
			continue
		}
		if nodes == nil {
			continue
		}
		flow++
		for i, n := range hostileNames {
			if first, _, _ := strings.Cut(nodes[i].label, "\n"); first != render.Clean(n) {
				t.Errorf("node %s label decodes to %q, want %q", nodes[i].id, first, render.Clean(n))
			}
		}
		if strings.Contains(m, "click") && !strings.Contains(m, "#quot;") {
			t.Error("click directive in a flowchart")
		}
	}
	if flow != 1 {
		t.Errorf("%d flowcharts, want 1", flow)
	}

	// Rendered to HTML as GitHub would (raw HTML allowed through, so anything
	// that slipped would show), no script, image, handler or javascript: link.
	var html bytes.Buffer
	if err := gfm.Convert([]byte(out), &html); err != nil {
		t.Fatal(err)
	}
	h := strings.ToLower(html.String())
	for _, s := range []string{"<script", "<img", "href=\"javascript", "<b>", "</td><script", "src=\"x\""} {
		if strings.Contains(h, s) {
			t.Errorf("rendered HTML contains %q", s)
		}
	}
	if m := regexp.MustCompile(`<[a-z][^>]*\bonerror=`).FindString(h); m != "" {
		t.Errorf("rendered HTML has an event handler: %q", m)
	}
	for _, s := range []string{"evil.example", "me@evil"} {
		if strings.Contains(h, "href=\"https://"+s) || strings.Contains(h, "href=\"http://"+s) || strings.Contains(h, "mailto:"+s) {
			t.Errorf("rendered HTML links user text %q", s)
		}
	}
	// The names show as text.
	for _, s := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "a|b", "[x](javascript:alert(1))"} {
		if !strings.Contains(html.String(), s) {
			t.Errorf("rendered HTML lacks the escaped name %q", s)
		}
	}
	// Raw Markdown: the link, heading and fence syntax in user text is escaped.
	for _, re := range []string{`(^|[^\\])\]\(javascript:`, `(?m)^# heading`, "(?m)^```\ncode", `(^|[^\\])!\[i\]`} {
		if m := regexp.MustCompile(re).FindString(out); m != "" {
			t.Errorf("unescaped user text %q in the Markdown", m)
		}
	}
	if !strings.Contains(out, "Inputs that could not be read") {
		t.Error("no section for the input that could not be read")
	}
}
