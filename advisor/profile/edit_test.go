package profile

import (
	"fmt"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func shopSource(t *testing.T) string {
	t.Helper()
	src, ok := Template("shop")
	if !ok {
		t.Fatal("no shop example")
	}
	return string(src)
}

// replaceOnce replaces old with new in s and fails unless old occurs exactly once.
func replaceOnce(t *testing.T, s, old, new string) string {
	t.Helper()
	if n := strings.Count(s, old); n != 1 {
		t.Fatalf("%q occurs %d times in the source, want once", old, n)
	}
	return strings.Replace(s, old, new, 1)
}

func mustDoc(t *testing.T, src string) *Doc {
	t.Helper()
	d, err := NewDoc([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// checkText compares the edited text with want line by line, then checks the
// result still parses as a profile.
func checkText(t *testing.T, d *Doc, want string) *File {
	t.Helper()
	got := string(d.Bytes())
	if got != want {
		gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
		for i := 0; i < max(len(gl), len(wl)); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("line %d:\n got  %q\n want %q", i+1, g, w)
			}
		}
		t.Fatal("texts differ")
	}
	if d.Normalised() {
		t.Error("edit was re-encoded, want a splice")
	}
	f, err := Parse("shop.yaml", d.Bytes())
	if err != nil {
		t.Fatalf("edited profile does not parse: %v", err)
	}
	return f
}

func TestDocSetKeepsEverythingElse(t *testing.T) {
	src := shopSource(t)
	cases := []struct {
		name, path, value string
		want              func(string) string
		check             func(*testing.T, *Architecture)
	}{
		{
			name: "block scalar with aligned line comment", path: "components[0].traffic.requests_per_month", value: "90000000",
			want: func(s string) string {
				return replaceOnce(t, s, "requests_per_month: 45000000   # ~1.5M", "requests_per_month: 90000000   # ~1.5M")
			},
			check: func(t *testing.T, a *Architecture) {
				if got := a.Components[0].Traffic.RequestsPerMonth.String(); got != "90000000" {
					t.Errorf("requests = %s", got)
				}
			},
		},
		{
			name: "enum in a block mapping", path: "components[0].traffic.pattern", value: "spiky",
			want: func(s string) string {
				return replaceOnce(t, s, "pattern: diurnal               # busy evenings", "pattern: spiky               # busy evenings")
			},
		},
		{
			name: "value inside a flow mapping", path: "components[0].dependencies.complexity", value: "simple",
			want: func(s string) string {
				return replaceOnce(t, s, "dependencies: {complexity: moderate, package_mb: 180", "dependencies: {complexity: simple, package_mb: 180")
			},
		},
		{
			name: "quoted string stays quoted", path: "components[0].tags.cost_center", value: "4101",
			want: func(s string) string { return replaceOnce(t, s, `cost_center: "4100"`, `cost_center: "4101"`) },
			check: func(t *testing.T, a *Architecture) {
				if a.Components[0].Tags["cost_center"] != "4101" {
					t.Errorf("tags = %v", a.Components[0].Tags)
				}
			},
		},
		{
			name: "missing key in a block mapping", path: "components[4].execution.concurrency", value: "4",
			want: func(s string) string {
				return replaceOnce(t, s, "      avg_duration: 300ms\n      memory_mb: 256\n",
					"      avg_duration: 300ms\n      memory_mb: 256\n      concurrency: 4\n")
			},
			check: func(t *testing.T, a *Architecture) {
				if a.Components[4].Execution.Concurrency != 4 {
					t.Errorf("concurrency = %d", a.Components[4].Execution.Concurrency)
				}
			},
		},
		{
			name: "missing key on a component, after a flow mapping", path: "components[4].state", value: "stateful",
			want: func(s string) string {
				return replaceOnce(t, s, "    tags: {owner: team-checkout}\n\n", "    tags: {owner: team-checkout}\n    state: stateful\n\n")
			},
		},
		{
			name: "missing key in a flow mapping", path: "components[5].requires.privileged", value: "true",
			want: func(s string) string {
				return replaceOnce(t, s, "      memory_mb: 3008\n    dependencies: {complexity: moderate, package_mb: 150}\n    requires: {vpc: true}",
					"      memory_mb: 3008\n    dependencies: {complexity: moderate, package_mb: 150}\n    requires: {vpc: true, privileged: true}")
			},
		},
		{
			name: "missing mapping at the top level", path: "assumptions.free_tier", value: "false",
			want: func(s string) string { return s + "assumptions:\n  free_tier: false\n" },
			check: func(t *testing.T, a *Architecture) {
				if a.Assumptions.FreeTier {
					t.Error("free tier still on")
				}
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := mustDoc(t, src)
			if err := d.Set(0, tc.path, tc.value); err != nil {
				t.Fatal(err)
			}
			f := checkText(t, d, tc.want(src))
			if got, _ := d.Get(0, tc.path); got != tc.value {
				t.Errorf("Get after Set = %q", got)
			}
			if tc.check != nil {
				tc.check(t, f.Architectures[0])
			}
		})
	}
}

func TestDocRenameKey(t *testing.T) {
	src := shopSource(t)
	d := mustDoc(t, src)
	if err := d.RenameKey(0, "components[1].traffic.requests_per_second", "requests_per_month"); err != nil {
		t.Fatal(err)
	}
	if err := d.Set(0, "components[1].traffic.requests_per_month", "65700000"); err != nil {
		t.Fatal(err)
	}
	want := replaceOnce(t, src, "requests_per_second: 25        # steady", "requests_per_month: 65700000        # steady")
	f := checkText(t, d, want)
	if got := f.Architectures[0].Components[1].Traffic.RequestsPerMonth.String(); got != "65700000" {
		t.Errorf("requests = %s", got)
	}
	if err := d.RenameKey(0, "components[1].traffic.pattern", "requests_per_month"); err == nil {
		t.Error("renaming onto an existing key succeeded")
	}
}

// TestDocSetIsNotYAMLInjection: whatever is typed becomes one scalar, so the
// parser's own message explains what is wrong with it.
func TestDocSetIsNotYAMLInjection(t *testing.T) {
	for _, value := range []string{"1024 # more", "{a: 1}", "[1, 2]", "x\ny: 1", "", "null", "- 1", "'", `"`, "a: b"} {
		d := mustDoc(t, minimal)
		if err := d.Set(0, "components[0].execution.memory_mb", value); err != nil {
			t.Fatalf("%q: %v", value, err)
		}
		got, ok := d.Get(0, "components[0].execution.memory_mb")
		if !ok || got != value {
			t.Errorf("%q read back as %q", value, got)
		}
		_, err := Parse("p.yaml", d.Bytes())
		if err == nil || !strings.Contains(err.Error(), "memory_mb") {
			t.Errorf("%q: parse error = %v, want one about memory_mb", value, err)
		}
		if strings.Count(string(d.Bytes()), "\n") > strings.Count(minimal, "\n")+2 {
			t.Errorf("%q spread over several lines:\n%s", value, d.Bytes())
		}
	}
}

func TestDocSetErrors(t *testing.T) {
	d := mustDoc(t, minimal)
	for _, path := range []string{"components[3].trigger", "components.trigger", "components[0].traffic", "", "a..b", "components[x].name"} {
		if err := d.Set(0, path, "1"); err == nil {
			t.Errorf("Set(%q) succeeded", path)
		}
	}
	if err := d.Set(1, "name", "x"); err == nil {
		t.Error("Set on a missing document succeeded")
	}
	if string(d.Bytes()) != minimal {
		t.Error("a failed Set changed the text")
	}
}

// TestDocFallsBackToEncoder: a value the splicer does not handle (a block
// scalar) is still edited, through yaml.v3, with comments kept.
func TestDocFallsBackToEncoder(t *testing.T) {
	src := "# head comment\napiVersion: hybridadvisor/v1\nname: t\ndescription: |\n  two\n  lines\ncomponents:\n  - name: a   # the only one\n    trigger: http\n    traffic: {requests_per_month: 1000}\n    execution: {avg_duration: 100ms}\n"
	d := mustDoc(t, src)
	if err := d.Set(0, "description", "one line"); err != nil {
		t.Fatal(err)
	}
	if !d.Normalised() {
		t.Fatal("want the encoder fallback")
	}
	got := string(d.Bytes())
	for _, want := range []string{"# head comment", "# the only one", "description: one line", "traffic: {requests_per_month: 1000}"} {
		if !strings.Contains(got, want) {
			t.Errorf("re-encoded text lacks %q:\n%s", want, got)
		}
	}
	if _, err := Parse("p.yaml", d.Bytes()); err != nil {
		t.Fatal(err)
	}
}

func TestDocMultiDocumentAndCRLF(t *testing.T) {
	two := minimal + "---\n" + strings.Replace(minimal, "name: t", "name: u", 1)
	d := mustDoc(t, two)
	if d.Documents() != 2 {
		t.Fatalf("documents = %d", d.Documents())
	}
	if err := d.Set(1, "components[0].execution.memory_mb", "256"); err != nil {
		t.Fatal(err)
	}
	want := minimal + "---\n" + strings.Replace(strings.Replace(minimal, "name: t", "name: u", 1),
		"execution: {avg_duration: 100ms}", "execution: {avg_duration: 100ms, memory_mb: 256}", 1)
	if got := string(d.Bytes()); got != want || d.Normalised() {
		t.Fatalf("got:\n%s\nwant:\n%s", got, want)
	}

	crlf := strings.ReplaceAll(minimal, "\n", "\r\n")
	d = mustDoc(t, crlf)
	if err := d.Set(0, "components[0].state", "stateful"); err != nil {
		t.Fatal(err)
	}
	if got, want := string(d.Bytes()), crlf+"    state: stateful\r\n"; got != want || d.Normalised() {
		t.Fatalf("got %q\nwant %q", got, want)
	}
}

func TestDocNoTrailingNewlineAndUnicode(t *testing.T) {
	src := "apiVersion: hybridadvisor/v1\nname: café ☕\ncomponents:\n  - {name: ünïcode, trigger: http, traffic: {requests_per_month: 10}, execution: {avg_duration: 1s}}"
	d := mustDoc(t, src)
	if err := d.Set(0, "components[0].traffic.requests_per_month", "20"); err != nil {
		t.Fatal(err)
	}
	if err := d.Set(0, "regions.aws", "eu-west-1"); err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(src, "requests_per_month: 10", "requests_per_month: 20", 1) + "\nregions:\n  aws: eu-west-1\n"
	if got := string(d.Bytes()); got != want || d.Normalised() {
		t.Fatalf("got %q\nwant %q", got, want)
	}
}

func TestSetScalarOnNodes(t *testing.T) {
	d := mustDoc(t, minimal)
	root := d.roots[0]
	if err := SetScalar(root, "components[0].execution.gpu", "1"); err != nil {
		t.Fatal(err)
	}
	if n := LookupNode(root, "components[0].execution.gpu"); n == nil || n.Value != "1" || n.ShortTag() != "!!int" {
		t.Fatalf("node = %+v", n)
	}
	out, err := EncodeNodes(d.roots)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "execution: {avg_duration: 100ms, gpu: 1}") {
		t.Errorf("encoded:\n%s", out)
	}
}

// TestDocQuotingFollowsTheValue: a quoted number stays a quoted string, but a
// value that was only quoted because it was empty becomes a number again.
func TestDocQuotingFollowsTheValue(t *testing.T) {
	d := mustDoc(t, minimal)
	p := "components[0].execution.memory_mb"
	for _, step := range []struct{ value, want string }{
		{"", `memory_mb: ""`},
		{"9", "memory_mb: 9"},
		{"x y", "memory_mb: x y"},
		{"128", "memory_mb: 128"},
	} {
		if err := d.Set(0, p, step.value); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(d.Bytes()), step.want) {
			t.Fatalf("after %q:\n%s", step.value, d.Bytes())
		}
	}
	d = mustDoc(t, "tags: {cost_center: \"4100\", owner: \"web\"}\n")
	_ = d.Set(0, "tags.cost_center", "4200")
	_ = d.Set(0, "tags.owner", "api")
	if got := string(d.Bytes()); got != "tags: {cost_center: \"4200\", owner: \"api\"}\n" {
		t.Errorf("got %q", got)
	}
}

// scalarPaths lists the field path of every scalar value under n.
func scalarPaths(n *yaml.Node, path string, out *[]string) {
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			scalarPaths(c, path, out)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			p := n.Content[i].Value
			if path != "" {
				p = path + "." + p
			}
			scalarPaths(n.Content[i+1], p, out)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			scalarPaths(c, fmt.Sprintf("%s[%d]", path, i), out)
		}
	case yaml.ScalarNode:
		if !strings.HasSuffix(path, "]") { // list items are not addressable by Set
			*out = append(*out, path)
		}
	}
}

// TestDocSetEveryValueOfEveryExample edits each value of each embedded example
// in turn: exactly one line changes, and it reads back as the new value.
func TestDocSetEveryValueOfEveryExample(t *testing.T) {
	for _, tpl := range Templates() {
		src, _ := Template(tpl.Name)
		d := mustDoc(t, string(src))
		var paths []string
		scalarPaths(d.roots[0], "", &paths)
		if len(paths) < 20 {
			t.Fatalf("%s: only %d values", tpl.Name, len(paths))
		}
		for _, p := range paths {
			for _, v := range []string{"12345", "new value", "a, b"} {
				d := mustDoc(t, string(src))
				if err := d.Set(0, p, v); err != nil {
					t.Fatalf("%s %s: %v", tpl.Name, p, err)
				}
				if d.Normalised() {
					t.Errorf("%s %s=%q: re-encoded instead of spliced", tpl.Name, p, v)
					continue
				}
				if got, _ := d.Get(0, p); got != v {
					t.Errorf("%s %s=%q read back as %q", tpl.Name, p, v, got)
				}
				before, after := strings.Split(string(src), "\n"), strings.Split(string(d.Bytes()), "\n")
				if len(before) != len(after) {
					t.Errorf("%s %s: line count %d -> %d", tpl.Name, p, len(before), len(after))
					continue
				}
				changed := 0
				for i := range before {
					if before[i] != after[i] {
						changed++
					}
				}
				if changed != 1 {
					t.Errorf("%s %s=%q: %d lines changed", tpl.Name, p, v, changed)
				}
			}
		}
	}
}
