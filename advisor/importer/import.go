package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hybridadvisor/hybridadvisor/advisor/safeio"
)

// MaxFileSize caps every file the importer reads: real infrastructure files are
// KB; the cap keeps a generated or hostile file from costing time or memory.
const MaxFileSize = 10 << 20

// Options shape an import.
type Options struct {
	// Name is the architecture name; empty means the sources' own (a
	// Serverless service, a Compose project) or the first input's base name.
	Name string
}

// Skip is an input file that was not imported, and why (one line).
type Skip struct{ Path, Reason string }

// Outcome is what an import found: the merged draft, the files that were
// read, skipped or malformed.
type Outcome struct {
	Draft *Draft
	// Read lists the files that a format read, in the order they were read.
	Read []string
	// Skipped lists the files no format accepts (and files that could not be
	// opened as regular files).
	Skipped []Skip
	// Errors holds one *SourceError per malformed or unreadable file; the
	// other files are still imported.
	Errors []error
}

// skipDirs are directories a walk never enters: version control, vendored
// packages and tool caches hold files that look like sources but are not the
// project's.
var skipDirs = map[string]bool{".git": true, "node_modules": true, ".terraform": true}

// candidate reports whether a file met in a directory walk may be a source:
// files with other extensions (README.md, main.go) are left out silently, so
// a project directory does not produce a skip line per file.
func candidate(name string) bool {
	lower := strings.ToLower(name)
	for _, ext := range []string{".yaml", ".yml", ".json", ".tf", ".tf.json", ".tfvars"} {
		if strings.HasSuffix(lower, ext) {
			return true
		}
	}
	return false
}

// input is one file to import and the root it was found under.
type input struct {
	root string // the directory the user named, or the file's directory
	path string
}

// Import reads the files and directories in paths, detects each file's format
// by content, reads it and merges the drafts into one. A malformed file is
// reported in Outcome.Errors and the others are still imported; the error
// return is only for an import that found nothing at all to read.
func Import(paths []string, opts Options) (*Outcome, error) {
	out := &Outcome{}
	var inputs []input
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			out.Errors = append(out.Errors, &SourceError{Source: Source{File: p}, Message: "cannot read: " + reasonOf(err)})
			continue
		}
		if !info.IsDir() {
			inputs = append(inputs, input{root: filepath.Dir(p), path: p})
			continue
		}
		found, skipped, errs := walk(p)
		inputs = append(inputs, found...)
		out.Skipped = append(out.Skipped, skipped...)
		out.Errors = append(out.Errors, errs...)
	}
	drafts := readAll(dedupInputs(inputs), out)
	out.Draft = Merge(drafts...)
	switch {
	case opts.Name != "":
		out.Draft.Name = opts.Name
	case out.Draft.Name == "" && len(paths) > 0:
		out.Draft.Name = defaultName(paths[0])
	}
	if len(out.Read) == 0 && len(out.Errors) == 0 {
		if len(out.Skipped) == 0 {
			return out, errors.New("no files to import")
		}
		return out, fmt.Errorf("no supported file among %d input file(s) (first: %s: %s)", len(out.Skipped), out.Skipped[0].Path, out.Skipped[0].Reason)
	}
	return out, nil
}

// defaultName is an architecture name from the first input: a directory's
// base name, or a file's without its extension.
func defaultName(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		abs = p
	}
	if info, err := os.Stat(abs); err == nil && !info.IsDir() {
		abs = filepath.Dir(abs)
	}
	name := filepath.Base(abs)
	if name == "." || name == string(filepath.Separator) || name == "" {
		return "imported"
	}
	return name
}

// walk lists the candidate files under dir in lexical order, leaving out
// hidden directories and skipDirs; only regular files are read (a symbolic
// link, pipe or device is skipped with its reason).
func walk(dir string) (found []input, skipped []Skip, errs []error) {
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, &SourceError{Source: Source{File: path}, Message: "cannot read: " + reasonOf(err)})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if path != dir && (strings.HasPrefix(d.Name(), ".") || skipDirs[d.Name()]) {
				return fs.SkipDir
			}
			return nil
		}
		if !candidate(d.Name()) || strings.HasPrefix(d.Name(), ".") {
			return nil // not a source, or a tool's own dotfile (.gitlab-ci.yml)
		}
		if !d.Type().IsRegular() {
			skipped = append(skipped, Skip{Path: path, Reason: safeio.Kind(d.Type()) + ", not a regular file"})
			return nil
		}
		found = append(found, input{root: dir, path: path})
		return nil
	})
	if err != nil {
		errs = append(errs, &SourceError{Source: Source{File: dir}, Message: err.Error()})
	}
	return found, skipped, errs
}

func reasonOf(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// groupKey gathers the files of one GroupFormat in one directory.
type groupKey struct{ format, root, dir string }

// readAll detects and reads every input: plain formats file by file, group
// formats a directory at a time (after all files are detected, in name order).
func readAll(inputs []input, out *Outcome) []*Draft {
	var drafts []*Draft
	groups := map[groupKey][]InputFile{}
	groupFormat := map[string]GroupFormat{}
	var order []groupKey
	for _, in := range inputs {
		data, err := safeio.ReadRegular(in.path, MaxFileSize)
		if err != nil {
			out.Errors = append(out.Errors, &SourceError{Source: Source{File: in.path}, Message: readReason(err)})
			continue
		}
		f := detect(in.path, data)
		if f == nil {
			if bytes.Contains(data, []byte("{{")) {
				out.Skipped = append(out.Skipped, Skip{Path: in.path, Reason: "a template (Helm?): render it (helm template) and import the output"})
				continue
			}
			if err := yamlSyntax(in.path, data); err != nil {
				out.Errors = append(out.Errors, err)
				continue
			}
			out.Skipped = append(out.Skipped, Skip{Path: in.path, Reason: notSupported(in.path, data)})
			continue
		}
		if g, ok := f.(GroupFormat); ok {
			k := groupKey{format: f.Name(), root: in.root, dir: filepath.Dir(in.path)}
			if r, ok := f.(interface{ GroupByRoot() bool }); ok && r.GroupByRoot() {
				k.dir = in.root
			}
			if _, seen := groups[k]; !seen {
				order = append(order, k)
			}
			groups[k] = append(groups[k], InputFile{Name: in.path, Data: data})
			groupFormat[f.Name()] = g
			continue
		}
		out.Read = append(out.Read, in.path)
		d, err := safeRead(in.path, func() (*Draft, error) { return f.Read(in.path, data) })
		drafts = appendResult(drafts, out, in.path, d, err)
	}
	// A directory another group calls (a local Terraform module) is read as
	// part of its caller, with the caller's inputs, not as a group of its own.
	called := map[groupKey]bool{}
	for _, k := range order {
		if c, ok := groupFormat[k.format].(interface {
			CalledDirs(dir string, files []InputFile) []string
		}); ok {
			for _, d := range c.CalledDirs(k.dir, groups[k]) {
				for _, other := range order {
					if other.format == k.format && other != k && sameDir(other.dir, d) {
						called[other] = true
					}
				}
			}
		}
	}
	for _, k := range order {
		files := groups[k]
		sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
		for _, f := range files {
			out.Read = append(out.Read, f.Name)
		}
		if called[k] {
			continue
		}
		d, err := safeRead(k.dir, func() (*Draft, error) { return groupFormat[k.format].ReadGroup(k.root, k.dir, files) })
		drafts = appendResult(drafts, out, k.dir, d, err)
	}
	return drafts
}

// appendResult keeps a reader's draft and its error: a reader may return both
// (a group with one malformed file still yields the others' components).
func appendResult(drafts []*Draft, out *Outcome, name string, d *Draft, err error) []*Draft {
	if err != nil {
		var se *SourceError
		var list SourceErrors
		switch {
		case errors.As(err, &list):
			for _, e := range list {
				out.Errors = append(out.Errors, e)
			}
		case errors.As(err, &se):
			out.Errors = append(out.Errors, se)
		default:
			out.Errors = append(out.Errors, &SourceError{Source: Source{File: name}, Message: err.Error()})
		}
	}
	if d != nil {
		drafts = append(drafts, d)
	}
	return drafts
}

// SourceErrors is several malformed files of one group read.
type SourceErrors []*SourceError

func (l SourceErrors) Error() string {
	parts := make([]string, len(l))
	for i, e := range l {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "; ")
}

// safeRead runs a reader, turning a panic (a reader bug) into an error for
// that file: one bad file never takes the import down.
func safeRead(name string, read func() (*Draft, error)) (d *Draft, err error) {
	defer func() {
		if r := recover(); r != nil {
			d, err = nil, &SourceError{Source: Source{File: name}, Message: fmt.Sprintf("the reader failed on this input (%v); please report it", r)}
		}
	}()
	return read()
}

// detect returns the first format whose Detect accepts the file, or nil.
func detect(name string, data []byte) Format {
	for _, f := range Formats() {
		if safeDetect(f, name, data) {
			return f
		}
	}
	return nil
}

func safeDetect(f Format, name string, data []byte) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return f.Detect(name, data)
}

// Detect names the format of a file's content, or "" when no format accepts
// it (used by the commands to import profiles' look-alikes on the fly).
func Detect(name string, data []byte) string {
	if f := detect(name, data); f != nil {
		return f.Name()
	}
	return ""
}

// notSupported is the one-line reason a file is skipped.
func notSupported(name string, data []byte) string {
	base := strings.ToLower(filepath.Base(name))
	switch {
	case len(data) == 0:
		return "empty file"
	case strings.HasSuffix(base, ".tfvars"):
		return "Terraform variable values are read with their module, not alone"
	case strings.HasSuffix(base, ".tf.json"):
		return "Terraform JSON syntax is not read (only .tf files are); convert it to HCL to import it"
	case strings.Contains(string(head(data)), "hybridadvisor/"):
		return "already a hybridadvisor profile"
	}
	return "not a supported format (Serverless Framework, CloudFormation/SAM, Docker Compose, Kubernetes, Terraform)"
}

func head(data []byte) []byte {
	if len(data) > 4096 {
		return data[:4096]
	}
	return data
}

func readReason(err error) string {
	var se *safeio.Error
	if errors.As(err, &se) {
		if errors.Is(err, safeio.ErrTooLarge) {
			return "file is " + se.Reason + ", the importer's cap per file"
		}
		return "cannot read: " + se.Reason
	}
	return "cannot read: " + err.Error()
}

// yamlSyntax returns the syntax error of a YAML or JSON file no format
// accepted: a malformed manifest is reported at its line, not skipped as an
// unsupported format.
func yamlSyntax(name string, data []byte) *SourceError {
	lower := strings.ToLower(name)
	if !strings.HasSuffix(lower, ".yaml") && !strings.HasSuffix(lower, ".yml") && !strings.HasSuffix(lower, ".json") {
		return nil
	}
	if _, err := ynDecodeAll(name, data); err != nil {
		return asSourceError(name, err)
	}
	return nil
}

// dedupInputs drops a file met twice (given, and under a directory also
// given): it would import every component twice.
func dedupInputs(inputs []input) []input {
	seen := map[string]bool{}
	out := inputs[:0:0]
	for _, in := range inputs {
		key := in.path
		if abs, err := filepath.Abs(in.path); err == nil {
			key = abs
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, in)
	}
	return out
}

// sameDir says whether two directory paths name the same directory once made
// absolute and cleaned.
func sameDir(a, b string) bool {
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && filepath.Clean(aa) == filepath.Clean(bb)
}
