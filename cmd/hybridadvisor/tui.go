package main

import (
	"context"
	"errors"

	"github.com/spf13/cobra"

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
	var sources []tui.Source
	examples := f.examples
	if len(args) == 0 && len(examples) == 0 {
		examples = []string{"shop"}
	}
	found, _, err := profileSources(examples, args) // the skipped YAML is not shown
	if err != nil {
		return err
	}
	for _, s := range found {
		// Embedded examples open read-only: saving asks for a path.
		sources = append(sources, tui.Source{Path: s.Path, Data: s.Data, Err: s.Err, ReadOnly: s.Data != nil})
	}
	a, err := f.newAdvisor(cmd, io)
	if err != nil {
		return err
	}
	cfg := tui.Config{Engine: a.Engine(), Book: a.Book(), Clouds: a.Clouds()}
	if cl := a.Clouds(); len(cl) == 1 {
		cfg.Cloud = cl[0]
	}
	if cmd.Flags().Changed("free-tier") {
		ft := f.freeTier
		cfg.FreeTier = &ft
	}
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	return tui.Run(ctx, cfg, sources, io.in, io.out)
}
