package report_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestImportsOnlyResultAndRender: the report renders from the result alone.
// Its code (tests aside) imports of this module only the result, the
// renderers and safetext, the leaf text helper the renderers use too.
func TestImportsOnlyResultAndRender(t *testing.T) {
	const module = "github.com/hybridadvisor/hybridadvisor/"
	allowed := map[string]bool{
		module + "advisor/result":   true,
		module + "advisor/render":   true,
		module + "advisor/safetext": true,
	}
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
			if strings.HasPrefix(path, module) && !allowed[path] {
				t.Errorf("%s imports %s; the report may import only advisor/result, advisor/render and advisor/safetext", name, path)
			}
		}
	}
}
