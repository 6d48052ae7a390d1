package advisortest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder is a testing.TB that keeps failures instead of failing.
type recorder struct {
	testing.TB
	failures []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.failures = append(r.failures, fmt.Sprintf(format, args...))
}

func (r *recorder) Fatalf(format string, args ...any) { r.Errorf(format, args...) }

func (r *recorder) Fatal(args ...any) { r.Errorf("%s", fmt.Sprint(args...)) }

func TestFirstDiff(t *testing.T) {
	cases := []struct{ want, got, diff string }{
		{"a\nb\n", "a\nb\n", ""},
		{"a\nb\n", "a\nc\n", "line 2:\nwant: b\ngot:  c"},
		{"a\n", "a\nextra", "line 2:\nwant: \ngot:  extra"},
		{"a\nb", "a", "line 2:\nwant: b\ngot:  "},
	}
	for _, c := range cases {
		if got := FirstDiff([]byte(c.want), []byte(c.got)); got != c.diff {
			t.Errorf("FirstDiff(%q, %q) = %q, want %q", c.want, c.got, got, c.diff)
		}
	}
}

func TestGolden(t *testing.T) {
	dir := t.TempDir()
	path := WriteFile(t, dir, "g/x.golden", "one\ntwo\n")

	r := &recorder{TB: t}
	Golden(r, path, []byte("one\ntwo\n"))
	if len(r.failures) != 0 {
		t.Errorf("equal content failed: %v", r.failures)
	}

	r = &recorder{TB: t}
	Golden(r, path, []byte("one\n2\n"))
	if len(r.failures) != 1 || !strings.Contains(r.failures[0], "line 2:") || !strings.Contains(r.failures[0], "-update") ||
		!strings.Contains(r.failures[0], "./internal/advisortest/ -run '^TestGolden$'") {
		t.Errorf("a difference reported as %q", r.failures)
	}

	r = &recorder{TB: t}
	Golden(r, filepath.Join(dir, "missing.golden"), []byte("x"))
	if len(r.failures) == 0 || !strings.Contains(r.failures[0], "to create it") {
		t.Errorf("a missing golden file reported as %q", r.failures)
	}

	*update = true
	defer func() { *update = false }()
	fresh := filepath.Join(dir, "new", "y.golden")
	r = &recorder{TB: t}
	Golden(r, fresh, []byte("made"))
	if got, err := os.ReadFile(fresh); err != nil || string(got) != "made" || len(r.failures) != 0 {
		t.Errorf("-update wrote %q, %v; failures %v", got, err, r.failures)
	}
}
