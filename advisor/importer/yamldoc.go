package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Helpers over yaml.v3 nodes for the YAML readers (Compose, Kubernetes). The
// yn prefix keeps them apart from the other readers' helpers in this package.

// ynMaxNodes bounds the nodes one file may expand to, aliases followed: a YAML
// bomb (billion laughs) is refused before any reader walks it.
const ynMaxNodes = 1_000_000

// ynMaxDepth bounds nesting; real manifests are a few dozen levels deep.
const ynMaxDepth = 100

var ynLineRe = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// ynDecodeAll decodes every document of a YAML stream. Syntax errors and
// bombs become a *SourceError at the line the YAML reader names.
func ynDecodeAll(name string, data []byte) ([]*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var docs []*yaml.Node
	budget := ynMaxNodes
	for {
		n := &yaml.Node{}
		err := ynDecodeOne(dec, n)
		if err == io.EOF {
			return docs, nil
		}
		if err != nil {
			return docs, ynError(name, err)
		}
		if err := ynCheck(name, n, &budget, 0); err != nil {
			return docs, err
		}
		docs = append(docs, n)
	}
}

// ynDecodeOne decodes one document; yaml.v3 panics on a few malformed inputs.
func ynDecodeOne(dec *yaml.Decoder, n *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the YAML reader could not parse this input (%v)", r)
		}
	}()
	return dec.Decode(n)
}

func ynError(name string, err error) *SourceError {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	if m := ynLineRe.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &SourceError{Source: Source{File: name, Line: line}, Message: "YAML: " + m[2]}
	}
	return &SourceError{Source: Source{File: name}, Message: strings.TrimPrefix(msg, "yaml: ")}
}

// ynCheck walks a document, aliases followed, against the node budget and the
// depth cap.
func ynCheck(name string, n *yaml.Node, budget *int, depth int) error {
	if n == nil {
		return nil
	}
	*budget--
	if *budget < 0 {
		return &SourceError{Source: Source{File: name, Line: n.Line, Column: n.Column},
			Message: fmt.Sprintf("the YAML expands to more than %d nodes (aliases followed); refusing it as a YAML bomb", ynMaxNodes)}
	}
	if depth > ynMaxDepth {
		return &SourceError{Source: Source{File: name, Line: n.Line, Column: n.Column},
			Message: fmt.Sprintf("the YAML is nested more than %d levels deep", ynMaxDepth)}
	}
	if n.Kind == yaml.AliasNode {
		return ynCheck(name, n.Alias, budget, depth+1)
	}
	for _, c := range n.Content {
		if err := ynCheck(name, c, budget, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// ynResolve follows aliases and unwraps a document node.
func ynResolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && i < 16; i++ {
		switch n.Kind {
		case yaml.AliasNode:
			n = n.Alias
		case yaml.DocumentNode:
			if len(n.Content) == 0 {
				return nil
			}
			n = n.Content[0]
		default:
			return n
		}
	}
	return n
}

// ynGet returns the value of key in mapping n (aliases followed), or nil.
// With duplicate keys the last wins, as in most YAML loaders.
func ynGet(n *yaml.Node, key string) *yaml.Node {
	_, v := ynEntry(n, key)
	return ynResolve(v)
}

// ynKey returns the key node of key in mapping n, for positions.
func ynKey(n *yaml.Node, key string) *yaml.Node {
	k, _ := ynEntry(n, key)
	return k
}

// ynEntry returns the last key node named key in mapping n and its value
// node as written, or nils.
func ynEntry(n *yaml.Node, key string) (k, v *yaml.Node) {
	n = ynResolve(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if rk := ynResolve(n.Content[i]); rk != nil && rk.Kind == yaml.ScalarNode && rk.Value == key {
			k, v = n.Content[i], n.Content[i+1]
		}
	}
	return k, v
}

// ynPath follows keys from n.
func ynPath(n *yaml.Node, keys ...string) *yaml.Node {
	for _, k := range keys {
		n = ynGet(n, k)
		if n == nil {
			return nil
		}
	}
	return n
}

// ynPairs returns a mapping's key/value pairs in order (aliases followed;
// merge keys "<<" expanded first, so explicit keys override them).
func ynPairs(n *yaml.Node) [][2]*yaml.Node {
	n = ynResolve(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	var out [][2]*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := ynResolve(n.Content[i]), ynResolve(n.Content[i+1])
		if k == nil || v == nil {
			continue
		}
		if k.Kind == yaml.ScalarNode && k.Value == "<<" && k.Tag == "!!merge" {
			switch v.Kind {
			case yaml.MappingNode:
				out = append(out, ynPairs(v)...)
			case yaml.SequenceNode:
				for _, m := range v.Content {
					out = append(out, ynPairs(m)...)
				}
			}
			continue
		}
		out = append(out, [2]*yaml.Node{k, v})
	}
	// Later keys override earlier ones (merged keys come first).
	seen := map[string]int{}
	var dedup [][2]*yaml.Node
	for _, p := range out {
		if p[0].Kind == yaml.ScalarNode {
			if i, ok := seen[p[0].Value]; ok {
				dedup[i] = p
				continue
			}
			seen[p[0].Value] = len(dedup)
		}
		dedup = append(dedup, p)
	}
	return dedup
}

// ynItems returns a sequence's items (aliases followed), or nil.
func ynItems(n *yaml.Node) []*yaml.Node {
	n = ynResolve(n)
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	out := make([]*yaml.Node, 0, len(n.Content))
	for _, c := range n.Content {
		if c = ynResolve(c); c != nil {
			out = append(out, c)
		}
	}
	return out
}

// ynStr returns a scalar's text; ok is false for anything else or null.
func ynStr(n *yaml.Node) (string, bool) {
	n = ynResolve(n)
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return "", false
	}
	return n.Value, true
}

// ynBool reads a YAML boolean (true/false; Compose also writes "true" quoted).
func ynBool(n *yaml.Node) (bool, bool) {
	s, ok := ynStr(n)
	if !ok {
		return false, false
	}
	switch strings.ToLower(s) {
	case "true", "yes", "on":
		return true, true
	case "false", "no", "off":
		return false, true
	}
	return false, false
}

// ynInt reads a whole number.
func ynInt(n *yaml.Node) (int, bool) {
	s, ok := ynStr(n)
	if !ok {
		return 0, false
	}
	v, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0, false
	}
	return v, true
}

// ynSrc is the source position of a node in file.
func ynSrc(file string, n *yaml.Node) Source {
	if n == nil {
		return Source{File: file}
	}
	return Source{File: file, Line: n.Line, Column: n.Column}
}

// asSourceError returns err as a *SourceError of file name.
func asSourceError(name string, err error) *SourceError {
	var se *SourceError
	if errors.As(err, &se) {
		return se
	}
	return &SourceError{Source: Source{File: name}, Message: err.Error()}
}
