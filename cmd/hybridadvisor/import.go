package main

import (
	"errors"
	"fmt"
	stdio "io"

	"github.com/spf13/cobra"

	"github.com/hybridadvisor/hybridadvisor/advisor"
	"github.com/hybridadvisor/hybridadvisor/advisor/atomicfile"
	"github.com/hybridadvisor/hybridadvisor/advisor/importer"
	"github.com/hybridadvisor/hybridadvisor/advisor/render"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
	"github.com/hybridadvisor/hybridadvisor/advisor/safetext"
)

const importLong = `Write a draft workload profile from the infrastructure files you already
keep: Serverless Framework (serverless.yml), AWS SAM and CloudFormation
templates, Docker Compose files (with their override files), Kubernetes
manifests (plain or rendered by Helm) and Terraform modules.

PATH may be a file or a directory (searched recursively; hidden directories,
.git, node_modules and .terraform are left out). Each file's format is told by
its content. The draft says on every value which file and line it comes from.
What the sources cannot say (traffic above all) is written as a placeholder
marked "# TODO: not in the sources": replace those with measured values
(docs/import.md lists them). score, report and tui warn while one is left, and
also accept these files directly, importing them on the fly.

A file no format accepts is skipped with a note; a malformed one is reported
at its file:line:col and the others are still imported (exit 2).`

type importFlags struct {
	output string
	name   string
}

func newImportCmd(io *streams) *cobra.Command {
	f := &importFlags{}
	cmd := &cobra.Command{
		Use:   "import PATH...",
		Short: "Write a draft profile from Serverless, SAM/CloudFormation, Compose, Kubernetes or Terraform files",
		Long:  importLong,
		Example: `  hybridadvisor import docker-compose.yml
  hybridadvisor import k8s/ -o profile.yaml --name shop
  hybridadvisor import serverless.yml infra/ -o profile.yaml && hybridadvisor score profile.yaml`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{errors.New("nothing to import: give one or more files or directories")}
			}
			return runImport(io, f, args)
		},
	}
	cmd.Flags().StringVarP(&f.output, "output", "o", "", "write the draft to `FILE` (atomically) instead of stdout")
	cmd.Flags().StringVar(&f.name, "name", "", "the architecture's `NAME` (default: from the sources, or the first path)")
	_ = cmd.MarkFlagFilename("output", "yaml", "yml")
	return cmd
}

func runImport(io *streams, f *importFlags, args []string) error {
	out, err := importer.Import(args, importer.Options{Name: f.name})
	for _, s := range out.Skipped {
		fmt.Fprintf(io.err, "hybridadvisor: skipped %s: %s\n", render.Clean(s.Path), render.Clean(s.Reason))
	}
	for _, e := range out.Errors {
		fmt.Fprintf(io.err, "%s\n", render.Clean(e.Error()))
	}
	if err != nil {
		return err
	}
	if out.Draft == nil || len(out.Draft.Components) == 0 {
		if len(out.Errors) > 0 {
			fmt.Fprintf(io.err, "hybridadvisor: %d input(s) malformed and nothing else to import (exit 2)\n", len(out.Errors))
			return exitErr{exitError}
		}
		msg := "no components found in " + fmt.Sprint(len(out.Read)) + " file(s)"
		if out.Draft != nil && len(out.Draft.Unknown) > 0 {
			msg += fmt.Sprintf(" (%d resource(s) not imported, first: %s)", len(out.Draft.Unknown), out.Draft.Unknown[0].Text)
		}
		return errors.New(msg)
	}
	if f.output != "" {
		// The draft must not replace one of its own sources (also through a link).
		inputs := make([]outputFile, len(out.Read))
		for i, p := range out.Read {
			inputs[i] = outputFile{"the input", p}
		}
		if err := checkOutputFiles([]outputFile{{"-o " + f.output, f.output}}, nil, inputs...); err != nil {
			return err
		}
	}
	r, err := out.Render(f.name)
	if err != nil {
		return err
	}
	if f.output == "" {
		var w stdio.Writer = io.out
		if io.outTTY {
			g := safetext.GuardText(io.out, false)
			defer g.Flush()
			w = g
		}
		if _, err := w.Write(r.Text); err != nil {
			return err
		}
	} else {
		if err := atomicfile.WriteFile(f.output, r.Text, 0o644); err != nil {
			return fmt.Errorf("write draft: %w", err)
		}
		fmt.Fprintf(io.err, "Wrote %s: %d component(s) from %d file(s). Replace the values marked TODO, then: hybridadvisor score %s\n",
			render.Clean(f.output), len(out.Draft.Components), len(out.Read), render.Clean(f.output))
	}
	if len(out.Errors) > 0 {
		fmt.Fprintf(io.err, "hybridadvisor: %d input(s) malformed; the draft holds the others (exit 2)\n", len(out.Errors))
		return exitErr{exitError}
	}
	return nil
}

// noteImported says on stderr which inputs were imported on the fly (score,
// report and tui accept infrastructure files where a profile is expected).
func noteImported(io *streams, sources []advisor.Source) {
	for _, s := range sources {
		if s.Imported == nil {
			continue
		}
		fmt.Fprintf(io.err, "hybridadvisor: imported on the fly from %s (%d file(s)); values the files do not give are placeholders: 'hybridadvisor import %s -o profile.yaml' writes the draft to edit\n",
			render.Clean(s.Path), len(s.Imported.Files), render.Clean(s.Path))
		for _, sk := range s.Imported.Skipped {
			fmt.Fprintf(io.err, "hybridadvisor: skipped %s: %s\n", render.Clean(sk.Path), render.Clean(sk.Reason))
		}
	}
}

// warnPlaceholders warns on stderr about a scored profile that still holds
// import placeholders.
func warnPlaceholders(io *streams, f *result.File) {
	if msg := advisor.PlaceholderWarning(f); msg != "" {
		fmt.Fprintf(io.err, "hybridadvisor: warning: %s: %s\n", render.Clean(f.Path), render.Clean(msg))
	}
}
