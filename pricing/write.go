package pricing

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// WriteList writes the tables (`hybridadvisor pricing list`): each cloud's
// version, date and regions, then where each platform is priced.
func WriteList(w io.Writer, b *Book) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "CLOUD\tVERSION\tAS OF\tREGIONS")
	for _, t := range b.Tables() {
		regions := make([]string, len(t.Regions))
		for i, r := range t.Regions {
			regions[i] = r
			if r == DefaultRegions[t.Cloud] {
				regions[i] += " (default)"
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", t.Cloud, t.Version, t.AsOf, strings.Join(regions, ", "))
	}
	fmt.Fprintln(tw)
	fmt.Fprintln(tw, "PLATFORM\tMODEL\tPRICED IN\tNOT PRICED IN")
	estimates := false
	rows := append(append([]Platform{}, Platforms...), gluePlatforms...)
	for _, p := range rows {
		var priced, unpriced []string
		for _, r := range b.Regions(p.Cloud) {
			est, ok := b.coverage(p.ID, r)
			switch {
			case !ok:
				unpriced = append(unpriced, r)
			case est:
				priced = append(priced, r+"*")
				estimates = true
			default:
				priced = append(priced, r)
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", p.ID, p.Model, orDash(priced), orDash(unpriced))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	var err error
	if estimates {
		_, err = fmt.Fprintln(w, "\n* some prices in that region are estimates (see `hybridadvisor pricing show PLATFORM --region R`).")
	}
	if err == nil {
		_, err = fmt.Fprintln(w, "USD list prices; every price carries its source URL and as-of date. Tables version "+b.Version()+".")
	}
	return err
}

func orDash(s []string) string {
	if len(s) == 0 {
		return "-"
	}
	return strings.Join(s, ", ")
}

// coverage reports whether the platform has prices in region (its calculator
// may still need more), and whether any is an estimate.
func (b *Book) coverage(platform, region string) (estimate, priced bool) {
	t := b.table(CloudOf(platform))
	if t == nil {
		return false, false
	}
	for _, k := range t.keys[platform] {
		if e := k.prices[region]; e != nil && k.allowance == "" {
			priced = true
			estimate = estimate || e.Estimate
		}
	}
	return estimate, priced
}

// WriteShow writes every price of one platform in one region (`hybridadvisor
// pricing show PLATFORM [--region R]`); region "" means the cloud's default.
func WriteShow(w io.Writer, b *Book, platform, region string) error {
	entries, err := b.Show(platform, region)
	if err != nil {
		return err
	}
	cloud := CloudOf(platform)
	if region == "" {
		region = DefaultRegions[cloud]
	}
	t := b.table(cloud)
	name := platformName(platform)
	if _, err := fmt.Fprintf(w, "%s (%s) in %s - %s table %s, as of %s\n\n", name, platform, region, cloud, t.version, t.asOf); err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "KEY\tDESCRIPTION\tUNIT\tUSD\tAS OF\tSOURCE\tNOTE")
	for _, e := range entries {
		usd := e.USD.String()
		if e.Allowance {
			usd = "free " + numDec(decOf(e.Free), 10)
		}
		note := e.Note
		if e.Estimate && !strings.HasPrefix(note, "estimate") {
			note = "estimate; " + note
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.Key, e.Description, e.Unit, usd, e.AsOf, e.Source, note)
	}
	return tw.Flush()
}
