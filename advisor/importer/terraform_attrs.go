package importer

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// Attribute access for the resource mappers: each reads one attribute of a
// block body, notes it when it is present but not static, and says whether a
// value came out.

// label names a resource in notes: "aws_lambda_function.orders", prefixed by
// its module path in a module.
func (m *tfModule) label(res *tfResource) string {
	if m.prefix == "" {
		return res.addr()
	}
	return "module." + strings.ReplaceAll(m.prefix, ".", ".module.") + "." + res.addr()
}

// raw evaluates an attribute, possibly to a partly unknown value; errors are
// noted.
func (m *tfModule) raw(res *tfResource, body *hclsyntax.Body, name string) (cty.Value, *hclsyntax.Attribute, bool) {
	if body == nil {
		return cty.NilVal, nil, false
	}
	a, ok := body.Attributes[name]
	if !ok {
		return cty.NilVal, nil, false
	}
	v, diags := m.scope.eval(a.Expr)
	if diags.HasErrors() {
		m.r.note(a.SrcRange, fmt.Sprintf("%s: %s could not be evaluated: %s; left unset", m.label(res), name, tfDiagText(diags[0])))
		return cty.NilVal, a, false
	}
	if v.IsNull() {
		return cty.NilVal, a, false
	}
	return v, a, true
}

// value evaluates an attribute that must be wholly static.
func (m *tfModule) value(res *tfResource, body *hclsyntax.Body, name string) (cty.Value, *hclsyntax.Attribute, bool) {
	v, a, ok := m.raw(res, body, name)
	if !ok {
		return v, a, false
	}
	if !v.IsWhollyKnown() {
		m.notStatic(res, a, name)
		return cty.NilVal, a, false
	}
	return v, a, true
}

func (m *tfModule) notStatic(res *tfResource, a *hclsyntax.Attribute, name string) {
	refs := m.scope.tfUnknownRefs(a.Expr)
	why := "it is known only when Terraform applies"
	if len(refs) > 0 {
		why = "it refers to " + strings.Join(refs, ", ")
	}
	m.r.note(a.SrcRange, fmt.Sprintf("%s: %s is not static (%s); left unset", m.label(res), name, why))
}

func (m *tfModule) wrongType(res *tfResource, a *hclsyntax.Attribute, name, want string) {
	m.r.note(a.SrcRange, fmt.Sprintf("%s: %s is not %s; left unset", m.label(res), name, want))
}

// typedAttr evaluates a static attribute and converts it with conv; a value
// conv refuses is noted as not being want.
func typedAttr[T any](m *tfModule, res *tfResource, body *hclsyntax.Body, name, want string, conv func(cty.Value) (T, bool)) (T, *hclsyntax.Attribute, bool) {
	var zero T
	v, a, ok := m.value(res, body, name)
	if !ok {
		return zero, a, false
	}
	x, ok := conv(v)
	if !ok {
		m.wrongType(res, a, name, want)
		return zero, a, false
	}
	return x, a, true
}

func (m *tfModule) str(res *tfResource, body *hclsyntax.Body, name string) (string, *hclsyntax.Attribute, bool) {
	return typedAttr(m, res, body, name, "a string", tfString)
}

func (m *tfModule) integer(res *tfResource, body *hclsyntax.Body, name string) (int64, *hclsyntax.Attribute, bool) {
	return typedAttr(m, res, body, name, "a whole number", tfInt)
}

func (m *tfModule) number(res *tfResource, body *hclsyntax.Body, name string) (float64, *hclsyntax.Attribute, bool) {
	return typedAttr(m, res, body, name, "a number", func(v cty.Value) (float64, bool) {
		n, ok := tfFloat(v)
		return n, ok && !math.IsInf(n, 0) && !math.IsNaN(n)
	})
}

func (m *tfModule) boolean(res *tfResource, body *hclsyntax.Body, name string) (bool, *hclsyntax.Attribute, bool) {
	return typedAttr(m, res, body, name, "true or false", tfBool)
}

// block is the first nested block of a type, or nil; dynamic blocks of that
// type are noted, since their content depends on a for_each.
func (m *tfModule) block(res *tfResource, body *hclsyntax.Body, typ string) *hclsyntax.Body {
	bs := m.blocks(res, body, typ)
	if len(bs) == 0 {
		return nil
	}
	return bs[0]
}

func (m *tfModule) blocks(res *tfResource, body *hclsyntax.Body, typ string) []*hclsyntax.Body {
	if body == nil {
		return nil
	}
	var out []*hclsyntax.Body
	for _, b := range body.Blocks {
		switch {
		case b.Type == typ:
			out = append(out, b.Body)
		case b.Type == "dynamic" && len(b.Labels) == 1 && b.Labels[0] == typ:
			m.r.note(b.DefRange(), fmt.Sprintf("%s: dynamic %q block is generated at apply; not read", m.label(res), typ))
		}
	}
	return out
}

// set adds a field taken from attribute a.
func (m *tfModule) set(c *Component, path string, v any, a *hclsyntax.Attribute, why string) {
	m.setAt(c, path, v, a.SrcRange, why)
}

func (m *tfModule) setAt(c *Component, path string, v any, rng hcl.Range, why string) {
	for i := range c.Fields {
		if c.Fields[i].Path == path {
			c.Fields[i] = Field{Path: path, Value: v, From: tfSource(rng), Why: why}
			return
		}
	}
	c.Fields = append(c.Fields, Field{Path: path, Value: v, From: tfSource(rng), Why: why})
}

func tfHas(c *Component, path string) bool {
	for _, f := range c.Fields {
		if f.Path == path {
			return true
		}
	}
	return false
}

// trigger sets the component's trigger unless a resource already did; a
// second trigger is noted.
func (m *tfModule) trigger(c *Component, trig string, rng hcl.Range, why string) {
	if c.Trigger == "" {
		c.Trigger, c.TriggerFrom, c.TriggerWhy = trig, tfSource(rng), why
		return
	}
	if c.Trigger != trig {
		m.r.note(rng, fmt.Sprintf("%s is also triggered by %s (%s); the profile keeps %s", c.Name, trig, why, c.Trigger))
	}
}

// Range-checked setters for the profile's numeric fields: a value the
// profile would refuse is noted instead.

func (m *tfModule) setMemory(c *Component, res *tfResource, mb int64, rng hcl.Range, why string) {
	if mb < 64 || mb > 262144 {
		m.r.note(rng, fmt.Sprintf("%s: memory %d MB is outside 64..262144; left unset", m.label(res), mb))
		return
	}
	m.setAt(c, "execution.memory_mb", int(mb), rng, why)
}

func (m *tfModule) setVCPU(c *Component, res *tfResource, vcpu float64, rng hcl.Range, why string) {
	if !(vcpu > 0 && vcpu <= 192) {
		m.r.note(rng, fmt.Sprintf("%s: %g vCPU is outside 0..192; left unset", m.label(res), vcpu))
		return
	}
	var v any = vcpu
	if vcpu == math.Trunc(vcpu) {
		v = int(vcpu)
	}
	m.setAt(c, "execution.vcpu", v, rng, why)
}

func (m *tfModule) setDuration(c *Component, res *tfResource, d time.Duration, rng hcl.Range, why string) {
	if d <= 0 || d > 720*time.Hour {
		m.r.note(rng, fmt.Sprintf("%s: timeout %s is outside 0..720h; left unset", m.label(res), d))
		return
	}
	m.setAt(c, "execution.max_duration", d, rng, why)
}

func (m *tfModule) setCount(c *Component, res *tfResource, path string, n, lo, hi int64, rng hcl.Range, why string) {
	if n < lo || n > hi {
		m.r.note(rng, fmt.Sprintf("%s: %s %d is outside %d..%d; left unset", m.label(res), path, n, lo, hi))
		return
	}
	m.setAt(c, path, int(n), rng, why)
}

// tfMemoryMB reads a Kubernetes-style quantity ("512Mi", "1Gi", "256M",
// "1G", "2048") as MB (MiB: the platforms size memory in binary units).
func tfMemoryMB(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	units := []struct {
		suffix string
		mb     float64
	}{{"Ki", 1.0 / 1024}, {"Mi", 1}, {"Gi", 1024}, {"Ti", 1024 * 1024}, {"k", 1.0 / 1024}, {"K", 1.0 / 1024}, {"M", 1}, {"G", 1024}, {"T", 1024 * 1024}}
	mult := 1.0 / (1 << 20)
	for _, u := range units {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSuffix(s, u.suffix), u.mb
			break
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || math.IsInf(f, 0) || f*mult > 1<<40 {
		return 0, false
	}
	return int64(math.Ceil(f * mult)), true
}

// tfCPU reads a CPU quantity: "1", "0.5", "500m".
func tfCPU(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	div := 1.0
	if strings.HasSuffix(s, "m") {
		s, div = strings.TrimSuffix(s, "m"), 1000
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f <= 0 || math.IsInf(f, 0) {
		return 0, false
	}
	return f / div, true
}

// tfSecretRef says whether a value points at a secret store rather than
// holding the secret.
func tfSecretRef(v string) bool {
	return strings.HasPrefix(v, "arn:aws:secretsmanager:") || strings.HasPrefix(v, "arn:aws:ssm:") ||
		strings.HasPrefix(v, "@Microsoft.KeyVault(") || strings.HasPrefix(v, "projects/") && strings.Contains(v, "/secrets/")
}

// tfDocument reads a JSON document attribute: jsonencode(...) is evaluated
// without encoding (so a part known only at apply does not hide the rest); a
// string (heredoc, file contents) is decoded.
func (m *tfModule) tfDocument(res *tfResource, body *hclsyntax.Body, name string) (cty.Value, *hclsyntax.Attribute, bool) {
	if body == nil {
		return cty.NilVal, nil, false
	}
	a, ok := body.Attributes[name]
	if !ok {
		return cty.NilVal, nil, false
	}
	if call, ok := a.Expr.(*hclsyntax.FunctionCallExpr); ok && call.Name == "jsonencode" && len(call.Args) == 1 {
		v, diags := m.scope.eval(call.Args[0])
		if diags.HasErrors() {
			m.r.note(a.SrcRange, fmt.Sprintf("%s: %s could not be evaluated: %s; left unset", m.label(res), name, tfDiagText(diags[0])))
			return cty.NilVal, a, false
		}
		return v, a, true
	}
	v, a, ok := m.value(res, body, name)
	if !ok {
		return cty.NilVal, a, false
	}
	s, ok := tfString(v)
	if !ok {
		m.wrongType(res, a, name, "a JSON string")
		return cty.NilVal, a, false
	}
	err := tfCheckJSONDepth(s)
	var ty cty.Type
	if err == nil {
		ty, err = ctyjson.ImpliedType([]byte(s))
	}
	if err == nil {
		v, err = ctyjson.Unmarshal([]byte(s), ty)
	}
	if err != nil {
		m.r.note(a.SrcRange, fmt.Sprintf("%s: %s is not valid JSON: %v", m.label(res), name, err))
		return cty.NilVal, a, false
	}
	return v, a, true
}

// keyRange finds where a key path of a JSON document attribute is written
// ("0", "image" for the first container's image), so fields point at the
// line that states them: in a jsonencode(...) argument, the value's
// expression; in a heredoc or string, the key's line (column unknown: a
// heredoc may be de-indented). Otherwise the attribute's range.
func (m *tfModule) keyRange(a *hclsyntax.Attribute, path ...string) hcl.Range {
	if a == nil {
		return hcl.Range{}
	}
	if lit, ok := tfLiteralTemplate(a.Expr); ok {
		if m.jsonKeys == nil {
			m.jsonKeys = map[*hclsyntax.Attribute]map[string]int{}
		}
		keys, done := m.jsonKeys[a]
		if !done {
			keys = tfJSONKeyOffsets(lit.Val.AsString())
			m.jsonKeys[a] = keys
		}
		off, ok := keys[strings.Join(path, "\x00")]
		if !ok {
			return a.SrcRange
		}
		text := lit.Val.AsString()[:off]
		start := lit.SrcRange.Start
		start.Line += strings.Count(text, "\n")
		start.Column, start.Byte = 0, 0
		return hcl.Range{Filename: lit.SrcRange.Filename, Start: start, End: start}
	}
	call, ok := a.Expr.(*hclsyntax.FunctionCallExpr)
	if !ok || call.Name != "jsonencode" || len(call.Args) != 1 {
		return a.SrcRange
	}
	expr := call.Args[0]
	for _, step := range path {
		found := false
		switch e := expr.(type) {
		case *hclsyntax.TupleConsExpr:
			if i, err := strconv.Atoi(step); err == nil && i >= 0 && i < len(e.Exprs) {
				expr, found = e.Exprs[i], true
			}
		case *hclsyntax.ObjectConsExpr:
			for _, item := range e.Items {
				if k, ok := item.KeyExpr.(*hclsyntax.ObjectConsKeyExpr); ok && hcl.ExprAsKeyword(k.Wrapped) == step {
					expr, found = item.ValueExpr, true
					break
				}
				if tmpl, ok := tfLiteralKey(item.KeyExpr); ok && tmpl == step {
					expr, found = item.ValueExpr, true
					break
				}
			}
		}
		if !found {
			return expr.Range()
		}
	}
	return expr.Range()
}

// tfLiteralTemplate is a string written without interpolation: a heredoc or
// a quoted string.
func tfLiteralTemplate(e hclsyntax.Expression) (*hclsyntax.LiteralValueExpr, bool) {
	t, ok := e.(*hclsyntax.TemplateExpr)
	if !ok || len(t.Parts) != 1 {
		return nil, false
	}
	lit, ok := t.Parts[0].(*hclsyntax.LiteralValueExpr)
	if !ok || lit.Val.Type() != cty.String || !lit.Val.IsKnown() || lit.Val.IsNull() {
		return nil, false
	}
	return lit, true
}

// tfJSONKeyOffsets maps each object key path of a JSON text (steps joined by
// NUL, array indexes as numbers) to the byte offset just after the key.
func tfJSONKeyOffsets(s string) map[string]int {
	out := map[string]int{}
	if tfCheckJSONDepth(s) != nil {
		return out
	}
	dec := json.NewDecoder(strings.NewReader(s))
	var value func(path string) bool
	value = func(path string) bool {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		d, ok := tok.(json.Delim)
		if !ok {
			return true
		}
		join := func(step string) string {
			if path == "" {
				return step
			}
			return path + "\x00" + step
		}
		switch d {
		case '{':
			for dec.More() {
				kt, err := dec.Token()
				key, ok := kt.(string)
				if err != nil || !ok {
					return false
				}
				p := join(key)
				out[p] = int(dec.InputOffset())
				if !value(p) {
					return false
				}
			}
		case '[':
			for i := 0; dec.More(); i++ {
				if !value(join(strconv.Itoa(i))) {
					return false
				}
			}
		}
		_, err = dec.Token()
		return err == nil
	}
	value("")
	return out
}

// tfLiteralKey reads a quoted object key: { "image" = ... }.
func tfLiteralKey(e hclsyntax.Expression) (string, bool) {
	if k, ok := e.(*hclsyntax.ObjectConsKeyExpr); ok {
		e = k.Wrapped
	}
	t, ok := e.(*hclsyntax.TemplateExpr)
	if !ok || len(t.Parts) != 1 {
		return "", false
	}
	lit, ok := t.Parts[0].(*hclsyntax.LiteralValueExpr)
	if !ok || lit.Val.Type() != cty.String {
		return "", false
	}
	return lit.Val.AsString(), true
}
