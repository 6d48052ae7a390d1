package render

import (
	"fmt"
	"io"
	"sort"

	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

// Options are shared by every format; each format uses what applies to it.
type Options struct {
	Color   bool // ANSI styling (table only)
	Verbose bool // table: every rule and exclusion
	Width   int  // table: the width to fit (the terminal's); 0 means DefaultWidth
}

// Writer renders a result in one format.
type Writer func(w io.Writer, r *result.Result, opts Options) error

var formats = map[string]Writer{
	"json": func(w io.Writer, r *result.Result, _ Options) error { return JSON(w, r) },
	"table": func(w io.Writer, r *result.Result, o Options) error {
		return Table(w, r, TableOptions{Color: o.Color, Verbose: o.Verbose, Width: o.Width})
	},
	// CI formats (sarif.go, junit.go, github.go, markdown.go), streamed; see stream.go.
	"sarif": streamWriter(NewSARIF), "junit": streamWriter(NewJUnit), "github": streamWriter(NewGitHub), "markdown": streamWriter(NewMarkdown),
}

// FormatNames lists the known formats, sorted.
func FormatNames() []string {
	names := make([]string, 0, len(formats))
	for n := range formats {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// HasFormat reports whether name is a known format.
func HasFormat(name string) bool {
	_, ok := formats[name]
	return ok
}

// Write renders r in the named format.
func Write(w io.Writer, format string, r *result.Result, opts Options) error {
	f, ok := formats[format]
	if !ok {
		return fmt.Errorf("unknown output format %q", format)
	}
	return f(w, r, opts)
}
