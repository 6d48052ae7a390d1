package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/internal/advisortest"
)

// TestReformatRefusesInvalidResults: the input made reformat panic (a
// file with neither error nor architecture); reformat and --compare-to now
// refuse it, naming the file and the JSON path, with exit 2 and no stack.
func TestReformatRefusesInvalidResults(t *testing.T) {
	dir := t.TempDir()
	bad := advisortest.WriteFile(t, dir, "bad.json", `{"schema_version":1,"files":[{"path":"a"}]}`)
	good := advisortest.WriteFile(t, dir, "good.yaml", goodProfile)
	for _, args := range [][]string{
		{"reformat", bad},
		{"reformat", bad, "-o", "json"},
		{"reformat", bad, "-o", "junit", "-o", "sarif=" + filepath.Join(dir, "out.sarif")},
		{"score", good, "--compare-to", bad},
	} {
		code, _, errOut := runCLI(t, args...)
		if code != 2 || !strings.Contains(errOut, "bad.json: files[0]: has neither \"error\" nor \"architecture\"") ||
			strings.Contains(errOut, "goroutine") || strings.Contains(errOut, "panic") {
			t.Errorf("%v: exit %d\n%s", args, code, errOut)
		}
	}
	// stdin is named too.
	var out, errOut strings.Builder
	if code := run([]string{"reformat", "-"}, strings.NewReader(`{"schema_version":2,"files":[{"path":"a","architecture":{"name":"x","cloud":"pluto"}}]}`), &out, &errOut); code != 2 ||
		!strings.Contains(errOut.String(), `reformat stdin: files[0].architecture.cloud: "pluto" is not a cloud`) {
		t.Errorf("stdin: exit %d\n%s", code, errOut.String())
	}
}
