//go:build unix

package safeio

import (
	"errors"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestReadRegularDoesNotBlockOnAFIFO: opening a named pipe for reading blocks
// until a writer comes; ReadRegular refuses it at once instead.
func TestReadRegularDoesNotBlockOnAFIFO(t *testing.T) {
	p := filepath.Join(t.TempDir(), "pipe.yaml")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skip(err)
	}
	_, err := ReadRegular(p, 1<<20)
	if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "a named pipe") {
		t.Errorf("err = %v", err)
	}
}
