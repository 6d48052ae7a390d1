package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/internal/advisortest"
)

// TestOutputOverwritingAnInputIsRefused: -o json=app.yaml with app.yaml as input
// would replace the profile with the result; it is refused before scoring.
func TestOutputOverwritingAnInputIsRefused(t *testing.T) {
	dir := t.TempDir()
	app := advisortest.WriteFile(t, dir, "app.yaml", goodProfile)
	if err := os.Symlink("app.yaml", filepath.Join(dir, "alias.json")); err != nil {
		t.Skip(err)
	}
	prices := advisortest.WriteFile(t, dir, "prices.yaml", "version: acme\ndiscounts:\n  aws: 10\n")
	tmpl := advisortest.WriteFile(t, dir, "r.tmpl", "{{.Title}}\n")
	for name, args := range map[string][]string{
		"score, same path":      {"score", app, "--no-config", "-o", "json=" + app},
		"score, directory":      {"score", dir, "--no-config", "-o", "table", "-o", "json=" + app},
		"score, through link":   {"score", app, "--no-config", "-o", "json=" + filepath.Join(dir, "alias.json")},
		"score, price file":     {"score", app, "--no-config", "--pricing", prices, "-o", "json=" + prices},
		"report":                {"report", app, "-o", app},
		"report, template":      {"report", app, "--template", tmpl, "-o", tmpl},
		"two outputs, one file": {"score", app, "--no-config", "-o", "json=" + filepath.Join(dir, "r.out"), "-o", "sarif=" + filepath.Join(dir, "r.out")},
	} {
		code, _, errOut := runCLI(t, args...)
		if code != 2 || !(strings.Contains(errOut, "would overwrite") || strings.Contains(errOut, "write the same file")) {
			t.Errorf("%s: exit %d: %s", name, code, errOut)
		}
	}
	if got, _ := os.ReadFile(app); string(got) != goodProfile {
		t.Errorf("the profile was changed:\n%s", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "r.out")); err == nil {
		t.Error("r.out was written")
	}
}

// TestOutputsThroughASymlink: score -o and report -o write the link's target;
// the link survives.
func TestOutputsThroughASymlink(t *testing.T) {
	dir := t.TempDir()
	app := advisortest.WriteFile(t, dir, "app.yaml", goodProfile)
	if err := os.Mkdir(filepath.Join(dir, "out"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ link, target string }{{"r.json", "out/r.json"}, {"r.md", "out/r.md"}} {
		if err := os.Symlink(c.target, filepath.Join(dir, c.link)); err != nil {
			t.Skip(err)
		}
	}
	if code, _, errOut := runCLI(t, "score", app, "--no-config", "-o", "json="+filepath.Join(dir, "r.json")); code != 0 {
		t.Fatalf("score: exit %d: %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "report", app, "-o", filepath.Join(dir, "r.md")); code != 0 {
		t.Fatalf("report: exit %d: %s", code, errOut)
	}
	for _, name := range []string{"r.json", "r.md"} {
		if info, err := os.Lstat(filepath.Join(dir, name)); err != nil || info.Mode()&os.ModeSymlink == 0 {
			t.Errorf("%s was replaced: %v %v", name, info, err)
		}
		if info, err := os.Stat(filepath.Join(dir, "out", name)); err != nil || info.Size() == 0 {
			t.Errorf("out/%s not written: %v", name, err)
		}
	}
}
