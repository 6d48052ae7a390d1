package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/hybridadvisor/hybridadvisor/advisor"

	"github.com/hybridadvisor/hybridadvisor/tui"
)

const tuiLong = `Open profiles in an interactive terminal UI: the components of each
architecture on the left; for the selected one the recommendation with its
rules, every platform on every cloud with its monthly cost and cost lines, the
findings, the cost curve with the break-even point, and the architecture's
placements and totals.

What-if: press e to change a component's traffic, duration, memory,
concurrency, pattern, CPU architecture, trigger or state; c and f switch the
primary cloud and the free tier. Everything is re-evaluated as you type. s saves
the edits back to the YAML file (comments and layout kept), x exports the
Markdown report, ? lists every key.

PATH may be a file or a directory (searched recursively for *.yaml and *.yml).
A file that does not parse opens with its errors shown at their lines. With no
PATH, or with --example, an embedded example opens read-only (saving asks for a
new path).`

type tuiFlags struct {
	commonFlags
	examples []string
}

func newTUICmd(io *streams) *cobra.Command {
	f := &tuiFlags{}
	cmd := &cobra.Command{
		Use:   "tui [PATH...]",
		Short: "Explore and tweak architectures in an interactive terminal UI",
		Long:  tuiLong,
		Example: `  hybridadvisor tui shop.yaml
  hybridadvisor tui workloads/ --cloud aws
  hybridadvisor tui --example iot --free-tier=false`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTUI(cmd, io, f, args)
		},
	}
	f.register(cmd)
	cmd.Flags().StringArrayVar(&f.examples, "example", nil, "open an embedded example `NAME` read-only (see 'hybridadvisor init --list')")
	_ = cmd.RegisterFlagCompletionFunc("example", completeTemplates)
	return cmd
}

// openDefaultTUI runs when hybridadvisor is started with no arguments on a
// terminal: the TUI on the embedded shop example.
func openDefaultTUI(cmd *cobra.Command, io *streams) error {
	f := &tuiFlags{}
	c := &cobra.Command{Use: "hybridadvisor"}
	f.register(c) // the shared flags at their defaults
	c.SetContext(cmd.Context())
	return runTUI(c, io, f, nil)
}

func runTUI(cmd *cobra.Command, io *streams, f *tuiFlags, args []string) error {
	if !io.outTTY || !io.inTTY {
		return usageError{errors.New("the TUI needs a terminal; use 'hybridadvisor score' in scripts and CI")}
	}
	if f.debug {
		return usageError{errors.New("--debug is not available in the TUI: the policies' print() output would garble the screen; use 'hybridadvisor score --debug'")}
	}
	cfg, sources, err := prepareTUI(cmd, io, f, args)
	if err != nil {
		return err
	}
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	return tui.Run(ctx, cfg, sources, io.in, io.out)
}

// prepareTUI resolves the settings (as score and report do) and lists the
// sources the TUI opens.
func prepareTUI(cmd *cobra.Command, io *streams, f *tuiFlags, args []string) (tui.Config, []tui.Source, error) {
	if err := f.resolve(cmd, io); err != nil {
		return tui.Config{}, nil, err
	}
	var sources []tui.Source
	examples := f.examples
	if len(args) == 0 && len(examples) == 0 {
		examples = []string{"shop"}
	}
	found, skipped, err := profileSources(examples, args)
	if err != nil {
		return tui.Config{}, nil, err
	}
	noteImported(io, found)
	for _, s := range found {
		// Embedded examples open read-only: saving asks for a path.
		sources = append(sources, tui.Source{Path: s.Path, Data: s.Data, Err: s.Err, ReadOnly: s.Data != nil})
	}
	for _, s := range skipped {
		// Listed with the reason, as the TUI shows files it cannot read.
		sources = append(sources, tui.Source{Path: s.Path, Err: fmt.Errorf("skipped: %s", s.Reason)})
	}
	a, err := f.newAdvisor(cmd, io)
	if err != nil {
		return tui.Config{}, nil, err
	}
	return newTUIConfig(&f.commonFlags, a, cmd), sources, nil
}

// newTUIConfig is what the TUI evaluates with: the advisor's engine, prices and
// clouds, and the settings resolved as score and report resolve them.
func newTUIConfig(f *commonFlags, a *advisor.Advisor, cmd *cobra.Command) tui.Config {
	cfg := tui.Config{Engine: a.Engine(), Book: a.Book(), Clouds: a.Clouds(), FreeTier: f.set.FreeTier,
		Defaults: f.batchOptions(), Settings: f.set}
	if cl := a.Clouds(); len(cl) == 1 {
		cfg.Cloud = cl[0]
	}
	// The export's "Regenerate with" line: the report command with this run's
	// flags (not --example: the exported file names itself).
	cfg.ReportCommand = commandLineAs("hybridadvisor report", cmd.Flags(), nil, f.cfg, "example")
	return cfg
}
