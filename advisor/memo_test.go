package advisor_test

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor"
	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
)

// TestMemoGivesWhatAnEvaluationGives scores a sequence of what-if edits of every example with
// one memoising advisor and compares each result with a fresh advisor's, byte for byte: a
// recalled decision, break-even point or curve must be exactly what evaluating again gives.
func TestMemoGivesWhatAnEvaluationGives(t *testing.T) {
	ctx := context.Background()
	memo := newAdvisor(t, advisor.Options{Curves: true, Memo: advisor.NewMemo()})
	for _, info := range profile.Templates() {
		name := info.Name
		src, ok := profile.Template(name)
		if !ok {
			t.Fatalf("template %s missing", name)
		}
		versions := [][]byte{src}
		// Each edit changes one component's input; the last one restores the first version,
		// whose entries are all in the memo by then.
		for _, edit := range [][2]string{{"pattern: steady", "pattern: spiky"}, {"memory_mb: 512", "memory_mb: 1769"}, {"trigger: queue", "trigger: http"}} {
			if bytes.Contains(src, []byte(edit[0])) {
				versions = append(versions, bytes.Replace(src, []byte(edit[0]), []byte(edit[1]), 1))
			}
		}
		versions = append(versions, src)
		if len(versions) < 3 {
			t.Fatalf("%s: no edit applies", name)
		}
		for i, v := range versions {
			fresh := newAdvisor(t, advisor.Options{Curves: true})
			want := scoreJSON(t, fresh, ctx, v)
			if got := scoreJSON(t, memo, ctx, v); got != want {
				t.Errorf("%s version %d: the memoising advisor's result differs from a fresh evaluation", name, i)
			}
		}
	}
}

// TestMemoSharedAcrossFiles scores copies of one profile on several workers at once, so they
// race for the same memo entries; run with -race.
func TestMemoSharedAcrossFiles(t *testing.T) {
	src, _ := profile.Template("shop")
	sources := make([]advisor.Source, 6)
	for i := range sources {
		sources[i] = advisor.Source{Path: "shop.yaml", Data: src}
	}
	ctx := context.Background()
	memo := newAdvisor(t, advisor.Options{Curves: true, Memo: advisor.NewMemo()})
	want := scoreJSON(t, newAdvisor(t, advisor.Options{Curves: true}), ctx, src)
	wantFile := fileJSON(t, newAdvisor(t, advisor.Options{Curves: true}).Score(ctx, sources[:1], 1).Files[0])
	for range 2 {
		for i, f := range memo.Score(ctx, sources, 4).Files {
			if got := fileJSON(t, f); got != wantFile {
				t.Fatalf("copy %d: the memoising advisor's result differs from a fresh evaluation", i)
			}
		}
	}
	if got := scoreJSON(t, memo, ctx, src); got != want {
		t.Fatal("after concurrent scoring, the memoising advisor's result differs from a fresh evaluation")
	}
}

func scoreJSON(t *testing.T, a *advisor.Advisor, ctx context.Context, src []byte) string {
	t.Helper()
	res := a.Score(ctx, []advisor.Source{{Path: "p.yaml", Data: src}}, 1)
	if res.Summary.Errors != 0 {
		t.Fatalf("score: %+v", res.Files[0].Error)
	}
	out, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func fileJSON(t *testing.T, f any) string {
	t.Helper()
	out, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// TestMemoSharedByAdvisors shares one memo between advisors with other options, as the TUI
// does when the primary cloud or the free tier is switched: each result must still be what a
// fresh advisor with the same options gives.
func TestMemoSharedByAdvisors(t *testing.T) {
	ctx := context.Background()
	src, _ := profile.Template("shop")
	memo := advisor.NewMemo()
	free := false
	for _, opts := range []advisor.Options{
		{Curves: true}, {Curves: true, Cloud: "gcp"}, {Curves: false}, {Curves: true, FreeTier: &free}, {Curves: true, Clouds: []string{"aws"}},
	} {
		want := scoreJSON(t, newAdvisor(t, opts), ctx, src)
		opts.Memo = memo
		if got := scoreJSON(t, newAdvisor(t, opts), ctx, src); got != want {
			t.Errorf("options %+v: the result with a shared memo differs from a fresh evaluation", opts)
		}
	}
}
