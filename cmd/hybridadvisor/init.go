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

// InitOptions are the init command's flags and argument, as cobra parsed
// them; runInit does the rest.
type InitOptions struct {
	IO *streams
	// Path is the file to write ("workload.yaml" when not given; "-" is stdout).
	Path     string
	Template string
	Force    bool
	List     bool
}

// newInitCmd builds the init command; runF, when set, runs instead of runInit
// with the parsed options (tests check flag parsing with it).
func newInitCmd(io *streams, runF func(*InitOptions) error) *cobra.Command {
	opts := &InitOptions{IO: io}
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
			opts.Path = "workload.yaml"
			if len(args) == 1 {
				opts.Path = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return runInit(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Template, "template", "t", "starter", "template `NAME` (see --list)")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "overwrite FILE if it exists")
	cmd.Flags().BoolVar(&opts.List, "list", false, "list the templates")
	_ = cmd.RegisterFlagCompletionFunc("template", completeTemplates)
	return cmd
}

func runInit(o *InitOptions) error {
	io := o.IO
	if o.List {
		tw := tabwriter.NewWriter(io.out, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "TEMPLATE\tDESCRIPTION")
		for _, t := range profile.Templates() {
			fmt.Fprintf(tw, "%s\t%s\n", t.Name, t.Description)
		}
		return tw.Flush()
	}
	src, ok := profile.Template(o.Template)
	if !ok {
		return usageError{fmt.Errorf("unknown template %q (known: %v)", o.Template, templateNames())}
	}
	path := o.Path
	if path == "-" {
		_, err := io.out.Write(src)
		return err
	}
	if _, err := os.Stat(path); err == nil && !o.Force {
		return usageError{fmt.Errorf("%s already exists; use --force to overwrite it", path)}
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := atomicfile.WriteFile(path, src, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(io.err, "Wrote %s (template %s). Next: hybridadvisor score %s\n", path, o.Template, path)
	return nil
}
