package main

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/hybridadvisor/hybridadvisor/advisor/config"
	"github.com/hybridadvisor/hybridadvisor/pricing"
)

func newPricingCmd(io *streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "pricing",
		Short: "Show the bundled price tables: platforms, regions, versions, sources and dates",
		Long: `Show the bundled price tables. Every unit price carries the URL it was taken
from and the date it was checked; nothing is fetched at run time.`,
	}
	list := &cobra.Command{
		Use:   "list",
		Short: "List the price tables: clouds, versions, as-of dates, regions and platforms",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			book, err := pricing.Load()
			if err != nil {
				return err
			}
			return pricing.WriteList(io.out, book)
		},
	}
	var region string
	show := &cobra.Command{
		Use:   "show PLATFORM",
		Short: "Show every unit price of a platform with its source",
		Example: `  hybridadvisor pricing show aws-lambda
  hybridadvisor pricing show gcp-cloud-run --region europe-west1`,
		Args: cobra.ExactArgs(1),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			var ids []string
			for _, p := range pricing.Platforms {
				ids = append(ids, p.ID)
			}
			return ids, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			book, err := pricing.Load()
			if err != nil {
				return err
			}
			if err := pricing.WriteShow(io.out, book, args[0], region); err != nil {
				var up *pricing.UnknownPlatformError
				if errors.As(err, &up) {
					up.Hint = config.DidYouMean(up.Platform, up.Known)
				}
				return usageError{err}
			}
			return nil
		},
	}
	show.Flags().StringVar(&region, "region", "", "`REGION` to show (default: the cloud's default region)")
	cmd.AddCommand(list, show)
	return cmd
}
