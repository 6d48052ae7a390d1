package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// newReportCmd is replaced by the report implementation.
func newReportCmd(io *streams) *cobra.Command {
	return &cobra.Command{
		Use:    "report FILE...",
		Short:  "Write a Markdown recommendation report",
		Hidden: true,
		RunE: func(*cobra.Command, []string) error {
			return errors.New("report: not implemented yet")
		},
	}
}
