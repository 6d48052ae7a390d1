package profile

import (
	"fmt"
	"sort"
	"strings"
)

// Error is one problem found in a profile file, with where it was found.
type Error struct {
	Path     string // file path as given to Parse
	Document int    // 1-based YAML document, 0 when the problem is about the whole file
	Line     int    // 1-based; 0 when the problem has no position (e.g. unreadable file)
	Column   int    // 1-based; 0 when unknown
	Field    string // field path, e.g. "components[1].execution.memory_mb"; "" for file-level problems
	Message  string
}

// Error formats the problem the way compilers do: file:line:col: message.
func (e *Error) Error() string {
	switch {
	case e.Line > 0 && e.Column > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Column, e.Message)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Message)
	default:
		return fmt.Sprintf("%s: %s", e.Path, e.Message)
	}
}

// Errors is every problem found in one file, sorted by line and column.
type Errors []*Error

// Error joins the problems, one per line.
func (es Errors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap lets errors.As find an individual *Error.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// Document returns the problems of one YAML document (doc ≥ 1) together with the
// file-level ones (Document 0), which affect every document.
func (es Errors) Document(doc int) Errors {
	var out Errors
	for _, e := range es {
		if e.Document == doc || e.Document == 0 {
			out = append(out, e)
		}
	}
	return out
}

func (es Errors) sort() {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.Message < b.Message
	})
}

// maxErrors caps what one file can report: past this the rest is noise, and a
// hostile file must not make us build millions of messages. The parser stops
// walking once it is reached.
const maxErrors = 100
