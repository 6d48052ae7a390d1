package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// newTUICmd is replaced by the TUI implementation.
func newTUICmd(io *streams) *cobra.Command {
	return &cobra.Command{
		Use:    "tui [PATH...]",
		Short:  "Explore and tweak architectures in an interactive terminal UI",
		Hidden: true,
		RunE: func(*cobra.Command, []string) error {
			return errors.New("tui: not implemented yet")
		},
	}
}

// openDefaultTUI runs when hybridadvisor is started with no arguments on a
// terminal; until the TUI exists it shows help.
func openDefaultTUI(cmd *cobra.Command, io *streams) error {
	return cmd.Help()
}
