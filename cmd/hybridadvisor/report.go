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
	"github.com/hybridadvisor/hybridadvisor/pricing"
)

type reportFlags struct {
	commonFlags
	output   string
	template string
	title    string
	examples []string
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

func newReportCmd(io *streams) *cobra.Command {
	f := &reportFlags{}
	var printTemplate bool
	cmd := &cobra.Command{
		Use:   "report FILE...",
		Short: "Write a Markdown recommendation report for a pull request or design review",
		Long:  reportLong,
		Example: `  hybridadvisor report --example shop
  hybridadvisor report app.yaml -o docs/placement.md
  hybridadvisor report app.yaml --cloud aws --free-tier=false --title "Checkout placement"
  hybridadvisor report app.yaml --template team-report.md.tmpl -o report.md`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if printTemplate {
				_, err := io.out.Write([]byte(report.DefaultTemplate()))
				return err
			}
			return runReport(cmd, io, f, args)
		},
	}
	f.register(cmd)
	fl := cmd.Flags()
	fl.StringVarP(&f.output, "output", "o", "", "write the report to `FILE` (atomically) instead of stdout")
	fl.StringVar(&f.template, "template", "", "render with your own text/template `FILE` (see docs/report.md)")
	fl.StringVar(&f.title, "title", "", "the report's title (default: from the architectures' names)")
	fl.StringArrayVar(&f.examples, "example", nil, "report on an embedded example `NAME` (see 'hybridadvisor init --list')")
	fl.BoolVar(&printTemplate, "print-template", false, "print the built-in template (a starting point for --template) and exit")
	_ = cmd.RegisterFlagCompletionFunc("example", completeTemplates)
	_ = cmd.RegisterFlagCompletionFunc("cloud", fixedCompletion(pricing.Clouds...))
	_ = cmd.MarkFlagFilename("template")
	_ = cmd.MarkFlagFilename("output", "md", "markdown")
	return cmd
}

// maxTemplateSize bounds --template: a report template is a few KB.
const maxTemplateSize = 1 << 20

func runReport(cmd *cobra.Command, io *streams, f *reportFlags, args []string) error {
	if len(args) == 0 && len(f.examples) == 0 {
		return usageError{fmt.Errorf("nothing to report on: give a profile file or directory, or --example NAME")}
	}
	if err := refuseFormatAsFile(f.output); err != nil {
		return err
	}
	if err := f.resolve(cmd, io); err != nil {
		return err
	}
	opts := report.Options{Title: f.title, Command: commandLine(cmd, args, f.cfg), Settings: reportSettings(f.set)}
	if f.template != "" {
		text, err := readTemplate(f.template)
		if err != nil {
			return usageError{err}
		}
		if err := report.Parse(f.template, text); err != nil {
			return usageError{err}
		}
		opts.Template, opts.TemplateName = text, f.template
	}
	sources, skipped, err := profileSources(f.examples, args)
	if err != nil {
		return err
	}
	noteSkipped(io, skipped)
	noteImported(io, sources)
	if f.output != "" {
		if err := checkOutputFiles([]outputFile{{"-o " + f.output, f.output}}, sources,
			outputFile{"the template", f.template}, outputFile{"the price overrides", f.pricingFile}, outputFile{"the config file", configPath(f.cfg)}); err != nil {
			return err
		}
	}

	// The shared flags build the advisor; the report also needs the cost curves.
	base, err := f.newAdvisor(cmd, io)
	if err != nil {
		return err
	}
	aopts := advisor.Options{Clouds: base.Clouds(), Curves: true, FreeTier: f.set.FreeTier}
	if len(aopts.Clouds) == 1 {
		aopts.Cloud = aopts.Clouds[0]
	}
	a, err := advisor.New(base.Engine(), base.Book(), aopts)
	if err != nil {
		return usageError{err}
	}
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	in := report.ScoreBatch(ctx, a, sources, f.batchOptions())
	in.Result.Settings.Sources = f.set.Sources
	for i := range in.Result.Files {
		warnPlaceholders(io, &in.Result.Files[i])
	}
	opts.Book = a.Book()
	opts.Rules = a.Engine().Rules()

	var buf bytes.Buffer
	if err := report.Render(&buf, in, opts); err != nil {
		return usageError{err}
	}
	if f.output == "" {
		if _, err := io.out.Write(buf.Bytes()); err != nil {
			return err
		}
	} else if err := atomicfile.WriteFile(f.output, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	// Like score: inputs that could not be read make the exit code 2, after the
	// report (which lists them) was written.
	if n := in.Result.Summary.Errors; n > 0 {
		for _, file := range in.Result.Files {
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

// commandLine reconstructs the command for the report's "regenerate with" line:
// the flags that were set and the arguments, shell-quoted. Paths are shown
// relative to the working directory (the base name when outside it), so the
// line holds no absolute path of this machine; a flag that only repeats the
// config file's value is left out (the config is read again).
func commandLine(cmd *cobra.Command, args []string, cfg *config.Config) string {
	return commandLineAs(cmd.CommandPath(), cmd.Flags(), args, cfg)
}

// commandLineAs is commandLine for the command named path (the TUI's export
// writes a report command from the TUI's flags).
func commandLineAs(path string, flags *pflag.FlagSet, args []string, cfg *config.Config, skip ...string) string {
	parts := []string{path}
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
