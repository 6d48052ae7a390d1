//go:build unix

package engine

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestPolicyFilesAreCheckedBeforeLoading: a *.rego linked to /dev/zero used to be
// read by OPA's loader until memory ran out; a named pipe hung it; a directory
// linking to itself made it recurse. Each is now an error naming the file.
func TestPolicyFilesAreCheckedBeforeLoading(t *testing.T) {
	dir := t.TempDir()
	mk := func(name string, f func(p string) error) string {
		d := filepath.Join(dir, name)
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := f(d); err != nil {
			t.Skip(err)
		}
		return d
	}
	zero := mk("zero", func(d string) error { return os.Symlink("/dev/zero", filepath.Join(d, "rules.rego")) })
	fifo := mk("fifo", func(d string) error { return syscall.Mkfifo(filepath.Join(d, "rules.rego"), 0o600) })
	loop := mk("loop", func(d string) error { return os.Symlink(".", filepath.Join(d, "self")) })
	big := mk("big", func(d string) error {
		return os.WriteFile(filepath.Join(d, "big.rego"), []byte(strings.Repeat("#", MaxPolicyFileSize+1)), 0o644)
	})
	for dir, want := range map[string]string{
		zero: "rules.rego: not a regular file (a character device)",
		fifo: "rules.rego: not a regular file (a named pipe)",
		loop: "symbolic link loop",
		big:  "big.rego: larger than 4 MiB",
	} {
		if _, err := New(context.Background(), Options{PolicyDirs: []string{dir}}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", filepath.Base(dir), err, want)
		}
		if _, err := RunUserTests(context.Background(), []string{dir}, nil, false); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("policy test %s: %v, want %q", filepath.Base(dir), err, want)
		}
	}
}
