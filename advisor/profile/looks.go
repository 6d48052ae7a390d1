package profile

import (
	"bufio"
	"bytes"
	"io"
	"strings"

	"gopkg.in/yaml.v3"
)

// LooksLikeProfile reports whether src is meant as a hybridadvisor profile:
// one of its YAML documents is a mapping whose top-level apiVersion names
// hybridadvisor ("hybridadvisor/v1", or another version, which Parse then
// reports). A Kubernetes manifest, a compose file or a CI workflow is not.
//
// Directory walks use it to pass over the other YAML of a repository; a file
// named on the command line is parsed whatever this says. It is decided by
// parsing, so comments, quotes and key order do not matter. Where the YAML
// does not parse (a typo, or a Helm template), the top-level apiVersion lines
// are parsed one by one instead, so a broken profile is still reported as one.
func LooksLikeProfile(src []byte) bool {
	if len(src) > MaxFileSize {
		src = src[:MaxFileSize]
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	for {
		var doc yaml.Node
		err := decodeNext(dec, &doc)
		if err == io.EOF {
			return false
		}
		if err != nil {
			return apiVersionLine(src)
		}
		if isProfileDocument(&doc) {
			return true
		}
	}
}

func isProfileDocument(n *yaml.Node) bool {
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			return false
		}
		n = n.Content[0]
	}
	if n.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Value == "apiVersion" {
			return v.Kind == yaml.ScalarNode && namesUs(v.Value)
		}
	}
	return false
}

func namesUs(apiVersion string) bool {
	return strings.HasPrefix(strings.TrimSpace(apiVersion), "hybridadvisor/")
}

// apiVersionLine parses each unindented line that starts with apiVersion as a
// one-line YAML mapping.
func apiVersionLine(src []byte) bool {
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(make([]byte, 0, 4096), 64<<10)
	for sc.Scan() {
		line := sc.Bytes()
		if !bytes.HasPrefix(line, []byte("apiVersion")) && !bytes.HasPrefix(line, []byte(`"apiVersion"`)) && !bytes.HasPrefix(line, []byte(`'apiVersion'`)) {
			continue
		}
		var m map[string]any
		if yaml.Unmarshal(line, &m) != nil {
			continue
		}
		if s, ok := m["apiVersion"].(string); ok && namesUs(s) {
			return true
		}
	}
	return false
}

// TopLevelAPIVersionLine reports whether a line at the start of a line, unindented, reads
// "apiVersion: hybridadvisor/..." (quoted or not): a cheap positive test before LooksLikeProfile
// parses the whole file. It never looks into nested mappings, so it cannot mistake one.
func TopLevelAPIVersionLine(src []byte) bool {
	for len(src) > 0 {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		rest, ok := bytes.CutPrefix(line, []byte("apiVersion:"))
		if !ok {
			continue
		}
		v := bytes.Trim(bytes.TrimSpace(rest), `"'`)
		return bytes.HasPrefix(v, []byte("hybridadvisor/"))
	}
	return false
}
