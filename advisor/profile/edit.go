package profile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// This file edits profiles in place, for the TUI's what-if changes and for saving
// them back. An edit is made on the yaml.v3 Node tree (the source of truth for
// what the file means) and then written into the original text as a splice: only
// the bytes of the edited value change, or one line is added for a new key. The
// splice is checked by reading the new text back and comparing its tree with the
// edited tree; when they differ (a case the splicer does not handle, such as a
// block scalar) the whole tree is re-encoded with yaml.Encoder at indent 2, which
// keeps comments, key order and flow/quote styles but normalises the rest (see
// Doc.Normalised).

// Doc is the YAML text of a profile file held for editing. Its zero value is not
// usable; build one with NewDoc.
type Doc struct {
	src        []byte
	roots      []*yaml.Node // one DocumentNode per YAML document of src
	normalised bool
	// quoting is how the user wrote each scalar Set has edited, keyed by
	// "doc/path": recorded at the first edit, from the text as read, so a
	// value passing through other forms while it is typed ("", "150", then
	// "150ms") ends up quoted as the user quoted it. Absent keys are plain.
	quoting map[string]yaml.Style
}

// NewDoc reads src for editing. It fails when src is not YAML (Parse gives the
// precise, positioned message for that); it does not validate the profile.
func NewDoc(src []byte) (*Doc, error) {
	roots, err := decodeAll(src)
	if err != nil {
		return nil, err
	}
	return &Doc{src: append([]byte(nil), src...), roots: roots}, nil
}

// Reset replaces the text with src (an earlier version of it, for undo),
// keeping what the Doc knows of how the user quotes each edited value.
func (d *Doc) Reset(src []byte) error {
	roots, err := decodeAll(src)
	if err != nil {
		return err
	}
	d.src, d.roots, d.normalised = append([]byte(nil), src...), roots, false
	return nil
}

// userQuoting returns (recording it on first use) how the user wrote the scalar
// at path: single- or double-quoted, or 0 for plain or not written.
func (d *Doc) userQuoting(doc int, path string) yaml.Style {
	k := strconv.Itoa(doc) + "/" + path
	if s, ok := d.quoting[k]; ok {
		return s
	}
	var s yaml.Style
	if n := LookupNode(d.roots[doc], path); n != nil && n.Kind == yaml.ScalarNode {
		s = quotingOf(n)
	}
	if d.quoting == nil {
		d.quoting = map[string]yaml.Style{}
	}
	d.quoting[k] = s
	return s
}

// quotingOf is the quote style of a string scalar, 0 when it is plain (or not
// a string).
func quotingOf(n *yaml.Node) yaml.Style {
	if n.ShortTag() != "!!str" {
		return 0
	}
	return n.Style & (yaml.SingleQuotedStyle | yaml.DoubleQuotedStyle)
}

// Bytes returns the current text.
func (d *Doc) Bytes() []byte { return append([]byte(nil), d.src...) }

// Mappings reports whether every non-empty document of the text is a YAML
// mapping: whether it looks like a profile at all, rather than some other file
// whose lines should not be shown.
func (d *Doc) Mappings() bool {
	for _, r := range d.roots {
		n := r
		if n.Kind == yaml.DocumentNode {
			if len(n.Content) == 0 {
				continue
			}
			n = n.Content[0]
		}
		if n.Kind != yaml.MappingNode && !(n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null") {
			return false
		}
	}
	return true
}

// Documents is the number of YAML documents in the text.
func (d *Doc) Documents() int { return len(d.roots) }

// Normalised reports whether an edit could not be spliced into the text, so the
// whole file was re-encoded by yaml.v3 (blank lines dropped, comment alignment
// and indentation normalised; comments, key order and styles kept).
func (d *Doc) Normalised() bool { return d.normalised }

// Get returns the scalar at path in document doc (0-based) as written, and
// whether there is one.
func (d *Doc) Get(doc int, path string) (string, bool) {
	if doc < 0 || doc >= len(d.roots) {
		return "", false
	}
	n := LookupNode(d.roots[doc], path)
	if n == nil || n.Kind != yaml.ScalarNode {
		return "", false
	}
	return n.Value, true
}

// Has reports whether path is written in document doc, whatever its kind.
func (d *Doc) Has(doc int, path string) bool {
	return doc >= 0 && doc < len(d.roots) && LookupNode(d.roots[doc], path) != nil
}

// Set sets the scalar at path in document doc (0-based) to value, adding the key
// (and any missing mappings above it) when it is not written. The value keeps
// the user's quoting byte for byte: a value the user wrote in 'single' or
// "double" quotes stays so quoted, whatever it is changed to and through;
// a plain one (or a new key) stays plain unless YAML would then read it as
// something else ("", "a: b"), which is double-quoted. Comments and everything
// else in the file are kept.
func (d *Doc) Set(doc int, path, value string) error {
	if doc < 0 || doc >= len(d.roots) {
		return fmt.Errorf("no YAML document %d", doc+1)
	}
	quoting := d.userQuoting(doc, path)
	if n := LookupNode(d.roots[doc], path); n != nil && n.Kind == yaml.ScalarNode && n.Value == value &&
		(quotingOf(n) == quoting || quoting == 0 && plainTag(value) != "!!str" && n.ShortTag() == "!!str") {
		return nil
	}
	want := cloneNodes(d.roots)
	ed, err := setScalar(want[doc], path, value, &quoting)
	if err != nil {
		return err
	}
	var candidate []byte
	var ok bool
	if ed.existing != nil {
		candidate, ok = d.spliceScalar(ed.existing, ed.node, ed.flow)
	} else {
		candidate, ok = d.spliceKey(doc, ed)
	}
	return d.commit(want, candidate, ok)
}

// RenameKey renames the key at path in document doc (0-based) to newKey, keeping
// its value, position and comments. It fails when newKey already exists there.
func (d *Doc) RenameKey(doc int, path, newKey string) error {
	if doc < 0 || doc >= len(d.roots) {
		return fmt.Errorf("no YAML document %d", doc+1)
	}
	want := cloneNodes(d.roots)
	if err := RenameKey(want[doc], path, newKey); err != nil {
		return err
	}
	oldKey, _, _ := findKeyNode(d.roots[doc], path)
	newKeyNode, _, _ := findKeyNode(want[doc], siblingPath(path, newKey))
	var candidate []byte
	ok := false
	if oldKey != nil && newKeyNode != nil {
		candidate, ok = d.spliceScalar(oldKey, newKeyNode, false)
	}
	return d.commit(want, candidate, ok)
}

// siblingPath replaces the last key of path: siblingPath("a.b", "c") is "a.c".
func siblingPath(path, key string) string {
	if p := parentPathOf(path); p != "" {
		return p + "." + key
	}
	return key
}

// commit adopts the spliced candidate when it reads back as want, and otherwise
// re-encodes want.
func (d *Doc) commit(want []*yaml.Node, candidate []byte, ok bool) error {
	if ok {
		if got, err := decodeAll(candidate); err == nil && sameNodes(got, want) {
			d.src, d.roots = candidate, got
			return nil
		}
	}
	out, err := EncodeNodes(want)
	if err != nil {
		return err
	}
	got, err := decodeAll(out)
	if err != nil {
		return fmt.Errorf("re-encoded profile does not read back: %w", err)
	}
	d.src, d.roots, d.normalised = out, got, true
	return nil
}

// EncodeNodes writes YAML documents with yaml.v3 at indent 2. Comments, key order
// and flow and quote styles survive; blank lines, the spacing before line
// comments and indentation are normalised.
func EncodeNodes(roots []*yaml.Node) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	for _, r := range roots {
		if err := enc.Encode(r); err != nil {
			return nil, err
		}
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// decodeAll reads every YAML document of src.
func decodeAll(src []byte) (roots []*yaml.Node, err error) {
	defer func() {
		if r := recover(); r != nil { // yaml.v3 panics on a few malformed inputs
			roots, err = nil, fmt.Errorf("yaml: the YAML reader could not parse this input (%v)", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(src))
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		roots = append(roots, &n)
	}
	if len(roots) == 0 {
		roots = []*yaml.Node{{Kind: yaml.DocumentNode}}
	}
	return roots, nil
}

// step is one segment of a field path: a key, or an index into a list.
type step struct {
	key   string
	index int // -1 for a key
}

// splitPath parses "components[1].execution.memory_mb".
func splitPath(path string) ([]step, error) {
	if path == "" {
		return nil, errors.New("empty field path")
	}
	var out []step
	for _, seg := range strings.Split(path, ".") {
		key, rest, _ := strings.Cut(seg, "[")
		if key == "" {
			return nil, fmt.Errorf("bad field path %q", path)
		}
		out = append(out, step{key: key, index: -1})
		for rest != "" {
			num, after, ok := strings.Cut(rest, "]")
			i, err := strconv.Atoi(num)
			if !ok || err != nil || i < 0 {
				return nil, fmt.Errorf("bad field path %q", path)
			}
			out = append(out, step{index: i})
			rest = strings.TrimPrefix(after, "[")
			if after != "" && !strings.HasPrefix(after, "[") {
				return nil, fmt.Errorf("bad field path %q", path)
			}
		}
	}
	return out, nil
}

func docContent(root *yaml.Node) *yaml.Node {
	if root != nil && root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			return nil
		}
		return root.Content[0]
	}
	return root
}

// LookupNode returns the node at path under root (a document or a mapping), or nil.
func LookupNode(root *yaml.Node, path string) *yaml.Node {
	steps, err := splitPath(path)
	if err != nil {
		return nil
	}
	n := docContent(root)
	for _, s := range steps {
		if n == nil {
			return nil
		}
		if s.index >= 0 {
			if n.Kind != yaml.SequenceNode || s.index >= len(n.Content) {
				return nil
			}
			n = n.Content[s.index]
			continue
		}
		_, v := mappingEntry(n, s.key)
		n = v
	}
	return n
}

// findKeyNode returns the key node of the entry at path, its value and its mapping.
func findKeyNode(root *yaml.Node, path string) (key, val, mapping *yaml.Node) {
	parent := parentPathOf(path)
	m := docContent(root)
	if parent != "" {
		m = LookupNode(root, parent)
	}
	steps, err := splitPath(path)
	if err != nil || m == nil {
		return nil, nil, nil
	}
	last := steps[len(steps)-1]
	if last.index >= 0 {
		return nil, nil, nil
	}
	k, v := mappingEntry(m, last.key)
	return k, v, m
}

// parentPathOf is the path of the mapping holding the last key of path.
func parentPathOf(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[:i]
	}
	return ""
}

func mappingEntry(m *yaml.Node, key string) (k, v *yaml.Node) {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i], m.Content[i+1]
		}
	}
	return nil, nil
}

// SetScalar sets the scalar at path under root (a document or a mapping) to
// value, adding the key and any missing mappings on the way. List items are
// never created: an index past the end is an error.
func SetScalar(root *yaml.Node, path, value string) error {
	_, err := setScalar(root, path, value, nil)
	return err
}

// scalarEdit describes what setScalar changed, for the splicer.
type scalarEdit struct {
	node     *yaml.Node // the new or changed scalar in the edited tree
	existing *yaml.Node // the scalar it replaced (edited tree), nil when added
	flow     bool       // the scalar sits inside a flow collection
	// For an added key: the mapping that received it (edited tree), the path of
	// that mapping, and the keys added (the first holds the rest as mappings).
	mapping     *yaml.Node
	mappingPath string
	added       []string
}

// setScalar edits the tree. quoting is the user's quote style for the value
// (see Doc.Set); nil takes it from the scalar being replaced.
func setScalar(root *yaml.Node, path, value string, quoting *yaml.Style) (*scalarEdit, error) {
	steps, err := splitPath(path)
	if err != nil {
		return nil, err
	}
	if root.Kind == yaml.DocumentNode && len(root.Content) == 0 {
		root.Content = []*yaml.Node{{Kind: yaml.MappingNode, Tag: "!!map"}}
	}
	n := docContent(root)
	ed := &scalarEdit{}
	var done []string // path walked so far
	for i, s := range steps {
		last := i == len(steps)-1
		if s.index >= 0 {
			if n.Kind != yaml.SequenceNode || s.index >= len(n.Content) {
				return nil, fmt.Errorf("%s: no list item %d", path, s.index)
			}
			if n.Style&yaml.FlowStyle != 0 {
				ed.flow = true
			}
			n = n.Content[s.index]
			done[len(done)-1] += fmt.Sprintf("[%d]", s.index)
			if last {
				return nil, fmt.Errorf("%s: a list item is not a value", path)
			}
			continue
		}
		if n.Kind != yaml.MappingNode {
			return nil, fmt.Errorf("%s: %s is not a mapping", path, strings.Join(done, "."))
		}
		if n.Style&yaml.FlowStyle != 0 {
			ed.flow = true
		}
		_, v := mappingEntry(n, s.key)
		if v == nil {
			if ed.mapping == nil {
				ed.mapping, ed.mappingPath = n, strings.Join(done, ".")
			}
			ed.added = append(ed.added, s.key)
			k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s.key}
			if last {
				v = newScalar(nil, value, quoting)
			} else {
				v = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Style: n.Style & yaml.FlowStyle}
			}
			n.Content = append(n.Content, k, v)
		} else if last {
			if v.Kind != yaml.ScalarNode {
				return nil, fmt.Errorf("%s is %s, not a single value", path, describe(v))
			}
			old := *v
			*v = *newScalar(&old, value, quoting)
			ed.existing = &old
		}
		done = append(done, s.key)
		n = v
	}
	ed.node = n
	return ed, nil
}

// newScalar builds the scalar node for value replacing old (nil for a new key),
// in the user's quoting (nil: old's quoting). A quoted value stays quoted the
// same way, whatever the new value; a plain one is written plain when YAML
// reads that back as value, and double-quoted by the encoder otherwise.
func newScalar(old *yaml.Node, value string, quoting *yaml.Style) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Value: value}
	var q yaml.Style
	if old != nil {
		n.Line, n.Column = old.Line, old.Column
		n.HeadComment, n.LineComment, n.FootComment = old.HeadComment, old.LineComment, old.FootComment
		q = quotingOf(old)
	}
	if quoting != nil {
		q = *quoting
	}
	if q != 0 {
		n.Style, n.Tag = q, "!!str"
		return n
	}
	n.Tag = plainTag(value)
	return n
}

// plainTag is the tag YAML gives value written as a plain scalar, when that reads
// back as exactly value (a number, a boolean, null); otherwise !!str, which the
// encoder quotes when a plain scalar would read differently.
func plainTag(value string) string {
	if value == "" || strings.ContainsAny(value, "\n\r") {
		return "!!str"
	}
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(value), &n); err != nil {
		return "!!str"
	}
	c := docContent(&n)
	if c == nil || c.Kind != yaml.ScalarNode || c.Style != 0 || c.Value != value ||
		c.HeadComment != "" || c.LineComment != "" || c.FootComment != "" || n.HeadComment != "" || n.FootComment != "" {
		return "!!str"
	}
	switch t := c.ShortTag(); t {
	case "!!int", "!!float", "!!bool", "!!null":
		return t
	}
	return "!!str"
}

// RenameKey renames the key at path under root to newKey.
func RenameKey(root *yaml.Node, path, newKey string) error {
	k, _, m := findKeyNode(root, path)
	if k == nil {
		return fmt.Errorf("%s is not written", path)
	}
	if nk, _ := mappingEntry(m, newKey); nk != nil {
		return fmt.Errorf("%s already has %s", parentPathOf(path), newKey)
	}
	k.Value = newKey
	k.Tag = plainTag(newKey)
	if k.Tag != "!!str" {
		k.Tag, k.Style = "!!str", yaml.DoubleQuotedStyle
	}
	return nil
}

// ---- splicing -------------------------------------------------------------

// offset converts a node's 1-based line and (character) column to a byte offset.
func offset(src []byte, line, col int) (int, bool) {
	if line < 1 || col < 1 {
		return 0, false
	}
	i := 0
	for l := 1; l < line; l++ {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			return 0, false
		}
		i += j + 1
	}
	for c := 1; c < col; c++ {
		if i >= len(src) || src[i] == '\n' {
			return 0, false
		}
		_, size := utf8.DecodeRune(src[i:])
		i += size
	}
	return i, true
}

// scalarExtent returns the byte range of the scalar n as written in src.
func scalarExtent(src []byte, n *yaml.Node, flow bool) (start, end int, ok bool) {
	start, ok = offset(src, n.Line, n.Column)
	if !ok || start >= len(src) {
		return 0, 0, false
	}
	switch {
	case n.Style&yaml.DoubleQuotedStyle != 0:
		if src[start] != '"' {
			return 0, 0, false
		}
		for i := start + 1; i < len(src); i++ {
			switch src[i] {
			case '\\':
				i++
			case '"':
				return start, i + 1, true
			}
		}
		return 0, 0, false
	case n.Style&yaml.SingleQuotedStyle != 0:
		if src[start] != '\'' {
			return 0, 0, false
		}
		for i := start + 1; i < len(src); i++ {
			if src[i] == '\'' {
				if i+1 < len(src) && src[i+1] == '\'' {
					i++
					continue
				}
				return start, i + 1, true
			}
		}
		return 0, 0, false
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle|yaml.TaggedStyle) != 0 || n.Tag != "" && strings.HasPrefix(string(src[start:]), "!"):
		return 0, 0, false
	}
	end = start
	for end < len(src) {
		c := src[end]
		if c == '\n' || c == '\r' {
			break
		}
		if flow && (c == ',' || c == ']' || c == '}') {
			break
		}
		if c == '#' && end > start && (src[end-1] == ' ' || src[end-1] == '\t') {
			break
		}
		if c == ':' && (end+1 == len(src) || strings.IndexByte(" \t\r\n", src[end+1]) >= 0 || flow && strings.IndexByte(",[]{}", src[end+1]) >= 0) {
			break // ": " ends a key
		}
		end++
	}
	for end > start && (src[end-1] == ' ' || src[end-1] == '\t') {
		end--
	}
	return start, end, end > start
}

// nodeEnd returns the byte offset just past the node as written.
func nodeEnd(src []byte, n *yaml.Node, flow bool) (int, bool) {
	switch n.Kind {
	case yaml.ScalarNode:
		_, end, ok := scalarExtent(src, n, flow)
		return end, ok
	case yaml.MappingNode, yaml.SequenceNode:
		if n.Style&yaml.FlowStyle != 0 {
			start, ok := offset(src, n.Line, n.Column)
			if !ok {
				return 0, false
			}
			end, ok := closeBracket(src, start)
			return end + 1, ok
		}
		if len(n.Content) == 0 {
			return 0, false
		}
		return nodeEnd(src, n.Content[len(n.Content)-1], false)
	}
	return 0, false
}

// closeBracket returns the offset of the bracket closing the one at open,
// skipping quoted strings and comments.
func closeBracket(src []byte, open int) (int, bool) {
	if open >= len(src) || (src[open] != '{' && src[open] != '[') {
		return 0, false
	}
	depth := 0
	for i := open; i < len(src); i++ {
		switch c := src[i]; c {
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i, true
			}
		case '"':
			for i++; i < len(src) && src[i] != '"'; i++ {
				if src[i] == '\\' {
					i++
				}
			}
		case '\'':
			for i++; i < len(src); i++ {
				if src[i] == '\'' {
					if i+1 < len(src) && src[i+1] == '\'' {
						i++
						continue
					}
					break
				}
			}
		case '#':
			if i > 0 && (src[i-1] == ' ' || src[i-1] == '\t') {
				for i < len(src) && src[i] != '\n' {
					i++
				}
			}
		}
	}
	return 0, false
}

// renderScalar writes n as it appears in YAML text, on one line.
func renderScalar(n *yaml.Node, flow bool) (string, bool) {
	c := *n
	c.HeadComment, c.LineComment, c.FootComment = "", "", ""
	if flow && c.Style == 0 && c.Tag == "!!str" && strings.ContainsAny(c.Value, ",[]{}") {
		c.Style = yaml.DoubleQuotedStyle
	}
	out, err := yaml.Marshal(&c)
	if err != nil {
		return "", false
	}
	s := strings.TrimSuffix(string(out), "\n")
	if strings.ContainsAny(s, "\n\r") || strings.HasPrefix(s, "!") {
		return "", false
	}
	return s, true
}

// spliceScalar replaces the text of old (a node of d.roots' positions) with n.
func (d *Doc) spliceScalar(old, n *yaml.Node, flow bool) ([]byte, bool) {
	start, end, ok := scalarExtent(d.src, old, flow)
	if !ok {
		return nil, false
	}
	text, ok := renderScalar(n, flow)
	if !ok {
		return nil, false
	}
	out := make([]byte, 0, len(d.src)+len(text))
	out = append(out, d.src[:start]...)
	out = append(out, text...)
	return append(out, d.src[end:]...), true
}

// spliceKey writes a key added by setScalar: inside a flow mapping before its
// closing brace, in a block mapping as a new line after its last entry.
func (d *Doc) spliceKey(doc int, ed *scalarEdit) ([]byte, bool) {
	// The mapping as it is in the current text (same path, current positions).
	m := docContent(d.roots[doc])
	if ed.mappingPath != "" {
		m = LookupNode(d.roots[doc], ed.mappingPath)
	}
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, false
	}
	value, ok := renderScalar(ed.node, ed.flow || m.Style&yaml.FlowStyle != 0)
	if !ok {
		return nil, false
	}
	keys := make([]string, len(ed.added))
	for i, k := range ed.added {
		kt, ok := renderScalar(&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k}, true)
		if !ok {
			return nil, false
		}
		keys[i] = kt
	}
	if m.Style&yaml.FlowStyle != 0 {
		open, ok := offset(d.src, m.Line, m.Column)
		if !ok {
			return nil, false
		}
		closing, ok := closeBracket(d.src, open)
		if !ok || d.src[closing] != '}' {
			return nil, false
		}
		text := keys[len(keys)-1] + ": " + value
		for i := len(keys) - 2; i >= 0; i-- {
			text = keys[i] + ": {" + text + "}"
		}
		at := closing
		for at > open+1 && (d.src[at-1] == ' ' || d.src[at-1] == '\t') {
			at--
		}
		if len(m.Content) > 0 {
			text = ", " + text
		}
		return splice(d.src, at, at, text), true
	}
	if len(m.Content) == 0 {
		return nil, false
	}
	end, ok := nodeEnd(d.src, m.Content[len(m.Content)-1], false)
	if !ok {
		return nil, false
	}
	nl := "\n"
	if bytes.Contains(d.src, []byte("\r\n")) {
		nl = "\r\n"
	}
	// Insert after the line the last entry ends on (its line comment included).
	at := len(d.src)
	prefix := ""
	if j := bytes.IndexByte(d.src[end:], '\n'); j >= 0 {
		at = end + j + 1
	} else {
		prefix = nl
	}
	indent := m.Content[0].Column - 1
	step := d.indentStep()
	var b strings.Builder
	b.WriteString(prefix)
	for i, k := range keys {
		b.WriteString(strings.Repeat(" ", indent+i*step))
		b.WriteString(k)
		b.WriteByte(':')
		if i == len(keys)-1 {
			b.WriteString(" " + value)
		}
		b.WriteString(nl)
	}
	return splice(d.src, at, at, b.String()), true
}

// indentStep guesses the file's indentation step from its first nested block
// mapping; 2 when there is none.
func (d *Doc) indentStep() int {
	var walk func(n *yaml.Node) int
	walk = func(n *yaml.Node) int {
		if n == nil {
			return 0
		}
		if n.Kind == yaml.MappingNode && n.Style&yaml.FlowStyle == 0 {
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if v.Kind == yaml.MappingNode && v.Style&yaml.FlowStyle == 0 && len(v.Content) > 0 && v.Line > k.Line {
					if s := v.Content[0].Column - k.Column; s > 0 {
						return s
					}
				}
				if s := walk(v); s > 0 {
					return s
				}
			}
		}
		if n.Kind == yaml.SequenceNode {
			for _, c := range n.Content {
				if s := walk(c); s > 0 {
					return s
				}
			}
		}
		return 0
	}
	for _, r := range d.roots {
		if s := walk(docContent(r)); s > 0 {
			return s
		}
	}
	return 2
}

func splice(src []byte, start, end int, text string) []byte {
	out := make([]byte, 0, len(src)+len(text))
	out = append(out, src[:start]...)
	out = append(out, text...)
	return append(out, src[end:]...)
}

// cloneNodes deep-copies documents (positions and comments included).
func cloneNodes(roots []*yaml.Node) []*yaml.Node {
	out := make([]*yaml.Node, len(roots))
	for i, r := range roots {
		out[i] = cloneNode(r)
	}
	return out
}

func cloneNode(n *yaml.Node) *yaml.Node {
	if n == nil {
		return nil
	}
	c := *n
	if n.Content != nil {
		c.Content = make([]*yaml.Node, len(n.Content))
		for i, ch := range n.Content {
			c.Content[i] = cloneNode(ch)
		}
	}
	c.Alias = cloneNode(n.Alias)
	return &c
}

// sameNodes compares what documents mean: kinds, tags, values and structure
// (not positions, comments or styles).
func sameNodes(a, b []*yaml.Node) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !sameNode(a[i], b[i]) {
			return false
		}
	}
	return true
}

func sameNode(a, b *yaml.Node) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.Kind != b.Kind || a.Value != b.Value && a.Kind == yaml.ScalarNode || len(a.Content) != len(b.Content) {
		return false
	}
	if a.Kind == yaml.ScalarNode && a.ShortTag() != b.ShortTag() {
		return false
	}
	for i := range a.Content {
		if !sameNode(a.Content[i], b.Content[i]) {
			return false
		}
	}
	return true
}
