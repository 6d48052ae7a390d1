package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

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

// TUIOptions are the tui command's flags and arguments, as cobra parsed them;
// runTUI does the rest.
type TUIOptions struct {
	IO  *streams
	Ctx context.Context
	EvalOptions

	// Paths are the files and directories to open.
	Paths    []string
	Examples []string
	// Flags are the command's flags, for the exported report's "Regenerate
	// with" line.
	Flags *pflag.FlagSet
}

// newTUICmd builds the tui command; runF, when set, runs instead of runTUI
// with the parsed options (tests check flag parsing with it).
func newTUICmd(io *streams, runF func(*TUIOptions) error) *cobra.Command {
	opts := &TUIOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "tui [PATH...]",
		Short: "Explore and tweak architectures in an interactive terminal UI",
		Long:  tuiLong,
		Example: `  hybridadvisor tui shop.yaml
  hybridadvisor tui workloads/ --cloud aws
  hybridadvisor tui --example iot --free-tier=false`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths, opts.Ctx, opts.Flags = args, cmd.Context(), cmd.Flags()
			if runF != nil {
				return runF(opts)
			}
			return runTUI(opts)
		},
	}
	opts.register(cmd)
	cmd.Flags().StringArrayVar(&opts.Examples, "example", nil, "open an embedded example `NAME` read-only (see 'hybridadvisor init --list')")
	_ = cmd.RegisterFlagCompletionFunc("example", completeTemplates)
	return cmd
}

// openDefaultTUI runs when hybridadvisor is started with no arguments on a
// terminal: the TUI on the embedded shop example.
func openDefaultTUI(cmd *cobra.Command, io *streams) error {
	opts := &TUIOptions{IO: io, Ctx: cmd.Context()}
	c := &cobra.Command{Use: "hybridadvisor"}
	opts.register(c) // the shared flags at their defaults
	opts.Flags = c.Flags()
	return runTUI(opts)
}

func runTUI(o *TUIOptions) error {
	io := o.IO
	if !io.outTTY || !io.inTTY {
		return usageError{errors.New("the TUI needs a terminal; use 'hybridadvisor score' in scripts and CI")}
	}
	if o.Debug {
		return usageError{errors.New("--debug is not available in the TUI: the policies' print() output would garble the screen; use 'hybridadvisor score --debug'")}
	}
	ctx := o.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	svc, cfg, sources, err := prepareTUI(ctx, o)
	if err != nil {
		return err
	}
	tuneGCForTUI()
	return tui.Run(ctx, svc, cfg, sources, io.in, io.out)
}

// prepareTUI resolves the settings (as score and report do), builds the
// service and lists the sources the TUI opens.
func prepareTUI(ctx context.Context, o *TUIOptions) (*advisor.Service, tui.Config, []tui.Source, error) {
	if err := o.resolve(o.IO); err != nil {
		return nil, tui.Config{}, nil, err
	}
	var sources []tui.Source
	examples := o.Examples
	if len(o.Paths) == 0 && len(examples) == 0 {
		examples = []string{"shop"}
	}
	found, skipped, err := profileSources(examples, o.Paths)
	if err != nil {
		return nil, tui.Config{}, nil, err
	}
	noteImported(o.IO, found)
	for _, s := range found {
		// Embedded examples open read-only: saving asks for a path.
		sources = append(sources, tui.Source{Path: s.Path, Data: s.Data, Err: s.Err, ReadOnly: s.Data != nil})
	}
	for _, s := range skipped {
		// Listed with the reason, as the TUI shows files it cannot read.
		sources = append(sources, tui.Source{Path: s.Path, Err: fmt.Errorf("skipped: %s", s.Reason)})
	}
	svc, err := o.newService(ctx, o.IO)
	if err != nil {
		return nil, tui.Config{}, nil, err
	}
	// The export's "Regenerate with" line: the report command with this run's
	// flags (not --example: the exported file names itself).
	cfg := tui.Config{ReportCommand: commandLineAs("hybridadvisor report", o.Flags, nil, o.cfg, "example")}
	return svc, cfg, sources, nil
}
