//go:build unix

package atomicfile

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
)

// TestWriteIntoAFIFO: a named pipe is written in place, not replaced by a file.
func TestWriteIntoAFIFO(t *testing.T) {
	p := filepath.Join(t.TempDir(), "report.md")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skip(err)
	}
	got := make(chan string, 1)
	go func() {
		fh, err := os.Open(p) // waits for the writer
		if err != nil {
			got <- err.Error()
			return
		}
		defer fh.Close()
		b, _ := io.ReadAll(fh)
		got <- string(b)
	}()
	if err := WriteFile(p, []byte("streamed"), 0o644); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "streamed" {
		t.Errorf("reader got %q", s)
	}
	if info, err := os.Lstat(p); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v %v", info, err)
	}
}

// TestWriteToAProcDescriptor: /dev/stdout leads to /proc/self/fd/1, whose link
// names whatever the descriptor holds; a regular file behind it is appended to
// in place, never replaced by a rename.
func TestWriteToAProcDescriptor(t *testing.T) {
	if _, err := os.Stat("/proc/self/fd"); err != nil {
		t.Skip(err)
	}
	p := filepath.Join(t.TempDir(), "stdout.txt")
	fh, err := os.OpenFile(p, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	if _, err := fh.WriteString("before\n"); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(p)
	if err := WriteFile("/proc/self/fd/"+strconv.Itoa(int(fh.Fd())), []byte("after\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(p)
	if got, _ := os.ReadFile(p); string(got) != "before\nafter\n" || !os.SameFile(before, after) {
		t.Errorf("content %q, same file %v", got, os.SameFile(before, after))
	}
}
