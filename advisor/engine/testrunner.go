package engine

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/cover"
	"github.com/open-policy-agent/opa/v1/loader"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/hybridadvisor/hybridadvisor/advisor/decide"
	"github.com/hybridadvisor/hybridadvisor/advisor/located"
)

// TestReport sums up a run of users' Rego unit tests.
type TestReport struct {
	Passed, Failed, Errored, Skipped int
	// Coverage is the line coverage of the users' non-test files, in percent.
	Coverage                      float64
	CoveredLines, NotCoveredLines int
}

// RunUserTests runs the *_test.rego files found in dirs against the users' rules
// and the embedded ones (so tests can use the embedded helpers and data), with the
// same sandboxed built-ins as evaluation. OPA's report goes to w.
//
// The rules must first load as they would for scoring (New). Each test has the
// evaluation timeout, the clock is pinned to the price tables' date (clock.go),
// and the watchdog bounds the run's memory and stops a test that cannot be
// interrupted (watch.go).
func RunUserTests(ctx context.Context, dirs []string, w io.Writer, verbose bool) (*TestReport, error) {
	for _, d := range dirs {
		if _, err := os.Stat(d); err != nil {
			return nil, &CompileError{Source: located.Source{File: d}, Message: "cannot read policy directory: " + pathErrReason(err)}
		}
	}
	if _, err := New(ctx, Options{PolicyDirs: dirs}); err != nil {
		return nil, err
	}
	embedded, err := loadModules(nil)
	if err != nil {
		return nil, err
	}
	onlyRego := func(_ string, info fs.FileInfo, _ int) bool {
		return !info.IsDir() && !strings.HasSuffix(info.Name(), ".rego")
	}
	if err := checkPolicyFiles(dirs, onlyRego); err != nil {
		return nil, err
	}
	user, err := loader.NewFileLoader().WithProcessAnnotation(true).WithRegoVersion(ast.RegoV1).Filtered(dirs, onlyRego)
	if err != nil {
		return nil, loaderErrors(err)
	}
	modules := map[string]*ast.Module{}
	for k, m := range embedded {
		modules[k] = m
	}
	userRules := map[string]*ast.Module{}
	tests := 0
	for name, m := range user.ParsedModules() {
		modules[name] = m
		if strings.HasSuffix(name, "_test.rego") {
			tests++
		} else {
			userRules[name] = m
		}
	}
	if tests == 0 {
		return nil, fmt.Errorf("no *_test.rego files under %s", strings.Join(dirs, ", "))
	}
	doc, err := decide.Data()
	if err != nil {
		return nil, err
	}
	cov := cover.New()
	compiler := ast.NewCompiler().WithCapabilities(sandboxCapabilities()).WithEnablePrintStatements(true)
	ctx, cancel := context.WithCancel(withPinnedTime(ctx, fallbackTime()))
	defer cancel()
	// OPA's runner times each test out itself; the watchdog stops the run for
	// memory, and reports a test that outlives its timeout by the grace.
	watched := &watched{stop: cancel, limit: defaultTimeout, maxHeap: defaultMaxHeap, grace: graceFor(defaultTimeout),
		runaway: exitOnRunaway, what: "policy tests", runawayAtDeadline: true}
	progress := func() { watched.extend(defaultTimeout + watched.grace) }
	progress()
	watch.add(watched)
	defer watch.remove(watched)
	ch, err := tester.NewRunner().
		SetCompiler(compiler).
		SetStore(inmem.NewFromObject(doc)).
		SetModules(modules).
		SetTimeout(defaultTimeout).
		CapturePrintOutput(true).
		SetCoverageQueryTracer(cov).
		RunTests(ctx, nil)
	if err != nil {
		var errs ast.Errors
		if asErrs(err, &errs) {
			return nil, toCompileErrors(errs)
		}
		return nil, err
	}
	var results []*tester.Result
	rep := &TestReport{}
	for r := range ch {
		progress()
		// Embedded packages' tests are not loaded, so every result is the user's.
		results = append(results, r)
		switch {
		case r.Error != nil:
			rep.Errored++
		case r.Skip:
			rep.Skipped++
		case r.Fail:
			rep.Failed++
		default:
			rep.Passed++
		}
	}
	if err := watched.stopped(); err != nil {
		return nil, err
	}
	replay := make(chan *tester.Result, len(results))
	for _, r := range results {
		replay <- r
	}
	close(replay)
	if err := (tester.PrettyReporter{Output: w, Verbose: verbose, FailureLine: true}).Report(replay); err != nil {
		return nil, err
	}
	if len(userRules) > 0 {
		c := cov.Report(userRules)
		rep.Coverage, rep.CoveredLines, rep.NotCoveredLines = c.Coverage, c.CoveredLines, c.NotCoveredLines
	}
	return rep, nil
}

func asErrs(err error, target *ast.Errors) bool {
	if e, ok := err.(ast.Errors); ok {
		*target = e
		return true
	}
	return false
}
