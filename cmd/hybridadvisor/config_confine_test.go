package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/internal/advisortest"
)

// TestConfigCannotWriteOutsideTheRepository reproduces the report: a cloned
// repository's .hybridadvisor.yaml with output: [table=../fake_bashrc] and a
// profile named "echo PWNED; return 0 #" wrote a shell-executable file beside
// the repository, silently, exit 0. Now: exit 2, the error names the config
// file, the line and column and the key, and nothing is written.
func TestConfigCannotWriteOutsideTheRepository(t *testing.T) {
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	repo := filepath.Join(root, "repo")
	if err := os.MkdirAll(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	advisortest.WriteFile(t, repo, "app.yaml", strings.Replace(goodProfile, "name: tiny", `name: "echo PWNED; return 0 #"`, 1))
	cfg := advisortest.WriteFile(t, repo, ".hybridadvisor.yaml", "clouds: [aws]\noutput: [table=../fake_bashrc]\n")
	t.Chdir(repo)
	code, _, errOut := runCLI(t, "score", "app.yaml")
	if code != 2 || !strings.Contains(errOut, cfg+":2:10: output: \"../fake_bashrc\" is a path climbing out with ..") {
		t.Errorf("exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(root, "fake_bashrc")); err == nil {
		t.Fatal("fake_bashrc was written outside the repository")
	}
	// The same path on the command line is the user's choice.
	if code, _, errOut := runCLI(t, "score", "app.yaml", "--no-config", "-o", "table=../fake_bashrc"); code != 0 {
		t.Errorf("flag: exit %d: %s", code, errOut)
	}
	// A config in use is always named on stderr.
	advisortest.WriteFile(t, repo, ".hybridadvisor.yaml", "clouds: [aws]\n")
	if code, _, errOut := runCLI(t, "score", "app.yaml"); code != 0 || !strings.Contains(errOut, "hybridadvisor: using config "+cfg+"\n") {
		t.Errorf("exit %d: %q", code, errOut)
	}
	if _, _, errOut := runCLI(t, "score", "app.yaml", "--no-config"); strings.Contains(errOut, "using config") {
		t.Errorf("--no-config: %q", errOut)
	}
}

// TestConfigFromAboveTheRepositoryIsNotUsed: outside a repository, a config in
// a parent directory was obeyed with no message; the search now stops at the
// repository root, the home directory and other users' directories, and a config
// it uses is named.
func TestConfigFromAboveTheRepositoryIsNotUsed(t *testing.T) {
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	home := filepath.Join(root, "home")
	work := filepath.Join(home, "src", "app")
	if err := os.MkdirAll(work, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("HOME", home)
	advisortest.WriteFile(t, work, "app.yaml", goodProfile)
	advisortest.WriteFile(t, root, ".hybridadvisor.yaml", "max_monthly_cost: 0.0001\n")
	t.Chdir(work)
	if code, _, errOut := runCLI(t, "score", "app.yaml"); code != 0 || strings.Contains(errOut, "using config") {
		t.Errorf("a config above $HOME was used: exit %d: %s", code, errOut)
	}
}

// TestConfigPricingAndPolicyAreConfined: the other paths a config names.
func TestConfigPricingAndPolicyAreConfined(t *testing.T) {
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	repo := filepath.Join(root, "repo")
	if err := os.MkdirAll(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	advisortest.WriteFile(t, repo, "app.yaml", goodProfile)
	prices := advisortest.WriteFile(t, root, "prices.yaml", "version: acme\ndiscounts:\n  aws: 50\n")
	t.Chdir(repo)
	for src, want := range map[string]string{
		"pricing: " + prices + "\n":   ":1:10: pricing: ",
		"policy: [../policies]\n":     ":1:10: policy: ",
		"pricing: ../prices.yaml\n":   "is a path climbing out",
		"output: json=/tmp/r.json\n":  "is an absolute path",
		"policy: [/etc/hybrid]\n":     "is an absolute path",
		"output: [json=a.json, md]\n": `unknown format "md"`,
	} {
		advisortest.WriteFile(t, repo, ".hybridadvisor.yaml", src)
		if code, _, errOut := runCLI(t, "score", "app.yaml"); code != 2 || !strings.Contains(errOut, ".hybridadvisor.yaml") || !strings.Contains(errOut, want) {
			t.Errorf("%q: exit %d: %s", src, code, errOut)
		}
	}
	// The flag may name it.
	if code, _, errOut := runCLI(t, "score", "app.yaml", "--no-config", "--pricing", prices); code != 0 {
		t.Errorf("--pricing outside: exit %d: %s", code, errOut)
	}
}
