package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
	"github.com/hybridadvisor/hybridadvisor/internal/advisortest"
)

const importCompose = `services:
  web:
    image: acme/web:1.0
    ports: ["8080:80"]
    environment:
      API_URL: http://api:9000
  api:
    image: acme/api@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
    expose: ["9000"]
    environment:
      DB_PASSWORD: hunter2
`

const brokenManifest = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
spec: [
`

func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	compose := advisortest.WriteFile(t, dir, "compose.yaml", importCompose)

	t.Run("stdout", func(t *testing.T) {
		code, out, errOut := runCLI(t, "import", compose, "--name", "shop")
		if code != exitOK {
			t.Fatalf("exit %d; stderr:\n%s", code, errOut)
		}
		f, err := profile.Parse("draft.yaml", []byte(out))
		if err != nil {
			t.Fatalf("the draft does not parse: %v\n%s", err, out)
		}
		arch := f.Architectures[0]
		if arch.Name != "shop" || len(arch.Components) != 2 {
			t.Errorf("name %q with %d components; want shop with 2", arch.Name, len(arch.Components))
		}
		for _, want := range []string{"# TODO: not in the sources; replace with measured traffic", "compose.yaml:4 (port 8080:80)", "{to: api, mode: sync}"} {
			if !strings.Contains(out, want) {
				t.Errorf("the draft lacks %q", want)
			}
		}
	})

	t.Run("output file, then score warns", func(t *testing.T) {
		target := filepath.Join(dir, "profile.yaml")
		code, out, errOut := runCLI(t, "import", compose, "-o", target)
		if code != exitOK || out != "" {
			t.Fatalf("exit %d, stdout %q; stderr:\n%s", code, out, errOut)
		}
		if !strings.Contains(errOut, "Wrote "+target) {
			t.Errorf("stderr %q does not say what was written", errOut)
		}
		code, _, errOut = runCLI(t, "score", target)
		if code != exitOK {
			t.Fatalf("score exit %d:\n%s", code, errOut)
		}
		if !strings.Contains(errOut, "warning: "+target+": 6 value(s) are import placeholders") {
			t.Errorf("score does not warn about the placeholders:\n%s", errOut)
		}
	})

	t.Run("refuses to overwrite an input", func(t *testing.T) {
		before, _ := os.ReadFile(compose)
		code, _, errOut := runCLI(t, "import", compose, "-o", compose)
		after, _ := os.ReadFile(compose)
		if code != exitError || !strings.Contains(errOut, "would overwrite the input") || string(before) != string(after) {
			t.Errorf("exit %d, stderr %q; want 2 and the input untouched", code, errOut)
		}
	})

	t.Run("malformed input: the rest is imported, exit 2", func(t *testing.T) {
		mixed := t.TempDir()
		advisortest.WriteFile(t, mixed, "compose.yaml", importCompose)
		advisortest.WriteFile(t, mixed, "worker.yaml", brokenManifest)
		advisortest.WriteFile(t, mixed, "notes.yaml", "title: meeting notes\n")
		code, out, errOut := runCLI(t, "import", mixed)
		if code != exitError {
			t.Fatalf("exit %d; want 2", code)
		}
		if _, err := profile.Parse("draft.yaml", []byte(out)); err != nil {
			t.Errorf("the draft of the rest does not parse: %v", err)
		}
		for _, want := range []string{filepath.Join(mixed, "worker.yaml") + ":5:", "skipped " + filepath.Join(mixed, "notes.yaml") + ": not a supported format"} {
			if !strings.Contains(errOut, want) {
				t.Errorf("stderr lacks %q:\n%s", want, errOut)
			}
		}
	})

	t.Run("nothing importable", func(t *testing.T) {
		code, out, errOut := runCLI(t, "import", advisortest.WriteFile(t, t.TempDir(), "notes.yaml", "title: x\n"))
		if code != exitError || out != "" || !strings.Contains(errOut, "no supported file") {
			t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
		}
	})

	t.Run("no arguments", func(t *testing.T) {
		if code, _, _ := runCLI(t, "import"); code != exitError {
			t.Errorf("exit %d; want 2", code)
		}
	})
}

// TestScoreImportsOnTheFly scores a compose file directly: the draft is
// imported on the fly, stderr says so, and findings point at compose.yaml.
func TestScoreImportsOnTheFly(t *testing.T) {
	compose := advisortest.WriteFile(t, t.TempDir(), "compose.yaml", importCompose)
	code, out, errOut := runCLI(t, "score", compose)
	if code != exitOK {
		t.Fatalf("exit %d:\n%s", code, errOut)
	}
	if !strings.Contains(errOut, "imported on the fly from "+compose) {
		t.Errorf("stderr does not say the file was imported:\n%s", errOut)
	}
	// SEC-01 (plaintext secret) is about DB_PASSWORD on line 11 of the compose file.
	if !strings.Contains(out, compose+":11:") {
		t.Errorf("no finding points at %s:11:\n%s", compose, out)
	}
}

// TestScoreDirectoryFindingsNameTheirFile: a directory of manifests split over
// files is imported on the fly; score -o json names each finding's own file
// when it is not the path given.
func TestScoreDirectoryFindingsNameTheirFile(t *testing.T) {
	dir := t.TempDir()
	advisortest.WriteFile(t, dir, "web.yaml", `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: acme/web:1
          env:
            - {name: API_TOKEN, value: abc}
`)
	advisortest.WriteFile(t, dir, "svc.yaml", `apiVersion: v1
kind: Service
metadata: {name: web}
spec: {type: LoadBalancer, selector: {app: web}, ports: [{port: 80}]}
`)
	code, out, errOut := runCLI(t, "score", dir, "-o", "json")
	if code != exitOK {
		t.Fatalf("exit %d:\n%s", code, errOut)
	}
	var res result.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res.Files) != 1 || res.Files[0].Architecture == nil {
		t.Fatalf("result: %v\n%s", err, out)
	}
	web := filepath.Join(dir, "web.yaml")
	c := res.Files[0].Architecture.Components[0]
	// The component is declared at web.yaml:3 (metadata.name).
	if c.Name != "web" || c.File != web || c.Line != 3 {
		t.Errorf("component %s at %s:%d, want web at %s:3", c.Name, c.File, c.Line, web)
	}
	// SEC-01 (the literal API_TOKEN) is at web.yaml:12.
	found := false
	for _, fd := range c.Findings {
		found = found || fd.Rule == "SEC-01" && fd.File == web && fd.Line == 12
	}
	if !found {
		t.Errorf("no SEC-01 finding at %s:12: %+v", web, c.Findings)
	}
	if _, text, _ := runCLI(t, "score", dir); !strings.Contains(text, web+":3") {
		t.Errorf("the text output does not place web at %s:3:\n%s", web, text)
	}
	if code, _, errOut := runCLI(t, "report", dir); code != exitOK || !strings.Contains(errOut, "imported on the fly from "+dir) {
		t.Errorf("report DIR: exit %d, stderr:\n%s", code, errOut)
	}
}

// TestScoreOutputRefusesImportedInput: -o may not replace a file imported on
// the fly.
func TestScoreOutputRefusesImportedInput(t *testing.T) {
	compose := advisortest.WriteFile(t, t.TempDir(), "compose.yaml", importCompose)
	code, _, errOut := runCLI(t, "score", compose, "-o", "json="+compose)
	if code != exitError || !strings.Contains(errOut, "would overwrite the imported file") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}
