package profile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/hybridadvisor/hybridadvisor/advisor/located"
	"github.com/hybridadvisor/hybridadvisor/advisor/safeio"
)

// MaxFileSize is the largest profile accepted. Real profiles are a few KB; the cap
// keeps a wrong or hostile file from costing time or memory.
const MaxFileSize = 4 << 20

// maxDepth caps YAML nesting. The deepest profile path is 6 levels; anything much
// deeper is not a profile.
const maxDepth = 32

// ParseFile reads and parses one profile file. Every error is of type Errors.
func ParseFile(path string) (*File, error) {
	src, err := ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, src)
}

// ReadFile reads a profile file for Parse, refusing anything but a regular file
// (a directory, a named pipe, a device: a pipe would block the read, a device
// could be endless) and files over MaxFileSize. Symbolic links are followed:
// the caller decides which ones may be (see advisor.Discover). Every error is of
// type Errors, located at the file.
func ReadFile(path string) ([]byte, error) {
	f, info, err := safeio.OpenRegular(path)
	if err != nil {
		return nil, fileError(path, readMessage(err), err)
	}
	defer f.Close()
	// The size from Stat is checked here rather than left to ReadAtMost: the
	// message gives it.
	if info.Size() > MaxFileSize {
		return nil, fileError(path, sizeMessage(info.Size()), safeio.ErrTooLarge)
	}
	src, err := safeio.ReadAtMost(f, path, info.Size(), MaxFileSize)
	if errors.Is(err, safeio.ErrTooLarge) {
		// The file grew since Stat; ReadAtMost stopped one byte past the cap.
		return nil, fileError(path, sizeMessage(MaxFileSize+1), err)
	}
	if err != nil {
		return nil, fileError(path, readMessage(err), err)
	}
	return src, nil
}

// readMessage words a safeio error for a profile.
func readMessage(err error) string {
	var se *safeio.Error
	if !errors.As(err, &se) {
		return "cannot read profile: " + err.Error()
	}
	switch {
	case errors.Is(err, safeio.ErrNotRegular) && se.Mode.IsDir():
		return "is a directory, not a profile file"
	case errors.Is(err, safeio.ErrNotRegular):
		return "cannot read profile: not a regular file (" + safeio.Kind(se.Mode) + "); profiles are read from regular files only"
	}
	return "cannot read profile: " + se.Reason
}

// fileError is a problem with the file as a whole; cause keeps the reason
// reachable with errors.Is (fs.ErrNotExist, safeio.ErrTooLarge).
func fileError(path, msg string, cause error) Errors {
	return Errors{{Source: located.Source{File: path}, Message: msg, Err: cause}}
}

func sizeMessage(n int64) string {
	return fmt.Sprintf("file is too large (%.1f MiB); a profile may be at most %d MiB", float64(n)/(1<<20), MaxFileSize>>20)
}

// Parse parses the profile in src; path is only used in messages. A file with
// any error yields no architectures and an Errors listing every problem found.
func Parse(path string, src []byte) (*File, error) {
	if len(src) > MaxFileSize {
		return nil, fileError(path, sizeMessage(int64(len(src))), safeio.ErrTooLarge)
	}
	p := &parser{path: path, src: src}
	file := &File{Path: path}
	if p.checkText() {
		dec := yaml.NewDecoder(bytes.NewReader(src))
		for doc := 1; ; doc++ {
			var root yaml.Node
			err := decodeNext(dec, &root)
			if err == io.EOF {
				break
			}
			if err != nil {
				p.doc = doc
				p.yamlError(err)
				break
			}
			if arch := p.document(&root, doc); arch != nil {
				file.Architectures = append(file.Architectures, arch)
			}
			if p.full() {
				break
			}
		}
		if len(p.errs) == 0 && len(file.Architectures) == 0 {
			p.errs = append(p.errs, &Error{Source: located.Source{File: path, Line: 1, Column: 1},
				Message: "file is empty; expected a profile with apiVersion, name and components"})
		}
	}
	if len(p.errs) > 0 {
		p.errs.Sort()
		if p.full() {
			p.errs = append(p.errs, &Error{Source: located.Source{File: path},
				Message: fmt.Sprintf("too many errors; stopped after the first %d", maxErrors)})
		}
		return nil, p.errs
	}
	markPlaceholders(src, file.Architectures)
	return file, nil
}

// decodeNext decodes one document. yaml.v3 panics on a few malformed inputs
// instead of returning an error; a profile must never crash the tool.
func decodeNext(dec *yaml.Decoder, n *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: the YAML reader could not parse this input (%v)", r)
		}
	}()
	return dec.Decode(n)
}

type parser struct {
	path string
	src  []byte
	errs Errors

	doc   int
	nodes int // nodes in the current document
	arch  *Architecture
	bad   map[string]bool // field paths that had an error in the current document
}

func posOf(n *yaml.Node) Pos { return Pos{Line: n.Line, Column: n.Column} }

// errAt records a problem at a position; field is the profile path it concerns.
func (p *parser) errAt(pos Pos, field, format string, args ...any) {
	if p.bad != nil && field != "" {
		p.bad[field] = true
	}
	if p.full() {
		return
	}
	p.errs = append(p.errs, &Error{Source: located.Source{File: p.path, Line: pos.Line, Column: pos.Column}, Document: p.doc,
		Field: field, Message: fmt.Sprintf(format, args...)})
}

// full reports whether the error cap is reached; the walk then stops early.
func (p *parser) full() bool { return len(p.errs) >= maxErrors }

// checkText rejects what the YAML reader would reject without a position: bytes
// that are not UTF-8 and control characters. It reports where they are.
func (p *parser) checkText() bool {
	line, col := 1, 1
	for i := 0; i < len(p.src); {
		r, size := utf8.DecodeRune(p.src[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			p.errAt(Pos{line, col}, "", "file is not UTF-8 text (invalid byte 0x%02X); profiles must be UTF-8", p.src[i])
			return false
		case !yamlPrintable(r):
			p.errAt(Pos{line, col}, "", "control character U+%04X is not allowed in YAML", r)
			return false
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return true
}

// yamlPrintable is YAML 1.2's c-printable set, the characters a stream may hold.
func yamlPrintable(r rune) bool {
	switch {
	case r == 0x09, r == 0x0A, r == 0x0D, r >= 0x20 && r <= 0x7E, r == 0x85:
		return true
	case r >= 0xA0 && r <= 0xD7FF, r >= 0xE000 && r <= 0xFFFD, r >= 0x10000 && r <= 0x10FFFF:
		return true
	}
	return false
}

var reYAMLLine = regexp.MustCompile(`^line (\d+): (.*)$`)

// yamlParserProblems are the messages yaml.v3 raises from its parser (as opposed
// to its scanner). For these it reports a 0-based line, and none at all for the
// first line, so their line needs one added.
var yamlParserProblems = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// yamlError turns a yaml.v3 syntax error into an Error. yaml.v3 gives a line but
// no column; the column is that of the first character on the line, or of the
// tab when the line is indented with one (the most common cause). yaml.v3 omits
// the line when it is the first, and for parser errors gives the line where the
// enclosing mapping or list starts.
func (p *parser) yamlError(err error) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if strings.HasPrefix(msg, "the YAML reader could not parse") {
		p.errAt(Pos{}, "", "%s", msg)
		return
	}
	line := 0
	if m := reYAMLLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	if yamlParserProblems[msg] {
		line++
	}
	line = max(line, 1)
	// A tab in the indentation makes yaml.v3 fail on that line or a neighbour.
	for _, l := range []int{line, line - 1, line + 1} {
		if col := tabIndent(p.src, l); col > 0 {
			p.errAt(Pos{l, col}, "", "tab character used for indentation; YAML indents with spaces only")
			return
		}
	}
	// yaml.v3 reports an alias to an unknown anchor without a position.
	if m := reUnknownAnchor.FindStringSubmatch(msg); m != nil {
		pos := Pos{1, 1}
		if i := bytes.Index(p.src, []byte("*"+m[1])); i >= 0 {
			pos = offsetPos(p.src, i)
		}
		p.errAt(pos, "", "YAML aliases (*%s) are not supported; write the value out in full", brief(m[1]))
		return
	}
	if strings.HasPrefix(msg, "exceeded max depth") {
		p.errAt(Pos{line, 1}, "", "YAML nested deeper than %d levels; a profile is never that deep", maxDepth)
		return
	}
	p.errAt(Pos{line, firstColumn(p.src, line)}, "", "invalid YAML: %s", msg)
}

var reUnknownAnchor = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)

// offsetPos converts a byte offset into a line and (character) column.
func offsetPos(src []byte, off int) Pos {
	before := src[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return Pos{line, utf8.RuneCount(before[start:]) + 1}
}

// sourceLine returns the 1-based line n of src, without its newline.
func sourceLine(src []byte, n int) ([]byte, bool) {
	if n < 1 {
		return nil, false
	}
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(src, '\n')
		if j < 0 {
			return nil, false
		}
		src = src[j+1:]
	}
	if j := bytes.IndexByte(src, '\n'); j >= 0 {
		src = src[:j]
	}
	return bytes.TrimSuffix(src, []byte("\r")), true
}

// tabIndent returns the column of a tab in line n's leading whitespace, or 0.
func tabIndent(src []byte, n int) int {
	l, ok := sourceLine(src, n)
	if !ok {
		return 0
	}
	for i, c := range l {
		switch c {
		case ' ':
			continue
		case '\t':
			// Only indentation counts: a tab before the first token of a
			// non-blank line. "- " list markers are part of indentation too.
			if len(bytes.TrimSpace(l)) > 0 {
				return utf8.RuneCount(l[:i]) + 1
			}
		}
		if c != ' ' && c != '-' {
			return 0
		}
	}
	return 0
}

// firstColumn is the column of the first non-blank character of line n (1 if none).
func firstColumn(src []byte, n int) int {
	l, _ := sourceLine(src, n)
	for i, c := range l {
		if c != ' ' && c != '\t' {
			return utf8.RuneCount(l[:i]) + 1
		}
	}
	return 1
}

// document converts one YAML document; it returns nil when the document is
// empty or unusable (the reason is recorded).
func (p *parser) document(root *yaml.Node, doc int) *Architecture {
	p.doc = doc
	n := root
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			return nil
		}
		n = n.Content[0]
	}
	// A document holding nothing but comments or "null" is skipped, so a leading or
	// trailing "---" is harmless.
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" && n.Anchor == "" {
		return nil
	}
	before := len(p.errs)
	p.nodes = 0
	if !p.structure(n, 1) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		// Not a mapping: maybe not a profile at all (a .env file, a key),
		// so only the start of it is quoted.
		p.errAt(posOf(n), "", "the top level must be a mapping with apiVersion, name and components; found %s", describeBriefly(n))
		return nil
	}
	// Roughly one position per scalar; sizing the map once saves rehashing.
	arch := &Architecture{Document: doc, Pos: posOf(n), positions: make(map[string]Pos, p.nodes/2)}
	p.arch = arch
	p.bad = map[string]bool{}
	c := &cursor{arch: arch}
	p.object(specRoot, n, "", c)
	applyDefaults(arch)
	p.validate(arch)
	if len(p.errs) > before {
		return nil
	}
	return arch
}

var allowedTags = map[string]bool{
	"!!str": true, "!!int": true, "!!float": true, "!!bool": true, "!!null": true,
	"!!timestamp": true, "!!map": true, "!!seq": true,
}

// structure rejects what the schema walk should never see: anchors and aliases
// (an alias bomb expands exponentially, and profiles are short enough to write
// out), merge keys, custom tags, non-scalar keys and absurd nesting. It stops at
// the first problem: these make the rest of the document meaningless.
func (p *parser) structure(n *yaml.Node, depth int) bool {
	p.nodes++
	if depth > maxDepth {
		p.errAt(posOf(n), "", "YAML nested deeper than %d levels; a profile is never that deep", maxDepth)
		return false
	}
	if n.Kind == yaml.AliasNode {
		p.errAt(posOf(n), "", "YAML aliases (*%s) are not supported; write the value out in full", brief(n.Value))
		return false
	}
	if n.Anchor != "" {
		p.errAt(posOf(n), "", "YAML anchors (&%s) are not supported; write values out in full", brief(n.Anchor))
		return false
	}
	if tag := n.ShortTag(); !allowedTags[tag] {
		p.errAt(posOf(n), "", "YAML tag %s is not supported in profiles", brief(tag))
		return false
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode {
				p.errAt(posOf(k), "", "mapping keys must be plain words, not %s", describe(k))
				return false
			}
			if k.ShortTag() == "!!merge" {
				p.errAt(posOf(k), "", "YAML merge keys (<<) are not supported; write the keys out in full")
				return false
			}
		}
		fallthrough
	case yaml.SequenceNode:
		for _, c := range n.Content {
			if !p.structure(c, depth+1) {
				return false
			}
		}
	}
	return true
}

// describe names a node's type for messages: "a list", "the string \"x\"", "1.5".
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	switch n.ShortTag() {
	case "!!str", "!!timestamp":
		return fmt.Sprintf("the string %q", truncate(n.Value))
	case "!!null":
		return "null"
	}
	return truncate(n.Value)
}

// describeBriefly is describe quoting at most briefLen characters: for content
// that may not be a profile at all.
func describeBriefly(n *yaml.Node) string {
	switch n.ShortTag() {
	case "!!str", "!!timestamp":
		if n.Kind == yaml.ScalarNode {
			return fmt.Sprintf("the string %q", brief(n.Value))
		}
	case "!!int", "!!float", "!!bool":
		return brief(n.Value)
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() != "!!null" {
		return "a value"
	}
	return describe(n)
}

// briefLen is how much of a file that is not a profile an error may quote: a
// symbolic link or a stray .env file must not leak a secret into CI logs.
const briefLen = 16

// brief keeps at most briefLen characters of s.
func brief(s string) string {
	if utf8.RuneCountInString(s) <= briefLen {
		return s
	}
	return string([]rune(s)[:briefLen]) + "…"
}

// truncate keeps messages short when a value is long.
func truncate(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	r := []rune(s)
	return string(r[:37]) + "..."
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// object walks a mapping against the fields of f.
func (p *parser) object(f *field, n *yaml.Node, path string, c *cursor) {
	seen := make(map[string]*yaml.Node, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content) && !p.full(); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := k.Value
		fp := joinPath(path, key)
		if first, dup := seen[key]; dup {
			p.errAt(posOf(k), fp, "duplicate key %q (first at line %d)", truncate(key), first.Line)
			continue
		}
		seen[key] = k
		cf := f.child(key)
		if cf == nil {
			p.errAt(posOf(k), fp, "%s", unknownKeyMessage(f, key, p.where(f, c)))
			continue
		}
		p.value(cf, k, v, fp, c)
	}
	if len(f.oneOf) > 0 {
		var given []string
		for _, k := range f.oneOf {
			if seen[k] != nil {
				given = append(given, k)
			}
		}
		switch len(given) {
		case 0:
			p.errAt(posOf(n), joinPath(path, f.oneOf[0]), "%s needs exactly one of %s", f.where, strings.Join(f.oneOf, " or "))
		case 1:
		default:
			p.errAt(posOf(seen[given[1]]), joinPath(path, given[1]), "give only one of %s, not both", strings.Join(given, " and "))
		}
	}
	for _, cf := range f.fields {
		if cf.required && seen[cf.key] == nil {
			p.errAt(posOf(n), joinPath(path, cf.key), "missing required key %q in %s", cf.key, p.where(f, c))
		}
	}
}

// where names an object for messages, with the component's name when known.
func (p *parser) where(f *field, c *cursor) string {
	if f.where == "component" && c.comp != nil && c.comp.Name != "" {
		return fmt.Sprintf("component %q", c.comp.Name)
	}
	return f.where
}

func (f *field) child(key string) *field {
	for _, c := range f.fields {
		if c.key == key {
			return c
		}
	}
	return nil
}

// value converts the value v of key k (path fp) and stores it.
func (p *parser) value(f *field, k, v *yaml.Node, fp string, c *cursor) {
	if v.Kind == yaml.ScalarNode && v.ShortTag() == "!!null" {
		hint := "remove the key or give it a value"
		if f.def != "" || f.derive != nil {
			hint = "remove the key to use the default, or give a value"
		}
		p.errAt(posOf(k), fp, "%s has no value; %s", f.key, hint)
		return
	}
	switch f.kind {
	case kObject:
		if v.Kind != yaml.MappingNode {
			p.errAt(posOf(v), fp, "%s must be a mapping of keys to values, got %s", f.key, describe(v))
			return
		}
		p.arch.SetPos(fp, posOf(k))
		p.object(f, v, fp, c)
	case kList:
		if v.Kind != yaml.SequenceNode {
			p.errAt(posOf(v), fp, "%s must be a list, got %s", f.key, describe(v))
			return
		}
		p.arch.SetPos(fp, posOf(k))
		if !p.count(f, k, v, fp) {
			return
		}
		for i, item := range v.Content {
			if p.full() {
				return
			}
			ip := fmt.Sprintf("%s[%d]", fp, i)
			if item.Kind != yaml.MappingNode {
				p.errAt(posOf(item), ip, "each entry of %s must be a mapping of keys to values, got %s", f.key, describe(item))
				continue
			}
			f.item.enter(c, i, posOf(item))
			p.arch.SetPos(ip, posOf(item))
			p.object(f.item, item, ip, c)
		}
	case kStrings:
		if v.Kind != yaml.SequenceNode {
			p.errAt(posOf(v), fp, "%s must be a list of strings, got %s", f.key, describe(v))
			return
		}
		p.arch.SetPos(fp, posOf(k))
		if !p.count(f, k, v, fp) {
			return
		}
		list := make([]string, 0, len(v.Content))
		ok := true
		for i, item := range v.Content {
			ip := fmt.Sprintf("%s[%d]", fp, i)
			val, msg := convert(f.item, item)
			if msg != "" {
				p.errAt(posOf(item), ip, "each entry of %s %s", f.key, msg)
				ok = false
				continue
			}
			p.arch.SetPos(ip, posOf(item))
			list = append(list, val.s)
		}
		if ok {
			f.set(c, &value{list: list})
		}
	case kStrMap:
		if v.Kind != yaml.MappingNode {
			p.errAt(posOf(v), fp, "%s must be a mapping of names to strings, got %s", f.key, describe(v))
			return
		}
		p.arch.SetPos(fp, posOf(k))
		if !p.count(f, k, v, fp) {
			return
		}
		m := make(map[string]string, len(v.Content)/2)
		seen := map[string]int{}
		ok := true
		keyRule := &field{kind: kString, minLen: 1, maxLen: f.keyMaxLen, pattern: f.keyPattern, patternMsg: msgName}
		valRule := &field{kind: kString, maxLen: f.valMaxLen, pattern: f.pattern, patternMsg: f.patternMsg}
		for i := 0; i+1 < len(v.Content); i += 2 {
			kk, vv := v.Content[i], v.Content[i+1]
			ip := fp + "." + kk.Value
			if line, dup := seen[kk.Value]; dup {
				p.errAt(posOf(kk), ip, "duplicate key %q (first at line %d)", truncate(kk.Value), line)
				ok = false
				continue
			}
			seen[kk.Value] = kk.Line
			if _, msg := convertString(keyRule, kk.Value); msg != "" {
				p.errAt(posOf(kk), ip, "%s key %s", f.key, msg)
				ok = false
				continue
			}
			val, msg := convert(valRule, vv)
			if msg != "" {
				p.errAt(posOf(vv), ip, "%s %q %s", f.key, truncate(kk.Value), msg)
				ok = false
				continue
			}
			p.arch.SetPos(ip, posOf(vv))
			m[kk.Value] = val.s
		}
		if ok {
			f.set(c, &value{m: m})
		}
	default:
		if v.Kind != yaml.ScalarNode {
			p.errAt(posOf(v), fp, "%s must be %s, got %s", f.key, expected(f), describe(v))
			return
		}
		val, msg := convert(f, v)
		if msg != "" {
			p.errAt(posOf(v), fp, "%s %s", f.key, msg)
			return
		}
		p.arch.SetPos(fp, posOf(v))
		f.set(c, &val)
	}
}

// count checks the number of entries of a list or map; false means "stop here".
func (p *parser) count(f *field, k, v *yaml.Node, fp string) bool {
	n := len(v.Content)
	if v.Kind == yaml.MappingNode {
		n /= 2
	}
	if n < f.minLen {
		p.errAt(posOf(k), fp, "%s needs at least %d %s", f.key, f.minLen, plural(f.minLen, "entry", "entries"))
		return false
	}
	if f.maxLen > 0 && n > f.maxLen {
		p.errAt(posOf(k), fp, "%s has %d entries; at most %d are allowed", f.key, n, f.maxLen)
		return false
	}
	return true
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// expected names what a scalar field takes, for messages.
func expected(f *field) string {
	switch f.kind {
	case kBool:
		return "true or false"
	case kInt:
		return "an integer"
	case kNumber:
		return "a number"
	case kDuration:
		return "a duration like 120ms, 2s or 15m"
	case kDate:
		return "a date like 2027-01-31"
	}
	if len(f.enum) > 0 {
		return "one of " + strings.Join(f.enum, ", ")
	}
	return "a string"
}
