package main

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/hybridadvisor/hybridadvisor/advisor"
	"github.com/hybridadvisor/hybridadvisor/advisor/atomicfile"
	"github.com/hybridadvisor/hybridadvisor/advisor/config"
	"github.com/hybridadvisor/hybridadvisor/advisor/render"
	"github.com/hybridadvisor/hybridadvisor/advisor/report"
	"github.com/hybridadvisor/hybridadvisor/advisor/safeio"
	"github.com/hybridadvisor/hybridadvisor/advisor/settings"
)

// ReportOptions are the report command's flags and arguments, as cobra
// parsed them; runReport does the rest.
type ReportOptions struct {
	IO  *streams
	Ctx context.Context
	EvalOptions

	// Paths are the files and directories to report on.
	Paths         []string
	Output        string
	Template      string
	Title         string
	Examples      []string
	PrintTemplate bool
	// Command is the command's path and Flags its flags, for the report's
	// "Regenerate with" line.
	Command string
	Flags   *pflag.FlagSet
}

const reportLong = `Write a Markdown recommendation report: the document to put in a pull request
or a design review. For each architecture: the verdict (functions, containers or
hybrid) and why; a table of the components with the recommended model and
platform on every cloud; the monthly totals against everything as functions and
everything as containers; a Mermaid diagram of the components and their calls;
then per component the rules that decided it, every option with the limits that
exclude it, the cost lines of the recommendation, the break-even traffic with a
cost chart, and the security findings (waived ones with their reason and
expiry); finally the assumptions and the sources and dates of prices and limits.

It renders on GitHub and GitLab (tables, Mermaid, <details>). Everything taken
from the profiles is escaped. Without -o the report goes to stdout; with -o it
replaces the file atomically.

--template FILE renders your own Go text/template instead of the built-in one;
the data and functions it receives are documented in docs/report.md
('hybridadvisor report --print-template' prints the built-in one to start from).

A file that cannot be read is listed in the report, the others are still
reported, and the exit code is 2.`

// newReportCmd builds the report command; runF, when set, runs instead of
// runReport with the parsed options (tests check flag parsing with it).
func newReportCmd(io *streams, runF func(*ReportOptions) error) *cobra.Command {
	opts := &ReportOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "report FILE...",
		Short: "Write a Markdown recommendation report for a pull request or design review",
		Long:  reportLong,
		Example: `  hybridadvisor report --example shop
  hybridadvisor report app.yaml -o docs/placement.md
  hybridadvisor report app.yaml --cloud aws --free-tier=false --title "Checkout placement"
  hybridadvisor report app.yaml --template team-report.md.tmpl -o report.md`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths, opts.Ctx, opts.Command, opts.Flags = args, cmd.Context(), cmd.CommandPath(), cmd.Flags()
			if runF != nil {
				return runF(opts)
			}
			return runReport(opts)
		},
	}
	opts.register(cmd)
	fl := cmd.Flags()
	fl.StringVarP(&opts.Output, "output", "o", "", "write the report to `FILE` (atomically) instead of stdout")
	fl.StringVar(&opts.Template, "template", "", "render with your own text/template `FILE` (see docs/report.md)")
	fl.StringVar(&opts.Title, "title", "", "the report's title (default: from the architectures' names)")
	fl.StringArrayVar(&opts.Examples, "example", nil, "report on an embedded example `NAME` (see 'hybridadvisor init --list')")
	fl.BoolVar(&opts.PrintTemplate, "print-template", false, "print the built-in template (a starting point for --template) and exit")
	_ = cmd.RegisterFlagCompletionFunc("example", completeTemplates)
	_ = cmd.RegisterFlagCompletionFunc("cloud", fixedCompletion(settings.Clouds...))
	_ = cmd.MarkFlagFilename("template")
	_ = cmd.MarkFlagFilename("output", "md", "markdown")
	return cmd
}

// maxTemplateSize bounds --template: a report template is a few KB.
const maxTemplateSize = 1 << 20

func runReport(o *ReportOptions) error {
	io := o.IO
	if o.PrintTemplate {
		_, err := io.out.Write([]byte(report.DefaultTemplate()))
		return err
	}
	if len(o.Paths) == 0 && len(o.Examples) == 0 {
		return usageError{fmt.Errorf("nothing to report on: give a profile file or directory, or --example NAME")}
	}
	if err := refuseFormatAsFile(o.Output); err != nil {
		return err
	}
	if err := o.resolve(io); err != nil {
		return err
	}
	opts := report.Options{Title: o.Title, Command: commandLineAs(o.Command, o.Flags, o.Paths, o.cfg), Settings: reportSettings(o.set)}
	if o.Template != "" {
		text, err := readTemplate(o.Template)
		if err != nil {
			return usageError{err}
		}
		if err := report.Parse(o.Template, text); err != nil {
			return usageError{err}
		}
		opts.Template, opts.TemplateName = text, o.Template
	}
	sources, skipped, err := profileSources(o.Examples, o.Paths)
	if err != nil {
		return err
	}
	noteSkipped(io, skipped)
	noteImported(io, sources)
	if o.Output != "" {
		if err := checkOutputFiles([]outputFile{{"-o " + o.Output, o.Output}}, sources,
			outputFile{"the template", o.Template}, outputFile{"the price overrides", o.set.Pricing}, outputFile{"the config file", configPath(o.cfg)}); err != nil {
			return err
		}
	}

	ctx := o.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	svc, err := o.newService(ctx, io)
	if err != nil {
		return err
	}
	// The report draws the cost curves.
	a, err := svc.Advisor(advisor.Options{Curves: true})
	if err != nil {
		return usageError{err}
	}
	res := a.ScoreBatch(ctx, sources, svc.Batch())
	a.AddCatalog(res)
	res.Settings.Sources = o.set.Sources
	for i := range res.Files {
		warnPlaceholders(io, &res.Files[i])
	}

	var buf bytes.Buffer
	if err := report.Render(&buf, res, opts); err != nil {
		return usageError{err}
	}
	if o.Output == "" {
		if _, err := io.out.Write(buf.Bytes()); err != nil {
			return err
		}
	} else if err := atomicfile.WriteFile(o.Output, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	// Like score: inputs that could not be read make the exit code 2, after the
	// report (which lists them) was written.
	if n := res.Summary.Errors; n > 0 {
		for _, file := range res.Files {
			if file.Error != nil {
				fmt.Fprintf(io.err, "hybridadvisor: %s: %s\n", render.Clean(file.Path), render.Clean(file.Error.Message))
			}
		}
		fmt.Fprintf(io.err, "hybridadvisor: %d file(s) or document(s) could not be read; the report lists them (exit 2)\n", n)
		return exitErr{exitError}
	}
	return nil
}

func readTemplate(path string) (string, error) {
	b, err := safeio.ReadRegular(path, maxTemplateSize)
	if err != nil {
		return "", fmt.Errorf("--template: %w", err)
	}
	return string(b), nil
}

// commandLineAs reconstructs the command named path for the report's
// "regenerate with" line: the flags that were set and the arguments,
// shell-quoted. Paths are shown relative to the working directory (the base
// name when outside it), so the line holds no absolute path of this machine; a
// flag that only repeats the config file's value is left out (the config is
// read again). The TUI's export writes a report command from the TUI's flags.
func commandLineAs(path string, flags *pflag.FlagSet, args []string, cfg *config.Config, skip ...string) string {
	parts := []string{path}
	if flags == nil {
		flags = pflag.NewFlagSet(path, pflag.ContinueOnError) // options built without cobra: no flags given
	}
	pathFlags := map[string]bool{"pricing": true, "policy": true, "template": true, "output": true, "config": true}
	flags.Visit(func(fl *pflag.Flag) {
		if fl.Name == "debug" || fl.Name == "jobs" || fl.Name == "print-template" || slices.Contains(skip, fl.Name) {
			return
		}
		if cfg != nil && repeatsConfig(fl, cfg) {
			return
		}
		show := func(v string) string {
			if pathFlags[fl.Name] {
				return showPath(v)
			}
			return v
		}
		if sv, ok := fl.Value.(pflag.SliceValue); ok {
			for _, v := range sv.GetSlice() {
				parts = append(parts, "--"+fl.Name, shellQuote(show(v)))
			}
			return
		}
		if fl.Value.Type() == "bool" {
			parts = append(parts, "--"+fl.Name+"="+fl.Value.String())
			return
		}
		parts = append(parts, "--"+fl.Name, shellQuote(show(fl.Value.String())))
	})
	for _, a := range args {
		parts = append(parts, shellQuote(showPath(a)))
	}
	return strings.Join(parts, " ")
}

// repeatsConfig reports whether flag fl gives the value the config file gives.
func repeatsConfig(fl *pflag.Flag, cfg *config.Config) bool {
	sameFile := func(a, b string) bool {
		x, err1 := filepath.Abs(a)
		y, err2 := filepath.Abs(b)
		return err1 == nil && err2 == nil && x == y
	}
	var got []string
	if sv, ok := fl.Value.(pflag.SliceValue); ok {
		got = sv.GetSlice()
	}
	switch fl.Name {
	case "cloud":
		return len(cfg.Clouds) > 0 && slices.Equal(got, cfg.Clouds)
	case "pricing":
		return cfg.Pricing != "" && sameFile(fl.Value.String(), cfg.Pricing)
	case "policy":
		if len(got) == 0 || len(got) != len(cfg.Policy) {
			return false
		}
		for i := range got {
			if !sameFile(got[i], cfg.Policy[i]) {
				return false
			}
		}
		return true
	}
	return false
}

// configPath is the config file's path, "" when none is used.
func configPath(cfg *config.Config) string {
	if cfg == nil {
		return ""
	}
	return cfg.Path
}

// reportSettings are the settings the report shows (settings.Rows).
func reportSettings(s settings.Settings) []report.Setting {
	var out []report.Setting
	for _, r := range s.Rows(showPath) {
		out = append(out, report.Setting(r))
	}
	return out
}

func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-_./:=@,+", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
