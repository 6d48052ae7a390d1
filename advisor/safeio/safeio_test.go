package safeio

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, path, content string) string {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skip("symbolic links:", err)
	}
}

func TestReadRegularReadsAndCaps(t *testing.T) {
	dir := t.TempDir()
	p := write(t, filepath.Join(dir, "a.yaml"), "hello")
	if b, err := ReadRegular(p, 5); err != nil || string(b) != "hello" {
		t.Fatalf("ReadRegular = %q, %v", b, err)
	}
	_, err := ReadRegular(p, 4)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), p+": larger than 4 bytes") {
		t.Errorf("over the cap: %v", err)
	}
	if b, err := ReadRegular(write(t, filepath.Join(dir, "empty"), ""), 4); err != nil || b == nil || len(b) != 0 {
		t.Errorf("empty file: %q, %v", b, err)
	}
	// A link to a regular file is read.
	symlink(t, "a.yaml", filepath.Join(dir, "link.yaml"))
	if b, err := ReadRegular(filepath.Join(dir, "link.yaml"), 5); err != nil || string(b) != "hello" {
		t.Errorf("through a link: %q, %v", b, err)
	}
	_, err = ReadRegular(dir, 10)
	if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "a directory") {
		t.Errorf("directory: %v", err)
	}
}

// TestReadRegularRefusesDevices: /dev/zero behind a link would otherwise be read
// until memory runs out.
func TestReadRegularRefusesDevices(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip(err)
	}
	link := filepath.Join(t.TempDir(), "prices.yaml")
	symlink(t, "/dev/zero", link)
	_, err := ReadRegular(link, 1<<20)
	if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), link+": not a regular file (a character device)") {
		t.Errorf("err = %v", err)
	}
}

func TestResolve(t *testing.T) {
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "real"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "real", "f"), "x")
	symlink(t, "real", filepath.Join(dir, "d"))
	symlink(t, "d/f", filepath.Join(dir, "l1"))
	symlink(t, filepath.Join(dir, "l1"), filepath.Join(dir, "l2"))
	symlink(t, "real/new", filepath.Join(dir, "dangling"))
	symlink(t, "loop", filepath.Join(dir, "loop"))
	for in, want := range map[string]string{
		"l2":          "real/f",
		"d/f":         "real/f",
		"dangling":    "real/new",
		"d/none/deep": "real/none/deep",
		"missing":     "missing",
	} {
		got, err := Resolve(filepath.Join(dir, in))
		if err != nil || got != filepath.Join(dir, want) {
			t.Errorf("Resolve(%s) = %q, %v; want %s", in, got, err, want)
		}
	}
	if _, err := Resolve(filepath.Join(dir, "loop")); err == nil {
		t.Error("a link to itself resolved")
	}
}

func TestConfine(t *testing.T) {
	root := t.TempDir()
	repo := filepath.Join(root, "repo")
	if err := os.MkdirAll(filepath.Join(repo, "out"), 0o755); err != nil {
		t.Fatal(err)
	}
	symlink(t, "../..", filepath.Join(repo, "out", "up"))
	symlink(t, "../../bashrc", filepath.Join(repo, "out", "rc"))
	symlink(t, "..", filepath.Join(repo, "out", "parent"))
	ok := map[string]string{
		"out/r.json":          "out/r.json",
		"./x/../y":            "y",
		"out/parent/out/x":    "out/parent/out/x", // a link that stays inside
		"not/yet/there.sarif": "not/yet/there.sarif",
		"out/up/repo/out/x":   "out/up/repo/out/x", // out and back in
	}
	for in, want := range ok {
		got, err := Confine(repo, in)
		if err != nil || got != filepath.Join(repo, want) {
			t.Errorf("Confine(%q) = %q, %v", in, got, err)
		}
	}
	for in, why := range map[string]string{
		"../fake_bashrc": "climbing out",
		"out/../../x":    "climbing out",
		"/etc/passwd":    "absolute",
		"out/up/x":       "symbolic link",
		"out/rc":         "symbolic link",
		"":               "empty",
	} {
		_, err := Confine(repo, in)
		if !errors.Is(err, ErrOutside) || !strings.Contains(err.Error(), why) {
			t.Errorf("Confine(%q) = %v, want %q", in, err, why)
		}
	}
}

func TestWithin(t *testing.T) {
	for _, c := range []struct {
		root, p string
		want    bool
	}{
		{"/a", "/a", true}, {"/a", "/a/b", true}, {"/a", "/ab", false}, {"/a", "/", false}, {"/a/b", "/a", false}, {"/a", "/a/..b", true},
	} {
		if got := Within(c.root, c.p); got != c.want {
			t.Errorf("Within(%s, %s) = %v", c.root, c.p, got)
		}
	}
}

func TestWalkFollowFindsLoops(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "a", "b"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "a", "b", "x.rego"), "package x")
	var seen []string
	err := WalkFollow(dir, func(p string, _ os.FileInfo, _ int) (bool, error) {
		rel, _ := filepath.Rel(dir, p)
		seen = append(seen, rel)
		return false, nil
	})
	if err != nil || strings.Join(seen, " ") != ". a a/b a/b/x.rego" {
		t.Fatalf("walk: %v %v", seen, err)
	}
	symlink(t, "../..", filepath.Join(dir, "a", "b", "loop"))
	err = WalkFollow(dir, func(string, os.FileInfo, int) (bool, error) { return false, nil })
	if err == nil || !strings.Contains(err.Error(), "loop") {
		t.Errorf("loop: %v", err)
	}
}
