package main

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/hybridadvisor/hybridadvisor/advisor"
	"github.com/hybridadvisor/hybridadvisor/advisor/atomicfile"
	"github.com/hybridadvisor/hybridadvisor/advisor/engine"
	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
	"github.com/hybridadvisor/hybridadvisor/advisor/render"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
	"github.com/hybridadvisor/hybridadvisor/pricing"
)

// commonFlags are shared by the commands that evaluate profiles.
type commonFlags struct {
	clouds     []string
	freeTier   bool
	policyDirs []string
	debug      bool
	jobs       int
}

func (f *commonFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringSliceVar(&f.clouds, "cloud", nil, "evaluate only these clouds (aws, azure, gcp; repeat or comma-separate); with one cloud it is also the primary")
	fl.BoolVar(&f.freeTier, "free-tier", true, "apply the clouds' free tiers (overrides each profile's assumptions.free_tier when given)")
	fl.StringArrayVar(&f.policyDirs, "policy", nil, "add your own Rego rules from `DIR` (package hybridadvisor.custom.<name>; repeatable)")
	fl.BoolVar(&f.debug, "debug", false, "print policies' print() output to stderr")
	fl.IntVar(&f.jobs, "jobs", 0, "files scored in parallel (default: the number of CPUs)")
}

// newAdvisor compiles the policies and loads the prices once for the whole run.
func (f *commonFlags) newAdvisor(cmd *cobra.Command, io *streams) (*advisor.Advisor, error) {
	opts := engine.Options{PolicyDirs: f.policyDirs}
	if f.debug {
		opts.Print = io.err
	}
	eng, err := engine.New(cmd.Context(), opts)
	if err != nil {
		return nil, err
	}
	book, err := pricing.Load()
	if err != nil {
		return nil, err
	}
	aopts := advisor.Options{Clouds: f.clouds}
	if cmd.Flags().Changed("free-tier") {
		ft := f.freeTier
		aopts.FreeTier = &ft
	}
	a, err := advisor.New(eng, book, aopts)
	if err != nil {
		return nil, usageError{err}
	}
	if cl := a.Clouds(); len(cl) == 1 {
		aopts.Cloud = cl[0]
		return advisor.New(eng, book, aopts)
	}
	return a, nil
}

type scoreFlags struct {
	commonFlags
	outputs  []string
	failOn   string
	examples []string
	verbose  bool
}

const scoreLong = `Score workload profiles: for every component, the recommended model and
platform on each cloud with the rules that decided it, the platforms excluded by
hard limits, the monthly cost of every option, the break-even traffic, and the
security findings. For every architecture: the verdict (functions, containers or
hybrid) and the monthly totals of the recommended placement against everything
as functions and everything as containers.

PATH may be a file or a directory (searched recursively for *.yaml and *.yml).
A file that fails to parse is reported and the others are still scored.

Outputs: -o FORMAT writes to stdout, -o FORMAT=FILE writes a file (atomically).
Repeat -o for several at once. Formats: ` + "%s" + `.

Exit codes: 0 success; 1 a finding at or above --fail-on (waived ones do not
count); 2 a usage error or any input that could not be scored.`

func newScoreCmd(io *streams) *cobra.Command {
	f := &scoreFlags{}
	cmd := &cobra.Command{
		Use:   "score [PATH...]",
		Short: "Score workload profiles: placement, cost and findings per component",
		Long:  fmt.Sprintf(scoreLong, strings.Join(render.FormatNames(), ", ")),
		Example: `  hybridadvisor score --example shop
  hybridadvisor score workloads/ --fail-on high
  hybridadvisor score app.yaml --cloud aws -o table -o json=result.json
  hybridadvisor score app.yaml --free-tier=false -v`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runScore(cmd, io, f, args)
		},
	}
	f.register(cmd)
	fl := cmd.Flags()
	fl.StringArrayVarP(&f.outputs, "output", "o", nil, "output `FORMAT` or FORMAT=FILE (repeatable; default table)")
	fl.StringVar(&f.failOn, "fail-on", "", "exit 1 when a finding is at or above this `SEVERITY` (critical, high, medium, low, info)")
	fl.StringArrayVar(&f.examples, "example", nil, "score an embedded example `NAME` (see 'hybridadvisor init --list')")
	fl.BoolVarP(&f.verbose, "verbose", "v", false, "table output: every preference rule, exclusion reason and remediation")
	_ = cmd.RegisterFlagCompletionFunc("example", completeTemplates)
	_ = cmd.RegisterFlagCompletionFunc("fail-on", fixedCompletion(result.Severities...))
	_ = cmd.RegisterFlagCompletionFunc("cloud", fixedCompletion(pricing.Clouds...))
	return cmd
}

type outputSpec struct{ format, path string }

func parseOutputs(specs []string) ([]outputSpec, error) {
	if len(specs) == 0 {
		specs = []string{"table"}
	}
	var out []outputSpec
	stdout := 0
	for _, s := range specs {
		format, path, _ := strings.Cut(s, "=")
		if !render.HasFormat(format) {
			return nil, usageError{fmt.Errorf("unknown output format %q (known: %s)", format, strings.Join(render.FormatNames(), ", "))}
		}
		if path == "" {
			stdout++
		}
		out = append(out, outputSpec{format, path})
	}
	if stdout > 1 {
		return nil, usageError{fmt.Errorf("only one -o may write to stdout; give the others a file: -o FORMAT=FILE")}
	}
	return out, nil
}

func runScore(cmd *cobra.Command, io *streams, f *scoreFlags, args []string) error {
	outputs, err := parseOutputs(f.outputs)
	if err != nil {
		return err
	}
	if f.failOn != "" && result.SeverityRank(f.failOn) < 0 {
		return usageError{fmt.Errorf("--fail-on %q: want one of %s", f.failOn, strings.Join(result.Severities, ", "))}
	}
	if len(args) == 0 && len(f.examples) == 0 {
		return usageError{fmt.Errorf("nothing to score: give a profile file or directory, or --example NAME")}
	}
	var sources []advisor.Source
	for _, name := range f.examples {
		src, ok := profile.Template(name)
		if !ok {
			return usageError{fmt.Errorf("unknown example %q (known: %s)", name, strings.Join(templateNames(), ", "))}
		}
		sources = append(sources, advisor.Source{Path: "example:" + name, Data: src})
	}
	sources = append(sources, advisor.Expand(args)...)

	a, err := f.newAdvisor(cmd, io)
	if err != nil {
		return err
	}
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	res := a.Score(ctx, sources, f.jobs)

	ropts := render.Options{Color: useColor(io), Verbose: f.verbose}
	for _, o := range outputs {
		if o.path == "" {
			if err := render.Write(io.out, o.format, res, ropts); err != nil {
				return err
			}
			continue
		}
		var buf bytes.Buffer
		fileOpts := ropts
		fileOpts.Color = false
		if err := render.Write(&buf, o.format, res, fileOpts); err != nil {
			return err
		}
		if err := atomicfile.WriteFile(o.path, buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("write %s output: %w", o.format, err)
		}
	}
	return gate(io, res, f.failOn)
}

// gate decides the exit code: errors win over gate failures so the two never share a code.
func gate(io *streams, res *result.Result, failOn string) error {
	if res.Summary.Errors > 0 {
		return exitErr{exitError}
	}
	if failOn == "" {
		return nil
	}
	limit := result.SeverityRank(failOn)
	n := 0
	for sev, count := range res.Summary.Findings {
		if r := result.SeverityRank(sev); r >= 0 && r <= limit {
			n += count
		}
	}
	if n > 0 {
		fmt.Fprintf(io.err, "hybridadvisor: %d finding(s) at or above %s (--fail-on %s)\n", n, failOn, failOn)
		return exitErr{exitGate}
	}
	return nil
}

func templateNames() []string {
	var names []string
	for _, t := range profile.Templates() {
		names = append(names, t.Name)
	}
	sort.Strings(names)
	return names
}

func completeTemplates(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return templateNames(), cobra.ShellCompDirectiveNoFileComp
}

func fixedCompletion(values ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}
