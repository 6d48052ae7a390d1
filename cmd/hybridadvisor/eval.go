package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/hybridadvisor/hybridadvisor/advisor"
	"github.com/hybridadvisor/hybridadvisor/advisor/config"
	"github.com/hybridadvisor/hybridadvisor/advisor/engine"
	"github.com/hybridadvisor/hybridadvisor/advisor/render"
	"github.com/hybridadvisor/hybridadvisor/advisor/safeio"
	"github.com/hybridadvisor/hybridadvisor/advisor/settings"
	"github.com/hybridadvisor/hybridadvisor/pricing"
)

// EvalOptions are the flags shared by the commands that evaluate profiles
// (score, report, tui), and what resolving them found.
type EvalOptions struct {
	Clouds      []string
	FreeTier    bool
	PolicyDirs  []string
	PricingFile string
	Debug       bool
	Jobs        int
	ConfigFile  string
	NoConfig    bool
	// Changed reports whether a flag was given on the command line (a flag
	// given replaces the config file's value; one not given does not).
	Changed func(name string) bool

	// set are the resolved settings with their sources (see resolve).
	set settings.Settings
	// cfg is the config file used (nil when none).
	cfg *config.Config
	// pricingFrom names where the price overrides came from in messages
	// ("" for --pricing).
	pricingFrom string
}

// maxOverridesSize caps a --pricing file: real ones are a few KB.
const maxOverridesSize = 4 << 20

func (o *EvalOptions) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringSliceVar(&o.Clouds, "cloud", nil, "evaluate only these clouds (aws, azure, gcp; repeat or comma-separate); with one cloud it is also the primary")
	fl.BoolVar(&o.FreeTier, "free-tier", true, "apply the clouds' free tiers (overrides each profile's assumptions.free_tier when given)")
	fl.StringArrayVar(&o.PolicyDirs, "policy", nil, "add your own Rego rules from `DIR` (package hybridadvisor.custom.<name>; repeatable)")
	fl.StringVar(&o.PricingFile, "pricing", "", "apply price overrides from `FILE` (negotiated discounts, custom unit prices)")
	fl.BoolVar(&o.Debug, "debug", false, "print policies' print() output to stderr")
	fl.IntVar(&o.Jobs, "jobs", 0, "files scored in parallel (default: the number of CPUs)")
	fl.StringVar(&o.ConfigFile, "config", "", "read defaults from `FILE` instead of the .hybridadvisor.yaml found from the working directory up")
	fl.BoolVar(&o.NoConfig, "no-config", false, "ignore .hybridadvisor.yaml")
	o.Changed = fl.Changed
}

// changed is Changed, false for every flag when the options were built by hand.
func (o *EvalOptions) changed(name string) bool { return o.Changed != nil && o.Changed(name) }

// resolve reads the config file (unless told not to) and resolves the run's
// settings once: flags > profile > config > defaults (package settings). The
// settings are kept next to the flags' values, which stay as given.
func (o *EvalOptions) resolve(io *streams) error {
	cfg, err := loadConfig(io, o.NoConfig, o.ConfigFile)
	if err != nil {
		return err
	}
	var fl settings.Flags
	if o.changed("cloud") {
		fl.Clouds = o.Clouds
	}
	if o.changed("free-tier") {
		v := o.FreeTier
		fl.FreeTier = &v
	}
	if o.changed("pricing") {
		fl.Pricing = o.PricingFile
	}
	if o.changed("policy") {
		fl.Policy = o.PolicyDirs
	}
	if o.changed("jobs") {
		fl.Jobs = o.Jobs
	}
	shown := ""
	if cfg != nil {
		shown = showPath(cfg.Path)
	}
	o.cfg, o.set = cfg, settings.Resolve(fl, cfg, shown)
	if o.set.PricingFromConfig {
		o.pricingFrom = cfg.At("pricing", "pricing").Error()
	}
	return nil
}

// newService compiles the policies and loads the prices once for the whole
// run, with the resolved settings (resolve first).
func (o *EvalOptions) newService(ctx context.Context, io *streams) (*advisor.Service, error) {
	opts := engine.Options{PolicyDirs: o.set.Policy}
	if o.Debug {
		opts.Print = io.err
	}
	eng, err := engine.New(ctx, opts)
	if err != nil {
		return nil, err
	}
	book, err := o.loadBook()
	if err != nil {
		return nil, err
	}
	svc, err := advisor.NewService(eng, book, o.set)
	if err != nil {
		return nil, usageError{err}
	}
	return svc, nil
}

// loadBook is the bundled price book with the price overrides applied.
func (o *EvalOptions) loadBook() (*pricing.Book, error) {
	book, err := pricing.Load()
	if err != nil {
		return nil, err
	}
	file := o.set.Pricing
	if file == "" {
		return book, nil
	}
	from := o.pricingFrom
	if from == "" {
		from = "--pricing"
	}
	src, err := safeio.ReadRegular(file, maxOverridesSize)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", from, err)
	}
	ov, err := config.ParseOverrides(file, src)
	if err != nil {
		return nil, err
	}
	if ov.Label == "" {
		// The price table version names the file: as shown, never an
		// absolute path of this machine.
		ov.Label = showPath(file)
	}
	if book, err = book.WithOverrides(ov); err != nil {
		return nil, fmt.Errorf("--pricing %s: %w", file, err)
	}
	return book, nil
}

// loadConfig finds and reads the config file unless told not to (noConfig),
// or reads the one named (file), and says on stderr which one it uses (or
// ignores).
func loadConfig(io *streams, noConfig bool, file string) (*config.Config, error) {
	if noConfig {
		return nil, nil
	}
	config.FormatKnown = render.HasFormat
	path := file
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
