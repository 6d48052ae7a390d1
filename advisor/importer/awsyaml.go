package importer

// Helpers shared by the Serverless Framework and CloudFormation readers: both read
// one YAML (or JSON) document through yaml.v3 nodes, so every value keeps its line
// and column. Names carry an "aws" prefix so they cannot collide with the other
// readers' helpers in this package.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

const (
	// awsMaxNodes caps the nodes a document may expand to through aliases: a
	// "billion laughs" document is refused before any walk over it.
	awsMaxNodes = 1_000_000
	// awsMaxDepth caps nesting; real templates are a dozen levels deep, and the
	// walks below recurse.
	awsMaxDepth = 200
)

// awsParse reads the first YAML document of data. JSON input that is not valid
// JSON is reported at the line and column encoding/json names, which yaml.v3
// cannot give; everything else goes through yaml.v3 for positions.
func awsParse(name string, data []byte) (*yaml.Node, error) {
	// A byte-order mark is three bytes ahead of line 1, column 1: dropping it
	// keeps every position (encoding/json refuses it; yaml.v3 skips it).
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if awsLooksJSON(data) {
		var raw json.RawMessage
		if err := json.Unmarshal(data, &raw); err != nil {
			var syn *json.SyntaxError
			if errors.As(err, &syn) {
				line, col := awsOffsetPos(data, int(syn.Offset))
				return nil, &SourceError{Source: Source{File: name, Line: line, Column: col}, Message: "JSON syntax error: " + syn.Error()}
			}
			line, col := awsOffsetPos(data, len(data))
			return nil, &SourceError{Source: Source{File: name, Line: line, Column: col}, Message: "JSON: " + err.Error()}
		}
	}
	if awsLooksJSON(data) {
		// Valid JSON has tabs only between tokens; YAML refuses them as
		// indentation, and a space in their place keeps every column.
		data = bytes.ReplaceAll(data, []byte("\t"), []byte(" "))
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &SourceError{Source: Source{File: name}, Message: "empty document"}
		}
		return nil, awsYAMLError(name, err)
	}
	root := &doc
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			return nil, &SourceError{Source: Source{File: name}, Message: "empty document"}
		}
		root = root.Content[0]
	}
	if err := awsCheckSize(name, root); err != nil {
		return nil, err
	}
	return root, nil
}

// awsLooksJSON says whether the first non-space byte opens a JSON object.
func awsLooksJSON(data []byte) bool {
	t := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\ufeff")), " \t\r\n")
	return len(t) > 0 && t[0] == '{'
}

// awsOffsetPos turns a byte offset into a 1-based line and column.
func awsOffsetPos(data []byte, off int) (int, int) {
	if off > len(data) {
		off = len(data)
	}
	if off < 0 {
		off = 0
	}
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	col := off - start
	if col < 1 {
		col = 1
	}
	return line, col
}

// awsYAMLError turns a yaml.v3 error ("yaml: line 7: mapping values are not
// allowed in this context") into a SourceError at that line. yaml.v3 gives no
// column for syntax errors.
func awsYAMLError(name string, err error) error {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if i := strings.IndexByte(rest, ':'); i > 0 {
			if n, err := strconv.Atoi(rest[:i]); err == nil {
				line = n
				msg = strings.TrimSpace(rest[i+1:])
			}
		}
	}
	return &SourceError{Source: Source{File: name, Line: line}, Message: "YAML: " + msg}
}

// awsCheckSize refuses documents that expand beyond awsMaxNodes through
// aliases, that nest deeper than awsMaxDepth, or whose aliases refer to
// themselves. After it passes, every walk over the tree is bounded.
func awsCheckSize(name string, root *yaml.Node) error {
	size := map[*yaml.Node]int{}
	const inProgress = -1
	var visit func(n *yaml.Node, depth int) (int, error)
	visit = func(n *yaml.Node, depth int) (int, error) {
		if depth > awsMaxDepth {
			return 0, &SourceError{Source: awsPos(name, n), Message: fmt.Sprintf("nested deeper than %d levels", awsMaxDepth)}
		}
		if n.Kind == yaml.AliasNode && n.Alias != nil {
			target := n.Alias
			if s, ok := size[target]; ok && s == inProgress {
				return 0, &SourceError{Source: awsPos(name, n), Message: "alias *" + n.Value + " refers to a node that contains it"}
			}
			s, err := visit(target, depth+1)
			return s + 1, err
		}
		if s, ok := size[n]; ok {
			if s == inProgress {
				return 0, &SourceError{Source: awsPos(name, n), Message: "node contains itself"}
			}
			return s, nil
		}
		size[n] = inProgress
		total := 1
		for _, c := range n.Content {
			s, err := visit(c, depth+1)
			if err != nil {
				return 0, err
			}
			total += s
			if total > awsMaxNodes {
				return 0, &SourceError{Source: awsPos(name, n), Message: fmt.Sprintf("document expands to more than %d nodes (aliases)", awsMaxNodes)}
			}
		}
		size[n] = total
		return total, nil
	}
	_, err := visit(root, 0)
	return err
}

// awsPos is the source position of a node.
func awsPos(file string, n *yaml.Node) Source {
	if n == nil {
		return Source{File: file}
	}
	return Source{File: file, Line: n.Line, Column: n.Column}
}

// awsDeref follows an alias to the node it names.
func awsDeref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 8; i++ {
		n = n.Alias
	}
	return n
}

// awsPair is one key and value of a mapping.
type awsPair struct {
	Key, Value *yaml.Node
}

// awsPairs lists a mapping's entries in document order, with YAML merge keys
// ("<<: *defaults") expanded: explicit keys win over merged ones.
func awsPairs(n *yaml.Node) []awsPair {
	n = awsDeref(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	var out, merged []awsPair
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			v = awsDeref(v)
			var srcs []*yaml.Node
			if v != nil && v.Kind == yaml.SequenceNode {
				srcs = v.Content
			} else {
				srcs = []*yaml.Node{v}
			}
			for _, s := range srcs {
				merged = append(merged, awsPairs(s)...)
			}
			continue
		}
		seen[k.Value] = true
		out = append(out, awsPair{k, v})
	}
	for _, p := range merged {
		if !seen[p.Key.Value] {
			seen[p.Key.Value] = true
			out = append(out, p)
		}
	}
	return out
}

// awsGet returns the value of key in mapping n (merge keys included), or nil.
func awsGet(n *yaml.Node, key string) *yaml.Node {
	n = awsDeref(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	// Direct keys first without allocating; merge keys only when present.
	merged := false
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			merged = true
			continue
		}
		if k.Value == key {
			return awsDeref(n.Content[i+1])
		}
	}
	if !merged {
		return nil
	}
	for _, p := range awsPairs(n) {
		if p.Key.Value == key {
			return awsDeref(p.Value)
		}
	}
	return nil
}

// awsGetKey returns the key node of key in mapping n, for positions.
func awsGetKey(n *yaml.Node, key string) *yaml.Node {
	for _, p := range awsPairs(n) {
		if p.Key.Value == key {
			return p.Key
		}
	}
	return nil
}

// awsPath follows keys through nested mappings.
func awsPath(n *yaml.Node, keys ...string) *yaml.Node {
	for _, k := range keys {
		n = awsGet(n, k)
		if n == nil {
			return nil
		}
	}
	return n
}

// awsItems lists a sequence's items, or the node itself when it is a single
// value where a list may stand (CloudFormation and Serverless both accept
// `Action: s3:GetObject` for a one-item list).
func awsItems(n *yaml.Node) []*yaml.Node {
	n = awsDeref(n)
	if n == nil {
		return nil
	}
	if n.Kind == yaml.SequenceNode {
		out := make([]*yaml.Node, 0, len(n.Content))
		for _, c := range n.Content {
			out = append(out, awsDeref(c))
		}
		return out
	}
	return []*yaml.Node{n}
}

// awsIsScalar says whether n is a plain (untagged or standard-tagged) scalar.
func awsIsScalar(n *yaml.Node) bool {
	return n != nil && n.Kind == yaml.ScalarNode && (n.Tag == "" || strings.HasPrefix(n.Tag, "!!"))
}

// awsIsNull says whether n is absent or an explicit null.
func awsIsNull(n *yaml.Node) bool {
	return n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}

// awsInt reads a whole number from a scalar ("1024", 1024, "1024.0" is not).
func awsInt(n *yaml.Node) (int, bool) {
	if !awsIsScalar(n) {
		return 0, false
	}
	v, err := strconv.Atoi(strings.TrimSpace(n.Value))
	if err != nil {
		return 0, false
	}
	return v, true
}

// awsBool reads true/false from a scalar, accepting the quoted forms CloudFormation allows.
func awsBool(n *yaml.Node) (bool, bool) {
	if !awsIsScalar(n) {
		return false, false
	}
	switch strings.ToLower(strings.TrimSpace(n.Value)) {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	return false, false
}

// awsKnownIntrinsics are the CloudFormation intrinsic functions and condition
// functions, by their long names. Anything else written as a tag or an Fn::
// key is noted where it stands and left unevaluated.
var awsKnownIntrinsics = map[string]bool{
	"Ref": true, "Condition": true,
	"Fn::GetAtt": true, "Fn::Sub": true, "Fn::Join": true, "Fn::If": true, "Fn::Select": true,
	"Fn::GetAZs": true, "Fn::ImportValue": true, "Fn::FindInMap": true, "Fn::Equals": true,
	"Fn::Not": true, "Fn::And": true, "Fn::Or": true, "Fn::Split": true, "Fn::Base64": true,
	"Fn::Cidr": true,
}

// awsIntrinsic says whether n is an intrinsic function call, in the short tag
// form (!GetAtt Q.Arn) or the long form ({"Fn::GetAtt": ["Q", "Arn"]}), and
// returns its long name and argument node.
func awsIntrinsic(n *yaml.Node) (string, *yaml.Node, bool) {
	n = awsDeref(n)
	if n == nil {
		return "", nil, false
	}
	if strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
		t := strings.TrimPrefix(n.Tag, "!")
		if t != "Ref" && t != "Condition" {
			t = "Fn::" + t
		}
		return t, n, true
	}
	if n.Kind == yaml.MappingNode && len(n.Content) == 2 {
		k := n.Content[0].Value
		if k == "Ref" || strings.HasPrefix(k, "Fn::") {
			return k, awsDeref(n.Content[1]), true
		}
	}
	return "", nil, false
}

// awsShortName writes an intrinsic the way a template author would: !GetAtt.
func awsShortName(fn string) string {
	return "!" + strings.TrimPrefix(fn, "Fn::")
}

// awsRefTarget returns the logical ID (and attribute) an intrinsic refers to:
// !Ref Q, !GetAtt Q.Arn, !GetAtt [Q, Arn], !Sub "${Q.Arn}".
func awsRefTarget(n *yaml.Node) (logical, attr string, ok bool) {
	fn, arg, isFn := awsIntrinsic(n)
	if !isFn || arg == nil {
		return "", "", false
	}
	switch fn {
	case "Ref":
		if arg.Kind == yaml.ScalarNode && arg.Value != "" {
			return arg.Value, "", true
		}
	case "Fn::GetAtt":
		if arg.Kind == yaml.ScalarNode {
			l, a, _ := strings.Cut(arg.Value, ".")
			return l, a, l != ""
		}
		if arg.Kind == yaml.SequenceNode && len(arg.Content) >= 1 {
			l := awsDeref(arg.Content[0])
			a := ""
			if len(arg.Content) > 1 {
				if an := awsDeref(arg.Content[1]); an != nil {
					a = an.Value
				}
			}
			if l != nil && l.Kind == yaml.ScalarNode && l.Value != "" {
				return l.Value, a, true
			}
		}
	case "Fn::Sub":
		s := arg
		if arg.Kind == yaml.SequenceNode && len(arg.Content) > 0 {
			s = awsDeref(arg.Content[0])
		}
		if s != nil && s.Kind == yaml.ScalarNode && strings.HasPrefix(s.Value, "${") && strings.HasSuffix(s.Value, "}") && strings.Count(s.Value, "${") == 1 {
			l, a, _ := strings.Cut(s.Value[2:len(s.Value)-1], ".")
			if l != "" && !strings.Contains(l, "::") {
				return l, a, true
			}
		}
	}
	return "", "", false
}

// awsNoteIntrinsics notes every intrinsic function the readers do not know,
// at its position, once per node.
func awsNoteIntrinsics(file string, root *yaml.Node, d *Draft) {
	seen := map[*yaml.Node]bool{}
	var walk func(n *yaml.Node, depth int)
	walk = func(n *yaml.Node, depth int) {
		n = awsDeref(n)
		if n == nil || seen[n] || depth > awsMaxDepth {
			return
		}
		seen[n] = true
		if strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
			fn, _, _ := awsIntrinsic(n)
			if !awsKnownIntrinsics[fn] {
				d.Notes = append(d.Notes, Note{From: awsPos(file, n), Text: "unknown intrinsic function " + n.Tag + " left unevaluated"})
			}
		}
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				if strings.HasPrefix(k.Value, "Fn::") && !awsKnownIntrinsics[k.Value] {
					d.Notes = append(d.Notes, Note{From: awsPos(file, k), Text: "unknown intrinsic function " + k.Value + " left unevaluated"})
				}
			}
		}
		for _, c := range n.Content {
			walk(c, depth+1)
		}
	}
	walk(root, 0)
}
