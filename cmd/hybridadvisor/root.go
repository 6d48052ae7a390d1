package main

import (
	"github.com/spf13/cobra"

	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
)

const rootLong = `hybridadvisor tells, component by component, whether each part of an application
should run as a serverless function, a serverless container or an orchestrated
container, whether the whole is a hybrid, and what each choice costs per month on
AWS, Azure and Google Cloud.

You describe the architecture in a YAML workload profile (traffic, duration,
memory, state, dependencies, how components call each other, security posture).
Hard platform limits exclude what cannot work; the decision framework's rules
weigh what is left; dated price tables bundled in the binary price every option.
Every recommendation carries the rule IDs and sentences behind it. Nothing is
fetched over the network.

Start here:
  hybridadvisor score --example shop        # advice for an embedded example
  hybridadvisor init my-app.yaml            # write a commented starter profile
  hybridadvisor score my-app.yaml           # advice for your profile
  hybridadvisor score workloads/ -o json    # every profile under a directory, as JSON

Exit codes: 0 success, 1 a gate failed (--fail-on), 2 usage or input error.`

func newRootCmd(io *streams) *cobra.Command {
	root := &cobra.Command{
		Use:           "hybridadvisor",
		Short:         "Function, container or hybrid? Per-component placement and cost advice across AWS, Azure and GCP",
		Long:          rootLong,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			// On a terminal the TUI opens on an embedded example; anywhere else
			// (pipes, CI) teach instead.
			if io.outTTY && io.inTTY {
				return openDefaultTUI(cmd, io)
			}
			return cmd.Help()
		},
	}
	root.SetOut(io.out)
	root.SetErr(io.err)
	root.SetFlagErrorFunc(flagErrorFunc)
	root.AddCommand(
		newScoreCmd(io, nil),
		newReformatCmd(io, nil),
		newSchemaCmd(io),
		newInitCmd(io, nil),
		newPricingCmd(io, nil),
		newReportCmd(io, nil),
		newTUICmd(io, nil),
		newPolicyCmd(io),
		newImportCmd(io),
		newVersionCmd(io),
		newManCmd(io),
	)
	setVersionFlag(root)
	strictSubcommands(root)
	return root
}

func newSchemaCmd(io *streams) *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of workload profiles (for editor validation and completion)",
		Long: `Print the JSON Schema (draft 2020-12) of workload profiles.

Point your editor at it for validation and completion, for example with the YAML
language server:
  hybridadvisor schema > hybridadvisor.schema.json
  # yaml-language-server: $schema=./hybridadvisor.schema.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := io.out.Write(profile.JSONSchema())
			return err
		},
	}
}
