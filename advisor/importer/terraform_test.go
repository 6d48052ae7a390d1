package importer

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hybridadvisor/hybridadvisor/internal/advisortest"
)

// tfCases are the Terraform inputs with a format-level golden: the bad and
// edge inputs under testdata/terraform and the Terraform corpus cases.
func tfCases(t testing.TB) map[string]string {
	cases := map[string]string{}
	for _, pattern := range []string{"testdata/terraform/*", "../testdata/import/4?-tf-*"} {
		dirs, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range dirs {
			if info, err := os.Stat(d); err == nil && info.IsDir() {
				cases[filepath.Base(d)] = d
			}
		}
	}
	return cases
}

// tfReadDir reads a case directory the way the importer hands it over: the
// top-level files Detect accepts, in name order.
func tfReadDir(t testing.TB, dir string) []InputFile {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var files []InputFile
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		name := filepath.Join(dir, e.Name())
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if (terraformFormat{}).Detect(name, data) {
			files = append(files, InputFile{Name: name, Data: data})
		}
	}
	return files
}

func TestTerraformGolden(t *testing.T) {
	cases := tfCases(t)
	if len(cases) < 8 {
		t.Fatalf("only %d Terraform cases found", len(cases))
	}
	names := make([]string, 0, len(cases))
	for n := range cases {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		dir := cases[name]
		t.Run(name, func(t *testing.T) {
			files := tfReadDir(t, dir)
			d, err := terraformFormat{}.ReadGroup(dir, dir, files)
			var got string
			if err != nil {
				got = "error: " + err.Error() + "\n"
			} else {
				got = dumpDraft(d)
			}
			advisortest.Golden(t, filepath.Join("testdata", "terraform", name+".golden"), []byte(got))
		})
	}
}

// dumpDraft writes a draft as stable text: every component, field, call,
// note and unknown resource with its source.
func dumpDraft(d *Draft) string {
	var b strings.Builder
	src := func(s Source) string { return fmt.Sprintf("%s:%d:%d", filepath.ToSlash(s.File), s.Line, s.Column) }
	if d.Name != "" {
		fmt.Fprintf(&b, "name %s\n", d.Name)
	}
	for _, c := range d.Components {
		fmt.Fprintf(&b, "component %s (%s) %s\n", c.Name, c.Kind, src(c.From))
		if c.Trigger != "" {
			fmt.Fprintf(&b, "  trigger %s  # %s: %s\n", c.Trigger, src(c.TriggerFrom), c.TriggerWhy)
		}
		for _, f := range c.Fields {
			fmt.Fprintf(&b, "  %s = %s  # %s: %s\n", f.Path, dumpValue(f.Value), src(f.From), f.Why)
		}
		for _, call := range c.Calls {
			fmt.Fprintf(&b, "  calls %s %s  # %s: %s\n", call.To, call.Mode, src(call.From), call.Why)
		}
	}
	for _, n := range d.Notes {
		fmt.Fprintf(&b, "note %s: %s\n", src(n.From), n.Text)
	}
	for _, n := range d.Unknown {
		fmt.Fprintf(&b, "unknown %s: %s\n", src(n.From), n.Text)
	}
	for _, q := range d.Queues {
		fmt.Fprintf(&b, "queue %s  # %s: %s\n", dumpQueueEnd(q), src(q.From), q.Why)
	}
	for _, f := range d.Regions {
		fmt.Fprintf(&b, "region %s = %v  # %s: %s\n", f.Path, f.Value, src(f.From), f.Why)
	}
	return b.String()
}

func dumpValue(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("%q", x)
	case []string:
		return fmt.Sprintf("%q", x)
	case time.Duration:
		return x.String()
	}
	return fmt.Sprintf("%v (%T)", v, v)
}

func TestTerraformDetect(t *testing.T) {
	tests := []struct {
		name, data string
		want       bool
	}{
		{"main.tf", "", true},
		{"terraform.tfvars", "env = \"prod\"", true},
		{"prod.auto.tfvars", "env = \"prod\"", true},
		{"prod.tfvars", "env = \"prod\"", false}, // loaded only with -var-file
		{"infra.hcl", "resource \"aws_sqs_queue\" \"q\" {\n  name = \"q\"\n}\n", true},
		{"infra.hcl", "module \"m\" {\n  source = \"./m\"\n}\n", true},
		{"settings.hcl", "a = 1\n", false},
		{"serverless.yml", "service: shop\nprovider:\n  name: aws\n", false},
		{"template.json", "{\"resource\": {}}", false},
		{"notes.txt", "resource \"x\" {", false},
	}
	for _, tt := range tests {
		if got := (terraformFormat{}).Detect(tt.name, []byte(tt.data)); got != tt.want {
			t.Errorf("Detect(%q, %q) = %v, want %v", tt.name, tt.data, got, tt.want)
		}
	}
}

func TestTerraformSyntaxErrorPosition(t *testing.T) {
	_, err := terraformFormat{}.Read("dir/main.tf", []byte("resource \"aws_lambda_function\" \"f\" {\n  memory_size = = 1\n}\n"))
	var se *SourceError
	if !errors.As(err, &se) {
		t.Fatalf("err = %v, want a *SourceError", err)
	}
	if se.File != "dir/main.tf" || se.Line != 2 || se.Column == 0 {
		t.Errorf("error at %s:%d:%d, want dir/main.tf:2:<col>: %v", se.File, se.Line, se.Column, err)
	}
}

// TestTerraformBounds: inputs built to make the reader work hard end with an
// error or a note, quickly, never a panic or an exhausted stack.
func TestTerraformBounds(t *testing.T) {
	var big strings.Builder
	big.WriteString("locals {\n  l0 = \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"\n")
	for i := 1; i < 40; i++ {
		fmt.Fprintf(&big, "  l%d = \"${local.l%d}${local.l%d}\"\n", i, i-1, i-1)
	}
	for i := 40; i < 80; i++ {
		fmt.Fprintf(&big, "  l%d = concat([local.l%d], [local.l%d], [local.l%d])\n", i, i-1, i-1, i-1)
	}
	big.WriteString("}\n")
	deep := "locals {\n  x = " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n}\n"
	var huge strings.Builder
	for huge.Len() < 256<<10 {
		fmt.Fprintf(&huge, "resource \"aws_s3_bucket\" \"b%d\" {\n  bucket = \"b%d\"\n}\n", huge.Len(), huge.Len())
	}
	var chain strings.Builder
	chain.WriteString("locals {\n")
	for i := 0; i < 20000; i++ {
		fmt.Fprintf(&chain, "  c%d = local.c%d\n", i, i+1)
	}
	chain.WriteString("  c20000 = 1\n}\n")
	tests := []struct {
		name, data string
		wantErr    string // "" when the read succeeds
		wantNote   string
	}{
		{"doubling", big.String(), "", "larger than"},
		{"deep", deep, "nested more than", ""},
		{"deep behind strings", "locals {\n  x = " + strings.Repeat("[\"]\", ", 5000) + "1" + strings.Repeat("]", 5000) + "\n}\n", "nested more than", ""},
		{"unary", "locals {\n  x = " + strings.Repeat("!", 5000) + "true\n}\n", "nested more than", ""},
		{"conditional", "locals {\n  x = (" + strings.Repeat("true ? 1 :\n", 5000) + "2)\n}\n", "nested more than", ""},
		{"deep json", "locals {\n  open = \"[[[[[[[[[[[[[[[[[[[[\"\n  close = \"]]]]]]]]]]]]]]]]]]]]\"\n  n = [" + strings.Repeat("1,", 60) + "1]\n  x = jsondecode(join(\"\", concat([for i in local.n : local.open], [for i in local.n : local.close])))\n}\n", "", "JSON nested more than"},
		{"many", huge.String(), "", ""},
		{"huge", strings.Repeat("# padding\n", 300000), "larger than 2 MiB", ""},
		{"chain", chain.String(), "", ""},
		{"nul", "resource \"a\" \"b\" {}\x00", "NUL byte", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := terraformFormat{}.Read("main.tf", []byte(tt.data))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.wantNote != "" && !strings.Contains(dumpDraft(d), tt.wantNote) {
				t.Errorf("no note saying %q", tt.wantNote)
			}
		})
	}
}

// TestTerraformModuleSymlinkEscape: a module directory that is a symbolic
// link out of the imported tree is refused.
func TestTerraformModuleSymlinkEscape(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "main.tf"), []byte("resource \"aws_lambda_function\" \"stolen\" {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(root, "mod")); err != nil {
		t.Skip(err)
	}
	main := filepath.Join(root, "main.tf")
	d, err := terraformFormat{}.ReadGroup(root, root, []InputFile{{Name: main, Data: []byte("module \"m\" {\n  source = \"./mod\"\n}\n")}})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Components) != 0 {
		t.Errorf("a module outside the root was read: %s", dumpDraft(d))
	}
	if !strings.Contains(dumpDraft(d), "leads outside the imported directory; refused") {
		t.Errorf("no refusal note:\n%s", dumpDraft(d))
	}
}

func TestTerraformQuantities(t *testing.T) {
	mem := map[string]int64{"512Mi": 512, "1Gi": 1024, "256M": 256, "2G": 2048, "1536Mi": 1536, "1048576Ki": 1024, "134217728": 128}
	for in, want := range mem {
		if got, ok := tfMemoryMB(in); !ok || got != want {
			t.Errorf("tfMemoryMB(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "lots", "-1Mi", "1e400"} {
		if _, ok := tfMemoryMB(bad); ok {
			t.Errorf("tfMemoryMB(%q) accepted", bad)
		}
	}
	cpu := map[string]float64{"1": 1, "250m": 0.25, "0.5": 0.5, "2000m": 2}
	for in, want := range cpu {
		if got, ok := tfCPU(in); !ok || got != want {
			t.Errorf("tfCPU(%q) = %g, %v; want %g", in, got, ok, want)
		}
	}
	if err := tfCheckFormat("%-10s %08.3f %%"); err != nil {
		t.Errorf("ordinary format refused: %v", err)
	}
	if err := tfCheckFormat("%.99999f"); err == nil {
		t.Error("huge precision accepted")
	}
}

func FuzzTerraformRead(f *testing.F) {
	for _, dir := range tfCases(f) {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if data, err := os.ReadFile(filepath.Join(dir, e.Name())); err == nil {
				f.Add(data)
			}
		}
	}
	empty := f.TempDir() // local modules the input calls are not found, not read from the package
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := terraformFormat{}.ReadGroup(empty, empty, []InputFile{{Name: "fuzz.tf", Data: data}})
		if err != nil {
			var se *SourceError
			if !errors.As(err, &se) {
				t.Fatalf("error is %T, not a *SourceError: %v", err, err)
			}
			return
		}
		_ = dumpDraft(d)
		_ = (terraformFormat{}).Detect("fuzz.hcl", data)
	})
}

func TestTerraformCalledDirs(t *testing.T) {
	dir := filepath.Join("..", "testdata", "import", "46-tf-module-twice")
	got := terraformCalledDirs(dir, tfReadDir(t, dir))
	want, _ := filepath.Abs(filepath.Join(dir, "modules", "worker"))
	if len(got) != 1 || got[0] != want {
		t.Errorf("terraformCalledDirs = %q, want [%q]", got, want)
	}
}

func BenchmarkTerraformRead(b *testing.B) {
	for _, name := range []string{"40-tf-lambda-sqs", "46-tf-module-twice"} {
		dir := filepath.Join("..", "testdata", "import", name)
		files := tfReadDir(b, dir)
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := (terraformFormat{}).ReadGroup(dir, dir, files); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestTerraformNameClash: two resources with one name, and a module named
// like a root resource, still give distinct component names.
func TestTerraformNameClash(t *testing.T) {
	src := `resource "aws_lambda_function" "api" {}
resource "google_cloud_run_v2_service" "api" {}
resource "kubernetes_deployment" "api" {}
`
	d, err := terraformFormat{}.Read("main.tf", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range d.Components {
		names = append(names, c.Name)
	}
	want := []string{"api", "google_cloud_run_v2_service.api", "kubernetes_deployment.api"}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("names = %q, want %q", names, want)
	}
}
