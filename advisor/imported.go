package advisor

import (
	"fmt"
	"os"
	"strings"

	"github.com/hybridadvisor/hybridadvisor/advisor/importer"
	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
	"github.com/hybridadvisor/hybridadvisor/advisor/safeio"
)

// Imported says a Source's Data is a draft profile imported on the fly from
// infrastructure files (a compose.yaml, manifests, serverless.yml) given
// where a profile was expected.
type Imported struct {
	// From is the path the user gave.
	From string
	// Files are the files the draft was read from.
	Files []string
	// Lines maps a draft line to the source file and line of its value, so
	// findings point at the sources, not at the draft nobody sees.
	Lines importer.LineMap
	// Skipped are the files under From no format accepts.
	Skipped []importer.Skip
}

// importOnTheFly returns the source for path when it is not a profile but a
// file or directory an importer format reads: a draft imported from it, with
// the malformed files as error sources after it. ok is false when path should
// be read as a profile as before.
func importOnTheFly(path string, dir bool) (out []Source, ok bool) {
	if !dir && !importable(path) {
		return nil, false
	}
	o, err := importer.Import([]string{path}, importer.Options{})
	if err != nil || o.Draft == nil || len(o.Draft.Components) == 0 {
		if dir || len(o.Errors) == 0 {
			return nil, false
		}
	}
	var errs []Source
	for _, e := range o.Errors {
		errs = append(errs, Source{Path: path, Err: e})
	}
	if len(o.Draft.Components) == 0 {
		return errs, true
	}
	r, rerr := o.Render("")
	if rerr != nil {
		return append(errs, Source{Path: path, Err: fmt.Errorf("imported on the fly: %w", rerr)}), true
	}
	src := Source{Path: path, Data: r.Text, Imported: &Imported{From: path, Files: o.Read, Lines: r.Lines, Skipped: o.Skipped}}
	return append([]Source{src}, errs...), true
}

// importable reports whether the file at path is not a profile and some
// importer format accepts it.
func importable(path string) bool {
	src, err := safeio.ReadRegular(path, importer.MaxFileSize)
	// A named file that merely looks like a profile (no apiVersion yet) is
	// still read as one, so its errors are a profile's errors.
	if err != nil || isProfileSource(src) || profile.LooksLikeProfile(src) {
		return false
	}
	return importer.Detect(path, src) != ""
}

// relocate points an imported architecture's positions at the sources:
// components, calls and findings. A finding in another file than the path
// given names its file.
func relocate(ra *result.Architecture, imp *Imported) {
	at := func(line int) (importer.Source, bool) { return imp.Lines.Locate(line) }
	for i := range ra.Assumptions {
		if as := &ra.Assumptions[i]; as.Path == PlaceholderRule {
			as.Message = fmt.Sprintf("imported on the fly from %s: %s value(s) the sources do not give (traffic above all) are placeholders, so the costs rest on them; write the draft with `hybridadvisor import %s -o profile.yaml` and replace the values marked TODO",
				imp.From, as.Value, imp.From)
		}
	}
	// Whether a source file is the path given, asked once per file (it stats both).
	given := map[string]bool{}
	place := func(line, column *int, file *string) {
		s, ok := at(*line)
		if !ok {
			return
		}
		*line, *column = s.Line, s.Column
		same, seen := given[s.File]
		if !seen {
			same = sameFile(s.File, imp.From)
			given[s.File] = same
		}
		if !same {
			*file = s.File
		}
	}
	for i := range ra.Components {
		c := &ra.Components[i]
		place(&c.Line, &c.Column, &c.File)
		for j := range c.Calls {
			if s, ok := at(c.Calls[j].Line); ok {
				c.Calls[j].Line = s.Line
			}
		}
		for j := range c.Findings {
			fd := &c.Findings[j]
			place(&fd.Line, &fd.Column, &fd.File)
		}
	}
}

func sameFile(a, b string) bool {
	if a == b {
		return true
	}
	ia, err1 := os.Stat(a)
	ib, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(ia, ib)
}

// PlaceholderRule marks the assumption an architecture carries while its
// profile still holds import placeholders.
const PlaceholderRule = "import.placeholders"

// placeholderAssumption is the warning recorded for a profile holding import
// placeholders (values `hybridadvisor import` could not find in the sources).
func placeholderAssumption(arch *profile.Architecture) (result.Assumption, bool) {
	n := len(arch.Placeholders)
	if n == 0 {
		return result.Assumption{}, false
	}
	lines := make([]string, 0, min(n, 5))
	for i, p := range arch.Placeholders {
		if i == 5 {
			lines = append(lines, "...")
			break
		}
		lines = append(lines, fmt.Sprint(p.Line))
	}
	return result.Assumption{Path: PlaceholderRule, Value: fmt.Sprint(n),
		Message: fmt.Sprintf("%d value(s) are import placeholders, not measurements (marked %q, line %s): the costs rest on them; replace them with measured values",
			n, profile.ImportMarker, strings.Join(lines, ", "))}, true
}

// PlaceholderWarning is the one-line warning for a scored file whose profile
// still holds import placeholders, or "".
func PlaceholderWarning(f *result.File) string {
	if f.Architecture == nil {
		return ""
	}
	for _, a := range f.Architecture.Assumptions {
		if a.Path == PlaceholderRule {
			return a.Message
		}
	}
	return ""
}
