package importer

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/hybridadvisor/hybridadvisor/internal/advisortest"
)

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers: [{name: web, image: nginx:1.27}]
`

// TestImportBadInput: every bad input is an error naming its file (and line
// when there is one), never a panic, and the other inputs are imported.
func TestImportBadInput(t *testing.T) {
	billion := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		billion += n + ": &" + n + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n"
		prev = n
	}
	huge := strings.Repeat(deployment+"---\n", MaxFileSize/len(deployment)+1)
	cases := []struct {
		name, file, content string
		want                string // in the error
	}{
		{"10 MB manifest", "big.yaml", huge, "larger than 10 MiB"},
		{"billion laughs (Kubernetes)", "bomb.yaml", "apiVersion: v1\nkind: ConfigMap\n" + billion, "YAML bomb"},
		{"billion laughs (Compose)", "compose.yaml", "services:\n  web: {image: x}\nx-bomb:\n" + indent(billion), "YAML bomb"},
		{"merge-key bomb", "compose.yaml", mergeBomb(), "YAML bomb"},
		{"cyclic depends_on", "compose.yaml", "services:\n  a: {image: a, depends_on: [b]}\n  b: {image: b, depends_on: [c]}\n  c: {image: c, depends_on: [a]}\n", "compose.yaml:4:30: depends_on cycle: a -> b -> c -> a"},
		{"syntax error", "deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nspec: [\n", "deploy.yaml:3: YAML"},
		{"kind missing", "deploy.yaml", "apiVersion: apps/v1\nmetadata: {name: x}\n---\napiVersion: v1\nkind: Service\n", "deploy.yaml:1:1: the object has an apiVersion but no kind"},
		{"scalar document", "deploy.yaml", "apiVersion: v1\nkind: Service\n---\njust text\n", "deploy.yaml:4:1: document 2 is not a mapping"},
		{"services not a mapping", "compose.yaml", "services: [web]\n", "not a supported format"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			advisortest.WriteFile(t, dir, tc.file, tc.content)
			advisortest.WriteFile(t, dir, "good/deploy.yaml", deployment)
			out, err := Import([]string{dir}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var msgs []string
			for _, e := range out.Errors {
				var se *SourceError
				if !errors.As(e, &se) {
					t.Errorf("%T is not a *SourceError: %v", e, e)
				}
				msgs = append(msgs, e.Error())
			}
			for _, s := range out.Skipped {
				msgs = append(msgs, s.Path+": "+s.Reason)
			}
			all := strings.Join(msgs, "\n")
			if !strings.Contains(all, tc.want) {
				t.Errorf("errors and skips:\n%s\nwant %q", all, tc.want)
			}
			if len(out.Draft.Components) == 0 || out.Draft.Components[0].Name != "web" {
				t.Errorf("the good file was not imported: %+v", out.Draft.Components)
			}
		})
	}
}

// mergeBomb nests merge keys ten wide, eight deep, under services.
func mergeBomb() string {
	s := "x-a: &a {image: x}\n"
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		s += "x-" + n + ": &" + n + "\n  <<: [" + strings.TrimSuffix(strings.Repeat("*"+prev+", ", 10), ", ") + "]\n"
		prev = n
	}
	return s + "services:\n  <<: *" + prev + "\n  web: {image: w}\n"
}

func indent(s string) string {
	return "  " + strings.ReplaceAll(strings.TrimSuffix(s, "\n"), "\n", "\n  ") + "\n"
}

// TestImportUnknownKinds lists what is not mapped instead of dropping it.
func TestImportUnknownKinds(t *testing.T) {
	dir := t.TempDir()
	p := advisortest.WriteFile(t, dir, "crd.yaml", deployment+`---
apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: shop-tls}
---
apiVersion: v1
kind: Secret
metadata: {name: db}
`)
	out, err := Import([]string{p}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range out.Draft.Unknown {
		got = append(got, where(u.From)+u.Text)
	}
	want := []string{
		p + ":9: Kubernetes Certificate shop-tls (cert-manager.io/v1)",
		p + ":13: Kubernetes Secret db (v1)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("unknown:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	r, err := out.Render("")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(r.Text), "#   "+want[0]) {
		t.Errorf("the draft's header does not list the unknown kinds:\n%s", r.Text)
	}
}

// TestWalkSkips: hidden directories, .git, node_modules and .terraform are
// not entered; other files are left out silently, unsupported YAML is skipped
// with a reason.
func TestWalkSkips(t *testing.T) {
	dir := t.TempDir()
	advisortest.WriteFile(t, dir, "app/deploy.yaml", deployment)
	for _, d := range []string{".git", "node_modules/x", ".terraform/modules", ".github/workflows"} {
		advisortest.WriteFile(t, dir, d+"/compose.yaml", "services:\n  ghost: {image: ghost}\n")
	}
	advisortest.WriteFile(t, dir, "README.md", "# readme")
	advisortest.WriteFile(t, dir, ".gitlab-ci.yml", "stages: [test]\n")
	advisortest.WriteFile(t, dir, "values.yaml", "replicaCount: 2\n")
	out, err := Import([]string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Draft.Components) != 1 || out.Draft.Components[0].Name != "web" {
		t.Errorf("components %+v; want web only", out.Draft.Components)
	}
	advisortest.WriteFile(t, dir, "chart/templates/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nspec:\n  {{- if .Values.x }}\n  replicas: 2\n  {{- end }}\n")
	out, err = Import([]string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var skipped []string
	for _, s := range out.Skipped {
		skipped = append(skipped, s.Path+": "+s.Reason)
	}
	want := filepath.Join(dir, "chart/templates/deployment.yaml") + ": a template (Helm?): render it (helm template) and import the output\n" +
		filepath.Join(dir, "values.yaml") + ": not a supported format (Serverless Framework, CloudFormation/SAM, Docker Compose, Kubernetes, Terraform)"
	if strings.Join(skipped, "\n") != want || len(out.Errors) != 0 {
		t.Errorf("skipped:\n%s\nwant:\n%s\nerrors: %v", strings.Join(skipped, "\n"), want, out.Errors)
	}
}

// TestImportSameFileTwice: a file given and under a directory given is read once.
func TestImportSameFileTwice(t *testing.T) {
	dir := t.TempDir()
	p := advisortest.WriteFile(t, dir, "deploy.yaml", deployment)
	out, err := Import([]string{p, dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Draft.Components) != 1 || len(out.Read) != 1 {
		t.Errorf("%d components from %v; want 1 from one file", len(out.Draft.Components), out.Read)
	}
}

// TestMergeNames: names are made unique in source order and calls follow
// their own draft's component.
func TestMergeNames(t *testing.T) {
	a := &Draft{Name: "a", Components: []*Component{
		{Name: "api", From: Source{File: "a.yaml", Line: 1}},
		{Name: "web", From: Source{File: "a.yaml", Line: 5}, Calls: []Call{{To: "api"}, {To: "api"}, {To: "web"}, {To: "ghost"}}},
	}}
	b := &Draft{Components: []*Component{
		{Name: "api", From: Source{File: "b.yaml", Line: 1}},
		{Name: "web", From: Source{File: "b.yaml", Line: 9}, Calls: []Call{{To: "api", Mode: "async"}}},
	}}
	m := Merge(b, a)
	var got []string
	for _, c := range m.Components {
		s := c.Name
		for _, call := range c.Calls {
			s += " ->" + call.To
		}
		got = append(got, s)
	}
	want := "api|web ->api|api-2|web-2 ->api-2"
	if strings.Join(got, "|") != want {
		t.Errorf("merged %q; want %q", strings.Join(got, "|"), want)
	}
	if m.Name != "" && m.Name != "a" {
		t.Errorf("name %q", m.Name)
	}
	found := false
	for _, n := range m.Notes {
		found = found || strings.Contains(n.Text, "calls ghost, which was not imported")
	}
	if !found {
		t.Errorf("no note about the unresolved call: %+v", m.Notes)
	}
}

func TestCronRunsPerMonth(t *testing.T) {
	cases := map[string]string{
		"@hourly": "730", "@daily": "30", "0 3 1 * *": "1", "*/5 * * * *": "8760", "0 9-17 * * 1-5": "196",
		"30 2 * * 0": "4", "0 0 1 1 *": "0", "0 */6 * * *": "122", "CRON_TZ=UTC 0 0 * * *": "30",
	}
	for in, want := range cases {
		got, ok := cronRunsPerMonth(in)
		if want == "0" {
			if ok {
				t.Errorf("cronRunsPerMonth(%q) = %s; want not ok (under one run a month)", in, got)
			}
			continue
		}
		if !ok || got.String() != want {
			t.Errorf("cronRunsPerMonth(%q) = %s, %v; want %s", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "* * *", "0 25 * * *", "MON", "*/0 * * * *", "0 0 * JAN *"} {
		if _, ok := cronRunsPerMonth(bad); ok {
			t.Errorf("cronRunsPerMonth(%q) accepted", bad)
		}
	}
}

func TestParseQuantity(t *testing.T) {
	cases := map[string]string{
		"500m": "0.5", "1": "1", "2.5": "2.5", "1Gi": "1073741824", "512Mi": "536870912", "1G": "1000000000",
		"100k": "100000", "1e3": "1000", "1.5E-3": "0.0015", "128974848": "128974848", "0.1": "0.1", "+2": "2",
	}
	for in, want := range cases {
		got, ok := parseQuantity(in)
		if !ok || !got.Equal(decimal.RequireFromString(want)) {
			t.Errorf("parseQuantity(%q) = %s, %v; want %s", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "Mi", "1Qi", "1.2.3", "e3", "1e", "1e1234", "--1", strings.Repeat("9", 100)} {
		if _, ok := parseQuantity(bad); ok {
			t.Errorf("parseQuantity(%q) accepted", bad)
		}
	}
	mb, _ := bytesToMB(decimal.RequireFromString("1000000000"))
	if mb != 954 {
		t.Errorf("1G is %d MB; want 954 (MiB, rounded up)", mb)
	}
	for in, want := range map[string]string{"512m": "536870912", "1.5g": "1610612736", "256M": "268435456", "100000k": "102400000", "1024": "1024", "2GB": "2147483648"} {
		got, ok := parseComposeSize(in)
		if !ok || !got.Equal(decimal.RequireFromString(want)) {
			t.Errorf("parseComposeSize(%q) = %s, %v; want %s", in, got, ok, want)
		}
	}
}

// TestRenderDropsRefusedValues: a value the profile refuses is left out with
// a note, and the draft still parses.
func TestRenderDropsRefusedValues(t *testing.T) {
	d := &Draft{Components: []*Component{{Name: "tiny", From: Source{File: "c.yaml", Line: 2}, Trigger: "http",
		Fields: []Field{
			{Path: "execution.memory_mb", Value: 16, From: Source{File: "c.yaml", Line: 5}},
			{Path: "execution.vcpu", Value: 0.25, From: Source{File: "c.yaml", Line: 6}},
			{Path: "bogus.key", Value: "x", From: Source{File: "c.yaml", Line: 7}},
			{Path: "Bad Path", Value: 1},
		}}}}
	r, err := Render(d, "t")
	if err != nil {
		t.Fatal(err)
	}
	text := string(r.Text)
	if strings.Contains(text, "memory_mb: 16") || strings.Contains(text, "  bogus:") || !strings.Contains(text, "vcpu: 0.25  # c.yaml:6") {
		t.Errorf("draft:\n%s", text)
	}
	if len(r.Dropped) != 2 || !strings.Contains(r.Dropped[0].Text, "memory_mb must be at least 64") {
		t.Errorf("dropped %+v", r.Dropped)
	}
}
