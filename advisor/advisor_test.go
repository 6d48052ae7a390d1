package advisor_test

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hybridadvisor/hybridadvisor/advisor"
	"github.com/hybridadvisor/hybridadvisor/advisor/engine"
	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
	"github.com/hybridadvisor/hybridadvisor/advisor/render"
	"github.com/hybridadvisor/hybridadvisor/pricing"
)

// today pins waiver expiry so golden files do not rot.
var today = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)

var (
	sharedOnce sync.Once
	sharedEng  *engine.Engine
	sharedBook *pricing.Book
	sharedErr  error
)

func newAdvisor(t testing.TB, opts advisor.Options) *advisor.Advisor {
	t.Helper()
	sharedOnce.Do(func() {
		sharedEng, sharedErr = engine.New(context.Background(), engine.Options{})
		if sharedErr == nil {
			sharedBook, sharedErr = pricing.Load()
		}
	})
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	if opts.Today.IsZero() {
		opts.Today = today
	}
	a, err := advisor.New(sharedEng, sharedBook, opts)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func exampleSources(t testing.TB) []advisor.Source {
	t.Helper()
	var out []advisor.Source
	for _, tpl := range profile.Templates() {
		src, ok := profile.Template(tpl.Name)
		if !ok {
			t.Fatalf("template %s listed but missing", tpl.Name)
		}
		out = append(out, advisor.Source{Path: "example:" + tpl.Name, Data: src})
	}
	if len(out) < 3 {
		t.Fatalf("want at least three examples, got %d", len(out))
	}
	return out
}

// TestOrderIndependentOfJobs proves batch output is the same whatever --jobs is.
func TestOrderIndependentOfJobs(t *testing.T) {
	a := newAdvisor(t, advisor.Options{})
	var sources []advisor.Source
	for i := 0; i < 6; i++ {
		sources = append(sources, exampleSources(t)...)
	}
	sources = append(sources, advisor.Source{Path: "bad.yaml", Data: []byte("apiVersion: nope\n")})
	var outs [][]byte
	for _, jobs := range []int{1, 2, 8} {
		var buf bytes.Buffer
		if err := render.JSON(&buf, a.Score(context.Background(), sources, jobs)); err != nil {
			t.Fatal(err)
		}
		outs = append(outs, buf.Bytes())
	}
	for i := 1; i < len(outs); i++ {
		if !bytes.Equal(outs[0], outs[i]) {
			t.Fatalf("output with jobs variant %d differs from jobs=1", i)
		}
	}
}

func TestBadFileDoesNotHideOthers(t *testing.T) {
	a := newAdvisor(t, advisor.Options{})
	srcs := exampleSources(t)[:1]
	srcs = append(srcs, advisor.Source{Path: "broken.yaml", Data: []byte("apiVersion: hybridadvisor/v1\nname: x\ncomponents:\n  - name: a\n    trigger: htp\n    traffic: {requests_per_month: 10}\n    execution: {avg_duration: 1s}\n")})
	srcs = append(srcs, advisor.Expand([]string{filepath.Join(t.TempDir(), "missing.yaml")})...)
	res := a.Score(context.Background(), srcs, 2)
	if res.Summary.Errors != 2 {
		t.Fatalf("errors = %d, want 2", res.Summary.Errors)
	}
	if res.Files[0].Architecture == nil {
		t.Fatal("the good file was not scored")
	}
	bad := res.Files[1]
	if bad.Error == nil || bad.Error.Line != 5 || !strings.Contains(bad.Error.Message, "trigger") {
		t.Fatalf("bad file error = %+v", bad.Error)
	}
	if res.Files[2].Error == nil || !strings.Contains(res.Files[2].Error.Message, "no such file") {
		t.Fatalf("missing file error = %+v", res.Files[2].Error)
	}
}

func TestUnknownRegionIsAnErrorAtItsLine(t *testing.T) {
	a := newAdvisor(t, advisor.Options{})
	src := "apiVersion: hybridadvisor/v1\nname: x\nregions:\n  aws: mars-north-1\ncomponents:\n  - name: a\n    trigger: queue\n    traffic: {requests_per_month: 1000}\n    execution: {avg_duration: 1s}\n"
	res := a.Score(context.Background(), []advisor.Source{{Path: "r.yaml", Data: []byte(src)}}, 1)
	e := res.Files[0].Error
	if e == nil || !strings.Contains(e.Message, "mars-north-1") || e.Line == 0 {
		t.Fatalf("error = %+v", e)
	}
}

func TestWaivers(t *testing.T) {
	a := newAdvisor(t, advisor.Options{})
	// A waiver of an unknown rule is an input error at the waiver's line.
	unknown := "apiVersion: hybridadvisor/v1\nname: x\ncomponents:\n  - name: a\n    trigger: queue\n    traffic: {requests_per_month: 1000}\n    execution: {avg_duration: 1s}\n    waivers:\n      - {rule: NOPE-99, reason: typo, expires: 2027-01-01}\n"
	res := a.Score(context.Background(), []advisor.Source{{Path: "w.yaml", Data: []byte(unknown)}}, 1)
	if e := res.Files[0].Error; e == nil || !strings.Contains(e.Message, "NOPE-99") || e.Line != 9 {
		t.Fatalf("error = %+v", e)
	}
}

func BenchmarkScoreOneComponent(b *testing.B) {
	a := newAdvisor(b, advisor.Options{})
	src := advisor.Source{Path: "one.yaml", Data: []byte(singleComponent(0))}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if files := a.ScoreSource(ctx, src); files[0].Error != nil {
			b.Fatal(files[0].Error)
		}
	}
}

// BenchmarkScoreManyFiles measures batch throughput: single-component files
// scored by the worker pool; reports components/s.
func BenchmarkScoreManyFiles(b *testing.B) {
	a := newAdvisor(b, advisor.Options{})
	const n = 500
	sources := make([]advisor.Source, n)
	for i := range sources {
		sources[i] = advisor.Source{Path: fmt.Sprintf("w%d.yaml", i), Data: []byte(singleComponent(i))}
	}
	ctx := context.Background()
	b.ResetTimer()
	start := time.Now()
	for b.Loop() {
		if res := a.Score(ctx, sources, 0); res.Summary.Errors != 0 {
			b.Fatal(res.Files[0].Error)
		}
	}
	b.ReportMetric(float64(n*b.N)/time.Since(start).Seconds(), "components/s")
}

func singleComponent(i int) string {
	triggers := []string{"http", "queue", "event", "schedule"}
	return fmt.Sprintf(`apiVersion: hybridadvisor/v1
name: bench-%d
components:
  - name: svc-%d
    trigger: %s
    traffic: {requests_per_month: %d, pattern: steady}
    execution: {avg_duration: %dms, memory_mb: %d}
`, i, i, triggers[i%len(triggers)], 100000+i*7919, 50+i%900, 128*(1+i%16))
}

func TestCurvesAgreeWithOptions(t *testing.T) {
	a := newAdvisor(t, advisor.Options{Curves: true})
	src, _ := profile.Template("shop")
	res := a.Score(context.Background(), []advisor.Source{{Path: "shop.yaml", Data: src}}, 1)
	arch := res.Files[0].Architecture
	if arch == nil {
		t.Fatal(res.Files[0].Error)
	}
	checked := 0
	for _, c := range arch.Components {
		for cloud, curve := range c.Curves {
			if len(curve.Points) < 6 {
				t.Errorf("%s/%s: %d points", c.Name, cloud, len(curve.Points))
			}
			for i := 1; i < len(curve.Points); i++ {
				if !curve.Points[i-1].RequestsPerMonth.LessThan(curve.Points[i].RequestsPerMonth.Decimal) {
					t.Errorf("%s/%s: volumes not increasing", c.Name, cloud)
				}
			}
			for _, p := range curve.Points {
				if !p.RequestsPerMonth.Equal(curve.CurrentRequestsPerMonth.Decimal) || curve.FunctionPlatform == "" {
					continue
				}
				for _, o := range c.Options {
					if o.Platform == curve.FunctionPlatform && !o.MonthlyCostUSD.Equal(p.FunctionUSD.Decimal) {
						t.Errorf("%s/%s: curve says %s at today's volume, option says %s", c.Name, cloud, p.FunctionUSD, o.MonthlyCostUSD)
					}
				}
				checked++
			}
		}
	}
	if checked == 0 {
		t.Fatal("no curve point at today's volume was checked")
	}
}
