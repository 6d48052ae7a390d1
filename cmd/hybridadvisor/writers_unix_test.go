//go:build unix

package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/internal/advisortest"
)

// TestReportOutputIntoAFIFO: report -o onto a named pipe streams into it, as
// score -o does, instead of replacing the pipe with a regular file.
func TestReportOutputIntoAFIFO(t *testing.T) {
	dir := t.TempDir()
	app := advisortest.WriteFile(t, dir, "app.yaml", goodProfile)
	for _, args := range [][]string{{"report", app, "-o"}, {"score", app, "--no-config", "-o", "json="}} {
		pipe := filepath.Join(dir, "pipe")
		os.Remove(pipe)
		if err := syscall.Mkfifo(pipe, 0o600); err != nil {
			t.Skip(err)
		}
		got := make(chan string, 1)
		go func() {
			fh, err := os.Open(pipe)
			if err != nil {
				got <- err.Error()
				return
			}
			defer fh.Close()
			b, _ := io.ReadAll(fh)
			got <- string(b)
		}()
		last := len(args) - 1
		args[last] += pipe
		if code, _, errOut := runCLI(t, args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		if s := <-got; !strings.Contains(s, "resize") {
			t.Errorf("%v: the reader got %.200q", args, s)
		}
		if info, err := os.Lstat(pipe); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
			t.Errorf("%v: the FIFO was replaced: %v %v", args, info, err)
		}
	}
}
