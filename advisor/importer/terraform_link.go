package importer

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// link reads the resources that connect components: event source mappings
// and permissions (triggers), IAM policies (permissions), queues referenced
// from environment variables (async calls). It runs after the components of
// the module are named.
func (m *tfModule) link(outputs []tfOutput) {
	consumers := map[string][]*Component{} // queue address → components it triggers
	for _, res := range m.resources {
		switch res.Type {
		case "aws_lambda_event_source_mapping":
			m.eventSourceMapping(res, consumers)
		case "aws_lambda_permission":
			m.lambdaPermission(res)
		case "aws_lambda_function_url":
			if c := m.lambdaOf(res, "function_name"); c != nil {
				m.trigger(c, "http", res.Block.DefRange(), "aws_lambda_function_url "+res.Name)
				if s, a, ok := m.str(res, res.Block.Body, "authorization_type"); ok && s == "NONE" {
					m.set(c, "security.exposure", "public", a, "function URL with authorization_type NONE")
				}
			}
		case "aws_cloudwatch_event_target":
			m.eventTarget(res)
		case "kubernetes_service", "kubernetes_service_v1":
			m.kubernetesService(res)
		}
	}
	m.iam()
	m.asyncCalls(consumers)
	m.outputTargets(outputs, consumers)
}

// targets are the components a reference leads to: the consumers of a
// queue, a service by its URL, or what a child module's output leads to.
func (m *tfModule) targets(ref tfRef, consumers map[string][]*Component) []tfTarget {
	if ref.Type == "module" {
		if child := m.children[ref.Name]; child != nil {
			return child.outputs[ref.Attr]
		}
		return nil
	}
	addr := ref.Type + "." + ref.Name
	var out []tfTarget
	for _, to := range consumers[addr] {
		out = append(out, tfTarget{Comp: to, Mode: "async", Why: "SQS queue " + ref.Name})
	}
	if target := m.byAddr[addr]; target != nil && target.Comp != nil && tfURLAttr(target.Type) {
		out = append(out, tfTarget{Comp: target.Comp, Mode: "sync", Why: addr + " URL"})
	}
	return out
}

// outputTargets records, for the calling module, where each output leads.
func (m *tfModule) outputTargets(outputs []tfOutput, consumers map[string][]*Component) {
	for _, o := range outputs {
		for _, ref := range tfRefs(o.Expr) {
			for _, t := range m.targets(ref, consumers) {
				if m.outputs == nil {
					m.outputs = map[string][]tfTarget{}
				}
				m.outputs[o.Name] = append(m.outputs[o.Name], t)
			}
		}
	}
}

// lambdaOf is the Lambda component an attribute names, by reference
// (aws_lambda_function.x.arn) or by its static function_name.
func (m *tfModule) lambdaOf(res *tfResource, attr string) *Component {
	a, ok := res.Block.Body.Attributes[attr]
	if !ok {
		return nil
	}
	for _, ref := range tfRefsOfType(a.Expr, "aws_lambda_function") {
		if fn := m.byAddr[ref.Type+"."+ref.Name]; fn != nil && fn.Comp != nil {
			return fn.Comp
		}
	}
	v, diags := m.scope.eval(a.Expr)
	name, ok := tfString(v)
	if diags.HasErrors() || !ok {
		return nil
	}
	name = name[strings.LastIndexByte(name, ':')+1:]
	for _, fn := range m.resources {
		if fn.Type != "aws_lambda_function" || fn.Comp == nil {
			continue
		}
		if fa, ok := fn.Block.Body.Attributes["function_name"]; ok {
			if fv, d := m.scope.eval(fa.Expr); !d.HasErrors() {
				if s, ok := tfString(fv); ok && s == name {
					return fn.Comp
				}
			}
		}
	}
	return nil
}

// tfSourceKinds maps an event source's resource type or ARN service to a
// trigger.
var tfSourceKinds = map[string]string{
	"aws_sqs_queue": "queue", "aws_mq_broker": "queue",
	"aws_kinesis_stream": "stream", "aws_dynamodb_table": "stream", "aws_msk_cluster": "stream",
	"sqs": "queue", "mq": "queue", "kinesis": "stream", "dynamodb": "stream", "kafka": "stream",
}

func (m *tfModule) eventSourceMapping(res *tfResource, consumers map[string][]*Component) {
	c := m.lambdaOf(res, "function_name")
	a, ok := res.Block.Body.Attributes["event_source_arn"]
	if c == nil || !ok {
		m.r.note(res.Block.DefRange(), fmt.Sprintf("%s: the function or the event source is not in the files; not linked", m.label(res)))
		return
	}
	for _, ref := range tfRefs(a.Expr) {
		if kind, ok := tfSourceKinds[ref.Type]; ok {
			m.trigger(c, kind, a.SrcRange, "event source mapping from "+ref.Type+"."+ref.Name)
			if ref.Type == "aws_sqs_queue" {
				addr := ref.Type + "." + ref.Name
				consumers[addr] = append(consumers[addr], c)
				m.exportQueue(c, ref, false, a.SrcRange, "event source mapping "+res.Name)
				if q := m.byAddr[addr]; q != nil {
					if rp, ok := q.Block.Body.Attributes["redrive_policy"]; ok {
						m.set(c, "resilience.dlq", true, rp, "queue "+ref.Name+" has a redrive policy")
					}
				}
			}
			return
		}
	}
	if s, _, ok := m.str(res, res.Block.Body, "event_source_arn"); ok {
		parts := strings.Split(s, ":")
		if len(parts) > 2 {
			if kind, ok := tfSourceKinds[parts[2]]; ok {
				m.trigger(c, kind, a.SrcRange, "event source mapping from "+s)
				if svc, name, ok := awsArnName(s); ok && svc == "sqs" {
					m.r.draft.Queues = append(m.r.draft.Queues, QueueEnd{Component: c.Name, Service: "sqs", Name: name, From: tfSource(a.SrcRange), Why: "event source mapping " + res.Name})
				}
				return
			}
		}
	}
	m.r.note(a.SrcRange, fmt.Sprintf("%s: event source not recognised; trigger not set", m.label(res)))
}

// tfPrincipals maps the service allowed to invoke a function to a trigger.
var tfPrincipals = map[string]string{
	"apigateway.amazonaws.com":           "http",
	"elasticloadbalancing.amazonaws.com": "http",
	"s3.amazonaws.com":                   "storage",
	"sns.amazonaws.com":                  "event",
	"events.amazonaws.com":               "event",
	"sqs.amazonaws.com":                  "queue",
}

func (m *tfModule) lambdaPermission(res *tfResource) {
	c := m.lambdaOf(res, "function_name")
	if c == nil {
		return
	}
	p, a, ok := m.str(res, res.Block.Body, "principal")
	if !ok {
		return
	}
	if p == "*" {
		m.set(c, "security.identity.resource_policy_public", true, a, "aws_lambda_permission principal *")
		return
	}
	trig, ok := tfPrincipals[p]
	if !ok {
		return
	}
	if p == "events.amazonaws.com" {
		if sa, ok := res.Block.Body.Attributes["source_arn"]; ok {
			if t := m.ruleTrigger(sa.Expr); t != "" {
				trig = t
			}
		}
	}
	m.trigger(c, trig, a.SrcRange, "aws_lambda_permission for "+p)
}

// ruleTrigger is "schedule" when expr refers to an EventBridge rule with a
// schedule_expression, "event" for another rule, "" otherwise.
func (m *tfModule) ruleTrigger(expr hclsyntax.Expression) string {
	for _, ref := range tfRefsOfType(expr, "aws_cloudwatch_event_rule") {
		if rule := m.byAddr[ref.Type+"."+ref.Name]; rule != nil {
			if _, ok := rule.Block.Body.Attributes["schedule_expression"]; ok {
				return "schedule"
			}
			return "event"
		}
	}
	return ""
}

func (m *tfModule) eventTarget(res *tfResource) {
	c := m.lambdaOf(res, "arn")
	if c == nil {
		return
	}
	trig := "event"
	if a, ok := res.Block.Body.Attributes["rule"]; ok {
		if t := m.ruleTrigger(a.Expr); t != "" {
			trig = t
		}
	}
	m.trigger(c, trig, res.Block.DefRange(), "EventBridge target "+res.Name)
}

// asyncCalls: a component whose environment refers to a queue that triggers
// another component sends to it.
func (m *tfModule) asyncCalls(consumers map[string][]*Component) {
	for _, c := range m.comps {
		for _, q := range m.info[c].literalQueues {
			q.Component = c.Name // named by now
			m.r.draft.Queues = append(m.r.draft.Queues, q)
		}
		seen := map[string]bool{}
		for _, er := range m.info[c].envRefs {
			if er.Ref.Type == "aws_sqs_queue" && len(consumers[er.Ref.Type+"."+er.Ref.Name]) == 0 {
				why := er.Ref.Type + "." + er.Ref.Name
				if er.Env != "" {
					why = er.Env + ": " + why
				}
				m.exportQueue(c, er.Ref, true, er.Rng, why)
			}
			for _, t := range m.targets(er.Ref, consumers) {
				if t.Comp == c || seen[t.Comp.Name] {
					continue
				}
				seen[t.Comp.Name] = true
				why := t.Why
				if er.Env != "" {
					why = er.Env + ": " + why
				}
				c.Calls = append(c.Calls, Call{To: t.Comp.Name, Mode: t.Mode, From: tfSource(er.Rng), Why: why})
			}
		}
	}
}

// tfURLAttr says whether a reference reads a resource's HTTP address.
func tfURLAttr(typ string) bool {
	switch typ {
	case "google_cloud_run_v2_service", "google_cloudfunctions2_function", "azurerm_container_app", "aws_lambda_function_url":
		return true
	}
	return false
}

// iam gives each component whose role is in the files the wildcard actions
// its role's policies allow, and says whether the role is its own.
func (m *tfModule) iam() {
	users := map[string][]*Component{}
	for _, c := range m.comps {
		for _, ref := range m.info[c].roles {
			addr := ref.Type + "." + ref.Name
			users[addr] = append(users[addr], c)
		}
	}
	if len(users) == 0 {
		return
	}
	grants := map[string][]tfGrant{} // role address → wildcard grants
	for _, res := range m.resources {
		body := res.Block.Body
		switch res.Type {
		case "aws_iam_role":
			for _, b := range m.blocks(res, body, "inline_policy") {
				grants[res.addr()] = append(grants[res.addr()], m.policyGrants(res, b, "policy")...)
			}
			if v, a, ok := m.value(res, body, "managed_policy_arns"); ok {
				if arns, ok := tfStrings(v); ok {
					for _, arn := range arns {
						grants[res.addr()] = append(grants[res.addr()], tfManagedGrants(arn, a.SrcRange)...)
					}
				}
			}
		case "aws_iam_role_policy":
			for _, role := range m.roleRefs(res) {
				grants[role] = append(grants[role], m.policyGrants(res, body, "policy")...)
			}
		case "aws_iam_role_policy_attachment":
			pa, ok := body.Attributes["policy_arn"]
			if !ok {
				continue
			}
			var g []tfGrant
			for _, ref := range tfRefsOfType(pa.Expr, "aws_iam_policy") {
				if p := m.byAddr[ref.Type+"."+ref.Name]; p != nil {
					g = append(g, m.policyGrants(p, p.Block.Body, "policy")...)
				}
			}
			if v, d := m.scope.eval(pa.Expr); !d.HasErrors() {
				if arn, ok := tfString(v); ok {
					g = append(g, tfManagedGrants(arn, pa.SrcRange)...)
				}
			}
			for _, role := range m.roleRefs(res) {
				grants[role] = append(grants[role], g...)
			}
		}
	}
	roles := make([]string, 0, len(users))
	for r := range users {
		roles = append(roles, r)
	}
	sort.Strings(roles)
	for _, role := range roles {
		for _, c := range users[role] {
			info := m.info[c]
			if m.byAddr[role] != nil {
				m.setAt(c, "security.identity.dedicated_role", len(users[role]) == 1, info.roleRng, fmt.Sprintf("%s is used by %d component(s)", role, len(users[role])))
			}
			g := grants[role]
			if len(g) == 0 {
				continue
			}
			var actions []string
			seen := map[string]bool{}
			for _, x := range g {
				if !seen[x.Action] {
					seen[x.Action] = true
					actions = append(actions, x.Action)
				}
			}
			sort.Strings(actions)
			m.setAt(c, "security.identity.permissions", actions, g[0].Rng, "wildcard actions in the policies of "+role)
		}
	}
}

// tfGrant is one wildcard action a policy allows, where it is written.
type tfGrant struct {
	Action string
	Rng    hcl.Range
}

func (m *tfModule) roleRefs(res *tfResource) []string {
	a, ok := res.Block.Body.Attributes["role"]
	if !ok {
		return nil
	}
	var out []string
	for _, ref := range tfRefsOfType(a.Expr, "aws_iam_role") {
		out = append(out, ref.Type+"."+ref.Name)
	}
	return out
}

func tfManagedGrants(arn string, rng hcl.Range) []tfGrant {
	name := arn[strings.LastIndexByte(arn, '/')+1:]
	var out []tfGrant
	for _, act := range awsManagedWildcards[name] {
		out = append(out, tfGrant{Action: act, Rng: rng})
	}
	return out
}

// policyGrants reads an IAM policy document (jsonencode or a JSON string) and
// returns the wildcard actions ("*", "s3:*") its Allow statements grant.
func (m *tfModule) policyGrants(res *tfResource, body *hclsyntax.Body, name string) []tfGrant {
	if a, ok := body.Attributes[name]; ok {
		if doc := m.policyDocument(a.Expr); doc != nil {
			return m.documentGrants(doc)
		}
	}
	doc, a, ok := m.tfDocument(res, body, name)
	if !ok || !doc.IsKnown() {
		return nil
	}
	stmts := tfAttr(doc, "Statement")
	if stmts == cty.NilVal || !stmts.IsKnown() || stmts.IsNull() {
		return nil
	}
	var list []cty.Value
	if stmts.Type().IsObjectType() || stmts.Type().IsMapType() {
		list = []cty.Value{stmts}
	} else if stmts.CanIterateElements() {
		for it := stmts.ElementIterator(); it.Next(); {
			_, s := it.Element()
			list = append(list, s)
		}
	}
	var out []tfGrant
	for i, s := range list {
		if e, ok := tfString(tfAttr(s, "Effect")); ok && e != "Allow" {
			continue
		}
		act := tfAttr(s, "Action")
		if act == cty.NilVal {
			continue
		}
		actions, ok := tfStrings(act)
		if !ok {
			if one, ok1 := tfString(act); ok1 {
				actions = []string{one}
			}
		}
		rng := m.keyRange(a, "Statement", fmt.Sprint(i), "Action")
		if stmts.Type().IsObjectType() || stmts.Type().IsMapType() {
			rng = m.keyRange(a, "Statement", "Action")
		}
		for _, x := range actions {
			if x == "*" || strings.HasSuffix(x, ":*") {
				out = append(out, tfGrant{Action: x, Rng: rng})
			}
		}
	}
	return out
}

// kubernetesService gives the deployments a Service selects an HTTP trigger
// and an exposure from its type (LoadBalancer and NodePort reach outside the
// cluster).
func (m *tfModule) kubernetesService(res *tfResource) {
	spec := m.block(res, res.Block.Body, "spec")
	sel, a, ok := m.value(res, spec, "selector")
	matched := false
	if ok {
		selector := map[string]string{}
		for _, k := range tfKeys(sel) {
			if v, ok := tfString(tfAttr(sel, k)); ok {
				selector[k] = v
			}
		}
		typ, ta, _ := m.str(res, spec, "type")
		for _, c := range m.comps {
			dep := m.info[c].res
			if !strings.HasPrefix(dep.Type, "kubernetes_deployment") || len(selector) == 0 {
				continue
			}
			meta := m.block(dep, m.block(dep, m.block(dep, dep.Block.Body, "spec"), "template"), "metadata")
			labels, _, ok := m.value(dep, meta, "labels")
			if !ok || !tfSelects(selector, labels) {
				continue
			}
			matched = true
			m.trigger(c, "http", a.SrcRange, "selected by "+m.label(res))
			switch typ {
			case "LoadBalancer", "NodePort":
				m.set(c, "security.exposure", "public", ta, "Service type "+typ)
			case "ClusterIP":
				m.set(c, "security.exposure", "internal", ta, "Service type "+typ)
			}
		}
	}
	if !matched {
		text := res.Type + " " + res.Name
		if m.prefix != "" {
			text += " (module " + m.prefix + ")"
		}
		m.r.draft.Unknown = append(m.r.draft.Unknown, Note{From: tfSource(res.Block.DefRange()), Text: text})
	}
}

// tfSelects says whether every selector label is among labels.
func tfSelects(selector map[string]string, labels cty.Value) bool {
	for k, want := range selector {
		if got, ok := tfString(tfAttr(labels, k)); !ok || got != want {
			return false
		}
	}
	return true
}

// policyDocument is the data "aws_iam_policy_document" an expression reads
// (data.aws_iam_policy_document.x.json), or nil.
func (m *tfModule) policyDocument(expr hclsyntax.Expression) *tfResource {
	for _, t := range expr.Variables() {
		if t.RootName() != "data" || len(t) < 3 {
			continue
		}
		typ, ok1 := t[1].(hcl.TraverseAttr)
		name, ok2 := t[2].(hcl.TraverseAttr)
		if ok1 && ok2 && typ.Name == "aws_iam_policy_document" {
			if doc := m.policyDocs[name.Name]; doc != nil {
				return doc
			}
		}
	}
	return nil
}

// documentGrants reads the statement blocks of an aws_iam_policy_document.
func (m *tfModule) documentGrants(doc *tfResource) []tfGrant {
	var out []tfGrant
	for _, st := range m.blocks(doc, doc.Block.Body, "statement") {
		if e, _, ok := m.str(doc, st, "effect"); ok && e != "Allow" {
			continue
		}
		v, a, ok := m.value(doc, st, "actions")
		if !ok {
			continue
		}
		actions, _ := tfStrings(v)
		for _, x := range actions {
			if x == "*" || strings.HasSuffix(x, ":*") {
				out = append(out, tfGrant{Action: x, Rng: a.SrcRange})
			}
		}
	}
	return out
}

// exportQueue declares that c sends to or consumes the queue ref names, for
// Merge to link with other files: by the queue's static name, else by its
// resource name.
func (m *tfModule) exportQueue(c *Component, ref tfRef, sends bool, rng hcl.Range, why string) {
	q := QueueEnd{Component: c.Name, Service: "sqs", Sends: sends, From: tfSource(rng), Why: why}
	if res := m.byAddr[ref.Type+"."+ref.Name]; res != nil {
		if name, _, ok := m.str(res, res.Block.Body, "name"); ok && name != "" && !strings.Contains(name, "${") {
			q.Name = name
		}
	}
	if q.Name == "" {
		q.Name, q.ByResource = ref.Name, true
	}
	m.r.draft.Queues = append(m.r.draft.Queues, q)
}
