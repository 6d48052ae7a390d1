package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/hybridadvisor/hybridadvisor/advisor/baseline"
	"github.com/hybridadvisor/hybridadvisor/advisor/render"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

const reformatLong = `Render a saved JSON result (-o json of 'hybridadvisor score') again in other
formats, without scoring anything: for example, score once and write SARIF for
code scanning, JUnit for the CI's test report and Markdown for a pull-request
comment from the same result. FILE "-" reads stdin. The file is read one
architecture at a time, so results of any size are reformatted in bounded memory.

Outputs: -o FORMAT writes to stdout, -o FORMAT=FILE writes a file (atomically);
repeat -o for several. Formats: %s.

JUnit marks a component failed at or above --fail-on, else at the --fail-on the
saved run was given, else high. reformat does not apply gates: it exits 0 when
it could write every output, 2 otherwise.`

// ReformatOptions are the reformat command's flags and argument, as cobra
// parsed them; runReformat does the rest.
type ReformatOptions struct {
	IO *streams
	// Path is the saved result to read; "-" reads stdin.
	Path    string
	Outputs []string
	FailOn  string
	Verbose bool
}

// newReformatCmd builds the reformat command; runF, when set, runs instead of
// runReformat with the parsed options (tests check flag parsing with it).
func newReformatCmd(io *streams, runF func(*ReformatOptions) error) *cobra.Command {
	opts := &ReformatOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "reformat FILE",
		Short: "Render a saved JSON result in other formats (sarif, junit, github, markdown, table)",
		Long:  fmt.Sprintf(reformatLong, strings.Join(render.FormatNames(), ", ")),
		Example: `  hybridadvisor score workloads/ -o json=result.json
  hybridadvisor reformat result.json -o sarif=results.sarif -o junit=junit.xml
  hybridadvisor reformat result.json -o markdown > comment.md`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Path = args[0]
			if runF != nil {
				return runF(opts)
			}
			return runReformat(opts)
		},
	}
	cmd.Flags().StringArrayVarP(&opts.Outputs, "output", "o", nil, "output `FORMAT` or FORMAT=FILE (repeatable; default table)")
	cmd.Flags().StringVar(&opts.FailOn, "fail-on", "", "junit: a component fails on an unwaived finding at or above this `SEVERITY`")
	cmd.Flags().BoolVarP(&opts.Verbose, "verbose", "v", false, "table output: every preference rule, exclusion reason and remediation")
	_ = cmd.RegisterFlagCompletionFunc("output", fixedCompletion(render.FormatNames()...))
	_ = cmd.RegisterFlagCompletionFunc("fail-on", fixedCompletion(result.Severities...))
	return cmd
}

func runReformat(o *ReformatOptions) error {
	io, path, failOn := o.IO, o.Path, o.FailOn
	specs, err := parseOutputs(o.Outputs)
	if err != nil {
		return err
	}
	if failOn != "" && result.SeverityRank(failOn) < 0 {
		return usageError{fmt.Errorf("--fail-on %q: want one of %s", failOn, strings.Join(result.Severities, ", "))}
	}
	if err := refuseNonResult(io, path); err != nil {
		return err
	}
	in := io.in
	name := "stdin"
	if path != "-" {
		fh, err := os.Open(path)
		if err != nil {
			return err
		}
		defer fh.Close()
		in, name = fh, path
	}
	if failOn == "" && path != "-" && wantsFormat(specs, "junit") {
		failOn = savedFailOn(in.(*os.File))
	}
	ropts := render.StreamOptions{Options: render.Options{Color: useColor(io), Verbose: o.Verbose, Width: tableWidth(io)}, FailOn: failOn}
	var sinks sinkSet
	defer func() { sinks.abort() }()
	open := func(h *result.Result) error {
		if sinks != nil {
			return nil
		}
		var err error
		sinks, err = openSinks(io, specs, ropts)
		if err != nil {
			return err
		}
		return sinks.begin(h)
	}
	err = baseline.Scan(in, baseline.Visitor{
		Head: open,
		File: func(f *result.File) error {
			if err := sinks.file(f); err != nil {
				return err
			}
			return sinks.flushStdout()
		},
		Tail: func(t *result.Result) error { return sinks.end(t) },
	})
	if err != nil {
		return fmt.Errorf("reformat %s: %w", name, err)
	}
	return sinks.commit()
}

func wantsFormat(specs []outputSpec, format string) bool {
	for _, s := range specs {
		if s.format == format {
			return true
		}
	}
	return false
}

// savedFailOn reads the --fail-on a saved run was given (its gates come last in
// the file, so this is a first pass) and rewinds the file. "" when none or unreadable.
func savedFailOn(fh *os.File) string {
	failOn := ""
	_ = baseline.Scan(fh, baseline.Visitor{Tail: func(t *result.Result) error {
		for _, g := range t.Gates {
			if g.Gate == result.GateFailOn {
				failOn = g.Limit
			}
		}
		return nil
	}})
	if _, err := fh.Seek(0, 0); err != nil {
		return ""
	}
	return failOn
}
