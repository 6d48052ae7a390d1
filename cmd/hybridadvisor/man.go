package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// newManCmd is the hidden 'man DIR': a man page (section 1) per command,
// generated from the commands' help, for packagers.
func newManCmd(io *streams) *cobra.Command {
	return &cobra.Command{
		Use:    "man DIR",
		Short:  "Write the man pages (section 1) to DIR",
		Hidden: true,
		Args:   cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := args[0]
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			root := cmd.Root()
			root.DisableAutoGenTag = true
			v, _ := readVersionInfo()
			header := &doc.GenManHeader{Title: "HYBRIDADVISOR", Section: "1", Source: "hybridadvisor " + v.Version, Manual: "hybridadvisor manual"}
			// The commit's date, so the same source gives the same pages;
			// else cobra's default (SOURCE_DATE_EPOCH, or now).
			if t, err := time.Parse(time.RFC3339, v.Date); err == nil {
				header.Date = &t
			}
			if err := doc.GenManTree(root, header, dir); err != nil {
				return err
			}
			pages, _ := filepath.Glob(filepath.Join(dir, "*.1"))
			fmt.Fprintf(io.err, "wrote %d man pages to %s\n", len(pages), dir)
			return nil
		},
	}
}
