package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/internal/advisortest"
)

func mkdirs(t *testing.T, dirs ...string) {
	t.Helper()
	for _, d := range dirs {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
}

// TestPathsAreConfinedToTheConfigDirectory: a repository's config may not make
// the tool write or read outside the repository. "output: [table=../fake_bashrc]"
// used to write a file beside the repository.
func TestPathsAreConfinedToTheConfigDirectory(t *testing.T) {
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	repo := filepath.Join(root, "repo")
	mkdirs(t, filepath.Join(repo, "ci"), filepath.Join(root, "elsewhere"))
	if err := os.Symlink("../..", filepath.Join(repo, "ci", "up")); err != nil {
		t.Skip(err)
	}
	if err := os.Symlink("../../elsewhere/prices.yaml", filepath.Join(repo, "ci", "prices.yaml")); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(repo, FileName)
	cases := []struct {
		src, key, why string
		line, col     int
	}{
		{"output: [table=../fake_bashrc]\n", "output", "climbing out with ..", 1, 10},
		{"clouds: [aws]\noutput:\n  - json\n  - sarif=/tmp/x.sarif\n", "output", "an absolute path", 4, 5},
		{"policy: [ci, ../rules]\n", "policy", "climbing out", 1, 14},
		{"policy: /etc\n", "policy", "an absolute path", 1, 9},
		{"pricing: ci/prices.yaml\n", "pricing", "leading out through a symbolic link", 1, 10},
		{"output: table=ci/up/x.txt\n", "output", "symbolic link", 1, 9},
	}
	for _, tc := range cases {
		_, err := Parse(path, []byte(tc.src))
		var ce *Error
		if !errors.As(err, &ce) {
			t.Errorf("%q: %v, want an *Error", tc.src, err)
			continue
		}
		if ce.File != path || ce.Line != tc.line || ce.Column != tc.col || !strings.HasPrefix(ce.Message, tc.key+": ") || !strings.Contains(ce.Message, tc.why) {
			t.Errorf("%q: %s; want %s: ...%s at %d:%d", tc.src, ce, tc.key, tc.why, tc.line, tc.col)
		}
	}
	// Inside the tree is fine, also through a link that stays inside.
	c, err := Parse(path, []byte("output: [table=ci/../out.txt, json=ci/up/repo/r.json]\npolicy: ci\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Output[0] != "table="+filepath.Join(repo, "out.txt") || c.Policy[0] != filepath.Join(repo, "ci") {
		t.Errorf("paths: %v %v", c.Output, c.Policy)
	}
}

// TestPolicyTreeMayNotLeadOut: a policy directory named by the config may not
// pull rules from outside the repository through a link inside it.
func TestPolicyTreeMayNotLeadOut(t *testing.T) {
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	repo := filepath.Join(root, "repo")
	mkdirs(t, filepath.Join(repo, "policies"), filepath.Join(root, "evil"))
	advisortest.WriteFile(t, root, filepath.Join("evil", "x.rego"), "package hybridadvisor.custom.x\n")
	if err := os.Symlink("../../evil/x.rego", filepath.Join(repo, "policies", "x.rego")); err != nil {
		t.Skip(err)
	}
	path := filepath.Join(repo, FileName)
	advisortest.WriteFile(t, repo, FileName, "clouds: [aws]\npolicy: [policies]\n")
	_, err = Load(path)
	var ce *Error
	if !errors.As(err, &ce) || ce.Line != 2 || ce.Column != 10 || !strings.Contains(ce.Message, "x.rego leads out of") {
		t.Fatalf("Load: %v", err)
	}
	// The same link to a file inside the repository is fine.
	advisortest.WriteFile(t, repo, "y.rego", "package hybridadvisor.custom.y\n")
	os.Remove(filepath.Join(repo, "policies", "x.rego"))
	if err := os.Symlink("../y.rego", filepath.Join(repo, "policies", "x.rego")); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(path); err != nil {
		t.Errorf("a link inside: %v", err)
	}
}

// TestLoadRefusesSpecialFiles: a config linked to /dev/zero used to be read until
// memory ran out.
func TestLoadRefusesSpecialFiles(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	if err := os.Symlink("/dev/zero", path); err != nil {
		t.Skip(err)
	}
	_, err := Load(path)
	var ce *Error
	if !errors.As(err, &ce) || ce.File != path || !strings.Contains(ce.Message, "not a regular file (a character device)") {
		t.Fatalf("Load: %v", err)
	}
	os.Remove(path)
	advisortest.WriteFile(t, dir, FileName, "# "+strings.Repeat("x", MaxFileSize))
	if _, err := Load(path); err == nil || !strings.Contains(err.Error(), "larger than 1 MiB") {
		t.Errorf("large: %v", err)
	}
}

// TestFindStops: the search does not go above the home directory, and does not
// look into a directory of another user (a config there is reported as ignored).
// It also refuses a found config that is a link leading out of its directory.
func TestFindStops(t *testing.T) {
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	home := filepath.Join(root, "home")
	work := filepath.Join(home, "work", "x")
	mkdirs(t, work)
	advisortest.WriteFile(t, root, FileName, "jobs: 1\n")
	t.Setenv("HOME", home)
	if f, err := Find(work); err != nil || f.Path != "" {
		t.Errorf("found %q (%v) above the home directory", f.Path, err)
	}
	advisortest.WriteFile(t, home, FileName, "jobs: 2\n")
	if f, _ := Find(work); f.Path != filepath.Join(home, FileName) {
		t.Errorf("the home directory's config: %q", f.Path)
	}

	// Another user's directory: replace the owner check (and, as root, chown for real).
	shared := filepath.Join(root, "shared")
	mine := filepath.Join(shared, "mine")
	mkdirs(t, mine)
	advisortest.WriteFile(t, shared, FileName, "output: table=../../x\n")
	defer func(f func(fs.FileInfo) (int, bool)) { ownerCheck = f }(ownerCheck)
	if os.Getuid() == 0 {
		if err := os.Chown(shared, 65534, 65534); err != nil {
			t.Fatal(err)
		}
	} else {
		sharedInfo, _ := os.Stat(shared)
		ownerCheck = func(info fs.FileInfo) (int, bool) {
			if os.SameFile(info, sharedInfo) {
				return 65534, true
			}
			return ownedByOther(info)
		}
	}
	f, err := Find(mine)
	if err != nil || f.Path != "" || f.Ignored != filepath.Join(shared, FileName) || !strings.Contains(f.Why, "belongs to another user (uid 65534)") {
		t.Errorf("another user's directory: %+v %v", f, err)
	}

	// A found config that is a link out of the repository.
	repo := filepath.Join(root, "repo")
	mkdirs(t, filepath.Join(repo, ".git"))
	if err := os.Symlink("../home/"+FileName, filepath.Join(repo, FileName)); err != nil {
		t.Skip(err)
	}
	if _, err := Find(repo); err == nil || !strings.Contains(err.Error(), "symbolic link leading out") {
		t.Errorf("a config linking out: %v", err)
	}
}
