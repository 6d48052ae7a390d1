package baseline_test

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/shopspring/decimal"

	"github.com/hybridadvisor/hybridadvisor/advisor/baseline"
	"github.com/hybridadvisor/hybridadvisor/advisor/render"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
	"github.com/hybridadvisor/hybridadvisor/advisor/safetext"
)

// The fuzz targets of saved results: whatever bytes reformat or --compare-to
// read, they never panic, and what they accept renders safely. The seeds are
// small (see FuzzParse on why: the fuzzer minimises every new input one byte
// at a time): a result using most fields, split in two, a tail with a diff and
// gates, a schema_version 1 result, the input.

// fileResult and optionsResult split a result using most fields in two.
const fileResult = `{"schema_version": 2, "tool": {"name": "h"}, "pricing": {"version": "p"}, "settings": {"clouds": ["aws", "gcp"]}, "files": [
{"path": "s.yaml", "document": 1, "error": null, "architecture": {"name": "shop", "description": "d", "cloud": "aws", "verdict": "hybrid",
 "verdicts": {"gcp": "functions"}, "verdict_reasons": {"aws": [{"rule": "D-1", "message": "m"}]}, "regions": {"aws": "r"},
 "components": [{"name": "api", "line": 7, "column": 5,
  "recommendation": {"model": "function", "platform": "aws-lambda", "cloud": "aws", "monthly_cost_usd": 12.5, "priced": true},
  "per_cloud": {"gcp": {"model": "serverless-container", "platform": "gcp-cloud-run", "cloud": "gcp", "priced": false}},
  "findings": [{"rule": "S-1", "severity": "high", "message": "m", "line": 8},
   {"rule": "O-1", "severity": "low", "waived": true, "waiver_reason": "w", "waiver_expires": "2027"}]}],
 "totals": {"aws": {"recommended": 12.5, "incomplete": ["i"], "unpriced": [{"component": "api", "platform": "aws-eks"}]}, "gcp": {"recommended": 3}}}},
{"path": "b.yaml", "error": {"message": "bad", "line": 5, "column": 14}, "errors": [{"message": "bad"}]}],
"summary": {"files": 2, "findings": {"high": 1}, "waived": 1}}`

const optionsResult = `{"schema_version": 2, "files": [{"path": "s.yaml", "architecture": {"name": "a", "cloud": "aws",
 "components": [{"name": "api", "recommendation": {"model": "function", "platform": "aws-lambda", "cloud": "aws", "priced": false},
  "preferences": [{"rule": "D-2", "model": "function", "weight": 1, "message": "m"}],
  "options": [{"platform": "aws-eks", "cloud": "aws", "model": "orchestrated-container", "eligible": false,
   "excluded_by": [{"rule": "E-1", "message": "m"}], "note": "n", "cost_lines": [{"quantity": 1.5, "unit_price_usd": 0.0000166667, "monthly_cost_usd": 0.01}]}],
  "break_even": {"aws": {"requests_per_month": 1000, "sentence": "s"}}}],
 "totals": {"aws": {"recommended": 1, "all_functions": 2, "all_containers": 40, "glue": 0.4, "free_tier_savings": 1}}}}]}`

const tailResult = `{"schema_version": 2, "files": [],
 "diff": {"baseline": "m.json", "totals": {"aws": {"before": 1, "after": 2, "delta": 1, "percent": 100}}, "changed": 1,
  "architectures": [{"path": "a.yaml", "name": "a", "status": "changed", "cloud": "aws", "baseline_cloud": "gcp",
   "cost": {"delta": 1, "incomplete": true}, "components": [{"name": "c", "status": "added", "after": {"platform": "aws-lambda", "monthly_cost_usd": 2}}]}]},
 "gates": [{"gate": "fail-on", "limit": "high", "failures": [{"message": "m"}]},
  {"gate": "max-monthly-cost", "limit": "1", "passed": true, "warnings": [{"path": "a.yaml", "message": "w"}]}]}`

func addResultSeeds(f *testing.F) {
	for _, s := range []string{
		fileResult, optionsResult, tailResult, v1Result,
		`{"schema_version":1,"files":[{"path":"a"}]}`,
		`{"schema_version": 2, "files": [{"path": "::warning::x ##[add-mask]y", "error": {"message": "a\nb\u200b\u202e\u001b[31m"}}]}`,
		`{}`, `[]`, `{"schema_version": 2, "files": null}`,
	} {
		f.Add([]byte(s))
	}
}

// noControl reports whether an error message fits on one clean line.
func noControl(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) || safetext.Invisible(r) })
}

// FuzzReadResult: Scan never panics, its errors are one clean line, and every
// file it hands on satisfies what writers rely on.
func FuzzReadResult(f *testing.F) {
	addResultSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		err := baseline.Scan(bytes.NewReader(data), baseline.Visitor{
			File: func(fl *result.File) error {
				if (fl.Error == nil) == (fl.Architecture == nil) {
					t.Fatalf("a file with error %v and architecture %v", fl.Error, fl.Architecture)
				}
				if err := result.ValidateFile(fl); err != nil {
					t.Fatalf("an accepted file (after Upgrade) no longer validates: %v", err)
				}
				return nil
			},
		})
		if err != nil && (err.Error() == "" || !noControl(err.Error())) {
			t.Fatalf("error message %q", err)
		}
	})
}

// FuzzReformat: rendering whatever Scan accepts, in every format, never
// panics; JSON formats stay valid JSON and no text format holds a line a CI
// runner would run (github's own annotations aside).
func FuzzReformat(f *testing.F) {
	addResultSeeds(f)
	formats := render.FormatNames()
	f.Fuzz(func(t *testing.T, data []byte) {
		bufs := make([]bytes.Buffer, len(formats))
		streams := make([]render.Stream, len(formats))
		for i, format := range formats {
			s, err := render.NewStream(format, &bufs[i], render.StreamOptions{Options: render.Options{Verbose: true}, FailOn: "low"})
			if err != nil {
				t.Fatal(err)
			}
			streams[i] = s
		}
		each := func(call func(render.Stream) error) error {
			for _, s := range streams {
				if err := call(s); err != nil {
					return err
				}
			}
			return nil
		}
		err := baseline.Scan(bytes.NewReader(data), baseline.Visitor{
			Head: func(h *result.Result) error { return each(func(s render.Stream) error { return s.Begin(h) }) },
			File: func(fl *result.File) error { return each(func(s render.Stream) error { return s.File(fl) }) },
			Tail: func(tl *result.Result) error { return each(func(s render.Stream) error { return s.End(tl) }) },
		})
		if err != nil {
			return
		}
		for i, format := range formats {
			out := bufs[i].String()
			if (format == "json" || format == "sarif") && !json.Valid(bufs[i].Bytes()) {
				t.Fatalf("%s output is not valid JSON:\n%s", format, out)
			}
			for _, l := range strings.FieldsFunc(out, func(r rune) bool { return r == '\n' || r == '\r' }) {
				name, ok := safetext.RunnerCommand(l)
				if ok && !(format == "github" && strings.HasPrefix(l, "::"+name+" ") && (name == "error" || name == "warning" || name == "notice")) {
					t.Fatalf("%s: the runner would run %q", format, l)
				}
			}
		}
	})
}

var (
	runOnce sync.Once
	run     *result.Result
	runErr  error
)

// loadRun is the run a baseline is compared with: the render fixture (the
// embedded examples and a broken file), read once per fuzzing process.
func loadRun(tb testing.TB) *result.Result {
	runOnce.Do(func() {
		var raw []byte
		if raw, runErr = os.ReadFile("../render/testdata/result.json"); runErr == nil {
			run = &result.Result{}
			runErr = json.Unmarshal(raw, run)
		}
	})
	if runErr != nil {
		tb.Fatal(runErr)
	}
	return run
}

// compactBaseline is the run reduced to what a baseline keeps, with one price
// changed: a small seed that matches the run's paths and names.
func compactBaseline(r *result.Result) []byte {
	type comp struct {
		Name     string                           `json:"name"`
		PerCloud map[string]result.Recommendation `json:"per_cloud"`
	}
	var files []map[string]any
	for _, f := range r.Files {
		if f.Architecture == nil {
			files = append(files, map[string]any{"path": f.Path, "error": map[string]any{"message": "x"}})
			continue
		}
		a := f.Architecture
		totals := map[string]map[string]any{}
		for c, t := range a.Totals {
			totals[c] = map[string]any{"recommended": result.USD(t.Recommended.Add(decimal.NewFromInt(int64(len(c)))))}
		}
		var comps []comp
		for i, c := range a.Components {
			if i == 3 {
				break
			}
			pc := map[string]result.Recommendation{}
			for k, v := range c.PerCloud {
				pc[k] = result.Recommendation{Model: v.Model, Platform: v.Platform, Cloud: v.Cloud, MonthlyCostUSD: v.MonthlyCostUSD, Priced: v.Priced}
			}
			comps = append(comps, comp{c.Name, pc})
		}
		files = append(files, map[string]any{"path": f.Path, "error": nil, "architecture": map[string]any{"name": a.Name, "cloud": a.Cloud, "totals": totals, "components": comps}})
	}
	raw, _ := json.Marshal(files)
	return append(append([]byte(`{"schema_version": 2, "files": `), raw...), '}')
}

// FuzzCompareTo: any baseline Read accepts compares with a run without
// panicking, the diff's counts add up, and the diff renders and reads back
// (a result with this diff must itself pass ValidateTail).
func FuzzCompareTo(f *testing.F) {
	r := loadRun(f)
	f.Add(compactBaseline(r))
	addResultSeeds(f)
	paths := make([]string, len(r.Files))
	for i, fl := range r.Files {
		paths[i] = fl.Path
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := baseline.Read(bytes.NewReader(data), "base.json")
		if err != nil {
			return
		}
		d := b.NewDiffer(paths)
		for i := range r.Files {
			d.File(&r.Files[i])
		}
		diff := d.Finish()
		if diff.Added+diff.Changed+diff.Removed != len(diff.Architectures) {
			t.Fatalf("counts %d+%d+%d for %d architectures", diff.Added, diff.Changed, diff.Removed, len(diff.Architectures))
		}
		tail := &result.Result{SchemaVersion: result.SchemaVersion, Files: []result.File{}, Summary: r.Summary, Diff: diff}
		if err := result.ValidateTail(tail); err != nil {
			t.Fatalf("the diff would not read back: %v", err)
		}
		for _, format := range []string{"table", "markdown", "json"} {
			var buf bytes.Buffer
			s, _ := render.NewStream(format, &buf, render.StreamOptions{})
			if err := s.Begin(tail); err != nil {
				t.Fatal(err)
			}
			if err := s.End(tail); err != nil {
				t.Fatal(err)
			}
			if format == "json" {
				if _, err := baseline.Read(&buf, "again"); err != nil {
					t.Fatalf("the diff's JSON does not read back: %v", err)
				}
			}
		}
	})
}

// TestFuzzSeedsAreResults keeps the valid seeds valid, or the fuzzers would
// start from errors only.
func TestFuzzSeedsAreResults(t *testing.T) {
	for name, s := range map[string][]byte{"file": []byte(fileResult), "options": []byte(optionsResult), "tail": []byte(tailResult), "v1": []byte(v1Result), "compact baseline": compactBaseline(loadRun(t))} {
		if _, err := baseline.Read(bytes.NewReader(s), name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
