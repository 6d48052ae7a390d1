// Package advisortest holds what the project's tests share: golden files that
// -update rewrites, a readable first difference, and files written into a test's
// temporary directory. It is at the module root so that every package's tests,
// pricing's and the TUI's included, can import it; it imports nothing of the
// project.
//
// A test package that imports it gets the -update flag from it and must not
// define its own.
package advisortest

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files instead of comparing with them")

// Updating reports whether the tests run with -update.
func Updating() bool { return *update }

// Golden compares got with the golden file at path (relative to the package's
// directory). With -update it writes got there instead, making the directory
// if needed. A difference fails the test with the first differing line and the
// command that rewrites the file.
func Golden(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run %s to create it)", err, rerun(t))
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs from the golden file; run %s and review the diff\n%s", path, rerun(t), FirstDiff(want, got))
	}
}

// rerun is the command that rewrites this test's golden files.
func rerun(t testing.TB) string {
	return "go test " + packageDir() + " -run '^" + strings.SplitN(t.Name(), "/", 2)[0] + "$' -update"
}

// startDir is the directory the test binary started in, its package's: taken
// before any test can change the working directory (t.Chdir).
var startDir, startErr = os.Getwd()

// packageDir is the test's package directory relative to the module root
// ("./advisor/render/"), or "." when go.mod cannot be found.
func packageDir() string {
	wd, err := startDir, startErr
	if err != nil {
		return "."
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			rel, err := filepath.Rel(dir, wd)
			if err != nil || rel == "." {
				return "."
			}
			return "./" + filepath.ToSlash(rel) + "/"
		}
		if filepath.Dir(dir) == dir {
			return "."
		}
	}
}

// FirstDiff describes the first line where want and got differ, "" if none.
func FirstDiff(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\nwant: " + w + "\ngot:  " + g
		}
	}
	return ""
}

// WriteFile writes content to name under dir, making name's directories, and
// returns the file's path.
func WriteFile(t testing.TB, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
