package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"

	"github.com/hybridadvisor/hybridadvisor/advisor"
	"github.com/hybridadvisor/hybridadvisor/advisor/atomicfile"
	"github.com/hybridadvisor/hybridadvisor/advisor/baseline"
	"github.com/hybridadvisor/hybridadvisor/advisor/config"
	"github.com/hybridadvisor/hybridadvisor/advisor/engine"
	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
	"github.com/hybridadvisor/hybridadvisor/advisor/render"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
	"github.com/hybridadvisor/hybridadvisor/advisor/safeio"
	"github.com/hybridadvisor/hybridadvisor/advisor/settings"
	"github.com/hybridadvisor/hybridadvisor/pricing"
)

// commonFlags are shared by the commands that evaluate profiles.
type commonFlags struct {
	clouds      []string
	freeTier    bool
	policyDirs  []string
	pricingFile string
	// pricingFrom names where pricingFile came from in messages ("" for --pricing).
	pricingFrom string
	debug       bool
	jobs        int
	configFile  string
	noConfig    bool
	// set are the resolved settings with their sources (see resolve).
	set settings.Settings
	// cfg is the config file used (nil when none).
	cfg *config.Config
}

// maxOverridesSize caps a --pricing file: real ones are a few KB.
const maxOverridesSize = 4 << 20

func (f *commonFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringSliceVar(&f.clouds, "cloud", nil, "evaluate only these clouds (aws, azure, gcp; repeat or comma-separate); with one cloud it is also the primary")
	fl.BoolVar(&f.freeTier, "free-tier", true, "apply the clouds' free tiers (overrides each profile's assumptions.free_tier when given)")
	fl.StringArrayVar(&f.policyDirs, "policy", nil, "add your own Rego rules from `DIR` (package hybridadvisor.custom.<name>; repeatable)")
	fl.StringVar(&f.pricingFile, "pricing", "", "apply price overrides from `FILE` (negotiated discounts, custom unit prices)")
	fl.BoolVar(&f.debug, "debug", false, "print policies' print() output to stderr")
	fl.IntVar(&f.jobs, "jobs", 0, "files scored in parallel (default: the number of CPUs)")
	fl.StringVar(&f.configFile, "config", "", "read defaults from `FILE` instead of the .hybridadvisor.yaml found from the working directory up")
	fl.BoolVar(&f.noConfig, "no-config", false, "ignore .hybridadvisor.yaml")
}

// resolve reads the config file (unless told not to) and resolves the run's
// settings once: flags > profile > config > defaults (package settings). The
// shared flags are set to the resolved values, so every command that builds
// an advisor from them (score, report, tui) sees the same settings.
func (f *commonFlags) resolve(cmd *cobra.Command, io *streams) error {
	cfg, err := loadConfig(io, f)
	if err != nil {
		return err
	}
	changed := cmd.Flags().Changed
	var fl settings.Flags
	if changed("cloud") {
		fl.Clouds = f.clouds
	}
	if changed("free-tier") {
		v := f.freeTier
		fl.FreeTier = &v
	}
	if changed("pricing") {
		fl.Pricing = f.pricingFile
	}
	if changed("policy") {
		fl.Policy = f.policyDirs
	}
	if changed("jobs") {
		fl.Jobs = f.jobs
	}
	shown := ""
	if cfg != nil {
		shown = showPath(cfg.Path)
	}
	f.cfg, f.set = cfg, settings.Resolve(fl, cfg, shown)
	f.clouds, f.policyDirs, f.pricingFile, f.jobs = f.set.Clouds, f.set.Policy, f.set.Pricing, f.set.Jobs
	if f.set.PricingFromConfig {
		f.pricingFrom = cfg.At("pricing", "pricing").Error()
	}
	return nil
}

// batchOptions are the config's defaults for profiles, for advisor.Stream.
func (f *commonFlags) batchOptions() advisor.BatchOptions {
	b := advisor.BatchOptions{Jobs: f.jobs, Regions: f.set.Regions, FreeTier: f.set.FreeTierDefault}
	if f.cfg != nil {
		b.DefaultsFrom = settings.Config(f.set.ConfigPath)
	}
	return b
}

// showPath is p as shown in sources and the report's "Regenerate with" line:
// relative to the working directory, or its base name when outside it.
func showPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Base(p)
	}
	wd, _ := os.Getwd()
	return settings.ShowPath(abs, wd)
}

// printSources writes where each setting came from, one line each (score -v).
func printSources(io *streams, s settings.Settings) {
	for _, k := range s.Keys() {
		fmt.Fprintf(io.err, "hybridadvisor: setting %s = %s (%s)\n", k, render.Clean(s.Shown(k, showPath)), render.Clean(s.Sources[k]))
	}
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
	if f.pricingFile != "" {
		from := f.pricingFrom
		if from == "" {
			from = "--pricing"
		}
		src, err := safeio.ReadRegular(f.pricingFile, maxOverridesSize)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", from, err)
		}
		o, err := pricing.ParseOverrides(f.pricingFile, src)
		if err != nil {
			return nil, err
		}
		if o.Label == "" {
			// The price table version names the file: as shown, never an
			// absolute path of this machine.
			o.Label = showPath(f.pricingFile)
		}
		if book, err = book.WithOverrides(o); err != nil {
			return nil, fmt.Errorf("--pricing %s: %w", f.pricingFile, err)
		}
	}
	aopts := advisor.Options{Clouds: f.clouds, FreeTier: f.set.FreeTier}
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
	outputs         []string
	failOn          string
	examples        []string
	verbose         bool
	maxMonthlyCost  []string
	compareTo       string
	maxCostIncrease []string
	allowUnpriced   bool
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

func newScoreCmd(io *streams) *cobra.Command {
	f := &scoreFlags{}
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
			return runScore(cmd, io, f, args)
		},
	}
	f.register(cmd)
	fl := cmd.Flags()
	fl.StringArrayVarP(&f.outputs, "output", "o", nil, "output `FORMAT` or FORMAT=FILE (repeatable; default table)")
	fl.StringVar(&f.failOn, "fail-on", "", "exit 1 when an unwaived finding is at or above this `SEVERITY` (critical, high, medium, low, info)")
	fl.StringArrayVar(&f.maxMonthlyCost, "max-monthly-cost", nil, "exit 1 when an architecture's recommended placement costs more than `N` USD/month on its primary cloud, or CLOUD=N on that cloud (repeatable)")
	fl.StringVar(&f.compareTo, "compare-to", "", "compare costs with a saved JSON result `FILE` (-o json of an earlier run): a cost diff per architecture and component")
	fl.StringArrayVar(&f.maxCostIncrease, "max-cost-increase", nil, "with --compare-to, exit 1 when an architecture's monthly cost grew by more than `N` USD or P% (repeatable)")
	fl.BoolVar(&f.allowUnpriced, "allow-unpriced", false, "let the cost gates pass a total with unpriced parts (a warning on stderr) instead of failing it")
	fl.StringArrayVar(&f.examples, "example", nil, "score an embedded example `NAME` (see 'hybridadvisor init --list')")
	fl.BoolVarP(&f.verbose, "verbose", "v", false, "table output: every preference rule, exclusion reason and remediation")
	_ = cmd.RegisterFlagCompletionFunc("example", completeTemplates)
	_ = cmd.RegisterFlagCompletionFunc("fail-on", fixedCompletion(result.Severities...))
	_ = cmd.RegisterFlagCompletionFunc("cloud", fixedCompletion(pricing.Clouds...))
	_ = cmd.RegisterFlagCompletionFunc("output", fixedCompletion(render.FormatNames()...))
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

// runSettings is the score command's configuration once flags and the config
// file are merged.
type runSettings struct {
	outputs    []outputSpec
	failOn     string
	costLimits []config.CostLimit
	increases  []config.Increase
	// allowUnpriced turns a cost gate on an incomplete total into a warning.
	allowUnpriced bool
	regions       map[string]string
	cfg           *config.Config
}

// loadConfig finds and reads the config file unless told not to, and says on
// stderr which one it uses (or ignores).
func loadConfig(io *streams, f *commonFlags) (*config.Config, error) {
	if f.noConfig {
		return nil, nil
	}
	config.FormatKnown = render.HasFormat
	path := f.configFile
	if path == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, nil
		}
		found, err := config.Find(wd)
		if err != nil {
			return nil, usageError{err}
		}
		if found.Ignored != "" {
			fmt.Fprintf(io.err, "hybridadvisor: ignoring config %s: %s (use --config to read it)\n", render.Clean(found.Ignored), render.Clean(found.Why))
		}
		if path = found.Path; path == "" {
			return nil, nil
		}
	}
	cfg, err := config.Load(path)
	if err != nil {
		var ce *config.Error
		if errors.As(err, &ce) {
			return nil, usageError{err}
		}
		return nil, usageError{fmt.Errorf("config %s: %w", path, err)}
	}
	fmt.Fprintf(io.err, "hybridadvisor: using config %s\n", render.Clean(path))
	return cfg, nil
}

// settle merges the config file under the flags: a flag given on the command
// line replaces the file's value (lists are replaced, not merged).
func settle(cmd *cobra.Command, io *streams, f *scoreFlags) (*runSettings, error) {
	if err := f.resolve(cmd, io); err != nil {
		return nil, err
	}
	cfg := f.cfg
	s := &runSettings{cfg: cfg, regions: f.set.Regions}
	changed := cmd.Flags().Changed
	if cfg != nil {
		if !changed("fail-on") && cfg.FailOn != "" {
			f.failOn = cfg.FailOn
		}
		if !changed("output") && len(cfg.Output) > 0 {
			f.outputs = cfg.Output
		}
	}
	var err error
	if s.outputs, err = parseOutputs(f.outputs); err != nil {
		return nil, err
	}
	if f.failOn != "" && result.SeverityRank(f.failOn) < 0 {
		return nil, usageError{fmt.Errorf("--fail-on %q: want one of %s", f.failOn, strings.Join(result.Severities, ", "))}
	}
	s.failOn = f.failOn

	if changed("max-monthly-cost") || cfg == nil {
		for _, v := range f.maxMonthlyCost {
			l, err := config.ParseCostLimit(v)
			if err != nil {
				return nil, usageError{fmt.Errorf("--max-monthly-cost %s", err)}
			}
			s.costLimits = append(s.costLimits, l)
		}
	} else {
		s.costLimits = cfg.MaxMonthlyCost
	}
	if changed("max-cost-increase") || cfg == nil {
		if len(f.maxCostIncrease) > 0 && f.compareTo == "" {
			return nil, usageError{errors.New("--max-cost-increase needs a baseline: --compare-to FILE (a saved -o json result)")}
		}
		for _, v := range f.maxCostIncrease {
			inc, err := config.ParseIncrease(v)
			if err != nil {
				return nil, usageError{fmt.Errorf("--max-cost-increase %s", err)}
			}
			s.increases = append(s.increases, inc)
		}
	} else if f.compareTo != "" {
		s.increases = cfg.MaxCostIncrease // the file's limit applies when a baseline is given
	}
	s.allowUnpriced = f.allowUnpriced
	if !changed("allow-unpriced") && cfg != nil && cfg.AllowUnpriced != nil {
		s.allowUnpriced = *cfg.AllowUnpriced
	}
	return s, nil
}

// tuneGC sets the collector for batch scoring and returns a function that puts
// it back. Scoring allocates a lot per component (policy evaluation, pricing)
// while the live heap stays small, because results stream out file by file.
// GOGC=1000 lets the heap grow to eleven times the live data before collecting,
// spending much less CPU on GC (10,000 one-component files: about 4% less CPU
// than GOGC=400, peak RSS 165 MB instead of 90); the soft 256 MiB memory limit
// makes the collector work harder as the heap nears it, so peak RSS stays
// bounded whatever the batch size. GOGC and GOMEMLIMIT in the environment win.
func tuneGC() func() {
	prevPercent, prevLimit := -2, int64(-1)
	if os.Getenv("GOGC") == "" {
		prevPercent = debug.SetGCPercent(1000)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		prevLimit = debug.SetMemoryLimit(256 << 20)
	}
	return func() {
		if prevPercent != -2 {
			debug.SetGCPercent(prevPercent)
		}
		if prevLimit >= 0 {
			debug.SetMemoryLimit(prevLimit)
		}
	}
}

func runScore(cmd *cobra.Command, io *streams, f *scoreFlags, args []string) error {
	s, err := settle(cmd, io, f)
	if err != nil {
		return err
	}
	if len(args) == 0 && len(f.examples) == 0 {
		return usageError{fmt.Errorf("nothing to score: give a profile file or directory, or --example NAME")}
	}
	sources, skipped, err := profileSources(f.examples, args)
	if err != nil {
		return err
	}
	noteSkipped(io, skipped)
	noteImported(io, sources)
	var files []outputFile
	for _, o := range s.outputs {
		if o.path != "" {
			files = append(files, outputFile{"-o " + o.format + "=" + o.path, o.path})
		}
	}
	others := []outputFile{{"the price overrides", f.pricingFile}}
	if s.cfg != nil {
		others = append(others, outputFile{"the config file", s.cfg.Path})
	}
	if err := checkOutputFiles(files, sources, others...); err != nil {
		return err
	}

	a, err := f.newAdvisor(cmd, io)
	if err != nil {
		return err
	}
	for _, l := range s.costLimits {
		if l.Cloud != "" && !contains(a.Clouds(), l.Cloud) {
			return usageError{fmt.Errorf("--max-monthly-cost %s: %s is not evaluated in this run (clouds: %s)", l.Text, l.Cloud, strings.Join(a.Clouds(), ", "))}
		}
	}
	for _, cloud := range pricing.Clouds { // the config file's regions, each at its line
		if r, ok := s.regions[cloud]; ok {
			if err := a.Book().CheckRegions(map[string]string{cloud: r}); err != nil {
				return usageError{s.cfg.At("regions."+cloud, "%s", err)}
			}
		}
	}
	var differ *baseline.Differ
	if f.compareTo != "" {
		base, err := baseline.Load(f.compareTo)
		if err != nil {
			return fmt.Errorf("--compare-to: %w", err)
		}
		paths := make([]string, len(sources))
		for i, src := range sources {
			paths[i] = src.Path
		}
		differ = base.NewDiffer(paths)
	}

	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	defer tuneGC()()

	ropts := render.StreamOptions{Options: render.Options{Color: useColor(io), Verbose: f.verbose, Width: tableWidth(io)}, FailOn: s.failOn}
	sinks, err := openSinks(io, s.outputs, ropts)
	if err != nil {
		return err
	}
	defer sinks.abort()

	if f.verbose {
		printSources(io, f.set)
	}
	head := a.NewResult()
	head.Settings.Sources = f.set.Sources
	if err := sinks.begin(head); err != nil {
		return err
	}
	tally := advisor.NewTally()
	g := newGates(s.failOn, s.costLimits, s.increases)
	g.allowUnpriced = s.allowUnpriced
	batch := f.batchOptions()
	err = a.Stream(ctx, sources, batch, func(files []result.File) error {
		for i := range files {
			file := &files[i]
			tally.Add(file)
			warnPlaceholders(io, file)
			var ad *result.ArchitectureDiff
			if differ != nil {
				ad = differ.File(file)
			}
			g.file(file, ad)
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
	if differ != nil {
		tail.Diff = differ.Finish()
	}
	tail.Gates = g.results(tail.Summary)
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

// gates evaluates the gates file by file as results stream past.
type gates struct {
	failOn     string
	costLimits []config.CostLimit
	increases  []config.Increase
	costFail   [][]result.GateFailure
	incFail    [][]result.GateFailure
	// allowUnpriced lets a cost gate pass a total with unpriced parts, with a
	// warning; without it such a total fails (fail closed: the amount is only a
	// lower bound, so a limit cannot be judged).
	allowUnpriced bool
	costWarn      [][]result.GateFailure
	incWarn       [][]result.GateFailure
}

func newGates(failOn string, limits []config.CostLimit, incs []config.Increase) *gates {
	return &gates{failOn: failOn, costLimits: limits, increases: incs,
		costFail: make([][]result.GateFailure, len(limits)), incFail: make([][]result.GateFailure, len(incs)),
		costWarn: make([][]result.GateFailure, len(limits)), incWarn: make([][]result.GateFailure, len(incs))}
}

// unpriced records a cost gate that cannot be judged because the total on
// cloud leaves out unpriced parts: a failure, or a warning with --allow-unpriced.
func (g *gates) unpriced(fail, warn *[]result.GateFailure, f *result.File, cloud, what string) {
	t := f.Architecture.Totals[cloud]
	msg := fmt.Sprintf("%s: %s on %s is unknown, as the total leaves out what is not priced: %s (the priced parts come to %s/month)",
		archLabel(f), what, cloud, result.PartsText(t.Unpriced), result.DollarText(t.Recommended.Decimal))
	gf := result.GateFailure{Path: f.Path, Document: f.Document, Architecture: f.Architecture.Name, Cloud: cloud}
	if g.allowUnpriced {
		gf.Message = msg + "; allowed by --allow-unpriced"
		*warn = append(*warn, gf)
		return
	}
	gf.Message = msg + "; price them with --pricing, or pass --allow-unpriced to let the gate warn instead"
	*fail = append(*fail, gf)
}

func archLabel(f *result.File) string {
	p := f.Path
	if f.Document > 0 {
		p = fmt.Sprintf("%s#%d", p, f.Document)
	}
	return fmt.Sprintf("%s (%s)", f.Architecture.Name, p)
}

func (g *gates) file(f *result.File, ad *result.ArchitectureDiff) {
	a := f.Architecture
	if a == nil {
		return
	}
	for i, l := range g.costLimits {
		cloud := l.Cloud
		if cloud == "" {
			cloud = a.Cloud
		}
		t, ok := a.Totals[cloud]
		if !ok {
			continue
		}
		if !t.Complete() && !t.Recommended.GreaterThan(l.USD) {
			// Over the limit already counts as a failure below, whatever is unpriced.
			g.unpriced(&g.costFail[i], &g.costWarn[i], f, cloud, "the monthly cost against the limit of "+result.DollarText(l.USD))
			continue
		}
		if !t.Recommended.GreaterThan(l.USD) {
			continue
		}
		over := t.Recommended.Sub(l.USD)
		more := ""
		if !t.Complete() {
			more = " (at least: not priced: " + result.PartsText(t.Unpriced) + ")"
		}
		g.costFail[i] = append(g.costFail[i], result.GateFailure{Path: f.Path, Document: f.Document, Architecture: a.Name, Cloud: cloud,
			Message: fmt.Sprintf("%s costs %s/month on %s, %s over the limit of %s%s", archLabel(f), result.DollarText(t.Recommended.Decimal), cloud,
				result.DollarText(over), result.DollarText(l.USD), more)})
	}
	if ad == nil || ad.Status == result.DiffRemoved {
		return
	}
	clouds := []string{ad.Cloud}
	if ad.BaselineCloud != "" && ad.BaselineCloud != ad.Cloud {
		clouds = append(clouds, ad.BaselineCloud)
	}
	for i, inc := range g.increases {
		for _, cloud := range clouds {
			ch, ok := ad.PerCloud[cloud]
			if !ok {
				continue
			}
			if t, ok := a.Totals[cloud]; ok && !t.Complete() {
				// This run's total is a lower bound: growth may hide in what is unpriced.
				g.unpriced(&g.incFail[i], &g.incWarn[i], f, cloud, "the cost increase against the limit of "+inc.Text)
				continue
			}
			if ch.Delta.Sign() <= 0 {
				continue
			}
			var over bool
			if inc.Percent {
				// Growth from $0 has no percentage: only an amount limit judges it.
				over = ch.Before.Sign() > 0 && ch.Delta.Mul(decimal.NewFromInt(100)).GreaterThan(inc.Value.Mul(ch.Before.Decimal))
			} else {
				over = ch.Delta.GreaterThan(inc.Value)
			}
			if !over {
				continue
			}
			pct := ""
			if ch.Percent != nil {
				pct = " (+" + ch.Percent.String() + "%)"
			}
			limit := result.DollarText(inc.Value)
			if inc.Percent {
				limit = inc.Value.String() + "%"
			}
			what := "grew"
			if ad.Status == result.DiffAdded {
				what = "is new and adds"
			}
			g.incFail[i] = append(g.incFail[i], result.GateFailure{Path: f.Path, Document: f.Document, Architecture: a.Name, Cloud: cloud,
				Message: fmt.Sprintf("%s %s %s/month%s on %s (%s -> %s), over the limit of %s", archLabel(f), what, result.DollarText(ch.Delta.Decimal), pct,
					cloud, result.DollarText(ch.Before.Decimal), result.DollarText(ch.After.Decimal), limit)})
		}
	}
}

func (g *gates) results(sum result.Summary) []result.Gate {
	var out []result.Gate
	if g.failOn != "" {
		limit := result.SeverityRank(g.failOn)
		n := 0
		var parts []string
		for _, sev := range result.Severities {
			if r := result.SeverityRank(sev); r <= limit && sum.Findings[sev] > 0 {
				n += sum.Findings[sev]
				parts = append(parts, fmt.Sprintf("%d %s", sum.Findings[sev], sev))
			}
		}
		gt := result.Gate{Gate: result.GateFailOn, Limit: g.failOn, Passed: n == 0}
		if n > 0 {
			gt.Failures = []result.GateFailure{{Message: fmt.Sprintf("%d unwaived finding(s) at or above %s (%s)", n, g.failOn, strings.Join(parts, ", "))}}
		}
		out = append(out, gt)
	}
	for i, l := range g.costLimits {
		out = append(out, result.Gate{Gate: result.GateMaxMonthlyCost, Limit: l.Text, Passed: len(g.costFail[i]) == 0, Failures: g.costFail[i], Warnings: g.costWarn[i]})
	}
	for i, inc := range g.increases {
		out = append(out, result.Gate{Gate: result.GateMaxCostIncrease, Limit: inc.Text, Passed: len(g.incFail[i]) == 0, Failures: g.incFail[i], Warnings: g.incWarn[i]})
	}
	return out
}

// sink is one output: a stream over stdout or over an atomicfile.File, which
// replaces its target only when the run completes (or streams into a pipe or
// device in place).
type sink struct {
	format  string
	target  string // "" for stdout
	file    *atomicfile.File
	buf     *bufio.Writer
	stream  render.Stream
	summary *os.File // $GITHUB_STEP_SUMMARY, opened for the github format
}

type sinkSet []*sink

func openSinks(io *streams, specs []outputSpec, opts render.StreamOptions) (sinkSet, error) {
	var set sinkSet
	for _, spec := range specs {
		sk := &sink{format: spec.format, target: spec.path}
		o := opts
		if spec.path == "" {
			sk.buf = bufio.NewWriterSize(io.out, 64<<10)
		} else {
			o.Color = false
			if err := sk.open(); err != nil {
				set.abort()
				return nil, err
			}
		}
		if spec.format == "github" {
			if p := os.Getenv("GITHUB_STEP_SUMMARY"); p != "" {
				fh, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
				if err != nil {
					set.abort()
					return nil, fmt.Errorf("GITHUB_STEP_SUMMARY: %w", err)
				}
				sk.summary = fh
				o.StepSummary = fh
			}
		}
		st, err := render.NewStream(spec.format, sk.buf, o)
		if err != nil {
			set.abort()
			return nil, usageError{err}
		}
		sk.stream = st
		set = append(set, sk)
	}
	return set, nil
}

// open starts the file output (see atomicfile.Create).
func (sk *sink) open() error {
	f, err := atomicfile.Create(sk.target, 0o644)
	if err != nil {
		return fmt.Errorf("-o %s=%s: %w", sk.format, sk.target, err)
	}
	sk.file = f
	sk.buf = bufio.NewWriterSize(f, 64<<10)
	return nil
}

func (sk *sink) wrap(err error) error {
	if err == nil {
		return nil
	}
	where := "stdout"
	if sk.target != "" {
		where = sk.target
	}
	return fmt.Errorf("write %s output to %s: %w", sk.format, where, err)
}

func (set sinkSet) begin(h *result.Result) error {
	for _, sk := range set {
		if err := sk.wrap(sk.stream.Begin(h)); err != nil {
			return err
		}
	}
	return nil
}

func (set sinkSet) file(f *result.File) error {
	for _, sk := range set {
		if err := sk.wrap(sk.stream.File(f)); err != nil {
			return err
		}
	}
	return nil
}

// flushStdout shows progress on the terminal as files complete.
func (set sinkSet) flushStdout() error {
	for _, sk := range set {
		if sk.target == "" {
			if err := sk.wrap(sk.buf.Flush()); err != nil {
				return err
			}
		}
	}
	return nil
}

func (set sinkSet) end(t *result.Result) error {
	for _, sk := range set {
		if err := sk.wrap(sk.stream.End(t)); err != nil {
			return err
		}
		if err := sk.wrap(sk.buf.Flush()); err != nil {
			return err
		}
	}
	return nil
}

// commit moves every file output into place (see atomicfile.Create).
func (set sinkSet) commit() error {
	for _, sk := range set {
		if sk.summary != nil {
			err := sk.summary.Close()
			sk.summary = nil
			if err != nil {
				return fmt.Errorf("GITHUB_STEP_SUMMARY: %w", err)
			}
		}
		if sk.file == nil {
			continue
		}
		f := sk.file
		sk.file = nil
		if err := f.Commit(); err != nil {
			return sk.wrap(err)
		}
	}
	return nil
}

// abort removes the temporary files of outputs not committed.
func (set sinkSet) abort() {
	for _, sk := range set {
		if sk.summary != nil {
			sk.summary.Close()
			sk.summary = nil
		}
		if sk.file != nil {
			sk.file.Abort()
			sk.file = nil
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// profileSources lists the embedded examples asked for, then the files under
// args, and the directory entries that were skipped (see advisor.Discover).
func profileSources(examples, args []string) ([]advisor.Source, []advisor.Skipped, error) {
	var sources []advisor.Source
	for _, name := range examples {
		src, ok := profile.Template(name)
		if !ok {
			return nil, nil, usageError{fmt.Errorf("unknown example %q (known: %s)", name, strings.Join(templateNames(), ", "))}
		}
		sources = append(sources, advisor.Source{Path: "example:" + name, Data: src})
	}
	found, skipped := advisor.Discover(args)
	return append(sources, found...), skipped, nil
}

// noteSkipped prints one line for the YAML files that directory walks passed
// over as not hybridadvisor profiles, with the first of them, and one line per
// other entry that was not read.
func noteSkipped(io *streams, skipped []advisor.Skipped) {
	var notProfiles []string
	for _, s := range skipped {
		if s.Reason == advisor.NotAProfile {
			notProfiles = append(notProfiles, s.Path)
			continue
		}
		fmt.Fprintf(io.err, "hybridadvisor: skipped %s: %s\n", render.Clean(s.Path), render.Clean(s.Reason))
	}
	switch n := len(notProfiles); n {
	case 0:
	case 1:
		fmt.Fprintf(io.err, "hybridadvisor: skipped 1 YAML file that is not a hybridadvisor profile (%s)\n", render.Clean(notProfiles[0]))
	default:
		fmt.Fprintf(io.err, "hybridadvisor: skipped %d YAML files that are not hybridadvisor profiles (first: %s)\n", n, render.Clean(notProfiles[0]))
	}
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
