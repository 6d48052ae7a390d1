package importer

import (
	"bytes"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/hybridadvisor/hybridadvisor/advisor/safeio"
)

// terraformFormat reads Terraform configurations (HCL native syntax, *.tf) a
// directory at a time: variables, tfvars, locals and local modules are
// resolved where they are static; the resources of issue #17 become
// components. JSON syntax (*.tf.json) is not read.
type terraformFormat struct{}

func (terraformFormat) Name() string { return "Terraform" }

// Detect accepts *.tf files, the variable files Terraform loads by itself
// (terraform.tfvars, *.auto.tfvars), and HCL content whose top level declares
// resource, module, variable or locals blocks.
func (terraformFormat) Detect(name string, data []byte) bool {
	base := strings.ToLower(filepath.Base(name))
	if strings.HasSuffix(base, ".tf") || tfIsVarFile(base) {
		return true
	}
	if strings.HasSuffix(base, ".json") || strings.HasSuffix(base, ".yaml") || strings.HasSuffix(base, ".yml") || len(data) > 256<<10 || !tfLooksLikeHCL(data) {
		return false
	}
	if tfCheckNesting(name, data) != nil {
		return false
	}
	f, diags := hclsyntax.ParseConfig(data, name, hcl.InitialPos)
	if diags.HasErrors() {
		return false
	}
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		return false
	}
	for _, b := range body.Blocks {
		switch b.Type {
		case "resource", "module", "variable", "locals":
			return true
		}
	}
	return false
}

// tfLooksLikeHCL is Detect's cheap first look: some line starts a resource,
// module, variable or locals block. Only then is the content parsed.
func tfLooksLikeHCL(data []byte) bool {
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		line = bytes.TrimLeft(line, " \t")
		for _, kw := range []string{"resource ", "module ", "variable ", "locals "} {
			if bytes.HasPrefix(line, []byte(kw)) {
				return true
			}
		}
		if bytes.HasPrefix(line, []byte("locals{")) {
			return true
		}
	}
	return false
}

// tfIsVarFile says whether Terraform loads the file base as variable values
// on its own.
func tfIsVarFile(base string) bool {
	return base == "terraform.tfvars" || strings.HasSuffix(base, ".auto.tfvars")
}

// Read reads one file as a directory of its own.
func (t terraformFormat) Read(name string, data []byte) (*Draft, error) {
	dir := filepath.Dir(name)
	return t.ReadGroup(dir, dir, []InputFile{{Name: name, Data: data}})
}

// ReadGroup reads the .tf and variable files of one directory together.
func (terraformFormat) ReadGroup(root, dir string, files []InputFile) (*Draft, error) {
	r := &tfReader{root: root, draft: &Draft{}, budget: &tfBudget{left: tfFuncBudget}}
	r.funcs = map[string]function.Function{}
	for name, f := range tfSafeFunctions() {
		r.funcs[name] = r.budget.wrap(name, f)
	}
	var tf, varFiles []InputFile
	for _, f := range files {
		if base := filepath.Base(f.Name); base == "override.tf" || strings.HasSuffix(base, "_override.tf") {
			r.draft.Notes = append(r.draft.Notes, Note{From: Source{File: f.Name}, Text: "Terraform override files are not merged into the blocks they override; read as an ordinary file"})
		}
		if tfIsVarFile(strings.ToLower(filepath.Base(f.Name))) {
			varFiles = append(varFiles, f)
		} else {
			tf = append(tf, f)
		}
	}
	// Terraform loads terraform.tfvars first, then *.auto.tfvars in name order.
	sort.SliceStable(varFiles, func(i, j int) bool {
		bi, bj := filepath.Base(varFiles[i].Name), filepath.Base(varFiles[j].Name)
		if (bi == "terraform.tfvars") != (bj == "terraform.tfvars") {
			return bi == "terraform.tfvars"
		}
		return bi < bj
	})
	for _, f := range files {
		r.bytesRead += int64(len(f.Data))
	}
	if r.bytesRead > tfMaxGroupBytes {
		return nil, &SourceError{Source: Source{File: dir}, Message: fmt.Sprintf("the Terraform files add up to more than %s; not imported", safeio.Size(tfMaxGroupBytes))}
	}
	bodies, err := tfParseAll(tf)
	if err != nil {
		return nil, err
	}
	overrides := map[string]cty.Value{}
	overrideFrom := map[string]Source{}
	for _, vf := range varFiles {
		if err := r.readVarFile(vf, overrides, overrideFrom); err != nil {
			return nil, err
		}
	}
	m := &tfModule{r: r, dir: dir, chain: []string{tfCleanDir(dir)}}
	if err := m.load(bodies, overrides, overrideFrom); err != nil {
		return nil, err
	}
	tfSortNotes(r.draft)
	return r.draft, nil
}

// tfParseAll parses files in name order; the first syntax error is returned
// at its position.
func tfParseAll(files []InputFile) ([]*hclsyntax.Body, error) {
	sorted := append([]InputFile(nil), files...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	var out []*hclsyntax.Body
	for _, f := range sorted {
		if len(f.Data) > tfMaxFileBytes {
			return nil, &SourceError{Source: Source{File: f.Name}, Message: fmt.Sprintf("larger than %s; Terraform files this large are not imported", safeio.Size(tfMaxFileBytes))}
		}
		body, err := tfParse(f.Name, f.Data)
		if err != nil {
			return nil, err
		}
		out = append(out, body)
	}
	return out, nil
}

func tfParse(name string, data []byte) (*hclsyntax.Body, error) {
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, &SourceError{Source: Source{File: name}, Message: "not a text file (contains a NUL byte)"}
	}
	if err := tfCheckNesting(name, data); err != nil {
		return nil, err
	}
	f, diags := hclsyntax.ParseConfig(data, name, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, tfDiagError(name, diags)
	}
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		return nil, &SourceError{Source: Source{File: name}, Message: "not HCL native syntax"}
	}
	return body, nil
}

// tfDiagError turns the first error diagnostic into a *SourceError.
func tfDiagError(name string, diags hcl.Diagnostics) error {
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		src := Source{File: name}
		if d.Subject != nil {
			src = tfSource(*d.Subject)
		}
		return &SourceError{Source: src, Message: tfDiagText(d)}
	}
	return &SourceError{Source: Source{File: name}, Message: "invalid HCL"}
}

func tfDiagText(d *hcl.Diagnostic) string {
	text := d.Summary
	if d.Detail != "" {
		text += ": " + d.Detail
	}
	return strings.TrimSuffix(text, ".")
}

func tfSource(r hcl.Range) Source {
	return Source{File: r.Filename, Line: r.Start.Line, Column: r.Start.Column}
}

// readVarFile reads a .tfvars file: top-level attributes whose values are
// constants (tfvars cannot refer to anything).
func (r *tfReader) readVarFile(f InputFile, into map[string]cty.Value, from map[string]Source) error {
	if len(f.Data) > tfMaxFileBytes {
		return &SourceError{Source: Source{File: f.Name}, Message: fmt.Sprintf("larger than %s; variable files this large are not imported", safeio.Size(tfMaxFileBytes))}
	}
	body, err := tfParse(f.Name, f.Data)
	if err != nil {
		return err
	}
	for _, b := range body.Blocks {
		return &SourceError{Source: tfSource(b.TypeRange), Message: "a variable file holds attributes only, not blocks"}
	}
	empty := &tfScope{vars: map[string]cty.Value{}, locals: map[string]cty.Value{}, funcs: r.funcs}
	for _, a := range tfSortedAttrs(body) {
		v, diags := empty.eval(a.Expr)
		if diags.HasErrors() || !v.IsWhollyKnown() {
			r.note(a.SrcRange, fmt.Sprintf("variable %s in %s is not a constant; ignored", a.Name, filepath.Base(f.Name)))
			continue
		}
		into[a.Name] = v
		from[a.Name] = tfSource(a.SrcRange)
	}
	return nil
}

// tfSortedAttrs lists a body's attributes in source order (the body keeps
// them in a map).
func tfSortedAttrs(body *hclsyntax.Body) []*hclsyntax.Attribute {
	out := make([]*hclsyntax.Attribute, 0, len(body.Attributes))
	for _, a := range body.Attributes {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].SrcRange.Start.Byte < out[j].SrcRange.Start.Byte })
	return out
}

func tfCleanDir(dir string) string {
	if abs, err := filepath.Abs(dir); err == nil {
		return abs
	}
	return filepath.Clean(dir)
}

// tfSortNotes orders notes and unknown resources by file, line, column and
// text, so the draft does not depend on map order anywhere.
func tfSortNotes(d *Draft) {
	less := func(a, b Note) bool {
		if a.From.File != b.From.File {
			return a.From.File < b.From.File
		}
		if a.From.Line != b.From.Line {
			return a.From.Line < b.From.Line
		}
		if a.From.Column != b.From.Column {
			return a.From.Column < b.From.Column
		}
		return a.Text < b.Text
	}
	sort.SliceStable(d.Notes, func(i, j int) bool { return less(d.Notes[i], d.Notes[j]) })
	sort.SliceStable(d.Unknown, func(i, j int) bool { return less(d.Unknown[i], d.Unknown[j]) })
	d.Notes = tfDedupe(d.Notes)
	d.Unknown = tfDedupe(d.Unknown)
}

// tfDedupe drops repeated notes (the same attribute read by two mappers) from
// a sorted list.
func tfDedupe(notes []Note) []Note {
	out := notes[:0]
	for i, n := range notes {
		if i > 0 && n == notes[i-1] {
			continue
		}
		out = append(out, n)
	}
	return out
}

// CalledDirs lists the local module directories the files of dir call; the
// importer reads them only through their callers.
func (terraformFormat) CalledDirs(dir string, files []InputFile) []string {
	return terraformCalledDirs(dir, files)
}
