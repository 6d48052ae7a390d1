package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/hybridadvisor/hybridadvisor/advisor/engine"
	"github.com/hybridadvisor/hybridadvisor/advisor/render"
	"github.com/hybridadvisor/hybridadvisor/advisor/report"
	"github.com/hybridadvisor/hybridadvisor/advisor/safetext"
)

func newPolicyCmd(io *streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "policy",
		Short: "The rule catalogue: list the rules, write their reference, test your own",
		Long: `The decision framework and the security practices are Rego rules; each has
an ID, a severity (security rules), a title, a remediation and a source.
Add your own with --policy DIR: packages named hybridadvisor.custom.<name> with
package METADATA (custom.id, custom.severity: critical, high, medium, low or info)
and 'deny contains {"message": ..., "path": ...}'. Policies run in a sandbox: a
reviewed allow-list of built-ins (no network, files, environment, clock or
randomness), the date pinned to the run's, size limits, a timeout and a memory
limit (docs/rules.md, "The sandbox").`,
	}
	var (
		policyDirs []string
		format     string
	)
	list := &cobra.Command{
		Use:   "list",
		Short: "List every rule: ID, kind, severity, category and title",
		Example: `  hybridadvisor policy list
  hybridadvisor policy list -o json
  hybridadvisor policy list --policy ./policies`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			e, err := engine.New(cmd.Context(), engine.Options{PolicyDirs: policyDirs})
			if err != nil {
				return err
			}
			// Rules' metadata is users' text: the output is filtered (safetext.Guard).
			switch format {
			case "table":
				g := safetext.GuardText(io.out, false)
				return flushed(g, writeRuleTable(g, e.Rules()))
			case "json":
				g := safetext.GuardJSON(io.out)
				enc := json.NewEncoder(g)
				enc.SetIndent("", "  ")
				return flushed(g, enc.Encode(e.Rules()))
			case "markdown":
				g := safetext.GuardText(io.out, false)
				return flushed(g, writeRuleMarkdown(g, e.Rules(), false))
			}
			return usageError{fmt.Errorf("unknown format %q (known: table, json, markdown)", format)}
		},
	}
	list.Flags().StringVarP(&format, "output", "o", "table", "`FORMAT`: table, json or markdown")
	list.Flags().StringArrayVar(&policyDirs, "policy", nil, "also load your rules from `DIR` (repeatable)")
	_ = list.RegisterFlagCompletionFunc("output", fixedCompletion("table", "json", "markdown"))

	var docDirs []string
	doc := &cobra.Command{
		Use:   "doc",
		Short: "Write a Markdown reference of every rule, generated from its METADATA",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			e, err := engine.New(cmd.Context(), engine.Options{PolicyDirs: docDirs})
			if err != nil {
				return err
			}
			g := safetext.GuardText(io.out, false)
			return flushed(g, writeRuleMarkdown(g, e.Rules(), true))
		},
	}
	doc.Flags().StringArrayVar(&docDirs, "policy", nil, "also document your rules from `DIR` (repeatable)")

	var verbose bool
	test := &cobra.Command{
		Use:   "test DIR...",
		Short: "Run the Rego unit tests (*_test.rego) of your policies, with coverage",
		Long: `Run the Rego unit tests (*_test.rego, rules named test_*) in DIR against your
rules and the embedded ones, in the same sandbox as scoring; the clock built-ins
see is the price tables' date. Your rules must first load as score loads them.
Prints each failure, a pass/fail count and the line coverage of your rules.
Exit 1 when a test fails or errors, 2 when a policy does not load.`,
		Example: `  hybridadvisor policy test ./policies`,
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			// Test names and failures quote the users' policies (safetext.Guard).
			out := safetext.GuardText(io.out, false)
			defer out.Flush()
			rep, err := engine.RunUserTests(cmd.Context(), args, out, verbose)
			if err != nil {
				return err
			}
			fmt.Fprintf(out, "%d passed, %d failed", rep.Passed, rep.Failed+rep.Errored)
			if rep.Skipped > 0 {
				fmt.Fprintf(out, ", %d skipped", rep.Skipped)
			}
			fmt.Fprintf(out, "\ncoverage: %.1f%% (%d of %d lines)\n", rep.Coverage, rep.CoveredLines, rep.CoveredLines+rep.NotCoveredLines)
			if rep.Failed+rep.Errored > 0 {
				return exitErr{exitGate}
			}
			return nil
		},
	}
	test.Flags().BoolVarP(&verbose, "verbose", "v", false, "list every test, not only failures")
	cmd.AddCommand(list, doc, test)
	return cmd
}

func writeRuleTable(w io.Writer, rules []engine.Rule) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tKIND\tSEVERITY\tCATEGORY\tTITLE")
	for _, r := range rules {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", render.Clean(r.ID), r.Kind, dash(render.Clean(r.Severity)), dash(render.Clean(r.Category)), render.Clean(r.Title))
	}
	return tw.Flush()
}

// writeRuleMarkdown writes the catalogue as a Markdown table, and with full set
// a section per rule with its description, remediation and references.
func writeRuleMarkdown(w io.Writer, rules []engine.Rule, full bool) error {
	var b strings.Builder
	if full {
		b.WriteString("# hybridadvisor rule reference\n\nGenerated by `hybridadvisor policy doc` from each rule's METADATA.\n\n")
	}
	b.WriteString("| ID | Kind | Severity | Category | Title |\n|---|---|---|---|---|\n")
	for _, r := range rules {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", anchor(r, full), r.Kind, dash(render.MarkdownText(r.Severity)), dash(render.MarkdownText(r.Category)), render.MarkdownText(r.Title))
	}
	if full {
		for _, r := range rules {
			fmt.Fprintf(&b, "\n## %s: %s\n\n", render.MarkdownText(r.ID), render.MarkdownText(r.Title))
			if r.Severity != "" {
				fmt.Fprintf(&b, "- Severity: **%s**, category: %s\n", render.MarkdownText(r.Severity), dash(render.MarkdownText(r.Category)))
			}
			if len(r.AppliesTo) > 0 {
				fmt.Fprintf(&b, "- Applies to: %s\n", render.MarkdownText(strings.Join(r.AppliesTo, ", ")))
			}
			fmt.Fprintf(&b, "- Package: %s (%s)\n", render.MarkdownCode(r.Package), render.Clean(fmt.Sprintf("%s:%d", r.File, r.Line)))
			if r.Description != "" {
				fmt.Fprintf(&b, "\n%s\n", render.MarkdownText(r.Description))
			}
			if r.Remediation != "" {
				fmt.Fprintf(&b, "\n**Remediation.** %s\n", render.MarkdownText(r.Remediation))
			}
			if len(r.References) > 0 {
				refs := make([]string, len(r.References))
				for i, ref := range r.References {
					refs[i] = render.MarkdownText(ref)
				}
				fmt.Fprintf(&b, "\n**References.** %s\n", strings.Join(refs, "; "))
			}
			if r.Source != "" {
				fmt.Fprintf(&b, "\n**Source.** %s\n", linkOrText(r.Source))
			}
			for _, l := range r.Links {
				fmt.Fprintf(&b, "\n- %s\n", linkOrText(l))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func anchor(r engine.Rule, linked bool) string {
	if !linked {
		return render.MarkdownText(r.ID)
	}
	return fmt.Sprintf("[%s](#%s)", render.MarkdownText(r.ID), render.Slug(r.ID+": "+r.Title))
}

// linkOrText is an autolink for an http(s) URL, escaped text for anything else
// (a "<...>" that is not a URL would be taken for HTML).
func linkOrText(s string) string {
	if report.SafeURL(s) != "" {
		return "<" + s + ">"
	}
	return render.MarkdownText(s)
}

// flushed flushes g after a write that returned err.
func flushed(g *safetext.Guard, err error) error {
	if ferr := g.Flush(); err == nil {
		err = ferr
	}
	return err
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
