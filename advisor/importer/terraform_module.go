package importer

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/hybridadvisor/hybridadvisor/advisor/safeio"
)

// tfReader is one ReadGroup call: the draft it fills and the bounds shared by
// every module instance it reads.
type tfReader struct {
	root        string
	draft       *Draft
	budget      *tfBudget
	funcs       map[string]function.Function
	bytesRead   int64
	moduleCalls int
	names       map[string]bool // component names given so far
}

func (r *tfReader) note(rng hcl.Range, text string) {
	r.draft.Notes = append(r.draft.Notes, Note{From: tfSource(rng), Text: text})
}

// tfModule is one instance of a module: the root directory, or a local module
// called from it with its own variable values.
type tfModule struct {
	r      *tfReader
	dir    string   // the directory as the user's path names it
	prefix string   // "" for the root; the module call names ("api", "api.worker") below it
	chain  []string // absolute directories of the calls leading here, for cycles
	scope  *tfScope

	resources  []*tfResource
	byAddr     map[string]*tfResource
	comps      []*Component
	info       map[*Component]*tfCompInfo
	children   map[string]*tfModule                    // module calls read, by name
	policyDocs map[string]*tfResource                  // data "aws_iam_policy_document" blocks, by name
	outputs    map[string][]tfTarget                   // output name → components reached through it
	jsonKeys   map[*hclsyntax.Attribute]map[string]int // key offsets of JSON heredocs, by attribute
}

// tfOutput is an output block: its value tells the calling module which
// queue or service of this module an output leads to.
type tfOutput struct {
	Name string
	Expr hclsyntax.Expression
}

// tfTarget is a component a reference leads to, and how it is called.
type tfTarget struct {
	Comp *Component
	Mode string // "async" through a queue, "sync" to an HTTP address
	Why  string
}

// tfResource is one resource block.
type tfResource struct {
	Type, Name string
	Block      *hclsyntax.Block
	Comp       *Component // the component it became, if any
	Used       bool       // mapped into another resource's component
}

func (res *tfResource) addr() string { return res.Type + "." + res.Name }

// tfModuleMeta are module block arguments that are not input variables.
var tfModuleMeta = map[string]bool{"source": true, "version": true, "count": true, "for_each": true, "providers": true, "depends_on": true}

// load resolves variables and locals, then maps the resources and reads the
// local modules the files call.
func (m *tfModule) load(bodies []*hclsyntax.Body, inputs map[string]cty.Value, inputFrom map[string]Source) error {
	r := m.r
	m.scope = &tfScope{vars: map[string]cty.Value{}, locals: map[string]cty.Value{}, funcs: r.funcs}
	m.byAddr = map[string]*tfResource{}
	localExprs := map[string]*hclsyntax.Attribute{}
	var localOrder []string
	var modules []*hclsyntax.Block
	var outputs []tfOutput
	var providers []*hclsyntax.Block
	declared := map[string]bool{}
	empty := &tfScope{vars: map[string]cty.Value{}, locals: map[string]cty.Value{}, funcs: r.funcs}
	for _, body := range bodies {
		for _, b := range body.Blocks {
			switch b.Type {
			case "variable":
				if len(b.Labels) != 1 || declared[b.Labels[0]] {
					continue
				}
				name := b.Labels[0]
				declared[name] = true
				m.scope.vars[name] = cty.DynamicVal
				if a, ok := b.Body.Attributes["default"]; ok {
					v, diags := empty.eval(a.Expr)
					if diags.HasErrors() {
						r.note(a.SrcRange, fmt.Sprintf("variable %q: default could not be read: %s", name, tfDiagText(diags[0])))
					} else {
						m.scope.vars[name] = v
					}
				}
			case "locals":
				for _, a := range tfSortedAttrs(b.Body) {
					if _, dup := localExprs[a.Name]; dup {
						r.note(a.SrcRange, fmt.Sprintf("local.%s is defined twice; the first definition is used", a.Name))
						continue
					}
					localExprs[a.Name] = a
					localOrder = append(localOrder, a.Name)
				}
			case "resource":
				if len(b.Labels) != 2 {
					continue
				}
				res := &tfResource{Type: b.Labels[0], Name: b.Labels[1], Block: b}
				if m.byAddr[res.addr()] != nil {
					r.note(b.DefRange(), fmt.Sprintf("resource %s is declared twice; the first is used", res.addr()))
					continue
				}
				m.byAddr[res.addr()] = res
				m.resources = append(m.resources, res)
			case "module":
				if len(b.Labels) == 1 {
					modules = append(modules, b)
				}
			case "data":
				if len(b.Labels) == 2 && b.Labels[0] == "aws_iam_policy_document" {
					if m.policyDocs == nil {
						m.policyDocs = map[string]*tfResource{}
					}
					m.policyDocs[b.Labels[1]] = &tfResource{Type: "data." + b.Labels[0], Name: b.Labels[1], Block: b}
				}
			case "provider":
				if len(b.Labels) == 1 && m.prefix == "" {
					providers = append(providers, b)
				}
			case "output":
				if a, ok := b.Body.Attributes["value"]; ok && len(b.Labels) == 1 {
					outputs = append(outputs, tfOutput{Name: b.Labels[0], Expr: a.Expr})
				}
			}
		}
	}
	names := make([]string, 0, len(inputs))
	for name := range inputs {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if !declared[name] {
			what := "a variable file"
			if m.prefix != "" {
				what = "module " + m.prefix
			}
			r.draft.Notes = append(r.draft.Notes, Note{From: inputFrom[name], Text: fmt.Sprintf("%s sets %q, which no variable declares; ignored", what, name)})
			continue
		}
		m.scope.vars[name] = inputs[name]
	}
	m.evalLocals(localExprs, localOrder)
	m.regions(providers)
	m.mapResources()
	m.name()
	// Child modules first: the links of this module may go through their
	// outputs (an environment variable holding module.jobs.queue_url).
	for _, b := range modules {
		if err := m.callModule(b); err != nil {
			return err
		}
	}
	m.link(outputs)
	return nil
}

// evalLocals evaluates locals in dependency order (Kahn's algorithm, linear in
// the references). Locals on a cycle, or depending on one, stay unknown and
// are noted.
func (m *tfModule) evalLocals(exprs map[string]*hclsyntax.Attribute, order []string) {
	deps := map[string][]string{} // local → locals waiting on it
	waiting := map[string]int{}   // local → locals it still waits on
	for _, name := range order {
		seen := map[string]bool{}
		for _, t := range exprs[name].Expr.Variables() {
			if t.RootName() != "local" || len(t) < 2 {
				continue
			}
			a, ok := t[1].(hcl.TraverseAttr)
			if !ok || seen[a.Name] {
				continue
			}
			seen[a.Name] = true
			if _, defined := exprs[a.Name]; defined {
				deps[a.Name] = append(deps[a.Name], name)
				waiting[name]++
			}
		}
	}
	var queue []string
	for _, name := range order {
		if waiting[name] == 0 {
			queue = append(queue, name)
		}
	}
	done := map[string]bool{}
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		done[name] = true
		a := exprs[name]
		v, diags := m.scope.eval(a.Expr)
		if diags.HasErrors() {
			m.r.note(a.SrcRange, fmt.Sprintf("local.%s could not be evaluated: %s", name, tfDiagText(diags[0])))
			v = cty.DynamicVal
		}
		m.scope.locals[name] = v
		for _, next := range deps[name] {
			if waiting[next]--; waiting[next] == 0 {
				queue = append(queue, next)
			}
		}
	}
	for _, name := range order {
		if !done[name] {
			m.scope.locals[name] = cty.DynamicVal
			m.r.note(exprs[name].SrcRange, fmt.Sprintf("local.%s is part of a cycle of locals (or depends on one); left unresolved", name))
		}
	}
}

// callModule reads a local module with the call's arguments as its variables.
// Registry and git sources are noted, not fetched; a path leaving the
// imported directory is refused.
func (m *tfModule) callModule(b *hclsyntax.Block) error {
	r := m.r
	name := b.Labels[0]
	srcAttr, ok := b.Body.Attributes["source"]
	if !ok {
		r.note(b.DefRange(), fmt.Sprintf("module %q has no source; not read", name))
		return nil
	}
	v, diags := m.scope.eval(srcAttr.Expr)
	source, ok := tfString(v)
	if diags.HasErrors() || !ok {
		r.note(srcAttr.SrcRange, fmt.Sprintf("module %q: source is not a constant string; not read", name))
		return nil
	}
	if filepath.IsAbs(source) || strings.HasPrefix(source, "/") {
		r.note(srcAttr.SrcRange, fmt.Sprintf("module %q: source %q is an absolute path; refused", name, source))
		return nil
	}
	if !strings.HasPrefix(source, "./") && !strings.HasPrefix(source, "../") {
		r.note(srcAttr.SrcRange, fmt.Sprintf("module %q: source %q is a registry or remote module; not read (only local ./ and ../ modules are)", name, source))
		return nil
	}
	if len(m.chain) > tfMaxDepth {
		r.note(b.DefRange(), fmt.Sprintf("module %q: modules nested more than %d deep; not read", name, tfMaxDepth))
		return nil
	}
	if r.moduleCalls++; r.moduleCalls > tfMaxModuleCall {
		r.note(b.DefRange(), fmt.Sprintf("module %q: more than %d module instances; not read", name, tfMaxModuleCall))
		return nil
	}
	for _, meta := range []string{"count", "for_each"} {
		if a, ok := b.Body.Attributes[meta]; ok {
			r.note(a.SrcRange, fmt.Sprintf("module %q uses %s; read as one instance", name, meta))
		}
	}
	dir := filepath.Join(m.dir, filepath.FromSlash(source))
	// Confine compares resolved absolute paths: relative ones never match.
	absRoot, absDir := tfCleanDir(r.root), tfCleanDir(dir)
	rel, err := filepath.Rel(absRoot, absDir)
	var real string
	if err == nil {
		real, err = safeio.Confine(absRoot, rel)
	}
	if err != nil {
		r.note(srcAttr.SrcRange, fmt.Sprintf("module %q: source %q leads outside the imported directory; refused", name, source))
		return nil
	}
	abs := tfCleanDir(real)
	for _, up := range m.chain {
		if up == abs {
			r.note(srcAttr.SrcRange, fmt.Sprintf("module %q: source %q calls a module already being read (a cycle); not read again", name, source))
			return nil
		}
	}
	entries, err := os.ReadDir(real)
	if err != nil {
		why := "not a readable directory"
		if errors.Is(err, fs.ErrNotExist) {
			why = "no such directory"
		}
		r.note(srcAttr.SrcRange, fmt.Sprintf("module %q: source %q cannot be read: %s", name, source, why))
		return nil
	}
	var files []InputFile
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".tf") {
			continue
		}
		p, err := safeio.Confine(real, e.Name())
		if err == nil {
			var data []byte
			data, err = safeio.ReadRegular(p, tfMaxFileBytes)
			if err == nil {
				if r.bytesRead += int64(len(data)); r.bytesRead > tfMaxGroupBytes {
					r.note(srcAttr.SrcRange, fmt.Sprintf("module %q: modules add up to more than %s; not read", name, safeio.Size(tfMaxGroupBytes)))
					return nil
				}
				files = append(files, InputFile{Name: filepath.Join(dir, e.Name()), Data: data})
				continue
			}
		}
		r.note(srcAttr.SrcRange, fmt.Sprintf("module %q: %s skipped: %s", name, e.Name(), tfErrText(err)))
	}
	bodies, err := tfParseAll(files)
	if err != nil {
		return err
	}
	inputs, from := map[string]cty.Value{}, map[string]Source{}
	for _, a := range tfSortedAttrs(b.Body) {
		if tfModuleMeta[a.Name] {
			continue
		}
		v, diags := m.scope.eval(a.Expr)
		if diags.HasErrors() {
			r.note(a.SrcRange, fmt.Sprintf("module %q: argument %s could not be evaluated: %s", name, a.Name, tfDiagText(diags[0])))
			v = cty.DynamicVal
		}
		inputs[a.Name], from[a.Name] = v, tfSource(a.SrcRange)
	}
	prefix := name
	if m.prefix != "" {
		prefix = m.prefix + "." + name
	}
	child := &tfModule{r: r, dir: dir, prefix: prefix, chain: append(append([]string(nil), m.chain...), abs)}
	if m.children == nil {
		m.children = map[string]*tfModule{}
	}
	m.children[name] = child
	return child.load(bodies, inputs, from)
}

func tfErrText(err error) string {
	var se *safeio.Error
	if errors.As(err, &se) {
		return se.Reason
	}
	return err.Error()
}

// name gives the module's components their profile names: the resource name
// at the root; in a module the module's name when it holds one component,
// else "module.resource". A name already taken in the draft falls back to the
// resource's full address, then to a number.
func (m *tfModule) name() {
	if m.r.names == nil {
		m.r.names = map[string]bool{}
	}
	for _, c := range m.comps {
		res := m.info[c].res
		var tries []string
		switch {
		case m.prefix == "":
			tries = []string{c.Name, res.Type + "." + c.Name}
		case len(m.comps) == 1:
			tries = []string{m.prefix, m.prefix + "." + c.Name, m.prefix + "." + res.Type + "." + c.Name}
		default:
			tries = []string{m.prefix + "." + c.Name, m.prefix + "." + res.Type + "." + c.Name}
		}
		name := ""
		for _, t := range tries {
			if !m.r.names[t] {
				name = t
				break
			}
		}
		for i := 2; name == ""; i++ {
			if t := fmt.Sprintf("%s-%d", tries[0], i); !m.r.names[t] {
				name = t
			}
		}
		m.r.names[name] = true
		c.Name = name
	}
}

// terraformCalledDirs lists the directories (absolute, cleaned) that the
// Terraform files of one directory call as local modules with a constant
// source. The importer skips them as groups of their own: they are read, with
// their inputs, as part of the directory calling them. Files that do not
// parse are skipped; ReadGroup reports them.
func terraformCalledDirs(dir string, files []InputFile) []string {
	var out []string
	seen := map[string]bool{}
	for _, f := range files {
		if tfIsVarFile(strings.ToLower(filepath.Base(f.Name))) || len(f.Data) > tfMaxFileBytes {
			continue
		}
		body, err := tfParse(f.Name, f.Data)
		if err != nil {
			continue
		}
		for _, b := range body.Blocks {
			if b.Type != "module" {
				continue
			}
			a, ok := b.Body.Attributes["source"]
			if !ok {
				continue
			}
			source, ok := tfLiteralKey(a.Expr) // a quoted constant; nothing is evaluated
			if !ok || !(strings.HasPrefix(source, "./") || strings.HasPrefix(source, "../")) {
				continue
			}
			d := tfCleanDir(filepath.Join(dir, filepath.FromSlash(source)))
			if d != tfCleanDir(dir) && !seen[d] {
				seen[d] = true
				out = append(out, d)
			}
		}
	}
	sort.Strings(out)
	return out
}

// tfProviderClouds are the providers whose region the profile can use.
var tfProviderClouds = map[string]string{"aws": "aws", "azurerm": "azure", "google": "gcp"}

// regions reads the root module's provider regions (an aliased provider is
// not the default one and is skipped). A region that is not static is noted.
func (m *tfModule) regions(providers []*hclsyntax.Block) {
	for _, b := range providers {
		cloud, ok := tfProviderClouds[b.Labels[0]]
		if !ok {
			continue
		}
		if _, aliased := b.Body.Attributes["alias"]; aliased {
			continue
		}
		attr := "region"
		if cloud == "azure" {
			attr = "location" // rarely on the provider; resources carry it
		}
		res := &tfResource{Type: "provider", Name: b.Labels[0], Block: b}
		if v, a, ok := m.str(res, b.Body, attr); ok {
			m.r.draft.Regions = append(m.r.draft.Regions, Field{Path: cloud, Value: v, From: tfSource(a.SrcRange), Why: "provider " + b.Labels[0] + " " + attr})
		}
	}
}
