package profile

import (
	"bufio"
	"bytes"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/hybridadvisor/hybridadvisor/data"
)

// TemplateInfo describes one embedded example profile. (The type is not called
// Template because the function that returns a template's text has that name.)
type TemplateInfo struct {
	Name        string // file name without extension: "shop"
	Description string // the file's first comment line
}

const examplesDir = "examples"

// Templates lists the embedded example profiles, sorted by name.
func Templates() []TemplateInfo {
	names, _ := fs.Glob(data.FS, examplesDir+"/*.yaml")
	out := make([]TemplateInfo, 0, len(names))
	for _, n := range names {
		src, err := fs.ReadFile(data.FS, n)
		if err != nil {
			continue
		}
		out = append(out, TemplateInfo{
			Name:        strings.TrimSuffix(path.Base(n), ".yaml"),
			Description: firstComment(src),
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Template returns the text of the embedded example profile called name.
func Template(name string) ([]byte, bool) {
	if name == "" || strings.ContainsAny(name, `/\.`) {
		return nil, false
	}
	src, err := fs.ReadFile(data.FS, examplesDir+"/"+name+".yaml")
	if err != nil {
		return nil, false
	}
	return src, true
}

// firstComment returns the text of the first comment line ("# ...").
func firstComment(src []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(src))
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(l, "#") {
			return strings.TrimSpace(strings.TrimLeft(l, "#"))
		}
		if l != "" && l != "---" {
			return ""
		}
	}
	return ""
}
