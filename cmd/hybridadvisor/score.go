package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/hybridadvisor/hybridadvisor/advisor"
	"github.com/hybridadvisor/hybridadvisor/advisor/baseline"
	"github.com/hybridadvisor/hybridadvisor/advisor/gate"
	"github.com/hybridadvisor/hybridadvisor/advisor/render"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
	"github.com/hybridadvisor/hybridadvisor/advisor/settings"
)

// ScoreOptions are the score command's flags and arguments, as cobra parsed
// them; runScore does the rest.
type ScoreOptions struct {
	IO  *streams
	Ctx context.Context
	EvalOptions

	// Paths are the files and directories to score.
	Paths           []string
	Examples        []string
	Outputs         []string
	FailOn          string
	MaxMonthlyCost  []string
	CompareTo       string
	MaxCostIncrease []string
	AllowUnpriced   bool
	Verbose         bool
}

const scoreLong = `Score workload profiles: for every component, the recommended model and
platform on each cloud with the rules that decided it, the platforms excluded by
hard limits, the monthly cost of every option, the break-even traffic, and the
security findings. For every architecture: the verdict (functions, containers or
hybrid) and the monthly totals of the recommended placement against everything
as functions and everything as containers.

PATH may be a file or a directory (searched recursively for *.yaml and *.yml;
only regular files are read: links leading out of the directory, pipes and
devices are skipped with a notice on stderr, and YAML that is not a profile,
such as Kubernetes manifests or compose files, is skipped with one line on
stderr). A file that fails to parse is reported and the others are still
scored. Results are written as each file is done, in input order, so a batch of
any size runs in bounded memory.

Outputs: -o FORMAT writes to stdout, -o FORMAT=FILE writes a file (atomically;
through a symbolic link to its target; into a pipe or device in place). Repeat
-o for several at once. An output may not be one of the inputs. Formats: ` + "%s" + `.

Gates (exit 1 when one fails; each failure is one line on stderr):
  --fail-on SEVERITY          an unwaived finding at or above SEVERITY
  --max-monthly-cost N        an architecture's recommended placement costs more
                              than N USD/month on its primary cloud (CLOUD=N: on
                              that cloud); repeatable
  --max-cost-increase N|P%%    with --compare-to: an architecture's monthly cost
                              grew by more than N USD or P percent; repeatable
  The cost gates fail on a total with an unpriced part (a platform with no price
  in the region), naming it: the amount is only a lower bound. --allow-unpriced
  makes that a warning on stderr.

Defaults come from .hybridadvisor.yaml, found from the working directory up to
the repository root or $HOME, not in other users' directories (or --config
FILE); stderr names the file used. Paths in it must stay inside its directory.
Flags override it. See docs/ci.md.

Exit codes: 0 success; 1 a gate failed; 2 a usage error or any input that could
not be scored (an error wins over a gate); 130/143 interrupted by SIGINT/SIGTERM.`

// newScoreCmd builds the score command; runF, when set, runs instead of
// runScore with the parsed options (tests check flag parsing with it).
func newScoreCmd(io *streams, runF func(*ScoreOptions) error) *cobra.Command {
	opts := &ScoreOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "score [PATH...]",
		Short: "Score workload profiles: placement, cost and findings per component",
		Long:  fmt.Sprintf(scoreLong, strings.Join(render.FormatNames(), ", ")),
		Example: `  hybridadvisor score --example shop
  hybridadvisor score workloads/ --fail-on high
  hybridadvisor score app.yaml --cloud aws -o table -o json=result.json
  hybridadvisor score workloads/ -o sarif=results.sarif -o junit=junit.xml -o github
  hybridadvisor score workloads/ --max-monthly-cost 500 --max-monthly-cost gcp=400
  hybridadvisor score workloads/ --compare-to main.json --max-cost-increase 10%
  hybridadvisor score app.yaml --free-tier=false -v`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths, opts.Ctx = args, cmd.Context()
			if runF != nil {
				return runF(opts)
			}
			return runScore(opts)
		},
	}
	opts.register(cmd)
	fl := cmd.Flags()
	fl.StringArrayVarP(&opts.Outputs, "output", "o", nil, "output `FORMAT` or FORMAT=FILE (repeatable; default table)")
	fl.StringVar(&opts.FailOn, "fail-on", "", "exit 1 when an unwaived finding is at or above this `SEVERITY` (critical, high, medium, low, info)")
	fl.StringArrayVar(&opts.MaxMonthlyCost, "max-monthly-cost", nil, "exit 1 when an architecture's recommended placement costs more than `N` USD/month on its primary cloud, or CLOUD=N on that cloud (repeatable)")
	fl.StringVar(&opts.CompareTo, "compare-to", "", "compare costs with a saved JSON result `FILE` (-o json of an earlier run): a cost diff per architecture and component")
	fl.StringArrayVar(&opts.MaxCostIncrease, "max-cost-increase", nil, "with --compare-to, exit 1 when an architecture's monthly cost grew by more than `N` USD or P% (repeatable)")
	fl.BoolVar(&opts.AllowUnpriced, "allow-unpriced", false, "let the cost gates pass a total with unpriced parts (a warning on stderr) instead of failing it")
	fl.StringArrayVar(&opts.Examples, "example", nil, "score an embedded example `NAME` (see 'hybridadvisor init --list')")
	fl.BoolVarP(&opts.Verbose, "verbose", "v", false, "table output: every preference rule, exclusion reason and remediation")
	_ = cmd.RegisterFlagCompletionFunc("example", completeTemplates)
	_ = cmd.RegisterFlagCompletionFunc("fail-on", fixedCompletion(result.Severities...))
	_ = cmd.RegisterFlagCompletionFunc("cloud", fixedCompletion(settings.Clouds...))
	_ = cmd.RegisterFlagCompletionFunc("output", fixedCompletion(render.FormatNames()...))
	return cmd
}

// scoreRun is the score command's configuration once flags and the config
// file are merged: a flag given on the command line replaces the file's value
// (lists are replaced, not merged).
type scoreRun struct {
	outputs []outputSpec
	gates   gate.Spec
}

// settle resolves the shared settings and merges the config file under the
// score flags.
func (o *ScoreOptions) settle() (*scoreRun, error) {
	if err := o.resolve(o.IO); err != nil {
		return nil, err
	}
	cfg := o.cfg
	failOn, outputs := o.FailOn, o.Outputs
	if cfg != nil {
		if !o.changed("fail-on") && cfg.FailOn != "" {
			failOn = cfg.FailOn
		}
		if !o.changed("output") && len(cfg.Output) > 0 {
			outputs = cfg.Output
		}
	}
	s := &scoreRun{}
	var err error
	if s.outputs, err = parseOutputs(outputs); err != nil {
		return nil, err
	}
	if failOn != "" && result.SeverityRank(failOn) < 0 {
		return nil, usageError{fmt.Errorf("--fail-on %q: want one of %s", failOn, strings.Join(result.Severities, ", "))}
	}
	s.gates.FailOn = failOn

	if o.changed("max-monthly-cost") || cfg == nil {
		for _, v := range o.MaxMonthlyCost {
			l, err := gate.ParseCostLimit(v)
			if err != nil {
				return nil, usageError{fmt.Errorf("--max-monthly-cost %s", err)}
			}
			s.gates.CostLimits = append(s.gates.CostLimits, l)
		}
	} else {
		s.gates.CostLimits = cfg.MaxMonthlyCost
	}
	if o.changed("max-cost-increase") || cfg == nil {
		if len(o.MaxCostIncrease) > 0 && o.CompareTo == "" {
			return nil, usageError{errors.New("--max-cost-increase needs a baseline: --compare-to FILE (a saved -o json result)")}
		}
		for _, v := range o.MaxCostIncrease {
			inc, err := gate.ParseIncrease(v)
			if err != nil {
				return nil, usageError{fmt.Errorf("--max-cost-increase %s", err)}
			}
			s.gates.Increases = append(s.gates.Increases, inc)
		}
	} else if o.CompareTo != "" {
		s.gates.Increases = cfg.MaxCostIncrease // the file's limit applies when a baseline is given
	}
	s.gates.AllowUnpriced = o.AllowUnpriced
	if !o.changed("allow-unpriced") && cfg != nil && cfg.AllowUnpriced != nil {
		s.gates.AllowUnpriced = *cfg.AllowUnpriced
	}
	return s, nil
}

func runScore(o *ScoreOptions) error {
	io := o.IO
	s, err := o.settle()
	if err != nil {
		return err
	}
	if len(o.Paths) == 0 && len(o.Examples) == 0 {
		return usageError{fmt.Errorf("nothing to score: give a profile file or directory, or --example NAME")}
	}
	sources, skipped, err := profileSources(o.Examples, o.Paths)
	if err != nil {
		return err
	}
	noteSkipped(io, skipped)
	noteImported(io, sources)
	var files []outputFile
	for _, out := range s.outputs {
		if out.path != "" {
			files = append(files, outputFile{"-o " + out.format + "=" + out.path, out.path})
		}
	}
	others := []outputFile{{"the price overrides", o.set.Pricing}}
	if o.cfg != nil {
		others = append(others, outputFile{"the config file", o.cfg.Path})
	}
	if err := checkOutputFiles(files, sources, others...); err != nil {
		return err
	}

	ctx := o.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	svc, err := o.newService(ctx, io)
	if err != nil {
		return err
	}
	a, err := svc.Advisor(advisor.Options{})
	if err != nil {
		return usageError{err}
	}
	if err := s.gates.CheckClouds(a.Clouds()); err != nil {
		return usageError{err}
	}
	for _, cloud := range settings.Clouds { // the config file's regions, each at its line
		if r, ok := o.set.Regions[cloud]; ok {
			if err := svc.Book().CheckRegions(map[string]string{cloud: r}); err != nil {
				return usageError{o.cfg.At("regions."+cloud, "%s", err)}
			}
		}
	}
	var differ *baseline.Differ
	if o.CompareTo != "" {
		paths := make([]string, len(sources))
		for i, src := range sources {
			paths[i] = src.Path
		}
		if differ, err = gate.Compare(o.CompareTo, paths); err != nil {
			return fmt.Errorf("--compare-to: %w", err)
		}
	}
	defer tuneGC()()

	ropts := render.StreamOptions{Options: render.Options{Color: useColor(io), Verbose: o.Verbose, Width: tableWidth(io)}, FailOn: s.gates.FailOn}
	sinks, err := openSinks(io, s.outputs, ropts)
	if err != nil {
		return err
	}
	defer sinks.abort()

	if o.Verbose {
		printSources(io, o.set)
	}
	head := a.NewResult()
	head.Settings.Sources = o.set.Sources
	if err := sinks.begin(head); err != nil {
		return err
	}
	tally := advisor.NewTally()
	gates := gate.New(s.gates, differ)
	err = a.Stream(ctx, sources, svc.Batch(), func(files []result.File) error {
		for i := range files {
			file := &files[i]
			tally.Add(file)
			warnPlaceholders(io, file)
			gates.File(file)
			if err := sinks.file(file); err != nil {
				return err
			}
		}
		return sinks.flushStdout()
	})
	if err != nil {
		return err
	}
	tail := *head
	tail.Summary = tally.Summary()
	tail.Diff, tail.Gates = gates.Finish(tail.Summary)
	if err := sinks.end(&tail); err != nil {
		return err
	}
	if err := sinks.commit(); err != nil {
		return err
	}
	return exitCode(io, &tail)
}

// exitCode prints one line per gate failure and decides the exit code: errors win
// over gate failures so the two never share a code.
func exitCode(io *streams, r *result.Result) error {
	failed := false
	for _, g := range r.Gates {
		for _, w := range g.Warnings {
			fmt.Fprintf(io.err, "hybridadvisor: warning: gate --%s %s: %s\n", g.Gate, render.Clean(g.Limit), render.Clean(w.Message))
		}
		if g.Passed {
			continue
		}
		failed = true
		for _, f := range g.Failures {
			fmt.Fprintf(io.err, "hybridadvisor: gate --%s %s failed: %s\n", g.Gate, render.Clean(g.Limit), render.Clean(f.Message))
		}
	}
	if n := r.Summary.Errors; n > 0 {
		fmt.Fprintf(io.err, "hybridadvisor: %d file(s) or document(s) could not be scored (exit 2)\n", n)
		return exitErr{exitError}
	}
	if failed {
		return exitErr{exitGate}
	}
	return nil
}
