package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteFileReplacesAndKeepsMode(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.md")
	if err := WriteFile(path, []byte("one"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o640); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, []byte("two"), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != "two" {
		t.Fatalf("content = %q, %v", got, err)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o640 {
		t.Errorf("mode = %v, want the existing file's 0640", info.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestWriteFileIntoMissingDirectoryFails(t *testing.T) {
	if err := WriteFile(filepath.Join(t.TempDir(), "no", "such", "x"), []byte("x"), 0o644); err == nil {
		t.Fatal("want an error")
	}
}

// TestWriteThroughASymlink: the link's target is replaced; the link survives.
func TestWriteThroughASymlink(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "real"), 0o755); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(dir, "real", "report.md")
	if err := os.WriteFile(target, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "report.md")
	if err := os.Symlink("real/report.md", link); err != nil {
		t.Skip(err)
	}
	if err := WriteFile(link, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v %v", info, err)
	}
	if got, _ := os.ReadFile(target); string(got) != "new" {
		t.Errorf("target = %q", got)
	}
	if info, _ := os.Stat(target); info.Mode().Perm() != 0o600 {
		t.Errorf("target mode = %v, want the existing 0600", info.Mode().Perm())
	}
	// A dangling link creates its target.
	dangling := filepath.Join(dir, "next.md")
	if err := os.Symlink("real/next.md", dangling); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(dangling, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "real", "next.md")); string(got) != "x" {
		t.Errorf("dangling link target = %q", got)
	}
	if len(Temps()) != 0 {
		t.Errorf("temporary files still tracked: %v", Temps())
	}
}

func TestWriteOntoADirectoryFails(t *testing.T) {
	dir := t.TempDir()
	if err := WriteFile(dir, []byte("x"), 0o644); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Fatalf("err = %v", err)
	}
}

func TestAbortLeavesTheTarget(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.json")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Create(path, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte("half")); err != nil {
		t.Fatal(err)
	}
	if len(Temps()) != 1 {
		t.Errorf("tracked: %v", Temps())
	}
	f.Abort()
	f.Abort()
	if got, _ := os.ReadFile(path); string(got) != "old" {
		t.Errorf("target = %q", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 || len(Temps()) != 0 {
		t.Errorf("temporary file left: %v %v", entries, Temps())
	}
}

// TestRemoveTemps: on a signal the live temporary files are deleted and nothing
// is renamed into place afterwards.
func TestRemoveTemps(t *testing.T) {
	defer func() { live.stopped = false }()
	dir := t.TempDir()
	f, err := Create(filepath.Join(dir, "big.json"), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte("partial")); err != nil {
		t.Fatal(err)
	}
	if n := RemoveTemps(); n != 1 {
		t.Errorf("removed %d", n)
	}
	if err := f.Commit(); !errors.Is(err, ErrStopped) {
		t.Errorf("commit after RemoveTemps: %v", err)
	}
	if _, err := Create(filepath.Join(dir, "other.json"), 0o644); !errors.Is(err, ErrStopped) {
		t.Errorf("create after RemoveTemps: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}

// TestTempFileBesideTargetWithExactMode: the temporary file is made in the
// target's directory even when $TMPDIR would do for a rename (renameio's default),
// named after the target, and a new file gets exactly the mode asked for, umask
// or not.
func TestTempFileBesideTargetWithExactMode(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	dir := t.TempDir()
	path := filepath.Join(dir, "new.json")
	f, err := Create(path, 0o666)
	if err != nil {
		t.Fatal(err)
	}
	temps := Temps()
	if len(temps) != 1 || filepath.Dir(temps[0]) != dir || !strings.HasPrefix(filepath.Base(temps[0]), ".new.json") {
		t.Errorf("temporary files = %v, want one .new.json* in %s", temps, dir)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o666 {
		t.Errorf("mode = %v, %v; want 0666", info.Mode().Perm(), err)
	}
}
