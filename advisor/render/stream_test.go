package render_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/hybridadvisor/hybridadvisor/advisor"
	"github.com/hybridadvisor/hybridadvisor/advisor/baseline"
	"github.com/hybridadvisor/hybridadvisor/advisor/engine"
	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
	"github.com/hybridadvisor/hybridadvisor/advisor/render"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
	"github.com/hybridadvisor/hybridadvisor/internal/advisortest"
	"github.com/hybridadvisor/hybridadvisor/pricing"
)

var fixture = flag.Bool("fixture", false, "regenerate testdata/result.json by scoring the embedded examples (then run -update)")

const fixturePath = "testdata/result.json"

// brokenProfile has an unknown trigger on line 5, column 14.
const brokenProfile = "apiVersion: hybridadvisor/v1\nname: broken\ncomponents:\n  - name: api\n    trigger: htp\n    traffic: {requests_per_month: 10}\n    execution: {avg_duration: 1s}\n"

// TestGenerateFixture scores the embedded examples and a broken file into the
// checked-in fixture every golden test renders from. The goldens then test the
// renderers alone, whatever later changes to rules or prices do to the advice.
func TestGenerateFixture(t *testing.T) {
	if !*fixture {
		t.Skip("run with -fixture to regenerate " + fixturePath)
	}
	eng, err := engine.New(context.Background(), engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	book, err := pricing.Load()
	if err != nil {
		t.Fatal(err)
	}
	a, err := advisor.New(eng, book, advisor.Options{Today: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	var srcs []advisor.Source
	for _, name := range []string{"shop", "starter", "pipeline"} {
		src, ok := profile.Template(name)
		if !ok {
			t.Fatalf("no example %s", name)
		}
		srcs = append(srcs, advisor.Source{Path: "workloads/" + name + ".yaml", Data: src})
	}
	srcs = append(srcs, advisor.Source{Path: "workloads/broken.yaml", Data: []byte(brokenProfile)})
	res := a.Score(context.Background(), srcs, 1)
	var buf bytes.Buffer
	if err := render.JSON(&buf, res); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(fixturePath, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// loadFixture reads the fixture result.
func loadFixture(t *testing.T) *result.Result {
	t.Helper()
	raw, err := os.ReadFile(fixturePath)
	if err != nil {
		t.Fatalf("%v (run go test ./advisor/render/ -run TestGenerateFixture -fixture)", err)
	}
	var r result.Result
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatal(err)
	}
	return &r
}

// withDiffAndGates returns the fixture compared with a baseline in which shop's
// catalog ran elsewhere at another price, pipeline did not exist and an old
// architecture did, with gates that fail.
func withDiffAndGates(t *testing.T) *result.Result {
	t.Helper()
	now := loadFixture(t)
	base := loadFixture(t)
	var files []result.File
	for _, f := range base.Files {
		switch {
		case strings.HasSuffix(f.Path, "pipeline.yaml"):
			continue
		case strings.HasSuffix(f.Path, "shop.yaml"):
			a := *f.Architecture
			a.Components = append([]result.Component(nil), a.Components...)
			c := a.Components[1]
			c.PerCloud = map[string]result.Recommendation{}
			for k, v := range a.Components[1].PerCloud {
				c.PerCloud[k] = v
			}
			rec := c.PerCloud["aws"]
			rec.Platform, rec.Model, rec.MonthlyCostUSD = "aws-lambda", "function", result.PriceOf(decimal.RequireFromString("12.50"), true)
			c.PerCloud["aws"] = rec
			a.Components[1] = c
			a.Totals = map[string]result.Totals{}
			for k, v := range f.Architecture.Totals {
				a.Totals[k] = v
			}
			tt := a.Totals["aws"]
			tt.Recommended = result.USD(tt.Recommended.Sub(decimal.RequireFromString("23.54")))
			a.Totals["aws"] = tt
			f.Architecture = &a
		}
		files = append(files, f)
	}
	files = append(files, result.File{Path: "workloads/legacy.yaml", Architecture: &result.Architecture{
		Name: "legacy", Cloud: "aws", Totals: map[string]result.Totals{"aws": {Recommended: result.USD(decimal.NewFromInt(40))}},
		Components: []result.Component{{Name: "monolith"}},
	}})
	base.Files = files
	var buf bytes.Buffer
	if err := render.JSON(&buf, base); err != nil {
		t.Fatal(err)
	}
	b, err := baseline.Read(&buf, "main.json")
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range now.Files {
		paths = append(paths, f.Path)
	}
	d := b.NewDiffer(paths)
	for i := range now.Files {
		d.File(&now.Files[i])
	}
	now.Diff = d.Finish()
	now.Gates = []result.Gate{
		{Gate: result.GateFailOn, Limit: "high", Passed: false, Failures: []result.GateFailure{{Message: "14 unwaived finding(s) at or above high (14 high)"}}},
		{Gate: result.GateMaxMonthlyCost, Limit: "500", Passed: false, Failures: []result.GateFailure{
			{Path: "workloads/pipeline.yaml", Architecture: "media-pipeline", Cloud: "aws", Message: "media-pipeline (workloads/pipeline.yaml) costs $774.84/month on aws, $274.84 over the limit of $500.00"}}},
		{Gate: result.GateMaxCostIncrease, Limit: "10%", Passed: true},
	}
	return now
}

func render1(t *testing.T, format string, r *result.Result, o render.StreamOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	s, err := render.NewStream(format, &buf, o)
	if err != nil {
		t.Fatal(err)
	}
	if err := render.RenderStream(s, r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	advisortest.Golden(t, filepath.Join("testdata", "golden", name), got)
}

// firstDiff is where two renders first differ.
var firstDiff = advisortest.FirstDiff

// TestGolden pins every format rendered from the fixture, plain and with a diff
// and gates.
func TestGolden(t *testing.T) {
	plain := loadFixture(t)
	full := withDiffAndGates(t)
	for _, format := range render.FormatNames() {
		t.Run(format, func(t *testing.T) {
			switch format {
			case "json":
				// The whole JSON is the fixture itself (a round trip, which reformat
				// relies on); pin only what a diff and gates add.
				raw, err := os.ReadFile(fixturePath)
				if err != nil {
					t.Fatal(err)
				}
				if got := render1(t, format, plain, render.StreamOptions{}); !bytes.Equal(raw, got) {
					t.Errorf("the fixture does not survive a JSON round trip:\n%s", firstDiff(raw, got))
				}
				var tail struct {
					Diff  json.RawMessage `json:"diff"`
					Gates json.RawMessage `json:"gates"`
				}
				if err := json.Unmarshal(render1(t, format, full, render.StreamOptions{}), &tail); err != nil {
					t.Fatal(err)
				}
				golden(t, "json-diff-gates.golden", append(append(append(tail.Diff, '\n'), tail.Gates...), '\n'))
			case "sarif": // a diff and gates do not change SARIF
				golden(t, format+".golden", render1(t, format, full, render.StreamOptions{}))
			default:
				golden(t, format+".golden", render1(t, format, plain, render.StreamOptions{}))
				golden(t, format+"-diff-gates.golden", render1(t, format, full, render.StreamOptions{FailOn: "medium"}))
			}
		})
	}
}

// TestStreamedJSONIsTheContract proves the streamed JSON is byte for byte what
// the whole-result writer produces, with and without the optional fields.
func TestStreamedJSONIsTheContract(t *testing.T) {
	for name, r := range map[string]*result.Result{"plain": loadFixture(t), "full": withDiffAndGates(t), "empty": {SchemaVersion: 1, Files: []result.File{}}} {
		t.Run(name, func(t *testing.T) {
			var want bytes.Buffer
			if err := render.JSON(&want, r); err != nil {
				t.Fatal(err)
			}
			if got := render1(t, "json", r, render.StreamOptions{}); !bytes.Equal(want.Bytes(), got) {
				t.Fatalf("streamed JSON differs from render.JSON:\n%s", firstDiff(want.Bytes(), got))
			}
		})
	}
}

// TestStreamedTableIsTheTable proves the streamed table matches Table for a
// result without a diff (the diff is the streamed table's addition).
func TestStreamedTableIsTheTable(t *testing.T) {
	r := loadFixture(t)
	for _, verbose := range []bool{false, true} {
		var want bytes.Buffer
		if err := render.Table(&want, r, render.TableOptions{Verbose: verbose}); err != nil {
			t.Fatal(err)
		}
		got := render1(t, "table", r, render.StreamOptions{Options: render.Options{Verbose: verbose}})
		if !bytes.Equal(want.Bytes(), got) {
			t.Fatalf("verbose=%v: streamed table differs from Table:\n%s", verbose, firstDiff(want.Bytes(), got))
		}
	}
}

// TestWriteRegistryMatchesStreams checks the whole-result registry renders the
// CI formats the same as their streams (reports and the TUI use the registry).
func TestWriteRegistryMatchesStreams(t *testing.T) {
	r := withDiffAndGates(t)
	for _, format := range []string{"sarif", "junit", "github", "markdown"} {
		var buf bytes.Buffer
		if err := render.Write(&buf, format, r, render.Options{}); err != nil {
			t.Fatal(err)
		}
		// The registry takes --fail-on from the result's gates (high here).
		if want := render1(t, format, r, render.StreamOptions{FailOn: "high"}); !bytes.Equal(want, buf.Bytes()) {
			t.Errorf("%s: registry output differs from the stream:\n%s", format, firstDiff(want, buf.Bytes()))
		}
	}
}

// hostile returns the fixture with user strings that try to break every format.
func hostile(t *testing.T) *result.Result {
	t.Helper()
	r := loadFixture(t)
	const evil = "x|y*z_[a](b)`c`<d>&e\n::error::f%g,h:i\r\x1b[31mred$m$"
	for i := range r.Files {
		f := &r.Files[i]
		f.Path = "dir/" + evil + ".yaml"
		if f.Error != nil {
			f.Error.Message = evil
			continue
		}
		f.Architecture.Name = evil
		for j := range f.Architecture.Components {
			c := &f.Architecture.Components[j]
			c.Name = evil
			for k := range c.Findings {
				c.Findings[k].Message = evil
				c.Findings[k].Title = evil
				c.Findings[k].Remediation = evil
			}
		}
	}
	return r
}

// BenchmarkRenderPerComponent is the writers' cost per scored component (the
// fixture's files rendered in every format), to compare with scoring's ~3 ms.
func BenchmarkRenderPerComponent(b *testing.B) {
	raw, err := os.ReadFile(fixturePath)
	if err != nil {
		b.Fatal(err)
	}
	var r result.Result
	if err := json.Unmarshal(raw, &r); err != nil {
		b.Fatal(err)
	}
	for _, format := range render.FormatNames() {
		b.Run(format, func(b *testing.B) {
			for b.Loop() {
				s, _ := render.NewStream(format, io.Discard, render.StreamOptions{})
				if err := render.RenderStream(s, &r); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*r.Summary.Components), "µs/component")
		})
	}
}
