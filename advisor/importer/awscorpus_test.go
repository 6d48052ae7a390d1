package importer

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The AWS corpus cases (advisor/testdata/import/2x-…, 3x-…) are imported by the
// core's harness; here each of their files must be detected by exactly the AWS
// reader meant for it and read without error, so a case cannot silently hold
// a file these readers skip.
func TestAWSCorpusFilesRead(t *testing.T) {
	root := filepath.Join("..", "testdata", "import")
	cases, err := os.ReadDir(root)
	if err != nil {
		t.Skip("no corpus yet")
	}
	n := 0
	for _, c := range cases {
		if !c.IsDir() || !(strings.HasPrefix(c.Name(), "2") || strings.HasPrefix(c.Name(), "3")) {
			continue
		}
		dir := filepath.Join(root, c.Name())
		err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() || strings.HasPrefix(e.Name(), "draft.golden") {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			var f Format
			for _, cand := range []Format{serverlessFormat{}, cloudFormationFormat{}} {
				if cand.Detect(e.Name(), data) {
					if f != nil {
						t.Errorf("%s: detected as both %s and %s", path, f.Name(), cand.Name())
					}
					f = cand
				}
			}
			if f == nil {
				return nil // another reader's file
			}
			n++
			d, err := f.Read(e.Name(), data)
			if err != nil {
				t.Errorf("%s: %v", path, err)
				return nil
			}
			if len(d.Components) == 0 {
				t.Errorf("%s: no components", path)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if n < 8 {
		t.Errorf("read %d AWS corpus files, want at least 8", n)
	}
}
