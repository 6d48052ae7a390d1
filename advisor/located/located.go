// Package located is the one error type for a problem at a place in a file:
// file:line:col: message, the way compilers print it. Profiles, the config
// file, the pricing overrides file, policies and imported sources all report
// their problems with it, so every caller formats, sorts and unwraps them alike.
//
// It is a leaf: it imports nothing of this module, so any package may use it.
package located

import (
	"slices"
	"strconv"
	"strings"
)

// Source is a place in a file: the file as given and a 1-based line and
// column (0 when unknown).
type Source struct {
	File   string
	Line   int
	Column int
}

// Error is one problem in a file, with where it was found.
type Error struct {
	Source
	// Document is the 1-based YAML document of a multi-document file, 0 when
	// the problem is about the whole file or the format has no documents.
	Document int
	// Field is the path of the field concerned, e.g.
	// "components[1].execution.memory_mb"; "" when there is none.
	Field   string
	Message string
	// Err is the underlying cause, when there is one (for errors.Is/As).
	Err error
}

// Error formats the problem as file:line:col: message, leaving out the
// column when it is unknown and the line too when that is unknown.
func (e *Error) Error() string {
	var b strings.Builder
	b.Grow(len(e.File) + len(e.Message) + 16)
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(e.Line))
		if e.Column > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(e.Column))
		}
	}
	b.WriteString(": ")
	b.WriteString(e.Message)
	return b.String()
}

// Unwrap returns the underlying cause, if any.
func (e *Error) Unwrap() error { return e.Err }

// List is every problem found, one per line once sorted.
type List []*Error

// Error joins the problems, one per line.
func (l List) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap lets errors.As find an individual *Error.
func (l List) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// Sort orders the problems by file, line, column and message, keeping the
// order of equal ones, so output does not depend on the order they were found.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b *Error) int {
		switch {
		case a.File != b.File:
			return strings.Compare(a.File, b.File)
		case a.Line != b.Line:
			return a.Line - b.Line
		case a.Column != b.Column:
			return a.Column - b.Column
		}
		return strings.Compare(a.Message, b.Message)
	})
}

// Document returns the problems of one YAML document (doc ≥ 1) together with
// the file-level ones (Document 0), which affect every document.
func (l List) Document(doc int) List {
	var out List
	for _, e := range l {
		if e.Document == doc || e.Document == 0 {
			out = append(out, e)
		}
	}
	return out
}
