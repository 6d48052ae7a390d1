package main

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/hybridadvisor/hybridadvisor/advisor/config"
	"github.com/hybridadvisor/hybridadvisor/pricing"
)

// PricingShowOptions are the pricing show command's flag and argument, as
// cobra parsed them; runPricingShow does the rest.
type PricingShowOptions struct {
	IO       *streams
	Platform string
	Region   string
}

// newPricingCmd builds the pricing command; showF, when set, runs instead of
// runPricingShow with the parsed options of pricing show (tests check flag
// parsing with it).
func newPricingCmd(io *streams, showF func(*PricingShowOptions) error) *cobra.Command {
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
	opts := &PricingShowOptions{IO: io}
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
			opts.Platform = args[0]
			if showF != nil {
				return showF(opts)
			}
			return runPricingShow(opts)
		},
	}
	show.Flags().StringVar(&opts.Region, "region", "", "`REGION` to show (default: the cloud's default region)")
	cmd.AddCommand(list, show)
	return cmd
}

func runPricingShow(o *PricingShowOptions) error {
	book, err := pricing.Load()
	if err != nil {
		return err
	}
	if err := pricing.WriteShow(o.IO.out, book, o.Platform, o.Region); err != nil {
		var up *pricing.UnknownPlatformError
		if errors.As(err, &up) {
			up.Hint = config.DidYouMean(up.Platform, up.Known)
		}
		return usageError{err}
	}
	return nil
}
