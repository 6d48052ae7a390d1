package importer

// Lambda and SAM functions in CloudFormation templates: properties over
// Globals, environment, policies and roles, URLs, SAM events and APIs.

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// cfnProps are a function's properties: its own, over Globals.Function for
// SAM functions.
type cfnProps struct {
	r   *cfnReader
	own *yaml.Node
	sam bool
}

// get returns a property and the key path it was read at, for why.
func (p cfnProps) get(keys ...string) (*yaml.Node, string) {
	if n := awsPath(p.own, keys...); n != nil {
		return n, strings.Join(keys, ".")
	}
	if p.sam {
		if n := awsPath(p.r.globals, keys...); n != nil {
			return n, "Globals.Function." + strings.Join(keys, ".")
		}
	}
	return nil, ""
}

// readFunction makes a component of an AWS::Serverless::Function (sam) or an
// AWS::Lambda::Function.
func (r *cfnReader) readFunction(id string, sam bool) {
	kind := r.types[id]
	b := newAWSComp(id, kind, r.pos(r.keys[id]))
	r.comps[id] = b
	r.built = append(r.built, id)
	r.used[id] = true
	props := r.nodes[id]
	p := cfnProps{r: r, own: props, sam: sam}

	handler := ""
	if h, _ := p.get("Handler"); awsIsScalar(h) {
		handler = h.Value
	}
	// An image function brings its own runtime; Globals' does not apply.
	pt, _ := p.get("PackageType")
	globalRuntimeOnly := awsGet(props, "Runtime") == nil
	if n, where := p.get("Runtime"); n != nil && !(awsScalarValue(pt) == "Image" && globalRuntimeOnly) {
		if v, via, ok := r.str(n, where, false); ok {
			why := where + " " + v + via
			if handler != "" {
				why += ", Handler " + handler
			}
			b.set("security.runtime.language_runtime", v, r.pos(n), why)
		}
	}
	if n, where := p.get("MemorySize"); n != nil {
		if v, via, ok := r.int(n, where); ok {
			r.setInt(b, "execution.memory_mb", v, n, fmt.Sprintf("%s %d%s", where, v, via))
		}
	}
	if n, where := p.get("Timeout"); n != nil {
		if v, via, ok := r.int(n, where); ok {
			d := awsSeconds(v)
			if awsDurationOK(d) {
				why := fmt.Sprintf("%s %d s%s", where, v, via)
				b.set("execution.max_duration", d, r.pos(n), why)
				b.set("security.runtime.timeout", d, r.pos(n), why)
			} else {
				r.note(n, "%s %d is outside the profile's duration range; not set", where, v)
			}
		}
	}
	if n, where := p.get("Architectures"); n != nil {
		items := awsItems(n)
		if len(items) > 0 {
			if v, via, ok := r.str(items[0], where, false); ok {
				if a, ok := awsArch(v); ok {
					b.set("execution.arch", a, r.pos(items[0]), where+" "+v+via)
				} else {
					r.note(items[0], "%s %s is not a known architecture; not set", where, v)
				}
			}
		}
	}
	if n, where := p.get("EphemeralStorage", "Size"); n != nil {
		if v, via, ok := r.int(n, where); ok {
			r.setInt(b, "execution.ephemeral_storage_mb", v, n, fmt.Sprintf("%s %d%s", where, v, via))
		}
	}
	if n, where := p.get("ReservedConcurrentExecutions"); n != nil {
		if v, via, ok := r.int(n, where); ok {
			if v == 0 {
				r.note(n, "ReservedConcurrentExecutions 0 stops %s from running; max_concurrency not set", id)
			} else {
				r.setInt(b, "resilience.max_concurrency", v, n, fmt.Sprintf("%s %d%s", where, v, via))
			}
		}
	}
	if n, where := p.get("ProvisionedConcurrencyConfig", "ProvisionedConcurrentExecutions"); n != nil {
		if v, via, ok := r.int(n, where); ok {
			r.setInt(b, "execution.min_instances", v, n, fmt.Sprintf("%s %d%s", where, v, via))
		}
	}
	r.readFunctionImage(b, p, sam)
	if n, where := p.get("Layers"); n != nil && n.Kind == yaml.SequenceNode {
		r.note(n, "%s: %d layer(s); their size is not in this template (dependencies.package_mb)", where, len(n.Content))
	}
	tracing, twhere := p.get("Tracing")
	if !sam {
		tracing, twhere = p.get("TracingConfig", "Mode")
	}
	if tracing != nil {
		if v, via, ok := r.str(tracing, twhere, false); ok {
			b.set("observability.tracing", strings.EqualFold(v, "Active"), r.pos(tracing), twhere+" "+v+via)
		}
	}
	if n, where := p.get("VpcConfig"); n != nil && n.Kind == yaml.MappingNode {
		b.set("requires.vpc", true, r.pos(n), where)
		b.set("security.network.vpc_attached", true, r.pos(n), where)
	}
	for _, k := range [][]string{{"DeadLetterQueue"}, {"DeadLetterConfig"}, {"EventInvokeConfig", "DestinationConfig", "OnFailure"}} {
		if n, where := p.get(k...); n != nil {
			b.set("resilience.dlq", true, r.pos(n), where)
			break
		}
	}
	r.readTags(b, p)
	r.readFunctionEnv(b, p, sam)
	if sam {
		r.readSAMPolicies(b, props)
	}
	if role := awsGet(props, "Role"); role != nil {
		r.readRoleRef(b, role, "Role")
	} else if sam {
		b.set("security.identity.dedicated_role", true, r.pos(r.keys[id]), "no Role: SAM creates one for this function")
	}
	if u, _ := p.get("FunctionUrlConfig"); u != nil {
		r.applyURL(b, u, "FunctionUrlConfig")
	}
	if sam {
		r.readSAMEvents(b, awsGet(props, "Events"))
	}
}

func (r *cfnReader) readFunctionImage(b *awsComp, p cfnProps, sam bool) {
	pt, _ := p.get("PackageType")
	uri, where := p.get("ImageUri")
	if !sam {
		uri, where = p.get("Code", "ImageUri")
	}
	isImage := awsIsScalar(pt) && pt.Value == "Image"
	if !isImage && uri == nil {
		return
	}
	at := pt
	if at == nil {
		at = uri
	}
	b.set("dependencies.container_image", true, r.pos(at), "PackageType Image")
	if uri != nil {
		if v, via, ok := r.str(uri, where, true); ok {
			b.set("security.supply_chain.image_ref", v, r.pos(uri), where+" "+v+via)
		}
	} else if sam {
		r.note(at, "%s is an image built by sam build; its reference and size are not in this template", b.c.Name)
	}
}

// readTags maps SAM Tags (a mapping) and CloudFormation Tags (a list of Key/Value).
func (r *cfnReader) readTags(b *awsComp, p cfnProps) {
	n, where := p.get("Tags")
	if n == nil {
		return
	}
	set := func(k, v *yaml.Node) {
		if !awsIsScalar(k) || k.Value == "" {
			return
		}
		if s, _, ok := r.str(v, where+"."+k.Value, false); ok && s != "" {
			b.set("tags."+k.Value, s, r.pos(v), where)
		}
	}
	if n.Kind == yaml.MappingNode {
		for _, kv := range awsPairs(n) {
			set(kv.Key, kv.Value)
		}
		return
	}
	for _, item := range awsItems(n) {
		set(awsGet(item, "Key"), awsGet(item, "Value"))
	}
}

// cfnLiteral says whether an environment value is written in the template (not
// a reference, a parameter or a {{resolve:…}} dynamic reference).
func cfnLiteral(n *yaml.Node) bool {
	return awsIsScalar(n) && !awsIsNull(n) && n.Value != "" && !strings.Contains(n.Value, "{{resolve:")
}

func (r *cfnReader) readFunctionEnv(b *awsComp, p cfnProps, sam bool) {
	env := cfnEnvVars(awsPath(p.own, "Environment", "Variables"), "environment ")
	if sam {
		if r.globalEnv == nil {
			r.globalEnv = newAWSSharedEnv(r.file, cfnEnvVars(awsPath(r.globals, "Environment", "Variables"), "Globals environment "), r.ch)
		}
		env = r.globalEnv.apply(b, env)
	}
	awsMapEnvironment(r.file, r.d, b, env, r.ch)
}

// cfnEnvVars lists an Environment.Variables mapping.
func cfnEnvVars(m *yaml.Node, where string) []awsEnvVar {
	var out []awsEnvVar
	for _, kv := range awsPairs(m) {
		v := awsDeref(kv.Value)
		out = append(out, awsEnvVar{name: kv.Key.Value, key: kv.Key, value: v, literal: cfnLiteral(v), where: where + kv.Key.Value})
	}
	return out
}

// readSAMPolicies maps a SAM function's Policies: a managed policy name or
// ARN, a list of those, policy templates, or inline policy documents.
func (r *cfnReader) readSAMPolicies(b *awsComp, props *yaml.Node) {
	pol := awsGet(props, "Policies")
	if pol == nil {
		return
	}
	if awsGet(pol, "Statement") != nil {
		r.readStatements(b, awsGet(pol, "Statement"), "Policies")
		return
	}
	for _, item := range awsItems(pol) {
		switch {
		case item == nil:
		case awsIsScalar(item):
			r.managedPolicy(b, item, "Policies")
		case awsGet(item, "Statement") != nil:
			r.readStatements(b, awsGet(item, "Statement"), "Policies")
		case item.Kind == yaml.MappingNode && len(item.Content) == 2:
			if _, _, isFn := awsIntrinsic(item); isFn {
				r.note(item, "%s: a policy given by %s is not read", b.c.Name, slsShow(item))
				continue
			}
			name := item.Content[0].Value
			arg := awsDeref(item.Content[1])
			if perms, ok := awsSAMTemplateWildcards[name]; ok {
				b.addStrings("security.identity.permissions", perms, r.pos(item.Content[0]), "policy template "+name)
			} else {
				r.note(item.Content[0], "policy template %s: scoped by AWS SAM; its actions are not listed as permissions", name)
			}
			svc := ""
			switch name {
			case "SQSSendMessagePolicy":
				svc = "QueueName"
			case "SNSPublishMessagePolicy":
				svc = "TopicName"
			}
			if svc != "" {
				ref := awsGet(arg, svc)
				if key, label := r.ch.key(ref); key != "" {
					r.ch.addSend(key, label, awsEnd{comp: b, from: r.pos(item.Content[0]), why: name})
				}
			}
		default:
			r.note(item, "%s: a policy of this shape is not read", b.c.Name)
		}
	}
}

func (r *cfnReader) managedPolicy(b *awsComp, n *yaml.Node, where string) {
	name := awsManagedPolicyName(n.Value)
	if perms, ok := awsManagedWildcards[name]; ok {
		b.addStrings("security.identity.permissions", perms, r.pos(n), where+" "+name)
		return
	}
	r.note(n, "managed policy %s: its actions are not listed here", name)
}

func (r *cfnReader) readStatements(b *awsComp, stmts *yaml.Node, where string) {
	r.readStatementsTo(b, stmts, where, nil, nil)
}

func (r *cfnReader) readStatementsTo(b *awsComp, stmts *yaml.Node, where string, onSend, onRecv func(key, label string, e awsEnd)) {
	awsReadStatements(r.file, r.d, b, stmts, where, r.ch, func(n *yaml.Node, what string) (string, bool) {
		v, _, ok := r.str(n, what, false)
		return v, ok
	}, onSend, onRecv)
}

// cfnRole is what one IAM role grants: its permissions field, and the queues
// and topics it allows sending to.
type cfnRole struct {
	perms      *Field
	sends      []cfnRoleSend
	recvs      []cfnRoleSend // queues the role may receive from
	registered bool          // sends recorded as the role group's shared evidence
}

type cfnRoleSend struct {
	key, label string
	from       Source
	why        string
}

// role reads an AWS::IAM::Role once: inline policies, managed policy ARNs,
// and AWS::IAM::Policy resources attached to it.
func (r *cfnReader) role(id string) *cfnRole {
	if info, ok := r.roles[id]; ok {
		return info
	}
	info := &cfnRole{}
	r.roles[id] = info
	tmp := newAWSComp(id, "AWS::IAM::Role", r.pos(r.keys[id]))
	collect := func(key, label string, e awsEnd) {
		info.sends = append(info.sends, cfnRoleSend{key: key, label: label, from: e.from, why: e.why})
	}
	receive := func(key, label string, e awsEnd) {
		info.recvs = append(info.recvs, cfnRoleSend{key: key, label: label, from: e.from, why: e.why})
	}
	role := r.nodes[id]
	for _, pol := range awsItems(awsGet(role, "Policies")) {
		r.readStatementsTo(tmp, awsPath(pol, "PolicyDocument", "Statement"), "role "+id, collect, receive)
	}
	for _, m := range awsItems(awsGet(role, "ManagedPolicyArns")) {
		if awsIsScalar(m) {
			r.managedPolicy(tmp, m, "role "+id)
		} else if m != nil {
			if s, _, ok := r.str(m, "role "+id+" ManagedPolicyArns", true); ok {
				r.managedPolicy(tmp, &yaml.Node{Kind: yaml.ScalarNode, Value: s, Line: m.Line, Column: m.Column}, "role "+id)
			}
		}
	}
	for _, pid := range append(r.referring(id, "AWS::IAM::Policy"), r.referring(id, "AWS::IAM::ManagedPolicy")...) {
		r.used[pid] = true
		r.readStatementsTo(tmp, awsPath(r.nodes[pid], "PolicyDocument", "Statement"), "policy "+pid, collect, receive)
	}
	if f, ok := tmp.get("security.identity.permissions"); ok {
		info.perms = &f
	}
	return info
}

// readRoleRef reads the permissions of an AWS::IAM::Role the template defines
// and a function or task uses; a role from elsewhere is noted.
func (r *cfnReader) readRoleRef(b *awsComp, ref *yaml.Node, where string) {
	id, _, ok := awsRefTarget(ref)
	if !ok || r.types[id] != "AWS::IAM::Role" {
		r.note(ref, "%s: %s %s is defined outside this template; its permissions are not read", b.c.Name, where, slsShow(ref))
		return
	}
	r.used[id] = true
	b.set("security.identity.dedicated_role", true, r.pos(ref), where+" "+id)
	info := r.role(id)
	if info.perms != nil {
		b.addStrings("security.identity.permissions", info.perms.Value.([]string), info.perms.From, info.perms.Why)
	}
	// An ECS task polls its queue itself: a task role allowed to receive
	// from a queue is how a template says the service consumes it. (Lambda
	// consumers say so with an event source instead.)
	if strings.HasPrefix(b.c.Kind, "AWS::ECS::") {
		for _, s := range info.recvs {
			r.ch.addRecv(s.key, s.label, awsEnd{comp: b, from: s.from, why: s.why})
			if !b.trigger("queue", s.from, s.why+" from "+s.label) {
				r.d.Notes = append(r.d.Notes, Note{From: s.from, Text: fmt.Sprintf("%s also receives from %s; the profile takes the first trigger (%s)", b.c.Name, s.label, b.c.TriggerWhy)})
			}
		}
	}
	// A role several components share is shared evidence of sending.
	g := r.ch.join("role:"+id, b)
	if !info.registered {
		info.registered = true
		for _, s := range info.sends {
			r.ch.addShared(s.key, s.label, g, s.from, s.why)
		}
	}
}

// applyURL maps a function URL configuration.
func (r *cfnReader) applyURL(b *awsComp, cfg *yaml.Node, where string) {
	auth := awsGet(cfg, "AuthType")
	pos := r.pos(cfg)
	if awsIsScalar(auth) && auth.Value == "NONE" {
		b.set("security.exposure", "public", r.pos(auth), where+" AuthType NONE")
		b.set("security.auth.type", "none", r.pos(auth), where+" AuthType NONE")
	} else if awsIsScalar(auth) && auth.Value == "AWS_IAM" {
		b.set("security.auth.type", "iam", r.pos(auth), where+" AuthType AWS_IAM")
	}
	b.set("front_door", "function_url", pos, where)
	if !b.trigger("http", pos, where) {
		r.note(cfg, "%s also has a function URL; the profile takes the first trigger (%s)", b.c.Name, b.c.TriggerWhy)
	}
}

// cfnEventTriggers maps SAM event types to profile triggers.
var cfnEventTriggers = map[string]string{
	"Api": "http", "HttpApi": "http",
	"SQS": "queue", "MQ": "queue",
	"Schedule": "schedule", "ScheduleV2": "schedule",
	"S3":      "storage",
	"Kinesis": "stream", "DynamoDB": "stream", "MSK": "stream", "SelfManagedKafka": "stream", "DocumentDB": "stream",
	"EventBridgeRule": "event", "CloudWatchEvent": "event", "SNS": "event", "CloudWatchLogs": "event",
	"IoTRule": "event", "Cognito": "event", "AlexaSkill": "event",
}

func (r *cfnReader) readSAMEvents(b *awsComp, events *yaml.Node) {
	public := false
	for _, ev := range awsPairs(events) {
		typ := awsGet(ev.Value, "Type")
		props := awsGet(ev.Value, "Properties")
		if !awsIsScalar(typ) {
			r.note(ev.Key, "event %s of %s has no Type; skipped", ev.Key.Value, b.c.Name)
			continue
		}
		trig, ok := cfnEventTriggers[typ.Value]
		if !ok {
			r.note(typ, "event type %s of %s is not mapped", typ.Value, b.c.Name)
			continue
		}
		pos := r.pos(ev.Key)
		why := "Events." + ev.Key.Value + " (" + typ.Value + cfnEventDetail(typ.Value, props) + ")"
		switch typ.Value {
		case "Api", "HttpApi":
			if !public {
				public = true
				b.set("security.exposure", "public", pos, why)
			}
			apiRef := awsGet(props, "RestApiId")
			if apiRef == nil {
				apiRef = awsGet(props, "ApiId")
			}
			if api, _, ok := awsRefTarget(apiRef); ok {
				r.used[api] = true
				r.applyAPI(b, api, why)
			}
			if a := awsPath(props, "Auth", "Authorizer"); awsIsScalar(a) {
				// The event's own authorizer replaces the API's default.
				b.unset("security.auth.type")
				b.unset("security.auth.validated_at")
				r.applyAuthorizer(b, awsGet(r.nodes[cfnAPIOf(apiRef)], "Auth"), a, why+" Auth")
			}
		case "SQS", "SNS":
			src := awsGet(props, "Queue")
			if typ.Value == "SNS" {
				src = awsGet(props, "Topic")
			}
			if key, label := r.ch.key(src); key != "" {
				r.ch.addRecv(key, label, awsEnd{comp: b, from: pos, why: why})
				if id, _, ok := awsRefTarget(src); ok {
					r.used[id] = true
				}
			}
		case "S3":
			if id, _, ok := awsRefTarget(awsGet(props, "Bucket")); ok {
				r.used[id] = true
			}
		case "Kinesis", "DynamoDB":
			if id, _, ok := awsRefTarget(awsGet(props, "Stream")); ok {
				r.used[id] = true
			}
		}
		if !b.trigger(trig, pos, why) {
			r.note(ev.Key, "%s is also triggered by %s; the profile takes the first event (%s)", b.c.Name, why, b.c.TriggerWhy)
		}
	}
}

// cfnAPIOf is the logical ID an event's RestApiId/ApiId refers to, or "".
func cfnAPIOf(ref *yaml.Node) string {
	id, _, _ := awsRefTarget(ref)
	return id
}

// applyAPI maps what an AWS::Serverless::Api or HttpApi the function's event
// uses says: a PRIVATE endpoint is reachable only from inside a VPC
// (exposure internal), and its default authorizer applies.
func (r *cfnReader) applyAPI(b *awsComp, api, why string) {
	t := r.types[api]
	if t != "AWS::Serverless::Api" && t != "AWS::Serverless::HttpApi" {
		return
	}
	props := r.nodes[api]
	ep := awsGet(props, "EndpointConfiguration")
	if awsGet(ep, "Type") != nil {
		ep = awsGet(ep, "Type")
	}
	if awsScalarValue(ep) == "PRIVATE" {
		b.set("security.exposure", "internal", r.pos(ep), "API "+api+" EndpointConfiguration PRIVATE")
	}
	auth := awsGet(props, "Auth")
	if d := awsGet(auth, "DefaultAuthorizer"); awsIsScalar(d) {
		r.applyAuthorizer(b, auth, d, "API "+api+" DefaultAuthorizer")
	}
	if k, ok := awsBool(awsGet(auth, "ApiKeyRequired")); ok && k && !b.has("security.auth.type") {
		at := awsGet(auth, "ApiKeyRequired")
		b.set("security.auth.type", "api_key", r.pos(at), "API "+api+" ApiKeyRequired")
		b.set("security.auth.validated_at", "gateway", r.pos(at), "API "+api+" ApiKeyRequired")
	}
}

// applyAuthorizer maps a SAM authorizer name: AWS_IAM, NONE, or one of the
// API's Authorizers (a Cognito user pool or a JWT issuer is jwt; a Lambda
// authorizer says nothing the profile can hold).
func (r *cfnReader) applyAuthorizer(b *awsComp, auth, name *yaml.Node, why string) {
	kind := ""
	switch name.Value {
	case "AWS_IAM":
		kind = "iam"
	case "NONE":
		kind = "none"
	default:
		def := awsPath(auth, "Authorizers", name.Value)
		switch {
		case awsGet(def, "UserPoolArn") != nil, awsGet(def, "JwtConfiguration") != nil:
			kind = "jwt"
		default:
			return
		}
	}
	b.set("security.auth.type", kind, r.pos(name), why+" "+name.Value)
	if kind != "none" {
		b.set("security.auth.validated_at", "gateway", r.pos(name), why+" "+name.Value)
	}
}

// cfnEventDetail describes an event briefly: " POST /orders", " rate(1 hour)".
func cfnEventDetail(typ string, props *yaml.Node) string {
	get := func(k string) string { return awsScalarValue(awsGet(props, k)) }
	switch typ {
	case "Api", "HttpApi":
		if m, p := get("Method"), get("Path"); m != "" || p != "" {
			return " " + strings.TrimSpace(strings.ToUpper(m)+" "+p)
		}
	case "Schedule", "ScheduleV2":
		if s := get("Schedule"); s != "" {
			return " " + s
		}
		if s := get("ScheduleExpression"); s != "" {
			return " " + s
		}
	case "SQS":
		return cfnRefDetail(awsGet(props, "Queue"))
	case "SNS":
		return cfnRefDetail(awsGet(props, "Topic"))
	case "S3":
		return cfnRefDetail(awsGet(props, "Bucket"))
	case "Kinesis", "DynamoDB":
		return cfnRefDetail(awsGet(props, "Stream"))
	}
	return ""
}

func cfnRefDetail(n *yaml.Node) string {
	if n == nil {
		return ""
	}
	return " " + slsShow(n)
}
