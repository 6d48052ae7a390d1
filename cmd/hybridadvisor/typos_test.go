package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/internal/advisortest"
)

// TestUnknownSubcommandsExit2WithASuggestion: a typo in a subcommand used to
// print the parent's help and exit 0.
func TestUnknownSubcommandsExit2WithASuggestion(t *testing.T) {
	for _, c := range []struct {
		args             []string
		unknown, suggest string
	}{
		{[]string{"policy", "lsit"}, "lsit", "list"},
		{[]string{"pricing", "shwo"}, "shwo", "show"},
		{[]string{"scroe"}, "scroe", "score"},
		{[]string{"policy", "tset", "dir"}, "tset", "test"},
		{[]string{"completion", "bsah"}, "bsah", "bash"},
	} {
		code, out, errOut := runCLI(t, c.args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2\nstdout: %s", c.args, code, out)
		}
		if !strings.Contains(errOut, "unknown command \""+c.unknown+"\"") ||
			!strings.Contains(errOut, "Did you mean this?\n\t"+c.suggest+"\n") {
			t.Errorf("%v: stderr = %q, want the unknown command and the suggestion %q", c.args, errOut, c.suggest)
		}
	}
	// A parent alone still shows its help.
	for _, parent := range []string{"policy", "pricing"} {
		if code, out, _ := runCLI(t, parent); code != 0 || !strings.Contains(out, "Available Commands") {
			t.Errorf("%s: exit %d, want 0 and the help:\n%s", parent, code, out)
		}
	}
}

// TestReportRefusesAFormatAsTheOutputFile: 'report -o json' wrote the Markdown
// report to a file named json.
func TestReportRefusesAFormatAsTheOutputFile(t *testing.T) {
	dir := t.TempDir()
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = os.Chdir(wd) }()
	for _, c := range []struct{ format, hint string }{
		{"json", "did you mean 'hybridadvisor score -o json'?"},
		{"sarif", "did you mean 'hybridadvisor score -o sarif'?"},
		{"markdown", "leave out -o to print it"},
		{"md", "leave out -o to print it"},
		{"HTML", "report writes Markdown only"},
	} {
		code, _, errOut := runCLI(t, "report", "--example", "shop", "-o", c.format)
		if code != 2 || !strings.Contains(errOut, c.hint) || !strings.Contains(errOut, "-o ./"+c.format) {
			t.Errorf("report -o %s: exit %d, stderr %q; want 2 with %q", c.format, code, errOut, c.hint)
		}
		if _, err := os.Stat(filepath.Join(dir, c.format)); err == nil {
			t.Errorf("report -o %s wrote a file named %s", c.format, c.format)
		}
	}
	// A path is taken as given.
	if code, _, errOut := runCLI(t, "report", "--example", "shop", "-o", "./json"); code != 0 {
		t.Errorf("report -o ./json: exit %d: %s", code, errOut)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "json")); err != nil || !bytes.Contains(b, []byte("# ")) || !bytes.Contains(b, []byte("shop")) {
		t.Errorf("report -o ./json did not write the Markdown report: %v", err)
	}
}

// TestReformatOnAProfileSaysWhatItWants: reformat reads a saved JSON result;
// given a workload profile it says so and how to score it, exit 2.
func TestReformatOnAProfileSaysWhatItWants(t *testing.T) {
	dir := t.TempDir()
	prof := advisortest.WriteFile(t, dir, "app.yaml", "# my app\n"+goodProfile)
	code, out, errOut := runCLI(t, "reformat", prof, "-o", "sarif")
	if code != 2 || out != "" {
		t.Fatalf("reformat PROFILE: exit %d, stdout %q; want 2 and nothing", code, out)
	}
	for _, want := range []string{prof + " is a workload profile, not a saved result", "hybridadvisor score -o json", "hybridadvisor score " + prof} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr = %q, want %q", errOut, want)
		}
	}
	// The same on stdin.
	var o, e bytes.Buffer
	if code := run([]string{"reformat", "-"}, strings.NewReader(goodProfile), &o, &e); code != 2 || !strings.Contains(e.String(), "stdin is a workload profile") {
		t.Errorf("reformat - < PROFILE: exit %d, stderr %q", code, e.String())
	}
	// Other text: not a result.
	other := advisortest.WriteFile(t, dir, "notes.txt", "hello\n")
	if code, _, errOut := runCLI(t, "reformat", other); code != 2 || !strings.Contains(errOut, "is not a saved JSON result") {
		t.Errorf("reformat TEXT: exit %d, stderr %q", code, errOut)
	}
	// A real result, on stdin, still goes through the peeked reader.
	_, saved, _ := runCLI(t, "score", "--example", "shop", "-o", "json")
	var o2, e2 bytes.Buffer
	if code := run([]string{"reformat", "-", "-o", "markdown"}, strings.NewReader("  \n"+saved), &o2, &e2); code != 0 || !strings.Contains(o2.String(), "shop") {
		t.Errorf("reformat - < RESULT: exit %d, stderr %q", code, e2.String())
	}
}
