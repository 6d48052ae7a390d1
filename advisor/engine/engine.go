// Package engine owns every contact with OPA: it loads the embedded policies (and
// users' policy directories), compiles them once with one compiler, prepares the
// component and architecture queries once, and evaluates them many times. Prepared
// queries are safe to share between goroutines.
package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/loader"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/open-policy-agent/opa/v1/topdown/print"

	"github.com/hybridadvisor/hybridadvisor/advisor/decide"
	"github.com/hybridadvisor/hybridadvisor/advisor/located"
	"github.com/hybridadvisor/hybridadvisor/policies"
)

// Package roots. Embedded security rules live under SecurityRoot, users' rules must
// live under CustomRoot so they can add findings but never rewrite the decision.
const (
	DecisionRoot = "hybridadvisor.decision"
	SecurityRoot = "hybridadvisor.security"
	CustomRoot   = "hybridadvisor.custom"
)

// DecisionQuery is the Rego part of the decision framework for one component:
// eligibility (excluded) and the preferences that fired, which the engine then
// arbitrates in Go (advisor/decide: scores, cost terms, the recommendation per
// cloud and its reasons). It runs on the decision input only (see
// DecisionInput), so its result is a pure function of that input and callers
// may memoise it. Exported, with FindingsQuery, so the policies' benchmarks
// measure exactly what the engine runs.
const DecisionQuery = `x := data.hybridadvisor.decision.result`

// FindingsQuery gathers the findings of the embedded security rules and the
// users' rules for one component; they see the whole input, the architecture
// included.
const FindingsQuery = `x := {
	"findings": ` + securityFindings + `,
	"custom": ` + customFindings + `,
}`

// customFindings visits the users' packages; with no users' policies it is
// left out of the queries (an empty list), since visiting nothing still costs.
const customFindings = `[{"package": pkg, "finding": f} | some pkg; some f in data.hybridadvisor.custom[pkg].deny]`

// ComponentQuery is DecisionQuery and FindingsQuery in one evaluation, on the
// whole input: what a batch run, which recalls nothing, evaluates per component.
const ComponentQuery = `x := {
	"excluded": data.hybridadvisor.decision.excluded,
	"preference": data.hybridadvisor.decision.preference,
	"findings": ` + securityFindings + `,
	"custom": ` + customFindings + `,
}`

// DecisionInput lists the top-level input keys the decision reads, the Rego
// rules and the arbitration (docs/rego-contract.md); the engine's callers pass
// only these to Decide.
var DecisionInput = []string{"clouds", "component", "options", "costs", "texts"}

// Options configure New.
type Options struct {
	// PolicyDirs are users' policy directories (*.rego, tests excluded).
	PolicyDirs []string
	// Print receives print() output of policies; nil drops it.
	Print io.Writer
	// Timeout bounds one evaluation (users' policies may loop); 0 means 10 s.
	Timeout time.Duration
	// MaxHeap is the live heap, in bytes, past which the process's evaluations
	// are stopped (watch.go); 0 means 1 GiB.
	MaxHeap uint64
	// Runaway is told of an evaluation that does not stop when cancelled, which
	// the process cannot interrupt (watch.go); nil prints the error on stderr
	// and exits with status 2.
	Runaway func(error)
}

// Engine is the compiled policy set. Safe for concurrent use.
type Engine struct {
	compiler  *ast.Compiler
	component rego.PreparedEvalQuery
	decision  rego.PreparedEvalQuery
	findings  rego.PreparedEvalQuery
	framework *decide.Framework // the arbitration, on the data the rules read
	rules     []Rule
	byPackage map[string]*Rule // "iam_01" under security or custom -> rule
	byID      map[string]*Rule
	print     print.Hook
	timeout   time.Duration
	maxHeap   uint64
	grace     time.Duration // how long a cancelled evaluation may take to return
	runaway   func(error)
	// store and planner serve the narrowed queries, prepared on first use
	// (plan.go); prepareMu serialises their preparation.
	store     storage.Store
	planner   *planner
	prepareMu sync.Mutex
}

// CompileError is a policy that does not parse or compile, with its place.
type CompileError = located.Error

// CompileErrors lists every policy error found, one per line.
type CompileErrors = located.List

// New loads, compiles and prepares everything once.
func New(ctx context.Context, opts Options) (*Engine, error) {
	modules, err := loadModules(opts.PolicyDirs)
	if err != nil {
		return nil, err
	}
	doc, err := decide.Data()
	if err != nil {
		return nil, err
	}
	framework, err := decide.New(doc)
	if err != nil {
		return nil, err
	}
	store := inmem.NewFromObjectWithOpts(doc, inmem.OptReturnASTValuesOnRead(true))

	compiler := ast.NewCompiler().
		WithCapabilities(sandboxCapabilities()).
		WithEnablePrintStatements(opts.Print != nil)
	compiler.Compile(modules)
	if compiler.Failed() {
		return nil, toCompileErrors(compiler.Errors)
	}

	if bad := checkUserModules(compiler); len(bad) > 0 {
		return nil, bad
	}

	e := &Engine{compiler: compiler, timeout: opts.Timeout, maxHeap: opts.MaxHeap, runaway: opts.Runaway,
		store: store, planner: newPlanner(compiler), framework: framework}
	if e.timeout == 0 {
		e.timeout = defaultTimeout
	}
	if e.maxHeap == 0 {
		e.maxHeap = defaultMaxHeap
	}
	if e.runaway == nil {
		e.runaway = exitOnRunaway
	}
	e.grace = graceFor(e.timeout)
	if opts.Print != nil {
		e.print = topdown.NewPrintHook(opts.Print)
	}
	if e.component, err = prepare(ctx, compiler, store, e.planner.query(ComponentQuery, nil)); err != nil {
		return nil, err
	}
	if e.decision, err = prepare(ctx, compiler, store, DecisionQuery); err != nil {
		return nil, err
	}
	if e.findings, err = prepare(ctx, compiler, store, e.planner.query(FindingsQuery, nil)); err != nil {
		return nil, err
	}
	if err := e.buildCatalog(); err != nil {
		return nil, err
	}
	return e, nil
}

func prepare(ctx context.Context, c *ast.Compiler, store storage.Store, q string) (rego.PreparedEvalQuery, error) {
	return rego.New(
		rego.Compiler(c),
		rego.Store(store),
		rego.Query(q),
		rego.StrictBuiltinErrors(true),
	).PrepareForEval(ctx)
}

// loadModules parses the embedded policies and the users' directories.
func loadModules(dirs []string) (map[string]*ast.Module, error) {
	skipTests := func(_ string, info fs.FileInfo, _ int) bool {
		return !info.IsDir() && (!strings.HasSuffix(info.Name(), ".rego") || strings.HasSuffix(info.Name(), "_test.rego"))
	}
	res, err := loader.NewFileLoader().
		WithFS(policies.FS).
		WithProcessAnnotation(true).
		WithRegoVersion(ast.RegoV1).
		Filtered([]string{"decision", "security"}, skipTests)
	if err != nil {
		return nil, fmt.Errorf("embedded policies: %w", err)
	}
	modules := map[string]*ast.Module{}
	for name, m := range res.ParsedModules() {
		modules["policies/"+name] = m
	}
	if len(dirs) == 0 {
		return modules, nil
	}
	for _, d := range dirs {
		info, err := os.Stat(d)
		if err != nil {
			return nil, &CompileError{Source: located.Source{File: d}, Message: "cannot read policy directory: " + pathErrReason(err)}
		}
		if !info.IsDir() && !strings.HasSuffix(d, ".rego") {
			return nil, &CompileError{Source: located.Source{File: d}, Message: "not a directory or .rego file"}
		}
	}
	if err := checkPolicyFiles(dirs, skipTests); err != nil {
		return nil, err
	}
	user, err := loader.NewFileLoader().
		WithProcessAnnotation(true).
		WithRegoVersion(ast.RegoV1).
		Filtered(dirs, skipTests)
	if err != nil {
		return nil, loaderErrors(err)
	}
	var bad CompileErrors
	for name, m := range user.ParsedModules() {
		pkg := strings.TrimPrefix(m.Package.Path.String(), "data.")
		if pkg != CustomRoot && !strings.HasPrefix(pkg, CustomRoot+".") {
			bad = append(bad, &CompileError{Source: located.Source{File: name, Line: m.Package.Location.Row, Column: m.Package.Location.Col},
				Message: fmt.Sprintf("package %s: users' policies must live under package %s.<name>", pkg, CustomRoot)})
			continue
		}
		modules[name] = m
	}
	if len(bad) > 0 {
		bad.Sort()
		return nil, bad
	}
	return modules, nil
}

// ComponentResult is the outcome of Eval.
type ComponentResult struct {
	Decision *Decision
	Findings []Finding
	// Solo is the architecture verdict when the component is its architecture's
	// only one, else nil.
	Solo *ArchitectureOutput
}

// Eval runs the decision framework and the rules on one component's whole input
// in one evaluation, and arbitrates the decision.
func (e *Engine) Eval(ctx context.Context, input ast.Value) (*ComponentResult, error) {
	top, err := e.evalObject(ctx, e.componentQuery, input)
	if err != nil {
		return nil, err
	}
	in, err := arbitrationInput(top, input)
	if err != nil {
		return nil, err
	}
	out := &ComponentResult{Decision: e.framework.Arbitrate(in)}
	if out.Findings, err = e.decodeFindings(top); err != nil {
		return nil, err
	}
	// A one-component architecture's verdict comes with its component: batch runs score
	// thousands of one-component files.
	obj, _ := input.(ast.Object)
	arch, _ := get(obj, "architecture").(ast.Object)
	if n, ok := get(arch, "component_count").(ast.Number); ok && n.String() == "1" {
		component, _ := get(obj, "component").(ast.Object)
		out.Solo = e.framework.Solo(in.Clouds, text(get(component, "name")), out.Decision)
	}
	return out, nil
}

// Decide runs the decision framework on one component's decision input (the
// DecisionInput keys of the full input).
func (e *Engine) Decide(ctx context.Context, input ast.Value) (*Decision, error) {
	v, err := e.eval(ctx, e.decision, input)
	if err != nil {
		return nil, err
	}
	in, err := arbitrationInput(v, input)
	if err != nil {
		return nil, err
	}
	return e.framework.Arbitrate(in), nil
}

// Findings runs the security rules and the users' rules on one component's full input.
func (e *Engine) Findings(ctx context.Context, input ast.Value) ([]Finding, error) {
	top, err := e.evalObject(ctx, e.findingsQuery, input)
	if err != nil {
		return nil, err
	}
	return e.decodeFindings(top)
}

// Architecture is the verdict of an architecture of two or more components, from
// each component's recommendation per cloud (D-HYBRID); clouds nil means every
// cloud of the catalogue.
func (e *Engine) Architecture(clouds []string, comps []decide.Placement) *ArchitectureOutput {
	return e.framework.Verdicts(clouds, comps)
}

// evalObject evaluates the query that choose picks for input (plan.go) and
// returns its result, which must be an object.
func (e *Engine) evalObject(ctx context.Context, choose func(ast.Value) (rego.PreparedEvalQuery, error), input ast.Value) (ast.Object, error) {
	q, err := choose(input)
	if err != nil {
		return nil, err
	}
	v, err := e.eval(ctx, q, input)
	if err != nil {
		return nil, err
	}
	return object(v)
}

// object is a query result that must be an object.
func object(v ast.Value) (ast.Object, error) {
	o, ok := v.(ast.Object)
	if !ok {
		return nil, fmt.Errorf("policy result: want an object, got %s", ast.ValueName(v))
	}
	return o, nil
}

func (e *Engine) eval(ctx context.Context, q rego.PreparedEvalQuery, input ast.Value) (ast.Value, error) {
	// Cancellation without a goroutine per evaluation (what OPA starts for a
	// context it must watch): the watchdog for the limits, a callback on ctx.
	cancel := topdown.NewCancel()
	w := &watched{stop: cancel.Cancel, limit: e.timeout, maxHeap: e.maxHeap, grace: e.grace,
		runaway: e.runaway, what: "policy evaluation"}
	w.extend(e.timeout)
	watch.add(w)
	stop := context.AfterFunc(ctx, cancel.Cancel)
	defer func() {
		stop()
		watch.remove(w)
	}()
	opts := []rego.EvalOption{rego.EvalParsedInput(input), rawResult, rego.EvalExternalCancel(cancel),
		evalClock(input)}
	if e.print != nil {
		opts = append(opts, rego.EvalPrintHook(e.print))
	}
	rs, err := q.Eval(ctx, opts...)
	if err != nil {
		if stopped := w.stopped(); stopped != nil {
			return nil, stopped
		}
		return nil, evalError(err)
	}
	if len(rs) == 0 {
		return nil, errors.New("policy evaluation: the decision policy produced no result (is data.hybridadvisor.decision defined?)")
	}
	t, ok := rs[0].Bindings["x"].(*ast.Term)
	if !ok {
		return nil, fmt.Errorf("policy evaluation: unexpected result %T", rs[0].Bindings["x"])
	}
	return t.Value, nil
}

// evalError locates an evaluation error in its policy.
func evalError(err error) error {
	var te *topdown.Error
	if !errors.As(err, &te) {
		return fmt.Errorf("policy evaluation: %w", err)
	}
	msg := te.Message
	if te.Location != nil {
		msg = fmt.Sprintf("policy error at %s:%d:%d: %s", te.Location.File, te.Location.Row, te.Location.Col, te.Message)
	}
	if te.Code == limitCode {
		return &kindError{kind: ErrLimit, msg: msg}
	}
	if te.Location == nil {
		return fmt.Errorf("policy evaluation: %w", err)
	}
	return errors.New(msg)
}

// rawResult keeps query results as OPA values, which the decoders read, instead
// of converting them to Go maps and slices.
var rawResult = rego.EvalGenerateJSON(func(t *ast.Term, _ *rego.EvalContext) (any, error) { return t, nil })

func toCompileErrors(errs ast.Errors) CompileErrors {
	out := make(CompileErrors, 0, len(errs))
	for _, e := range errs {
		ce := &CompileError{Message: explainDenied(e.Message)}
		if e.Location != nil {
			ce.File, ce.Line, ce.Column = e.Location.File, e.Location.Row, e.Location.Col
		}
		if ce.File == "" {
			ce.File = "policy"
		}
		out = append(out, ce)
	}
	out.Sort()
	return out
}

// loaderErrors turns parse errors from users' directories into located errors.
func loaderErrors(err error) error {
	var le loader.Errors
	if errors.As(err, &le) {
		var out CompileErrors
		for _, e := range le {
			var ae *ast.Error
			if errors.As(e, &ae) && ae.Location != nil {
				out = append(out, &CompileError{Source: located.Source{File: ae.Location.File, Line: ae.Location.Row, Column: ae.Location.Col}, Message: ae.Message})
				continue
			}
			var aes ast.Errors
			if errors.As(e, &aes) {
				out = append(out, toCompileErrors(aes)...)
				continue
			}
			out = append(out, &CompileError{Source: located.Source{File: "policy"}, Message: e.Error()})
		}
		if len(out) > 0 {
			out.Sort()
			return out
		}
	}
	return &CompileError{Source: located.Source{File: "policy"}, Message: err.Error()}
}

func pathErrReason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
