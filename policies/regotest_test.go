package policies_test

import (
	"context"
	"io/fs"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/cover"
	"github.com/open-policy-agent/opa/v1/format"
	"github.com/open-policy-agent/opa/v1/loader"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/hybridadvisor/hybridadvisor/advisor/decide"
	"github.com/hybridadvisor/hybridadvisor/policies"
)

// loadModules parses every embedded .rego file (tests included) with annotations.
func loadModules(t *testing.T) map[string]*ast.Module {
	t.Helper()
	res, err := loader.NewFileLoader().
		WithFS(policies.FS).
		WithProcessAnnotation(true).
		WithRegoVersion(ast.RegoV1).
		Filtered([]string{"decision", "security"}, func(_ string, info fs.FileInfo, _ int) bool {
			return !info.IsDir() && !strings.HasSuffix(info.Name(), ".rego")
		})
	if err != nil {
		t.Fatalf("load policies: %v", err)
	}
	return res.ParsedModules()
}

// runRegoSuite runs the Rego unit tests of the packages whose files live under dir
// (e.g. "decision") and asserts their line coverage of the non-test files in dir.
func runRegoSuite(t *testing.T, dir string, minCoverage float64) {
	t.Helper()
	// Compile only dir's modules, so one package's unfinished files cannot fail the other's
	// suite (TestRegoStrict still compiles everything together).
	modules := map[string]*ast.Module{}
	for name, m := range loadModules(t) {
		if strings.HasPrefix(name, dir+"/") {
			modules[name] = m
		}
	}
	doc, err := decide.Data()
	if err != nil {
		t.Fatal(err)
	}
	store := inmem.NewFromObject(doc)
	cov := cover.New()
	ch, err := tester.NewRunner().
		SetStore(store).
		SetModules(modules).
		CapturePrintOutput(true).
		SetCoverageQueryTracer(cov).
		// The filter matches the test's full name, e.g. data.hybridadvisor.decision_test.test_x
		// or data.hybridadvisor.security.iam_01_test.test_x (a \b after dir would miss the first).
		Filter("^data\\.hybridadvisor\\."+regexp.QuoteMeta(dir)+"(_test)?\\.").
		RunTests(context.Background(), nil)
	if err != nil {
		t.Fatalf("run rego tests: %v", err)
	}
	n := 0
	for r := range ch {
		n++
		r := r
		t.Run(strings.TrimPrefix(r.Package, "data.")+"."+r.Name, func(t *testing.T) {
			switch {
			case r.Error != nil:
				t.Fatalf("error: %v", r.Error)
			case r.Fail:
				t.Fatalf("FAIL at %v\n%s", r.Location, r.Output)
			case r.Skip:
				t.Skip("todo_test_")
			}
		})
	}
	if n == 0 {
		t.Fatalf("no Rego tests found under %s", dir)
	}
	covered := map[string]*ast.Module{}
	for name, m := range modules {
		if !strings.HasSuffix(name, "_test.rego") {
			covered[name] = m
		}
	}
	rep := cov.Report(covered)
	total := rep.CoveredLines + rep.NotCoveredLines
	if total == 0 {
		t.Fatalf("no coverable lines under %s", dir)
	}
	t.Logf("rego coverage of %s: %.1f%% (%d/%d lines, %d files)", dir, rep.Coverage, rep.CoveredLines, total, len(covered))
	if rep.Coverage < minCoverage {
		var files []string
		for name := range rep.Files {
			files = append(files, name)
		}
		sort.Strings(files)
		for _, name := range files {
			if f := rep.Files[name]; f.NotCoveredLines > 0 {
				t.Logf("  %s: %d lines not covered: %v", name, f.NotCoveredLines, f.NotCovered)
			}
		}
		t.Errorf("rego coverage of %s is %.1f%%, want >= %.1f%%", dir, rep.Coverage, minCoverage)
	}
}

// TestRegoFormatted keeps every embedded .rego file `opa fmt`-clean.
func TestRegoFormatted(t *testing.T) {
	err := fs.WalkDir(policies.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".rego") {
			return err
		}
		src, err := fs.ReadFile(policies.FS, path)
		if err != nil {
			return err
		}
		want, err := format.SourceWithOpts(path, src, format.Opts{RegoVersion: ast.RegoV1})
		if err != nil {
			t.Errorf("%s: %v", path, err)
			return nil
		}
		if string(want) != string(src) {
			t.Errorf("%s is not opa fmt clean", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestRegoStrict compiles every embedded module, tests included, in strict mode.
func TestRegoStrict(t *testing.T) {
	c := ast.NewCompiler().WithStrict(true).WithEnablePrintStatements(true)
	c.Compile(loadModules(t))
	if c.Failed() {
		t.Fatalf("strict compile: %v", c.Errors)
	}
}
