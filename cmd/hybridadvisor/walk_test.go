package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/internal/advisortest"
)

const k8sDeployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
`

const composeFile = `services:
  web:
    image: nginx:1.27
`

// TestScoreDirectorySkipsOtherYAML: 'score .' in a repository scores the
// profiles and passes over Kubernetes manifests and compose files with one
// line on stderr; a file named on the command line is still an error, and a
// broken profile in the directory is still reported.
func TestScoreDirectorySkipsOtherYAML(t *testing.T) {
	dir := t.TempDir()
	advisortest.WriteFile(t, dir, "app.yaml", goodProfile)
	advisortest.WriteFile(t, dir, "compose.yml", composeFile)
	if err := os.MkdirAll(filepath.Join(dir, "deploy"), 0o755); err != nil {
		t.Fatal(err)
	}
	deploy := advisortest.WriteFile(t, filepath.Join(dir, "deploy"), "web.yaml", k8sDeployment)

	code, out, errOut := runCLI(t, "score", dir)
	if code != 0 {
		t.Fatalf("score DIR: exit %d, want 0\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	if !strings.Contains(out, "resize") {
		t.Errorf("the profile was not scored:\n%s", out)
	}
	want := "skipped 2 YAML files that are not hybridadvisor profiles (first: " + filepath.Join(dir, "compose.yml") + ")"
	if !strings.Contains(errOut, want) || strings.Count(errOut, "\n") != 1 {
		t.Errorf("stderr = %q, want the one line %q", errOut, want)
	}

	// Named explicitly, a manifest is imported on the fly (#17).
	if code, out, errOut := runCLI(t, "score", deploy); code != 0 || !strings.Contains(errOut, "imported on the fly from "+deploy) {
		t.Errorf("score MANIFEST: exit %d, want 0 and an on-the-fly import\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	// Named explicitly, YAML that is neither a profile nor importable is an error.
	if code, out, errOut := runCLI(t, "score", advisortest.WriteFile(t, dir, "notes.txt", "title: x\n")); code != 2 {
		t.Errorf("score OTHER: exit %d, want 2\nstdout: %s\nstderr: %s", code, out, errOut)
	}

	// A broken profile under the directory is still read and reported.
	advisortest.WriteFile(t, dir, "broken.yaml", badProfile)
	if code, out, _ := runCLI(t, "score", dir); code != 2 || !strings.Contains(out, "broken.yaml:7:35") {
		t.Errorf("score DIR with a broken profile: exit %d, want 2 with its error\n%s", code, out)
	}

	// Nothing but other YAML: no profiles, and why (a directory of manifests
	// would be imported on the fly).
	only := filepath.Join(dir, "notes")
	if err := os.MkdirAll(only, 0o755); err != nil {
		t.Fatal(err)
	}
	advisortest.WriteFile(t, only, "meeting.yaml", "title: x\n")
	code, out, errOut = runCLI(t, "score", only)
	if code != 2 || !strings.Contains(out+errOut, "no profiles under "+only+": 1 YAML file, none with apiVersion: hybridadvisor/v1") {
		t.Errorf("score DIR of manifests: exit %d, want 2 and why\nstdout: %s\nstderr: %s", code, out, errOut)
	}
}
