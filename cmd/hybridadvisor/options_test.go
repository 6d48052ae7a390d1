package main

import (
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// parse runs a command built with a runF seam on args and returns what the
// seam saw (nil when it was not reached) and the error.
func parse[O any](t *testing.T, build func(*streams, func(*O) error) *cobra.Command, args ...string) (*O, error) {
	t.Helper()
	var got *O
	s := &streams{in: strings.NewReader(""), out: io.Discard, err: io.Discard}
	cmd := build(s, func(o *O) error { got = o; return nil })
	cmd.SetArgs(args)
	cmd.SetOut(s.out)
	cmd.SetErr(s.err)
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	cmd.SetFlagErrorFunc(flagErrorFunc)
	err := cmd.Execute()
	return got, err
}

func TestScoreFlags(t *testing.T) {
	for _, tc := range []struct {
		name    string
		args    []string
		check   func(*ScoreOptions) bool
		changed []string // flags the options must report as given
		flagErr bool
	}{
		{name: "paths", args: []string{"a.yaml", "dir/"},
			check: func(o *ScoreOptions) bool {
				return reflect.DeepEqual(o.Paths, []string{"a.yaml", "dir/"}) && len(o.Outputs) == 0
			}},
		{name: "outputs repeat in order", args: []string{"-o", "table", "-o", "json=r.json", "--output", "sarif=s"},
			check: func(o *ScoreOptions) bool {
				return reflect.DeepEqual(o.Outputs, []string{"table", "json=r.json", "sarif=s"})
			}, changed: []string{"output"}},
		{name: "gates", args: []string{"x", "--fail-on", "high", "--max-monthly-cost", "500", "--max-monthly-cost", "gcp=400",
			"--compare-to", "main.json", "--max-cost-increase", "10%", "--allow-unpriced"},
			check: func(o *ScoreOptions) bool {
				return o.FailOn == "high" && reflect.DeepEqual(o.MaxMonthlyCost, []string{"500", "gcp=400"}) && o.CompareTo == "main.json" &&
					reflect.DeepEqual(o.MaxCostIncrease, []string{"10%"}) && o.AllowUnpriced
			}, changed: []string{"fail-on", "max-monthly-cost", "compare-to", "max-cost-increase", "allow-unpriced"}},
		{name: "clouds comma-separated and repeated", args: []string{"--cloud", "aws,gcp", "--cloud", "azure"},
			check: func(o *ScoreOptions) bool { return reflect.DeepEqual(o.Clouds, []string{"aws", "gcp", "azure"}) }, changed: []string{"cloud"}},
		{name: "free tier defaults on, not given", args: nil,
			check: func(o *ScoreOptions) bool { return o.FreeTier && !o.changed("free-tier") && !o.changed("cloud") }},
		{name: "free tier off", args: []string{"--free-tier=false"},
			check: func(o *ScoreOptions) bool { return !o.FreeTier }, changed: []string{"free-tier"}},
		{name: "shared evaluation flags", args: []string{"--policy", "p1", "--policy", "p2", "--pricing", "prices.yaml", "--debug", "--jobs", "3", "--config", "c.yaml", "--no-config"},
			check: func(o *ScoreOptions) bool {
				return reflect.DeepEqual(o.PolicyDirs, []string{"p1", "p2"}) && o.PricingFile == "prices.yaml" && o.Debug && o.Jobs == 3 &&
					o.ConfigFile == "c.yaml" && o.NoConfig
			}, changed: []string{"policy", "pricing", "jobs"}},
		{name: "examples and verbose", args: []string{"--example", "shop", "--example", "iot", "-v"},
			check: func(o *ScoreOptions) bool { return reflect.DeepEqual(o.Examples, []string{"shop", "iot"}) && o.Verbose }},
		{name: "unknown flag", args: []string{"--fail-onn", "high"}, flagErr: true},
		{name: "jobs not a number", args: []string{"--jobs", "many"}, flagErr: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o, err := parse(t, newScoreCmd, tc.args...)
			if tc.flagErr {
				if !isFlagError(err) || o != nil {
					t.Fatalf("err = %v (a flag error: %t), ran = %t", err, isFlagError(err), o != nil)
				}
				return
			}
			if err != nil || o == nil {
				t.Fatalf("err = %v, ran = %t", err, o != nil)
			}
			if !tc.check(o) {
				t.Errorf("options = %+v", *o)
			}
			for _, name := range tc.changed {
				if !o.changed(name) {
					t.Errorf("--%s not reported as given", name)
				}
			}
		})
	}
}

// TestScoreSettle checks the score options' validation and the gate spec they
// give, without scoring anything.
func TestScoreSettle(t *testing.T) {
	for _, tc := range []struct {
		args    []string
		usage   string // part of the usage error; "" for none
		outputs int
		limits  int
		incs    int
	}{
		{args: []string{"x"}, outputs: 1},
		{args: []string{"x", "-o", "json", "-o", "sarif=s.sarif"}, outputs: 2},
		{args: []string{"x", "-o", "json", "-o", "sarif"}, usage: "only one -o may write to stdout"},
		{args: []string{"x", "-o", "yaml"}, usage: `unknown output format "yaml"`},
		{args: []string{"x", "--fail-on", "severe"}, usage: `--fail-on "severe": want one of critical, high, medium, low, info`},
		{args: []string{"x", "--max-monthly-cost", "500", "--max-monthly-cost", "aws=1"}, outputs: 1, limits: 2},
		{args: []string{"x", "--max-monthly-cost", "mars=1"}, usage: `--max-monthly-cost "mars=1": unknown cloud "mars"`},
		{args: []string{"x", "--max-cost-increase", "10%"}, usage: "--max-cost-increase needs a baseline: --compare-to FILE"},
		{args: []string{"x", "--compare-to", "b.json", "--max-cost-increase", "10%", "--max-cost-increase", "5"}, outputs: 1, incs: 2},
		{args: []string{"x", "--compare-to", "b.json", "--max-cost-increase", "lots"}, usage: `--max-cost-increase "lots"`},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			o, err := parse(t, newScoreCmd, append(tc.args, "--no-config")...)
			if err != nil {
				t.Fatal(err)
			}
			s, err := o.settle()
			var ue usageError
			switch {
			case tc.usage != "":
				if !errors.As(err, &ue) || !strings.Contains(err.Error(), tc.usage) {
					t.Errorf("err = %v, want a usage error with %q", err, tc.usage)
				}
			case err != nil:
				t.Errorf("err = %v", err)
			case len(s.outputs) != tc.outputs || len(s.gates.CostLimits) != tc.limits || len(s.gates.Increases) != tc.incs:
				t.Errorf("%d outputs, %d cost limits, %d increases; want %d, %d, %d", len(s.outputs), len(s.gates.CostLimits), len(s.gates.Increases), tc.outputs, tc.limits, tc.incs)
			}
		})
	}
}

func TestReportFlags(t *testing.T) {
	o, err := parse(t, newReportCmd, "app.yaml", "-o", "out.md", "--template", "t.tmpl", "--title", "Checkout", "--example", "shop", "--cloud", "aws", "--print-template")
	if err != nil || o == nil {
		t.Fatalf("err = %v", err)
	}
	if !reflect.DeepEqual(o.Paths, []string{"app.yaml"}) || o.Output != "out.md" || o.Template != "t.tmpl" || o.Title != "Checkout" ||
		!reflect.DeepEqual(o.Examples, []string{"shop"}) || !reflect.DeepEqual(o.Clouds, []string{"aws"}) || !o.PrintTemplate {
		t.Errorf("options = %+v", *o)
	}
	if o.Command != "report" || o.Flags == nil || !o.changed("cloud") {
		t.Errorf("command %q, flags %v, --cloud given %t", o.Command, o.Flags, o.changed("cloud"))
	}
}

func TestTUIFlags(t *testing.T) {
	o, err := parse(t, newTUICmd, "workloads/", "--example", "iot", "--free-tier=false")
	if err != nil || o == nil {
		t.Fatalf("err = %v", err)
	}
	if !reflect.DeepEqual(o.Paths, []string{"workloads/"}) || !reflect.DeepEqual(o.Examples, []string{"iot"}) || o.FreeTier || !o.changed("free-tier") {
		t.Errorf("options = %+v", *o)
	}
}

func TestReformatFlags(t *testing.T) {
	o, err := parse(t, newReformatCmd, "result.json", "-o", "sarif=s.sarif", "-o", "junit=j.xml", "--fail-on", "medium", "-v")
	if err != nil || o == nil {
		t.Fatalf("err = %v", err)
	}
	if o.Path != "result.json" || !reflect.DeepEqual(o.Outputs, []string{"sarif=s.sarif", "junit=j.xml"}) || o.FailOn != "medium" || !o.Verbose {
		t.Errorf("options = %+v", *o)
	}
	if o, err := parse(t, newReformatCmd); err == nil || o != nil {
		t.Errorf("no FILE: err = %v, ran = %t", err, o != nil)
	}
}

func TestInitFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want InitOptions
	}{
		{nil, InitOptions{Path: "workload.yaml", Template: "starter"}},
		{[]string{"-", "-t", "shop"}, InitOptions{Path: "-", Template: "shop"}},
		{[]string{"app.yaml", "--force", "--template", "iot"}, InitOptions{Path: "app.yaml", Template: "iot", Force: true}},
		{[]string{"--list"}, InitOptions{Path: "workload.yaml", Template: "starter", List: true}},
	} {
		o, err := parse(t, newInitCmd, tc.args...)
		if err != nil || o == nil {
			t.Fatalf("%v: err = %v", tc.args, err)
		}
		got := *o
		got.IO = nil
		if got != tc.want {
			t.Errorf("%v: options = %+v, want %+v", tc.args, got, tc.want)
		}
	}
}

func TestPricingShowFlags(t *testing.T) {
	o, err := parse(t, newPricingCmd, "show", "gcp-cloud-run", "--region", "europe-west1")
	if err != nil || o == nil {
		t.Fatalf("err = %v", err)
	}
	if o.Platform != "gcp-cloud-run" || o.Region != "europe-west1" {
		t.Errorf("options = %+v", *o)
	}
}
