package importer

import (
	"errors"
	"fmt"
	"math/big"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// Bounds on the work one Terraform directory can cause. Terraform expressions
// can grow values (concat(local.a, local.a) in a chain of locals doubles at
// every step, format pads to any width, a for inside a for squares), so every
// value a local, variable or function produces is measured and every function
// call is charged to a budget for the whole directory.
const (
	tfMaxValueSize  = 1 << 20  // bytes plus elements of one value
	tfFuncBudget    = 64 << 20 // bytes plus elements all function calls may produce
	tfMaxForItems   = 10000    // elements a for expression may iterate over
	tfMaxRefs       = 1000     // references in one expression
	tfMaxFormatPad  = 4096     // width or precision in a format verb
	tfMaxNesting    = 1000     // bracket nesting in a file (the parser recurses)
	tfMaxFileBytes  = 2 << 20  // one .tf or .tfvars file: the HCL lexer takes seconds per MiB
	tfMaxGroupBytes = 8 << 20  // all files of one directory and the modules it calls
	tfMaxModuleCall = 64       // module instances read for one directory
	tfMaxDepth      = 8        // modules inside modules
)

// tfSafeFunctions are the functions expressions may call: pure ones that read
// nothing outside the expression. file(), templatefile() and the like are
// deliberately missing: an unknown function is noted, never run.
func tfSafeFunctions() map[string]function.Function {
	return map[string]function.Function{
		"lower":      stdlib.LowerFunc,
		"upper":      stdlib.UpperFunc,
		"format":     stdlib.FormatFunc,
		"join":       stdlib.JoinFunc,
		"concat":     stdlib.ConcatFunc,
		"merge":      stdlib.MergeFunc,
		"lookup":     stdlib.LookupFunc,
		"tonumber":   stdlib.MakeToFunc(cty.Number),
		"tostring":   stdlib.MakeToFunc(cty.String),
		"tobool":     stdlib.MakeToFunc(cty.Bool),
		"tolist":     stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
		"tomap":      stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),
		"max":        stdlib.MaxFunc,
		"min":        stdlib.MinFunc,
		"jsonencode": stdlib.JSONEncodeFunc,
		"jsondecode": stdlib.JSONDecodeFunc,
		"coalesce":   stdlib.CoalesceFunc,
		"length":     stdlib.LengthFunc,
		"element":    stdlib.ElementFunc,
		"replace":    stdlib.ReplaceFunc,
		"split":      stdlib.SplitFunc,
		"trimspace":  stdlib.TrimSpaceFunc,
		"contains":   stdlib.ContainsFunc,
		"keys":       stdlib.KeysFunc,
		"values":     stdlib.ValuesFunc,
	}
}

// tfBudget is what is left of one directory's function budget.
type tfBudget struct{ left int64 }

var errTFBudget = errors.New("expression too large to evaluate (the import's evaluation budget is spent)")

// wrap returns f charged to the budget: arguments and result are measured
// (with an early stop at the cap), format widths are bounded before the call.
func (b *tfBudget) wrap(name string, f function.Function) function.Function {
	spec := &function.Spec{
		Params:   f.Params(),
		VarParam: f.VarParam(),
		Type: func(args []cty.Value) (cty.Type, error) {
			// jsondecode decodes already to find its result type.
			if name == "jsondecode" && len(args) > 0 && args[0].IsKnown() && !args[0].IsNull() && args[0].Type() == cty.String {
				if err := tfCheckJSONDepth(args[0].AsString()); err != nil {
					return cty.NilType, err
				}
			}
			return f.ReturnTypeForValues(args)
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			var in int64
			for _, a := range args {
				in += tfSize(a, tfMaxValueSize+1)
				if in > tfMaxValueSize {
					return cty.NilVal, fmt.Errorf("%s: arguments larger than %d bytes", name, tfMaxValueSize)
				}
			}
			if name == "format" && len(args) > 0 && args[0].IsKnown() && !args[0].IsNull() && args[0].Type() == cty.String {
				if err := tfCheckFormat(args[0].AsString()); err != nil {
					return cty.NilVal, err
				}
			}
			if b.left -= in; b.left < 0 {
				return cty.NilVal, errTFBudget
			}
			v, err := f.Call(args)
			if err != nil {
				return v, err
			}
			out := tfSize(v, tfMaxValueSize+1)
			if out > tfMaxValueSize {
				return cty.NilVal, fmt.Errorf("%s: result larger than %d bytes", name, tfMaxValueSize)
			}
			if b.left -= out; b.left < 0 {
				return cty.NilVal, errTFBudget
			}
			return v, nil
		},
	}
	return function.New(spec)
}

// tfCheckFormat refuses format verbs padded wider than tfMaxFormatPad: the
// padding is allocated in full.
func tfCheckFormat(s string) error {
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			continue
		}
		i++
		for i < len(s) && strings.IndexByte("-+# 0[]", s[i]) >= 0 {
			i++
		}
		n := 0
		for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
			if s[i] == '.' {
				n = 0
			} else if n = n*10 + int(s[i]-'0'); n > tfMaxFormatPad {
				return fmt.Errorf("format: a width or precision over %d", tfMaxFormatPad)
			}
			i++
		}
	}
	return nil
}

// tfElementWeight is what one element of a collection counts for in tfSize:
// cty walks and copies elements far more slowly than string bytes.
const tfElementWeight = 32

// tfSize measures a value: string bytes plus tfElementWeight per element,
// stopping once it passes limit.
func tfSize(v cty.Value, limit int64) int64 {
	var n int64
	var walk func(v cty.Value)
	walk = func(v cty.Value) {
		if n > limit {
			return
		}
		n += tfElementWeight
		if !v.IsKnown() || v.IsNull() {
			return
		}
		ty := v.Type()
		switch {
		case ty == cty.String:
			n += int64(len(v.AsString()))
		case ty.IsListType() || ty.IsSetType() || ty.IsTupleType() || ty.IsMapType() || ty.IsObjectType():
			for it := v.ElementIterator(); it.Next() && n <= limit; {
				k, e := it.Element()
				if ty.IsMapType() || ty.IsObjectType() {
					n += int64(len(k.AsString()))
				}
				walk(e)
			}
		}
	}
	walk(v)
	return n
}

// tfCheckNesting refuses files that would make the HCL parser recurse more
// than tfMaxNesting levels: it recurses once per bracket, quote, template
// interpolation, unary operator and conditional, and a deep enough file would
// exhaust the stack, which no recover catches. It counts on the lexer's tokens
// (iterative, so strings and comments are told apart from code), keeping an
// operator count per bracket level that a comma or newline resets: a safe
// over-estimate of the parser's depth.
func tfCheckNesting(name string, data []byte) error {
	tokens, _ := hclsyntax.LexConfig(data, name, hcl.InitialPos)
	type level struct {
		open hclsyntax.TokenType
		ops  int // unary operators and conditionals open at this level
	}
	levels := []level{{open: hclsyntax.TokenOBrace}}
	total := 0 // brackets plus operators open
	for _, tok := range tokens {
		top := &levels[len(levels)-1]
		switch tok.Type {
		case hclsyntax.TokenOBrace, hclsyntax.TokenOBrack, hclsyntax.TokenOParen, hclsyntax.TokenOQuote,
			hclsyntax.TokenOHeredoc, hclsyntax.TokenTemplateInterp, hclsyntax.TokenTemplateControl:
			levels = append(levels, level{open: tok.Type})
			total++
		case hclsyntax.TokenCBrace, hclsyntax.TokenCBrack, hclsyntax.TokenCParen, hclsyntax.TokenCQuote,
			hclsyntax.TokenCHeredoc, hclsyntax.TokenTemplateSeqEnd:
			if len(levels) > 1 {
				total -= top.ops + 1
				levels = levels[:len(levels)-1]
			}
		case hclsyntax.TokenBang, hclsyntax.TokenMinus, hclsyntax.TokenQuestion:
			top.ops++
			total++
		case hclsyntax.TokenComma, hclsyntax.TokenNewline:
			// A newline ends an expression only in a body or an object;
			// inside parentheses and brackets the parser skips it.
			if tok.Type == hclsyntax.TokenComma || top.open == hclsyntax.TokenOBrace {
				total -= top.ops
				top.ops = 0
			}
		}
		if total > tfMaxNesting {
			return &SourceError{Source: tfSource(tok.Range), Message: fmt.Sprintf("expression nested more than %d deep", tfMaxNesting)}
		}
	}
	return nil
}

// tfCheckJSONDepth refuses JSON nested deeper than tfMaxNesting before a
// recursive decoder sees it.
func tfCheckJSONDepth(s string) error {
	depth, inString, escaped := 0, false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '[' || c == '{':
			if depth++; depth > tfMaxNesting {
				return fmt.Errorf("JSON nested more than %d deep", tfMaxNesting)
			}
		case c == ']' || c == '}':
			depth--
		}
	}
	return nil
}

// tfScope is what expressions of one module instance can refer to.
type tfScope struct {
	vars   map[string]cty.Value // variable values; cty.DynamicVal when unset
	locals map[string]cty.Value // evaluated locals; cty.DynamicVal when unresolved
	funcs  map[string]function.Function
}

// ctxFor builds the evaluation context for expr from the names it refers to
// only, so evaluating many expressions stays linear in what they mention.
// Roots that are not var or local (resources, data sources, modules, each,
// count, path) are unknown: the expression's value is then unknown, not an
// error.
func (s *tfScope) ctxFor(refs []hcl.Traversal) *hcl.EvalContext {
	ctx := &hcl.EvalContext{Variables: map[string]cty.Value{}, Functions: s.funcs}
	vars, locals := map[string]cty.Value{}, map[string]cty.Value{}
	for _, t := range refs {
		root := t.RootName()
		name := ""
		if len(t) > 1 {
			if a, ok := t[1].(hcl.TraverseAttr); ok {
				name = a.Name
			}
		}
		switch root {
		case "var":
			if v, ok := s.vars[name]; ok {
				vars[name] = v
			}
		case "local":
			if v, ok := s.locals[name]; ok {
				locals[name] = v
			}
		default:
			ctx.Variables[root] = cty.DynamicVal
		}
	}
	ctx.Variables["var"] = cty.ObjectVal(vars)
	ctx.Variables["local"] = cty.ObjectVal(locals)
	return ctx
}

// tfLimits walks an expression before it is evaluated: a for expression inside
// another is refused, and a for expression may iterate over tfMaxForItems
// elements at most.
type tfLimits struct {
	ctx   *hcl.EvalContext
	depth int
	diags hcl.Diagnostics
}

func (w *tfLimits) Enter(n hclsyntax.Node) hcl.Diagnostics {
	f, ok := n.(*hclsyntax.ForExpr)
	if !ok {
		return nil
	}
	w.depth++
	if w.depth > 1 {
		return hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "a for expression inside another is not evaluated by the import", Subject: f.SrcRange.Ptr()}}
	}
	coll, diags := f.CollExpr.Value(w.ctx)
	if diags.HasErrors() || !coll.IsKnown() || coll.IsNull() || !coll.CanIterateElements() {
		return nil // the evaluation reports it
	}
	if coll.LengthInt() > tfMaxForItems {
		return hcl.Diagnostics{{Severity: hcl.DiagError, Summary: fmt.Sprintf("a for expression over more than %d elements is not evaluated by the import", tfMaxForItems), Subject: f.SrcRange.Ptr()}}
	}
	return nil
}

func (w *tfLimits) Exit(n hclsyntax.Node) hcl.Diagnostics {
	if _, ok := n.(*hclsyntax.ForExpr); ok {
		w.depth--
	}
	return nil
}

// eval evaluates expr in the scope. It never panics: a panic inside a
// function becomes a diagnostic.
func (s *tfScope) eval(expr hclsyntax.Expression) (v cty.Value, diags hcl.Diagnostics) {
	refs := expr.Variables()
	if len(refs) > tfMaxRefs {
		return cty.DynamicVal, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: fmt.Sprintf("more than %d references in one expression", tfMaxRefs), Subject: expr.Range().Ptr()}}
	}
	ctx := s.ctxFor(refs)
	defer func() {
		if p := recover(); p != nil {
			v = cty.DynamicVal
			diags = hcl.Diagnostics{{Severity: hcl.DiagError, Summary: fmt.Sprintf("expression could not be evaluated (%v)", p), Subject: expr.Range().Ptr()}}
		}
	}()
	if d := hclsyntax.Walk(expr, &tfLimits{ctx: ctx}); d.HasErrors() {
		return cty.DynamicVal, d
	}
	v, diags = expr.Value(ctx)
	if diags.HasErrors() {
		return cty.DynamicVal, diags
	}
	if tfSize(v, tfMaxValueSize+1) > tfMaxValueSize {
		return cty.DynamicVal, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: fmt.Sprintf("value larger than %d bytes", tfMaxValueSize), Subject: expr.Range().Ptr()}}
	}
	return v, nil
}

// tfUnknownRefs names what makes an expression's value unknown: references to
// resources, data sources, modules, or variables without a value.
func (s *tfScope) tfUnknownRefs(expr hclsyntax.Expression) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range expr.Variables() {
		name := tfTraversalName(t)
		root := t.RootName()
		unknown := false
		switch root {
		case "var", "local":
			m := s.vars
			if root == "local" {
				m = s.locals
			}
			parts := strings.SplitN(name, ".", 3)
			if len(parts) < 2 {
				unknown = true
			} else if v, ok := m[parts[1]]; !ok || !v.IsWhollyKnown() {
				unknown = true
			}
			if len(parts) >= 2 {
				name = parts[0] + "." + parts[1]
			}
		default:
			unknown = true
		}
		if unknown && !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// tfTraversalName writes a traversal's attribute steps: "aws_sqs_queue.jobs.arn".
func tfTraversalName(t hcl.Traversal) string {
	var b strings.Builder
	for i, step := range t {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			b.WriteString(s.Name)
		case hcl.TraverseAttr:
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(s.Name)
		default:
			b.WriteString("[…]")
		}
	}
	return b.String()
}

// tfRef is a reference to another resource in the same module: the type and
// name of `aws_sqs_queue.jobs.arn`.
type tfRef struct {
	Type, Name string
	Attr       string // the step after the name: "arn", or a module's output name
	Range      hcl.Range
}

// tfRefs lists the resources an expression refers to, in order.
func tfRefs(expr hclsyntax.Expression) []tfRef {
	var out []tfRef
	for _, t := range expr.Variables() {
		if len(t) < 2 {
			continue
		}
		a, ok := t[1].(hcl.TraverseAttr)
		root := t.RootName()
		if !ok || root == "var" || root == "local" || root == "data" || root == "each" || root == "count" || root == "path" || root == "terraform" || root == "self" {
			continue
		}
		ref := tfRef{Type: root, Name: a.Name, Range: t.SourceRange()}
		if len(t) > 2 {
			if attr, ok := t[2].(hcl.TraverseAttr); ok {
				ref.Attr = attr.Name
			}
		}
		out = append(out, ref)
	}
	return out
}

// Conversions from cty values to the Go values fields hold. Each returns false
// for unknown, null or unconvertible values.

func tfString(v cty.Value) (string, bool) {
	if !v.IsWhollyKnown() || v.IsNull() {
		return "", false
	}
	s, err := convert.Convert(v, cty.String)
	if err != nil || s.IsNull() {
		return "", false
	}
	return s.AsString(), true
}

func tfNumber(v cty.Value) (*big.Float, bool) {
	if !v.IsWhollyKnown() || v.IsNull() {
		return nil, false
	}
	n, err := convert.Convert(v, cty.Number)
	if err != nil || n.IsNull() {
		return nil, false
	}
	return n.AsBigFloat(), true
}

func tfInt(v cty.Value) (int64, bool) {
	f, ok := tfNumber(v)
	if !ok || !f.IsInt() {
		return 0, false
	}
	i, acc := f.Int64()
	return i, acc == big.Exact
}

func tfFloat(v cty.Value) (float64, bool) {
	f, ok := tfNumber(v)
	if !ok {
		return 0, false
	}
	x, _ := f.Float64()
	return x, true
}

func tfBool(v cty.Value) (bool, bool) {
	if !v.IsWhollyKnown() || v.IsNull() {
		return false, false
	}
	b, err := convert.Convert(v, cty.Bool)
	if err != nil || b.IsNull() {
		return false, false
	}
	return b.True(), true
}

func tfStrings(v cty.Value) ([]string, bool) {
	if !v.IsWhollyKnown() || v.IsNull() || !v.CanIterateElements() {
		return nil, false
	}
	var out []string
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		s, ok := tfString(e)
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

// tfAttr is one element of a map or object value, by key, or cty.NilVal.
func tfAttr(v cty.Value, key string) cty.Value {
	if !v.IsKnown() || v.IsNull() {
		return cty.NilVal
	}
	ty := v.Type()
	switch {
	case ty.IsObjectType():
		if ty.HasAttribute(key) {
			return v.GetAttr(key)
		}
	case ty.IsMapType():
		k := cty.StringVal(key)
		if v.HasIndex(k).True() {
			return v.Index(k)
		}
	}
	return cty.NilVal
}

// tfKeys are a map's or object's keys in order.
func tfKeys(v cty.Value) []string {
	if !v.IsKnown() || v.IsNull() || !(v.Type().IsMapType() || v.Type().IsObjectType()) {
		return nil
	}
	var keys []string
	for it := v.ElementIterator(); it.Next(); {
		k, _ := it.Element()
		keys = append(keys, k.AsString())
	}
	sort.Strings(keys)
	return keys
}
