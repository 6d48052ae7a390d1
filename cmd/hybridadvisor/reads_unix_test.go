//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/internal/advisortest"
)

// TestUnboundedReadsAreRefused: a config file, a --pricing file, a *.rego in a
// --policy directory or a --template linked to /dev/zero each ran the process
// out of memory; a named pipe hung it. Each is now refused at once: exit 2, the
// file and the reason on stderr.
func TestUnboundedReadsAreRefused(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip(err)
	}
	dir := t.TempDir()
	app := advisortest.WriteFile(t, dir, "app.yaml", goodProfile)
	link := func(name, target string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Skip(err)
		}
		return p
	}
	fifo := filepath.Join(dir, "pipe.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	cfg := link("zero-config.yaml", "/dev/zero")
	prices := link("zero-prices.yaml", "/dev/zero")
	link("rules/zero.rego", "/dev/zero")
	tmpl := link("zero.tmpl", "/dev/zero")
	for name, c := range map[string]struct {
		args []string
		want string
	}{
		"config":           {[]string{"score", app, "--config", cfg}, cfg + ": cannot read the config file: not a regular file (a character device)"},
		"config fifo":      {[]string{"score", app, "--config", fifo}, fifo + ": cannot read the config file: not a regular file (a named pipe)"},
		"pricing":          {[]string{"score", app, "--no-config", "--pricing", prices}, "--pricing: " + prices + ": not a regular file (a character device)"},
		"pricing fifo":     {[]string{"report", app, "--pricing", fifo}, "--pricing: " + fifo + ": not a regular file (a named pipe)"},
		"policy":           {[]string{"score", app, "--no-config", "--policy", filepath.Join(dir, "rules")}, "zero.rego: not a regular file (a character device)"},
		"policy test":      {[]string{"policy", "test", filepath.Join(dir, "rules")}, "zero.rego: not a regular file (a character device)"},
		"template":         {[]string{"report", app, "--template", tmpl}, "--template: " + tmpl + ": not a regular file (a character device)"},
		"template fifo":    {[]string{"report", app, "--template", fifo}, "not a regular file (a named pipe)"},
		"profile argument": {[]string{"score", fifo, "--no-config"}, "not a regular file (a named pipe)"},
	} {
		code, out, errOut := runCLI(t, c.args...)
		if code != 2 || !strings.Contains(out+errOut, c.want) {
			t.Errorf("%s: exit %d: %s%s", name, code, out, errOut)
		}
	}
	// In a config the pricing error names the config's key too (a link to
	// /dev/zero would lead out of the repository: refused before reading).
	repo := filepath.Join(dir, "repo")
	if err := os.MkdirAll(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(repo, "prices.yaml"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfgPath := advisortest.WriteFile(t, repo, ".hybridadvisor.yaml", "pricing: prices.yaml\n")
	t.Chdir(repo)
	if code, _, errOut := runCLI(t, "score", app); code != 2 || !strings.Contains(errOut, cfgPath+":1:1: pricing: "+filepath.Join(repo, "prices.yaml")+": not a regular file") {
		t.Errorf("config pricing: exit %d: %s", code, errOut)
	}
}

// TestScannedFolderWithLinksAndPipes reproduces the report: w/env.yaml linking
// to ../secret.env produced a GitHub annotation quoting the secret, and
// w/pipe.yaml (a FIFO) hung 'score w'. Both are now skipped with a one-line
// notice each; the other profile is still scored.
func TestScannedFolderWithLinksAndPipes(t *testing.T) {
	root := t.TempDir()
	w := filepath.Join(root, "w")
	if err := os.Mkdir(w, 0o755); err != nil {
		t.Fatal(err)
	}
	const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	advisortest.WriteFile(t, root, "secret.env", "AWS_SECRET_ACCESS_KEY="+secret+"\n")
	advisortest.WriteFile(t, w, "app.yaml", goodProfile)
	if err := os.Symlink("../secret.env", filepath.Join(w, "env.yaml")); err != nil {
		t.Skip(err)
	}
	if err := syscall.Mkfifo(filepath.Join(w, "pipe.yaml"), 0o600); err != nil {
		t.Skip(err)
	}
	code, out, errOut := runCLI(t, "score", w, "--no-config", "-o", "github")
	if code != 0 || strings.Contains(out+errOut, secret[:8]) {
		t.Fatalf("exit %d:\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{
		"hybridadvisor: skipped " + filepath.Join(w, "env.yaml") + ": a symbolic link to a file outside " + w + "\n",
		"hybridadvisor: skipped " + filepath.Join(w, "pipe.yaml") + ": not a regular file (a named pipe)\n",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if !strings.Contains(out, "app.yaml") {
		t.Errorf("the profile was not scored:\n%s", out)
	}
	// Named on the command line, a secret file that is not a profile is an
	// error quoting only its start.
	code, out, _ = runCLI(t, "score", filepath.Join(root, "secret.env"), "--no-config", "-o", "github")
	if code != 2 || strings.Contains(out, secret[:4]) || !strings.Contains(out, "AWS_SECRET_ACCES…") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}
