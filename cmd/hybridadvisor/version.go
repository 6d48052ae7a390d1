package main

import (
	"encoding/json"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/hybridadvisor/hybridadvisor/advisor"
	"github.com/hybridadvisor/hybridadvisor/pricing"
)

// commit and date may be set by a release build when the binary is built
// without VCS information (goreleaser: -X main.commit={{.FullCommit}}
// -X main.date={{.CommitDate}}); otherwise they come from the build info.
// The version itself is advisor.Version (-X .../advisor.Version={{.Version}}).
var (
	commit = ""
	date   = ""
)

func init() {
	// 'go install .../cmd/hybridadvisor@v1.2.3' stamps the module version in
	// the build info; the results' tool.version then says it too.
	if advisor.Version == "dev" {
		if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			advisor.Version = bi.Main.Version
		}
	}
}

// versionInfo is what 'version' and '--version' print.
type versionInfo struct {
	Version string `json:"version"`
	// Revision is the VCS commit built; "unknown" when the build has none.
	Revision string `json:"revision"`
	// Modified is true when the working tree had uncommitted changes.
	Modified bool `json:"modified"`
	// Date is the commit's time (RFC 3339): the build's date, reproducibly.
	Date        string       `json:"date"`
	Go          string       `json:"go"`
	Platform    string       `json:"platform"`
	OPA         string       `json:"opa"`
	PriceTables []priceTable `json:"price_tables"`
}

// priceTable names one cloud's bundled price table; its regions and platforms
// are 'pricing list'.
type priceTable struct {
	Cloud   string `json:"cloud"`
	Version string `json:"version"`
	AsOf    string `json:"as_of"`
}

func readVersionInfo() (versionInfo, error) {
	v := versionInfo{
		Version:  advisor.Version,
		Revision: "unknown",
		Date:     "unknown",
		Go:       runtime.Version(),
		Platform: runtime.GOOS + "/" + runtime.GOARCH,
		OPA:      "unknown",
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				v.Revision = s.Value
			case "vcs.time":
				v.Date = s.Value
			case "vcs.modified":
				v.Modified = s.Value == "true"
			}
		}
		for _, d := range bi.Deps {
			if d.Path == "github.com/open-policy-agent/opa" {
				v.OPA = d.Version
				if d.Replace != nil && d.Replace.Version != "" {
					v.OPA = d.Replace.Version
				}
			}
		}
	}
	if commit != "" {
		v.Revision = commit
	}
	if date != "" {
		v.Date = date
	}
	book, err := pricing.Load()
	if err != nil {
		return v, err
	}
	for _, t := range book.Tables() {
		v.PriceTables = append(v.PriceTables, priceTable{Cloud: t.Cloud, Version: t.Version, AsOf: t.AsOf})
	}
	return v, nil
}

func (v versionInfo) text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "hybridadvisor %s\n", v.Version)
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	rev := v.Revision
	if v.Modified {
		rev += " (modified)"
	}
	fmt.Fprintf(tw, "revision\t%s\n", rev)
	fmt.Fprintf(tw, "date\t%s\n", v.Date)
	fmt.Fprintf(tw, "go\t%s %s\n", v.Go, v.Platform)
	fmt.Fprintf(tw, "opa\t%s\n", v.OPA)
	for i, t := range v.PriceTables {
		label := ""
		if i == 0 {
			label = "price tables"
		}
		fmt.Fprintf(tw, "%s\t%s %s (as of %s)\n", label, t.Cloud, t.Version, t.AsOf)
	}
	_ = tw.Flush()
	return b.String()
}

func newVersionCmd(io *streams) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print the version, revision, build date, price tables and policy engine version",
		Long: `Print the version, the VCS revision and its date, the Go and OPA versions and
the version and as-of date of each cloud's price table ("dev" for a local build).`,
		Example: `  hybridadvisor version
  hybridadvisor version -o json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "text" && format != "json" {
				return usageError{fmt.Errorf("unknown format %q (known: text, json)", format)}
			}
			v, err := readVersionInfo()
			if err != nil {
				return err
			}
			if format == "json" {
				enc := json.NewEncoder(io.out)
				enc.SetIndent("", "  ")
				return enc.Encode(v)
			}
			_, err = fmt.Fprint(io.out, v.text())
			return err
		},
	}
	cmd.Flags().StringVarP(&format, "output", "o", "text", "`FORMAT`: text or json")
	_ = cmd.RegisterFlagCompletionFunc("output", fixedCompletion("text", "json"))
	return cmd
}

// setVersionFlag gives the root command --version, printing what 'version' does.
func setVersionFlag(root *cobra.Command) {
	root.Version = advisor.Version
	root.SetVersionTemplate("{{hybridadvisorVersion}}")
}

func init() {
	// Cobra's template functions are global: registered once.
	cobra.AddTemplateFunc("hybridadvisorVersion", func() string {
		v, err := readVersionInfo()
		if err != nil {
			return fmt.Sprintf("hybridadvisor %s\n(price tables: %s)\n", v.Version, err)
		}
		return v.text()
	})
}
