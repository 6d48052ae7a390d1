package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/hybridadvisor/hybridadvisor/advisor/atomicfile"
	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
)

func newInitCmd(io *streams) *cobra.Command {
	var (
		template string
		force    bool
		list     bool
	)
	cmd := &cobra.Command{
		Use:   "init [FILE]",
		Short: "Write a commented starter profile (or an example architecture) to FILE",
		Long: `Write a commented workload profile to FILE (default workload.yaml), or to
stdout when FILE is "-". The default template documents every field of the
format; the others are complete example architectures. An existing file is
never overwritten unless --force is given.`,
		Example: `  hybridadvisor init my-app.yaml
  hybridadvisor init --template shop shop.yaml
  hybridadvisor init --list`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if list {
				tw := tabwriter.NewWriter(io.out, 0, 0, 2, ' ', 0)
				fmt.Fprintln(tw, "TEMPLATE\tDESCRIPTION")
				for _, t := range profile.Templates() {
					fmt.Fprintf(tw, "%s\t%s\n", t.Name, t.Description)
				}
				return tw.Flush()
			}
			src, ok := profile.Template(template)
			if !ok {
				return usageError{fmt.Errorf("unknown template %q (known: %v)", template, templateNames())}
			}
			path := "workload.yaml"
			if len(args) == 1 {
				path = args[0]
			}
			if path == "-" {
				_, err := io.out.Write(src)
				return err
			}
			if _, err := os.Stat(path); err == nil && !force {
				return usageError{fmt.Errorf("%s already exists; use --force to overwrite it", path)}
			} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
			if err := atomicfile.WriteFile(path, src, 0o644); err != nil {
				return err
			}
			fmt.Fprintf(io.err, "Wrote %s (template %s). Next: hybridadvisor score %s\n", path, template, path)
			return nil
		},
	}
	cmd.Flags().StringVarP(&template, "template", "t", "starter", "template `NAME` (see --list)")
	cmd.Flags().BoolVar(&force, "force", false, "overwrite FILE if it exists")
	cmd.Flags().BoolVar(&list, "list", false, "list the templates")
	_ = cmd.RegisterFlagCompletionFunc("template", completeTemplates)
	return cmd
}
