package importer

import (
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// tfEnv is one environment variable of a component, however the resource
// writes it (a map attribute, env blocks, container definition JSON).
type tfEnv struct {
	Name      string
	Value     cty.Value            // cty.NilVal or unknown when not static
	Expr      hclsyntax.Expression // the value's expression, when written in HCL
	Rng       hcl.Range
	SecretRef bool // the value names a secret store entry (valueFrom, secret_key_ref)
}

// tfEnvRef is a resource an environment variable refers to: a queue the
// component sends to, a service it calls.
type tfEnvRef struct {
	Env string
	Ref tfRef
	Rng hcl.Range
}

// tfCompInfo is what the linking pass needs to know about a component.
type tfCompInfo struct {
	res     *tfResource
	envRefs []tfEnvRef
	// literalQueues are SQS queues and SNS topics named by a literal ARN or
	// queue URL in an environment variable: sent to, in another file maybe.
	literalQueues []QueueEnd
	roles         []tfRef // IAM roles the component runs as
	roleRng       hcl.Range
}

// envMap reads environment variables written as a map attribute
// (variables = { A = "x" }); each entry of an object literal is evaluated on
// its own so one unknown value does not hide the rest.
func (m *tfModule) envMap(res *tfResource, body *hclsyntax.Body, name string) []tfEnv {
	if body == nil {
		return nil
	}
	a, ok := body.Attributes[name]
	if !ok {
		return nil
	}
	if obj, ok := a.Expr.(*hclsyntax.ObjectConsExpr); ok {
		var out []tfEnv
		for _, item := range obj.Items {
			key, ok := tfObjectKey(m, item.KeyExpr)
			if !ok {
				continue
			}
			v, diags := m.scope.eval(item.ValueExpr)
			if diags.HasErrors() {
				v = cty.NilVal
			}
			out = append(out, tfEnv{Name: key, Value: v, Expr: item.ValueExpr, Rng: item.KeyExpr.Range()})
		}
		return out
	}
	v, a, ok := m.raw(res, body, name)
	if !ok {
		return nil
	}
	out := []tfEnv{{Name: "", Expr: a.Expr, Rng: a.SrcRange}} // the whole expression's references
	for _, k := range tfKeys(v) {
		out = append(out, tfEnv{Name: k, Value: tfAttr(v, k), Rng: a.SrcRange})
	}
	return out
}

// tfObjectKey reads an object literal's key: a bare word, a quoted string or
// a static expression.
func tfObjectKey(m *tfModule, e hclsyntax.Expression) (string, bool) {
	if k, ok := e.(*hclsyntax.ObjectConsKeyExpr); ok {
		if kw := hcl.ExprAsKeyword(k.Wrapped); kw != "" && !k.ForceNonLiteral {
			return kw, true
		}
		e = k.Wrapped
	}
	v, diags := m.scope.eval(e)
	if diags.HasErrors() {
		return "", false
	}
	return tfString(v)
}

// envBlocks reads env { name = "A" value = "x" } blocks (Kubernetes, Cloud
// Run, Container Apps). secretBlock names a nested block or attribute whose
// presence means the value comes from a secret store.
func (m *tfModule) envBlocks(res *tfResource, body *hclsyntax.Body, secretMarks ...string) []tfEnv {
	var out []tfEnv
	for _, b := range m.blocks(res, body, "env") {
		name, a, ok := m.str(res, b, "name")
		if !ok {
			continue
		}
		e := tfEnv{Name: name, Rng: a.SrcRange}
		if va, ok := b.Attributes["value"]; ok {
			e.Expr = va.Expr
			if v, diags := m.scope.eval(va.Expr); !diags.HasErrors() {
				e.Value = v
			}
		}
		for _, mark := range secretMarks {
			if _, ok := b.Attributes[mark]; ok {
				e.SecretRef = true
			}
			for _, nb := range b.Blocks {
				if nb.Type == mark {
					e.SecretRef = true
				}
			}
		}
		out = append(out, e)
	}
	return out
}

// applyEnv records the secrets and references of a component's environment.
func (m *tfModule) applyEnv(c *Component, info *tfCompInfo, envs []tfEnv) {
	var names []string
	seen := map[string]bool{}
	var namesRng, plainRng, managerRng *hcl.Range
	plainName := ""
	for i := range envs {
		e := &envs[i]
		if e.Expr != nil {
			for _, ref := range tfRefs(e.Expr) {
				info.envRefs = append(info.envRefs, tfEnvRef{Env: e.Name, Ref: ref, Rng: e.Rng})
			}
		}
		if e.Value != cty.NilVal {
			if s, ok := tfString(e.Value); ok {
				if svc, name, ok := awsArnName(s); ok && (svc == "sqs" || svc == "sns") {
					info.literalQueues = append(info.literalQueues, QueueEnd{Service: svc, Name: name, Sends: true, From: tfSource(e.Rng), Why: "environment " + e.Name})
				}
			}
		}
		if e.Name == "" || !secretName(e.Name) {
			continue
		}
		if !seen[e.Name] {
			seen[e.Name] = true
			names = append(names, e.Name)
		}
		if namesRng == nil {
			namesRng = &e.Rng
		}
		s, known := "", false
		if e.Value != cty.NilVal {
			s, known = tfString(e.Value)
		}
		switch {
		case e.SecretRef || known && tfSecretRef(s):
			if managerRng == nil {
				managerRng = &e.Rng
			}
		case known && s != "":
			if plainRng == nil {
				plainRng, plainName = &e.Rng, e.Name
			}
		}
	}
	if len(names) == 0 {
		return
	}
	sort.Strings(names)
	m.setAt(c, "security.secrets.names", names, *namesRng, "secret-looking environment variable names")
	switch {
	case plainRng != nil:
		m.setAt(c, "security.secrets.source", "plaintext_env", *plainRng, plainName+" holds a literal value")
	case managerRng != nil:
		m.setAt(c, "security.secrets.source", "secret_manager", *managerRng, "values come from a secret store")
	}
}
