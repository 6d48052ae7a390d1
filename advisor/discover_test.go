//go:build unix

package advisor_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor"
	"github.com/hybridadvisor/hybridadvisor/internal/advisortest"
)

// TestDiscoverReadsOnlyRegularFilesInsideTheRoot: a link leading out of the
// scanned directory (w/env.yaml -> ../secret.env), a named pipe (which hung the
// read), a link to a pipe and a link to a directory are skipped with a reason;
// a link to a profile inside the directory is followed; the rest is scored.
func TestDiscoverReadsOnlyRegularFilesInsideTheRoot(t *testing.T) {
	root := t.TempDir()
	w := filepath.Join(root, "w")
	for name, content := range map[string]string{"secret.env": "AWS_SECRET_ACCESS_KEY=x\n", "w/sub/a.yaml": "apiVersion: hybridadvisor/v1\n", "w/b.yml": "apiVersion: hybridadvisor/v1\n", "elsewhere/c.yaml": "apiVersion: hybridadvisor/v1\n"} {
		advisortest.WriteFile(t, root, name, content)
	}
	if err := syscall.Mkfifo(filepath.Join(w, "pipe.yaml"), 0o600); err != nil {
		t.Skip(err)
	}
	for link, target := range map[string]string{
		"env.yaml":      "../secret.env",
		"inner.yaml":    "sub/a.yaml",
		"topipe.yaml":   "pipe.yaml",
		"dir.yaml":      "../elsewhere",
		"broken.yaml":   "nowhere.yaml",
		"notes.txt":     "../secret.env", // not a profile: ignored silently
		"abs-out.yaml":  filepath.Join(root, "elsewhere", "c.yaml"),
		"sub/back.yaml": "../b.yml",
	} {
		if err := os.Symlink(target, filepath.Join(w, link)); err != nil {
			t.Fatal(err)
		}
	}
	sources, skipped := advisor.Discover([]string{w})
	var paths []string
	for _, s := range sources {
		if s.Err != nil {
			t.Errorf("%s: %v", s.Path, s.Err)
		}
		paths = append(paths, strings.TrimPrefix(s.Path, w+"/"))
	}
	if got := strings.Join(paths, " "); got != "b.yml inner.yaml sub/a.yaml sub/back.yaml" {
		t.Errorf("profiles: %s", got)
	}
	want := map[string]string{
		"abs-out.yaml": "a symbolic link to a file outside " + w,
		"broken.yaml":  "a broken symbolic link",
		"dir.yaml":     "a symbolic link to a directory (not followed)",
		"env.yaml":     "a symbolic link to a file outside " + w,
		"pipe.yaml":    "not a regular file (a named pipe)",
		"topipe.yaml":  "a symbolic link to a named pipe, not a regular file",
	}
	for _, s := range skipped {
		name := strings.TrimPrefix(s.Path, w+"/")
		if want[name] != s.Reason {
			t.Errorf("skipped %s: %q, want %q", name, s.Reason, want[name])
		}
		delete(want, name)
	}
	if len(want) > 0 {
		t.Errorf("not skipped: %v", want)
	}

	// A directory given through a link is scanned; links inside it are judged
	// against where it really is.
	link := filepath.Join(root, "wlink")
	if err := os.Symlink("w", link); err != nil {
		t.Fatal(err)
	}
	sources, _ = advisor.Discover([]string{link})
	if len(sources) != 4 || sources[0].Path != filepath.Join(link, "b.yml") {
		t.Errorf("through a link: %+v", sources)
	}
}
