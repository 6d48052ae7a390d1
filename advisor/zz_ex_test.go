package advisor_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor"
)

func BenchmarkZZExamples(b *testing.B) {
	a := newAdvisor(b, advisor.Options{})
	files, _ := filepath.Glob("../data/examples/*.yaml")
	var sources []advisor.Source
	for k := range 20 {
		for _, f := range files {
			data, _ := os.ReadFile(f)
			sources = append(sources, advisor.Source{Path: fmt.Sprintf("%d-%s", k, filepath.Base(f)), Data: data})
		}
	}
	ctx := context.Background()
	for b.Loop() {
		if res := a.Score(ctx, sources, 0); res.Summary.Errors != 0 {
			b.Fatal(res.Files[0].Error)
		}
	}
}
