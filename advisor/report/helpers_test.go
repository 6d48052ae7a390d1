package report_test

import (
	"bytes"
	"context"
	"io/fs"
	"path/filepath"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/hybridadvisor/hybridadvisor/advisor"
	"github.com/hybridadvisor/hybridadvisor/advisor/engine"
	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
	"github.com/hybridadvisor/hybridadvisor/advisor/report"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
	"github.com/hybridadvisor/hybridadvisor/data"
	"github.com/hybridadvisor/hybridadvisor/internal/advisortest"
	"github.com/hybridadvisor/hybridadvisor/pricing"
)

// today pins the report date and waiver expiry so golden files do not rot.
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
	opts.Today = today
	opts.Curves = true
	a, err := advisor.New(sharedEng, sharedBook, opts)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func example(t testing.TB, name string) advisor.Source {
	t.Helper()
	src, ok := profile.Template(name)
	if !ok {
		t.Fatalf("no example %s", name)
	}
	return advisor.Source{Path: "example:" + name, Data: src}
}

// renderReport scores the sources and renders the report with the default template.
func renderReport(t testing.TB, sources []advisor.Source, opts report.Options) string {
	t.Helper()
	out, _ := renderInput(t, sources, opts)
	return out
}

func renderInput(t testing.TB, sources []advisor.Source, opts report.Options) (string, *result.Result) {
	t.Helper()
	a := newAdvisor(t, advisor.Options{})
	res := a.Score(context.Background(), sources, 1)
	a.AddCatalog(res)
	opts.Today = today
	var buf bytes.Buffer
	if err := report.Render(&buf, res, opts); err != nil {
		t.Fatal(err)
	}
	return buf.String(), res
}

// knownURLs are the URLs a report may link to: the sources of the cost lines
// in the result and of the bundled platform limits.
func knownURLs(res *result.Result) func(string) bool {
	urls := map[string]bool{}
	for _, f := range res.Files {
		if f.Architecture == nil {
			continue
		}
		for _, c := range f.Architecture.Components {
			for _, o := range c.Options {
				for _, l := range o.CostLines {
					urls[l.Source] = true
				}
			}
			for _, o := range c.Glue {
				for _, l := range o.CostLines {
					urls[l.Source] = true
				}
			}
		}
	}
	src, _ := fs.ReadFile(data.FS, "limits.yaml")
	for _, m := range regexp.MustCompile(`source: "(https?://[^"]+)"`).FindAllSubmatch(src, -1) {
		urls[string(m[1])] = true
	}
	return func(u string) bool { return urls[u] }
}

// golden compares a report with testdata/NAME.golden.md (rewritten with -update).
func golden(t *testing.T, name, got string) {
	t.Helper()
	advisortest.Golden(t, filepath.Join("testdata", name+".golden.md"), []byte(got))
}
