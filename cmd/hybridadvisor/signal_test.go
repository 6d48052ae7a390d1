//go:build unix

package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hybridadvisor/hybridadvisor/internal/advisortest"
)

// TestMain lets a test run this binary as the real command (see asCommand).
func TestMain(m *testing.M) {
	if os.Getenv("HYBRIDADVISOR_TEST_AS_MAIN") == "1" {
		os.Exit(runWithSignals(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// asCommand starts the test binary as hybridadvisor with args.
func asCommand(t *testing.T, dir string, args ...string) (*exec.Cmd, *strings.Builder) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HYBRIDADVISOR_TEST_AS_MAIN=1")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, &stderr
}

// TestSignalRemovesTemporaryOutputs: SIGINT or SIGTERM while outputs are being
// written leaves no .NAME* temporary file behind and exits 130 or 143. The run is held
// with its JSON output's temporary file open by a second output, a named pipe
// nobody reads (opening it for writing blocks), so the signal arrives mid-run.
func TestSignalRemovesTemporaryOutputs(t *testing.T) {
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}} {
		t.Run(tc.sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			advisortest.WriteFile(t, dir, "app.yaml", goodProfile)
			if err := syscall.Mkfifo(filepath.Join(dir, "pipe"), 0o600); err != nil {
				t.Skip(err)
			}
			cmd, stderr := asCommand(t, dir, "score", "app.yaml", "--no-config", "-o", "json=out.json", "-o", "table=pipe")
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			// Wait (without a time limit on the result) for the temporary file.
			for tmp := ""; tmp == ""; {
				select {
				case err := <-exited:
					t.Fatalf("exited before the signal: %v\n%s", err, stderr)
				case <-time.After(20 * time.Millisecond):
				}
				m, _ := filepath.Glob(filepath.Join(dir, ".out.json*"))
				if len(m) > 0 {
					tmp = m[0]
				}
			}
			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			err := <-exited
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != tc.code {
				t.Fatalf("exit: %v, want code %d\n%s", err, tc.code, stderr)
			}
			if !strings.Contains(stderr.String(), "interrupted") {
				t.Errorf("stderr: %s", stderr)
			}
			entries, _ := os.ReadDir(dir)
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			if strings.Join(names, " ") != "app.yaml pipe" {
				t.Errorf("left in the directory: %v", names)
			}
		})
	}
}
