package advisor_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor"
)

// BenchmarkDiscoverFiles lists 500 profile files named on the command line:
// the cost of telling each from an importable file.
func BenchmarkDiscoverFiles(b *testing.B) {
	dir := b.TempDir()
	paths := make([]string, 500)
	for i := range paths {
		paths[i] = filepath.Join(dir, fmt.Sprintf("w%d.yaml", i))
		if err := os.WriteFile(paths[i], []byte(singleComponent(i)), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		if found, _ := advisor.Discover(paths); len(found) != len(paths) {
			b.Fatal(len(found))
		}
	}
}
