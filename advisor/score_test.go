package advisor_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor"
	"github.com/hybridadvisor/hybridadvisor/advisor/render"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

// streamAll streams sources into one result, summarised with a Tally.
func streamAll(t *testing.T, a *advisor.Advisor, sources []advisor.Source, opts advisor.BatchOptions) *result.Result {
	t.Helper()
	res := a.NewResult()
	tally := advisor.NewTally()
	err := a.Stream(context.Background(), sources, opts, func(files []result.File) error {
		for i := range files {
			tally.Add(&files[i])
		}
		res.Files = append(res.Files, files...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	res.Summary = tally.Summary()
	return res
}

// TestStreamOrderIndependentOfJobs is TestOrderIndependentOfJobs for the
// streaming path: whatever the workers and the window, files come out in input
// order, identical to Score's, and the tally equals Summarise.
func TestStreamOrderIndependentOfJobs(t *testing.T) {
	a := newAdvisor(t, advisor.Options{})
	var sources []advisor.Source
	for i := 0; i < 5; i++ {
		sources = append(sources, exampleSources(t)...)
	}
	sources = append(sources, advisor.Source{Path: "bad.yaml", Data: []byte("apiVersion: nope\n")})
	sources = append(sources, exampleSources(t)[:2]...)

	var want bytes.Buffer
	if err := render.JSON(&want, a.Score(context.Background(), sources, 1)); err != nil {
		t.Fatal(err)
	}
	for _, opts := range []advisor.BatchOptions{{Jobs: 1}, {Jobs: 2}, {Jobs: 8}, {Jobs: 3, Window: 3}, {Jobs: 16, Window: 64}} {
		var got bytes.Buffer
		if err := render.JSON(&got, streamAll(t, a, sources, opts)); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(want.Bytes(), got.Bytes()) {
			t.Fatalf("streamed output with %+v differs from Score", opts)
		}
	}
}

func TestStreamStopsOnEmitError(t *testing.T) {
	a := newAdvisor(t, advisor.Options{})
	var sources []advisor.Source
	for i := 0; i < 8; i++ {
		sources = append(sources, exampleSources(t)...)
	}
	stop := errors.New("disk full")
	n := 0
	err := a.Stream(context.Background(), sources, advisor.BatchOptions{Jobs: 4}, func([]result.File) error {
		n++
		if n == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 3 {
		t.Fatalf("err = %v after %d emits", err, n)
	}
}

func TestStreamCancelled(t *testing.T) {
	a := newAdvisor(t, advisor.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := a.Stream(ctx, exampleSources(t), advisor.BatchOptions{Jobs: 2}, func([]result.File) error { return nil })
	if err != nil && !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
}

// TestBatchDefaults: the batch's regions and free tier apply to profiles that do
// not set them, and never override a profile that does.
func TestBatchDefaults(t *testing.T) {
	a := newAdvisor(t, advisor.Options{})
	plain := "apiVersion: hybridadvisor/v1\nname: plain\ncomponents:\n  - name: a\n    trigger: queue\n    traffic: {requests_per_month: 1000}\n    execution: {avg_duration: 1s}\n"
	own := "apiVersion: hybridadvisor/v1\nname: own\nregions: {aws: us-east-1}\nassumptions: {free_tier: true}\ncomponents:\n  - name: a\n    trigger: queue\n    traffic: {requests_per_month: 1000}\n    execution: {avg_duration: 1s}\n"
	off := false
	res := streamAll(t, a, []advisor.Source{{Path: "plain.yaml", Data: []byte(plain)}, {Path: "own.yaml", Data: []byte(own)}},
		advisor.BatchOptions{Jobs: 2, Regions: map[string]string{"aws": "eu-west-1", "gcp": "europe-west1"}, DefaultsFrom: "team.yaml", FreeTier: &off})
	p, o := res.Files[0].Architecture, res.Files[1].Architecture
	if p == nil || o == nil {
		t.Fatalf("not scored: %+v", res.Files)
	}
	if want := map[string]string{"aws": "eu-west-1", "azure": "eastus", "gcp": "europe-west1"}; !reflect.DeepEqual(p.Regions, want) || p.FreeTier {
		t.Errorf("plain: regions %v free tier %v", p.Regions, p.FreeTier)
	}
	if o.Regions["aws"] != "us-east-1" || o.Regions["gcp"] != "europe-west1" || !o.FreeTier {
		t.Errorf("own: regions %v free tier %v", o.Regions, o.FreeTier)
	}
	found := false
	for _, as := range p.Assumptions {
		if as.Path == "regions.aws" && as.Value == "eu-west-1" && strings.Contains(as.Message, "team.yaml") {
			found = true
		}
	}
	if !found {
		t.Errorf("the default region is not recorded as an assumption: %+v", p.Assumptions)
	}
}

// BenchmarkStreamOverhead measures what the streaming pipeline adds to scoring:
// the same 500 single-component files scored with one worker, emitted to nothing
// (score) or rendered as JSON and SARIF (score+render). The difference per file
// is the pipeline's and the writers' cost.
func BenchmarkStreamOverhead(b *testing.B) {
	a := newAdvisor(b, advisor.Options{})
	const n = 500
	sources := make([]advisor.Source, n)
	for i := range sources {
		sources[i] = advisor.Source{Path: fmt.Sprintf("w%d.yaml", i), Data: []byte(singleComponent(i))}
	}
	ctx := context.Background()
	b.Run("ScoreSource loop", func(b *testing.B) {
		for b.Loop() {
			for _, s := range sources {
				a.ScoreSource(ctx, s)
			}
		}
		b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "files/s")
	})
	b.Run("Stream", func(b *testing.B) {
		for b.Loop() {
			if err := a.Stream(ctx, sources, advisor.BatchOptions{Jobs: 1}, func([]result.File) error { return nil }); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "files/s")
	})
	b.Run("Stream+JSON+SARIF", func(b *testing.B) {
		for b.Loop() {
			js, _ := render.NewStream("json", io.Discard, render.StreamOptions{})
			sa, _ := render.NewStream("sarif", io.Discard, render.StreamOptions{})
			head := a.NewResult()
			js.Begin(head)
			sa.Begin(head)
			tally := advisor.NewTally()
			err := a.Stream(ctx, sources, advisor.BatchOptions{Jobs: 1}, func(files []result.File) error {
				for i := range files {
					tally.Add(&files[i])
					if err := js.File(&files[i]); err != nil {
						return err
					}
					if err := sa.File(&files[i]); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
			head.Summary = tally.Summary()
			js.End(head)
			sa.End(head)
		}
		b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "files/s")
	})
}
