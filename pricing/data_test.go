package pricing

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/hybridadvisor/hybridadvisor/data"
)

// Every price and allowance in data/pricing carries an https source and an
// as-of date, every table a version and a date, and the tables parse.
func TestEveryPriceHasSourceAndDate(t *testing.T) {
	b := mustLoad(t)
	n := 0
	for _, tb := range b.tables {
		if tb.version == "" || !IsDate(tb.asOf) {
			t.Errorf("%s: version %q, as_of %q", tb.cloud, tb.version, tb.asOf)
		}
		newest := ""
		for _, pid := range tb.platforms {
			for _, k := range tb.keys[pid] {
				for region, e := range k.prices {
					n++
					if !strings.HasPrefix(e.Source, "https://") {
						t.Errorf("%s %s %s: source %q is not an https URL", pid, k.key, region, e.Source)
					}
					if !IsDate(e.AsOf) {
						t.Errorf("%s %s %s: as_of %q", pid, k.key, region, e.AsOf)
					}
					if e.Estimate && !strings.HasPrefix(e.Note, "estimate") {
						t.Errorf("%s %s %s: estimate without an estimate note", pid, k.key, region)
					}
					newest = max(newest, e.AsOf)
				}
			}
		}
		if newest != tb.asOf {
			t.Errorf("%s: table as_of %s, newest price %s", tb.cloud, tb.asOf, newest)
		}
	}
	if n < 150 {
		t.Errorf("only %d prices checked", n)
	}
	if b.AsOf() != "2026-11-25" || !strings.Contains(b.Version(), "aws 2026.11.1") {
		t.Errorf("version %q as of %q", b.Version(), b.AsOf())
	}
}

// The loader rejects a price without a source or date, and other malformed tables.
func TestTableValidation(t *testing.T) {
	good := "cloud: aws\nversion: \"1\"\nas_of: \"2026-01-01\"\ncurrency: USD\nregions:\n  - {id: us-east-1, name: x}\nplatforms:\n  aws-lambda:\n    requests:\n      description: Requests\n      unit: request\n      prices:\n        us-east-1: {usd: \"0.0000002\", source: \"https://aws.amazon.com/lambda/pricing/\", as_of: \"2026-01-01\"}\n"
	if _, err := parseTable("aws.yaml", []byte(good)); err != nil {
		t.Fatalf("good table: %v", err)
	}
	cases := []struct{ from, to, want string }{
		{`source: "https://aws.amazon.com/lambda/pricing/", `, ``, "source must be an https URL"},
		{`as_of: "2026-01-01"}`, `}`, "as_of must be a date"},
		{`source: "https://aws.amazon.com/lambda/pricing/"`, `source: "aws.amazon.com"`, "https URL"},
		{`usd: "0.0000002"`, `usd: "-1"`, "non-negative usd"},
		{`usd: "0.0000002"`, `usd: "cheap"`, "non-negative usd"},
		{"version: \"1\"\n", "", "needs a version"},
		{"aws-lambda:", "aws-lambdaa:", "unknown platform"},
		{"us-east-1: {usd", "eu-west-9: {usd", "not in the table's regions"},
		{"unit: request\n", "unit: request\n      colour: red\n", "colour"},
		{"currency: USD", "currency: EUR", "currency must be USD"},
	}
	for _, c := range cases {
		src := strings.Replace(good, c.from, c.to, 1)
		if src == good {
			t.Fatalf("case %q did not change the table", c.want)
		}
		_, err := parseTable("aws.yaml", []byte(src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: err = %v, want it to mention %q", c.want, err, c.want)
		}
	}
}

// A meter whose free allowance is missing in a region would silently lose its
// free tier: the bundled tables must not do that.
func TestPoolNeedsAllowance(t *testing.T) {
	src, err := fs.ReadFile(data.FS, "pricing/aws.yaml")
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(src), `        eu-west-1: {quantity: "1000000", source: "https://aws.amazon.com/lambda/pricing/", as_of: "2026-11-25", note: "perpetual free tier, per account"}`, "", 1)
	if broken == string(src) {
		t.Fatal("fixture line not found")
	}
	fsys := fstest.MapFS{"p/aws.yaml": {Data: []byte(broken)}}
	for _, c := range []string{"azure", "gcp"} {
		s, _ := fs.ReadFile(data.FS, "pricing/"+c+".yaml")
		fsys["p/"+c+".yaml"] = &fstest.MapFile{Data: s}
	}
	if _, err := loadFS(fsys, "p"); err == nil || !strings.Contains(err.Error(), "lambda-requests") {
		t.Errorf("err = %v, want a missing-allowance error", err)
	}
}

// Every platform is priced in its cloud's default region for an ordinary workload.
func TestEveryPlatformPricedInDefaultRegion(t *testing.T) {
	b := mustLoad(t)
	for _, trig := range []string{"http", "schedule"} {
		w := typicalWorkload()
		w.Trigger = trig
		for _, q := range b.PriceAll(w, Settings{FreeTier: true}) {
			if !q.Priced || q.Region != DefaultRegions[q.Platform.Cloud] || len(q.Lines) == 0 || q.Monthly.Sign() <= 0 {
				t.Errorf("%s (%s) in %s: priced %v, $%s, note %q", q.Platform.ID, trig, q.Region, q.Priced, q.Monthly, q.Note)
			}
		}
	}
}

// Which platforms each region prices is a deliberate, documented list.
func TestRegionCoverage(t *testing.T) {
	b := mustLoad(t)
	wantUnpriced := []string{
		"azure-functions-premium westeurope", "azure-container-apps westeurope",
		"gcp-gke-autopilot europe-west1", "gcp-gke-autopilot europe-west3",
	}
	var got []string
	for _, p := range Platforms {
		for _, r := range b.Regions(p.Cloud) {
			q := b.Price(p.ID, typicalWorkload(), Settings{FreeTier: true, Regions: map[string]string{p.Cloud: r}})
			if !q.Priced {
				got = append(got, p.ID+" "+r)
			}
		}
	}
	if !slices.Equal(got, wantUnpriced) {
		t.Errorf("unpriced = %v, want %v", got, wantUnpriced)
	}
}

func TestRegions(t *testing.T) {
	b := mustLoad(t)
	if got := b.Regions("aws"); !slices.Equal(got, []string{"us-east-1", "eu-west-1"}) {
		t.Errorf("aws regions = %v", got)
	}
	if b.Regions("ibm") != nil {
		t.Error("unknown cloud has regions")
	}
	if err := b.CheckRegions(map[string]string{"aws": "eu-west-1", "azure": "", "gcp": "europe-west3"}); err != nil {
		t.Errorf("known regions: %v", err)
	}
	err := b.CheckRegions(map[string]string{"aws": "us-east-1", "azure": "northeurope"})
	if err == nil || !strings.Contains(err.Error(), `"northeurope"`) || !strings.Contains(err.Error(), "eastus, westeurope") {
		t.Errorf("unknown region error = %v, want it to name the region and list eastus, westeurope", err)
	}
	if err := b.CheckRegions(map[string]string{"oracle": "x"}); err == nil || !strings.Contains(err.Error(), "unknown cloud") {
		t.Errorf("unknown cloud error = %v", err)
	}
	infos := b.Tables()
	if len(infos) != 3 || infos[2].Cloud != "gcp" || !slices.Contains(infos[2].Platforms, "gcp-glue") || len(infos[2].Regions) != 3 {
		t.Errorf("tables = %+v", infos)
	}
}

// An unpriced platform never shows a price: no lines, zero, and a note saying
// what is missing. A priced one has lines and no note.
func TestUnpricedNeverSilentZero(t *testing.T) {
	b := mustLoad(t)
	workloads := []Workload{typicalWorkload(), wl{gpu: 1}.w(), wl{os: "windows"}.w(), wl{arch: "arm", min: 2}.w(), {}}
	for _, w := range workloads {
		for _, cloud := range Clouds {
			for _, r := range append(b.Regions(cloud), "nowhere-1") {
				s := Settings{FreeTier: true, Regions: map[string]string{cloud: r}}
				for _, q := range append(b.PriceAll(w, s), b.Glue(w, s)[cloud]) {
					if q.Platform.Cloud != cloud {
						continue
					}
					if !q.Priced && (q.Note == "" || len(q.Lines) > 0 || !q.Monthly.IsZero()) {
						t.Errorf("%s in %s: unpriced with note %q, %d lines, $%s", q.Platform.ID, r, q.Note, len(q.Lines), q.Monthly)
					}
					if q.Priced && q.Note != "" {
						t.Errorf("%s in %s: priced but noted %q", q.Platform.ID, r, q.Note)
					}
					if q.Priced && q.Platform.Model != "glue" && len(q.Lines) == 0 {
						t.Errorf("%s in %s: priced without lines", q.Platform.ID, r)
					}
				}
			}
		}
	}
}

// Estimated prices are named in the quote's assumptions.
func TestEstimatesAreStated(t *testing.T) {
	b := mustLoad(t)
	q := b.Price("aws-lambda", wl{min: 1}.w(), Settings{Regions: map[string]string{"aws": "eu-west-1"}})
	if !strings.Contains(joinAssumptions(q), "Estimated price: Provisioned concurrency (x86) in eu-west-1") {
		t.Errorf("assumptions:\n%s", joinAssumptions(q))
	}
	q = b.Price("aws-lambda", wl{}.w(), Settings{})
	if strings.Contains(joinAssumptions(q), "Estimated") {
		t.Errorf("us-east-1 Lambda uses no estimate:\n%s", joinAssumptions(q))
	}
	g := b.Glue(wl{async: 1}.w(), Settings{FreeTier: true})["aws"]
	if !strings.Contains(joinAssumptions(g), "SQS free requests per month") {
		t.Errorf("the estimated SQS free tier is not stated:\n%s", joinAssumptions(g))
	}
}
