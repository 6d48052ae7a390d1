package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestVersion: --version on the root command prints what 'version' prints; -o
// json has every field.
func TestVersion(t *testing.T) {
	code, text, errOut := runCLI(t, "version")
	if code != 0 {
		t.Fatalf("version: exit %d: %s", code, errOut)
	}
	for _, want := range []string{"hybridadvisor dev\n", "revision", "date", "opa ", "v1.", "price tables  aws ", "(as of 20", "azure", "gcp"} {
		if !strings.Contains(text, want) {
			t.Errorf("version output lacks %q:\n%s", want, text)
		}
	}
	code, flag, _ := runCLI(t, "--version")
	if code != 0 || flag != text {
		t.Errorf("--version: exit %d and\n%s\nwant exit 0 and what 'version' prints:\n%s", code, flag, text)
	}

	code, raw, errOut := runCLI(t, "version", "-o", "json")
	if code != 0 {
		t.Fatalf("version -o json: exit %d: %s", code, errOut)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		t.Fatalf("version -o json: %v\n%s", err, raw)
	}
	for _, key := range []string{"version", "revision", "modified", "date", "go", "platform", "opa", "price_tables"} {
		if _, ok := v[key]; !ok {
			t.Errorf("version -o json lacks %q: %s", key, raw)
		}
	}
	if v["version"] != "dev" || !strings.HasPrefix(v["opa"].(string), "v1.") {
		t.Errorf("version %v, opa %v; want dev (a local build) and the OPA module's v1 version", v["version"], v["opa"])
	}
	tables, _ := v["price_tables"].([]any)
	if len(tables) != 3 {
		t.Fatalf("price_tables = %v, want one per cloud", v["price_tables"])
	}
	for _, tb := range tables {
		m := tb.(map[string]any)
		if m["cloud"] == "" || m["version"] == "" || !strings.HasPrefix(m["as_of"].(string), "20") {
			t.Errorf("price table %v lacks its cloud, version or as-of date", m)
		}
	}
	if code, _, errOut := runCLI(t, "version", "-o", "yaml"); code != 2 || !strings.Contains(errOut, "unknown format") {
		t.Errorf("version -o yaml: exit %d, %s", code, errOut)
	}
}

// TestManPages: the hidden 'man DIR' writes a page per command.
func TestManPages(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "man1")
	code, _, errOut := runCLI(t, "man", dir)
	if code != 0 {
		t.Fatalf("man: exit %d: %s", code, errOut)
	}
	for page, want := range map[string]string{
		"hybridadvisor.1":             "Function, container or hybrid?",
		"hybridadvisor-score.1":       "--fail-on",
		"hybridadvisor-policy-list.1": "hybridadvisor policy list",
		"hybridadvisor-version.1":     "--output",
	} {
		b, err := os.ReadFile(filepath.Join(dir, page))
		if err != nil {
			t.Errorf("no %s: %v", page, err)
			continue
		}
		if !strings.HasPrefix(string(b), ".nh\n.TH \"HYBRIDADVISOR\" \"1\"") || !strings.Contains(string(b), want) {
			t.Errorf("%s lacks the man header or %q:\n%.400s", page, want, b)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "hybridadvisor-man.1")); err == nil {
		t.Error("the hidden man command has a man page")
	}
	if code, out, _ := runCLI(t, "--help"); code != 0 || strings.Contains(out, "man ") {
		t.Errorf("--help lists the hidden man command:\n%s", out)
	}
}
