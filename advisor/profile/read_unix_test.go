//go:build unix

package profile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestReadFileRefusesSpecialFiles: a named pipe used to block the read forever.
func TestReadFileRefusesSpecialFiles(t *testing.T) {
	p := filepath.Join(t.TempDir(), "pipe.yaml")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skip(err)
	}
	_, err := ReadFile(p)
	var es Errors
	if !errors.As(err, &es) || !strings.Contains(err.Error(), "not a regular file (a named pipe)") {
		t.Errorf("FIFO: %v", err)
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		if _, err := ReadFile("/dev/zero"); err == nil || !strings.Contains(err.Error(), "a character device") {
			t.Errorf("/dev/zero: %v", err)
		}
	}
}
