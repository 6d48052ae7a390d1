package tui

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestImportsOnlyAdvisor: the TUI reaches the pricing, the policies and the
// data only through advisor/... (the result and the advisor's API).
// tui.go's Config still names the price book; it is the entry point cmd
// builds, and moves to an advisor.Service with it.
func TestImportsOnlyAdvisor(t *testing.T) {
	const module = "github.com/hybridadvisor/hybridadvisor/"
	files, _ := filepath.Glob("*.go")
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			rel, ours := strings.CutPrefix(path, module)
			if !ours || rel == "advisor" || strings.HasPrefix(rel, "advisor/") || strings.HasPrefix(rel, "tui/") {
				continue
			}
			if name == "tui.go" && rel == "pricing" {
				continue // the entry point's Config (see above)
			}
			t.Errorf("%s imports %s; the TUI may import only advisor/... and its own packages", name, path)
		}
	}
}
