package pricing

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// pricing sits at the bottom of the tree: of this module it may import only
// data (issue #15: cmd → tui → advisor/* → {pricing, policies, data}).
func TestImportsOnlyData(t *testing.T) {
	const module = "github.com/hybridadvisor/hybridadvisor/"
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		ast, err := parser.ParseFile(fset, f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, im := range ast.Imports {
			path, _ := strconv.Unquote(im.Path.Value)
			if strings.HasPrefix(path, module) && path != module+"data" {
				t.Errorf("%s imports %s: pricing may import only %sdata", f, path, module)
			}
		}
	}
}
