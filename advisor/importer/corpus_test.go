package importer_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/hybridadvisor/hybridadvisor/advisor"
	"github.com/hybridadvisor/hybridadvisor/advisor/engine"
	"github.com/hybridadvisor/hybridadvisor/advisor/importer"
	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
	"github.com/hybridadvisor/hybridadvisor/internal/advisortest"
	"github.com/hybridadvisor/hybridadvisor/pricing"
)

// corpusDir holds one directory per realistic import case, whatever its
// formats: the files of a project as teams keep them, and draft.golden.yaml.
const corpusDir = "../testdata/import"

const goldenName = "draft.golden.yaml"

var (
	advOnce sync.Once
	adv     *advisor.Advisor
	advErr  error
)

func scorer(t *testing.T) *advisor.Advisor {
	t.Helper()
	advOnce.Do(func() {
		var eng *engine.Engine
		eng, advErr = engine.New(context.Background(), engine.Options{})
		if advErr != nil {
			return
		}
		var book *pricing.Book
		book, advErr = pricing.Load()
		if advErr != nil {
			return
		}
		adv, advErr = advisor.New(eng, book, advisor.Options{Today: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
	})
	if advErr != nil {
		t.Fatal(advErr)
	}
	return adv
}

// caseInputs lists a case directory's entries except the golden file, so the
// golden is never read as an input.
func caseInputs(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, e := range entries {
		if e.Name() != goldenName {
			paths = append(paths, e.Name())
		}
	}
	sort.Strings(paths)
	return paths
}

// TestCorpus imports every case directory, compares the draft with its golden
// (-update rewrites it), and checks the draft parses and scores without edits.
func TestCorpus(t *testing.T) {
	cases, err := os.ReadDir(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range cases {
		if !c.IsDir() {
			continue
		}
		n++
		t.Run(c.Name(), func(t *testing.T) {
			t.Chdir(filepath.Join(corpusDir, c.Name()))
			out, err := importer.Import(caseInputs(t), importer.Options{Name: c.Name()})
			if err != nil {
				t.Fatalf("import: %v", err)
			}
			r, err := out.Render("")
			if err != nil {
				t.Fatalf("render: %v", err)
			}
			advisortest.Golden(t, goldenName, r.Text)
			if len(out.Draft.Components) == 0 {
				t.Fatal("the case imports no component")
			}
			checkScores(t, r, len(out.Draft.Components))
		})
	}
	if n < 12 {
		t.Errorf("the corpus has %d cases; want at least 12", n)
	}
}

// checkScores parses the draft with the profile parser and scores it: every
// component gets a recommendation, and every line the parser places a field
// on inside a component maps back to a source.
func checkScores(t *testing.T, r *importer.Rendered, components int) {
	t.Helper()
	f, err := profile.Parse("draft.yaml", r.Text)
	if err != nil {
		t.Fatalf("the draft does not parse: %v", err)
	}
	if len(f.Architectures) != 1 {
		t.Fatalf("%d architectures; want 1", len(f.Architectures))
	}
	arch := f.Architectures[0]
	if len(arch.Placeholders) == 0 {
		t.Error("the parser records no import placeholder in the draft")
	}
	res, err := scorer(t).Architecture(context.Background(), arch)
	if err != nil {
		t.Fatalf("the draft does not score: %v", err)
	}
	if len(res.Components) != components {
		t.Fatalf("%d components scored; want %d", len(res.Components), components)
	}
	for _, c := range res.Components {
		if c.Recommendation.Model == "" {
			t.Errorf("%s has no recommendation", c.Name)
		}
		if _, ok := r.Lines.Locate(c.Line); !ok {
			t.Errorf("%s's line %d maps to no source", c.Name, c.Line)
		}
		for _, fd := range c.Findings {
			if _, ok := r.Lines.Locate(fd.Line); !ok {
				t.Errorf("finding %s on %s at draft line %d maps to no source", fd.Rule, c.Name, fd.Line)
			}
		}
	}
}

// BenchmarkImportCorpus imports and renders every corpus case once per
// iteration.
func BenchmarkImportCorpus(b *testing.B) {
	cases, err := os.ReadDir(corpusDir)
	if err != nil {
		b.Fatal(err)
	}
	var dirs []string
	for _, c := range cases {
		if c.IsDir() {
			dirs = append(dirs, filepath.Join(corpusDir, c.Name()))
		}
	}
	b.ResetTimer()
	for b.Loop() {
		for _, d := range dirs {
			out, err := importer.Import([]string{d}, importer.Options{})
			if err != nil {
				b.Fatal(err)
			}
			if _, err := out.Render(""); err != nil {
				b.Fatal(err)
			}
		}
	}
}
