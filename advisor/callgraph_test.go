package advisor

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor/engine"
	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
	"github.com/hybridadvisor/hybridadvisor/pricing"
)

// graphArch builds an architecture whose components call each other as edges
// says ("a>b" sync, "a~b" async).
func graphArch(names []string, edges ...string) *profile.Architecture {
	arch := &profile.Architecture{}
	byName := map[string]*profile.Component{}
	for _, n := range names {
		c := &profile.Component{Name: n}
		arch.Components = append(arch.Components, c)
		byName[n] = c
	}
	for _, e := range edges {
		mode, sep := "sync", ">"
		if strings.Contains(e, "~") {
			mode, sep = "async", "~"
		}
		from, to, _ := strings.Cut(e, sep)
		byName[from].Calls = append(byName[from].Calls, profile.Call{To: to, Mode: mode})
	}
	return arch
}

func TestSyncChains(t *testing.T) {
	cases := []struct {
		name  string
		nodes []string
		edges []string
		want  map[string]string // component -> "hops: a -> b -> c" ("" = no chain), then " back: calls[i]..."
	}{
		{"a line", []string{"a", "b", "c", "d"}, []string{"a>b", "b>c", "c>d"},
			map[string]string{"a": "3: a -> b -> c -> d", "b": "2: b -> c -> d", "d": ""}},
		{"async calls do not count", []string{"a", "b", "c"}, []string{"a>b", "b~c"},
			map[string]string{"a": "1: a -> b", "b": ""}},
		{"the longer branch wins", []string{"a", "b", "c", "d"}, []string{"a>b", "a>c", "c>d"},
			map[string]string{"a": "2: a -> c -> d"}},
		{"equal branches: the names that sort first", []string{"a", "z", "m", "x", "y"}, []string{"a>z", "a>m", "z>x", "m>y"},
			map[string]string{"a": "2: a -> m -> y"}},
		{"ties are broken on the whole path", []string{"a", "b", "c", "d", "e"}, []string{"a>b", "a>c", "b>e", "c>d"},
			map[string]string{"a": "2: a -> b -> e"}},
		{"a diamond", []string{"a", "b", "c", "d"}, []string{"a>b", "a>c", "b>d", "c>d"},
			map[string]string{"a": "2: a -> b -> d", "d": ""}},
		{"calls inside a cycle are left out", []string{"a", "b", "c", "d"}, []string{"a>b", "b>c", "c>b", "c>d"},
			// b and c call each other (RES-06 reports that); a -> b and c -> d remain
			map[string]string{"a": "1: a -> b", "b": " back: [0]", "c": "1: c -> d back: [0]"}},
		{"a self-call is a cycle", []string{"a", "b"}, []string{"a>a", "a>b"},
			map[string]string{"a": "1: a -> b back: [0]"}},
		{"an async call never leads back", []string{"a", "b"}, []string{"a>b", "b~a"},
			map[string]string{"a": "1: a -> b", "b": ""}},
		{"a three-component cycle", []string{"a", "b", "c"}, []string{"a~c", "a>b", "b>c", "c>a"},
			map[string]string{"a": " back: [1]", "b": " back: [0]", "c": " back: [0]"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			arch := graphArch(tc.nodes, tc.edges...)
			chains := syncChains(arch)
			for i, c := range arch.Components {
				want, ok := tc.want[c.Name]
				if !ok {
					continue
				}
				got := ""
				if ch := chains[i]; ch.Hops > 0 {
					got = fmt.Sprintf("%d: %s", ch.Hops, strings.Join(ch.Path, " -> "))
				}
				if back := chains[i].LeadsBack; len(back) > 0 {
					got += fmt.Sprintf(" back: %v", back)
				}
				if got != want {
					t.Errorf("%s: got %q, want %q", c.Name, got, want)
				}
			}
		})
	}
}

// TestSyncChainsDenseGraph: 1,000 components each calling every later one
// (499,500 sync calls, about 10^299 paths from the first) is linear work.
func TestSyncChainsDenseGraph(t *testing.T) {
	const n = 1000
	names, arch := denseArch(n, n)
	chains := syncChains(arch)
	if got := chains[0].Hops; got != n-1 {
		t.Fatalf("longest chain from the first: %d hops, want %d", got, n-1)
	}
	if !slices.Equal(chains[0].Path, names) {
		t.Errorf("the longest chain should visit every component in order")
	}
}

// TestHangingProfileScores is the reproduction from the hardening review: 30
// services each calling the next three synchronously made RES-05 enumerate
// every path (memory grew 25 MB/s until killed). It must now score, and RES-05
// must report the 29-hop chain from svc00.
func TestHangingProfileScores(t *testing.T) {
	var b strings.Builder
	b.WriteString("apiVersion: hybridadvisor/v1\nname: chain\ncomponents:\n")
	for i := range 30 {
		fmt.Fprintf(&b, "  - name: svc%02d\n    trigger: http\n    traffic: {requests_per_month: 1000000}\n    execution: {avg_duration: 50ms}\n", i)
		if i < 29 {
			b.WriteString("    calls:\n")
			for j := i + 1; j <= min(i+3, 29); j++ {
				fmt.Fprintf(&b, "      - {to: svc%02d, mode: sync}\n", j)
			}
		}
	}
	f, err := profile.Parse("chain.yaml", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	a := newTestAdvisor(t)
	arch, err := a.Architecture(context.Background(), f.Architectures[0])
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, fd := range arch.Components[0].Findings {
		if fd.Rule == "RES-05" {
			found = strings.Contains(fd.Message, "chain of 29 synchronous calls (svc00 -> svc01 -> svc02")
		}
	}
	if !found {
		t.Errorf("RES-05 should report svc00's 29-hop chain; findings: %+v", arch.Components[0].Findings)
	}
}

func BenchmarkSyncChainsDense(b *testing.B) {
	_, arch := denseArch(1000, 10)

	for b.Loop() {
		syncChains(arch)
	}
}

func newTestAdvisor(t *testing.T) *Advisor {
	t.Helper()
	eng, err := engine.New(context.Background(), engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	book, err := pricing.Load()
	if err != nil {
		t.Fatal(err)
	}
	a, err := New(eng, book, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// denseArch is n components, each calling the next fanout ones synchronously.
func denseArch(n, fanout int) ([]string, *profile.Architecture) {
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("s%04d", i)
	}
	var edges []string
	for i := range n {
		for j := i + 1; j < min(n, i+1+fanout); j++ {
			edges = append(edges, names[i]+">"+names[j])
		}
	}
	return names, graphArch(names, edges...)
}
