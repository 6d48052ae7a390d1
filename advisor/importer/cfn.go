package importer

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// cloudFormationFormat reads AWS SAM and CloudFormation templates, YAML (with
// the short-form intrinsic tags, which yaml.v3 keeps as Node.Tag) or JSON (the
// Fn:: long forms). Parameters with a Default resolve a !Ref; other intrinsic
// functions are noted where they stand and the value is not set.
//
// Components:
//   - AWS::Serverless::Function (over Globals.Function) and AWS::Lambda::Function:
//     Runtime → security.runtime.language_runtime; MemorySize →
//     execution.memory_mb; Timeout → execution.max_duration and
//     security.runtime.timeout; Architectures → execution.arch;
//     EphemeralStorage.Size; ReservedConcurrentExecutions →
//     resilience.max_concurrency; ProvisionedConcurrencyConfig (or a
//     Lambda::Alias's) → execution.min_instances; PackageType Image, ImageUri
//     → dependencies.container_image, security.supply_chain.image_ref;
//     Tracing → observability.tracing; VpcConfig → requires.vpc,
//     security.network.vpc_attached; DeadLetterQueue / DeadLetterConfig /
//     EventInvokeConfig OnFailure → resilience.dlq; Tags; Environment (secret
//     names, plaintext_env for literals, static keys); Policies (inline
//     statements' Actions verbatim, wildcard managed policies, SAM policy
//     templates as notes) and a Role defined in the template (its inline
//     policies and managed policy ARNs) → security.identity.permissions;
//     FunctionUrlConfig / AWS::Lambda::Url with AuthType NONE → public,
//     front_door function_url.
//   - Triggers: SAM Events (Api/HttpApi → http and public; SQS, MQ → queue;
//     Schedule/ScheduleV2 → schedule; S3 → storage; Kinesis, DynamoDB, MSK,
//     SelfManagedKafka, DocumentDB → stream; EventBridgeRule, CloudWatchEvent,
//     SNS, CloudWatchLogs, IoTRule, Cognito, AlexaSkill → event; the first
//     wins, the rest are noted), and for plain CloudFormation
//     AWS::Lambda::EventSourceMapping, AWS::Events::Rule targets,
//     AWS::SNS::Subscription and AWS::Lambda::Permission principals.
//   - AWS::ECS::Service with the AWS::ECS::TaskDefinition it refers to:
//     Cpu/1024 → execution.vcpu, Memory → execution.memory_mb (the
//     containers' sum when the task sets none), the main container's Image →
//     security.supply_chain.image_ref (dependencies.container_image is always
//     true), DesiredCount → execution.min_instances, a scalable target's
//     MinCapacity/MaxCapacity → execution.min_instances /
//     resilience.max_concurrency, RuntimePlatform → execution.arch,
//     Privileged or added capabilities → requires.privileged,
//     ReadonlyRootFilesystem, User, HealthCheck, Secrets (secret_manager),
//     TaskRoleArn permissions, LoadBalancers → trigger http with the load
//     balancer's Scheme as exposure. A task definition no service runs is a
//     component of its own, and a service whose task definition is not in the
//     template is one with a note.
//   - State machines (AWS::Serverless::StateMachine,
//     AWS::StepFunctions::StateMachine) are not components: they bill per
//     state transition, which profiles do not model. A note names the
//     functions each one invokes, and an invoked function with no trigger of
//     its own gets trigger event ("invoked by state machine X").
//   - An SQS queue or SNS topic that one component sends to (an environment
//     variable with its !Ref/!GetAtt, SQSSendMessagePolicy /
//     SNSPublishMessagePolicy, or a statement allowing SendMessage/Publish on
//     it) and another consumes (an SQS/SNS event, an event source mapping, a
//     subscription) becomes an async call from sender to consumer.
//
// Every other resource goes to Draft.Unknown with its type and logical ID.
type cloudFormationFormat struct{}

func (cloudFormationFormat) Name() string { return "CloudFormation" }

// Detect accepts a template: AWSTemplateFormatVersion, the SAM transform, or a
// Resources mapping whose entries have AWS:: types.
func (cloudFormationFormat) Detect(name string, data []byte) bool {
	if !bytes.Contains(data, []byte("AWSTemplateFormatVersion")) && !bytes.Contains(data, []byte("AWS::")) {
		return false
	}
	root, err := awsParse(name, data)
	if err != nil || root.Kind != yaml.MappingNode {
		return false
	}
	return cfnDetectRoot(root)
}

func cfnDetectRoot(root *yaml.Node) bool {
	if awsGetKey(root, "AWSTemplateFormatVersion") != nil {
		return true
	}
	for _, t := range awsItems(awsGet(root, "Transform")) {
		if awsIsScalar(t) && strings.HasPrefix(t.Value, "AWS::Serverless") {
			return true
		}
	}
	for _, p := range awsPairs(awsGet(root, "Resources")) {
		if t := awsGet(p.Value, "Type"); awsIsScalar(t) && strings.HasPrefix(t.Value, "AWS::") {
			return true
		}
	}
	return false
}

func (cloudFormationFormat) Read(name string, data []byte) (*Draft, error) {
	root, err := awsParse(name, data)
	if err != nil {
		return nil, err
	}
	if root.Kind != yaml.MappingNode {
		return nil, &SourceError{Source: awsPos(name, root), Message: "a CloudFormation template must be a mapping with Resources"}
	}
	res := awsGet(root, "Resources")
	if res == nil {
		return nil, &SourceError{Source: awsPos(name, root), Message: "template has no Resources"}
	}
	if res.Kind != yaml.MappingNode {
		return nil, &SourceError{Source: awsPos(name, res), Message: "Resources must be a mapping of logical IDs to resources"}
	}
	r := &cfnReader{
		file: name, d: &Draft{}, root: root, ch: newAWSChannels(),
		types: map[string]string{}, nodes: map[string]*yaml.Node{}, keys: map[string]*yaml.Node{},
		used: map[string]bool{}, comps: map[string]*awsComp{},
		roles: map[string]*cfnRole{},
	}
	r.read(res)
	return r.d, nil
}

// cfnReader holds one template's reading state.
type cfnReader struct {
	file    string
	d       *Draft
	root    *yaml.Node
	globals *yaml.Node // Globals.Function
	ch      *awsChannels
	order   []string              // logical IDs in document order
	types   map[string]string     // logical ID → Type
	nodes   map[string]*yaml.Node // logical ID → Properties
	keys    map[string]*yaml.Node // logical ID → its key node
	used    map[string]bool       // resources that became part of the draft
	comps   map[string]*awsComp   // logical ID → component
	built   []string              // component logical IDs in order
	// roles caches what each IAM role of the template grants, read once
	// however many components use it.
	roles     map[string]*cfnRole
	globalEnv *awsSharedEnv
	// params are the template's Parameters by name.
	params map[string]*yaml.Node
	// referrers maps a logical ID to the resources of the indexed types that
	// refer to it (see indexReferrers), so wiring lookups stay linear.
	referrers map[string][]string
}

// cfnIndexed are the resource types found through what they refer to: the
// policies attached to a role, a function's versions, the listeners of a
// target group, the scaling policies of a scalable target.
var cfnIndexed = map[string]string{
	"AWS::IAM::Policy":                           "Roles",
	"AWS::IAM::ManagedPolicy":                    "Roles",
	"AWS::Lambda::Version":                       "FunctionName",
	"AWS::ElasticLoadBalancingV2::Listener":      "",
	"AWS::ElasticLoadBalancingV2::ListenerRule":  "",
	"AWS::ApplicationAutoScaling::ScalingPolicy": "",
}

// indexReferrers fills r.referrers once, in document order.
func (r *cfnReader) indexReferrers() {
	r.referrers = map[string][]string{}
	for _, id := range r.order {
		field, ok := cfnIndexed[r.types[id]]
		if !ok {
			continue
		}
		n := r.nodes[id]
		if field != "" {
			n = awsGet(n, field)
		}
		for _, target := range cfnRefsIn(n) {
			r.referrers[target] = append(r.referrers[target], id)
		}
	}
}

// referring lists the resources of type typ that refer to target.
func (r *cfnReader) referring(target, typ string) []string {
	var out []string
	for _, id := range r.referrers[target] {
		if r.types[id] == typ {
			out = append(out, id)
		}
	}
	return out
}

// paramDefault is a parameter's Default when it is a plain scalar.
func (r *cfnReader) paramDefault(name string) *yaml.Node {
	if def := awsGet(r.params[name], "Default"); def != nil && awsIsScalar(def) {
		return def
	}
	return nil
}

func (r *cfnReader) note(n *yaml.Node, format string, args ...any) {
	r.d.Notes = append(r.d.Notes, Note{From: awsPos(r.file, n), Text: fmt.Sprintf(format, args...)})
}

func (r *cfnReader) pos(n *yaml.Node) Source { return awsPos(r.file, n) }

func (r *cfnReader) read(res *yaml.Node) {
	r.globals = awsPath(r.root, "Globals", "Function")
	r.params = map[string]*yaml.Node{}
	for _, p := range awsPairs(awsGet(r.root, "Parameters")) {
		r.params[p.Key.Value] = awsDeref(p.Value)
	}
	if d := awsGet(r.root, "Description"); awsIsScalar(d) && !awsIsNull(d) {
		// A template has no name of its own; its description's first line is
		// often one ("orders-service: order intake").
		line, _, _ := strings.Cut(strings.TrimSpace(d.Value), "\n")
		if len(line) <= 60 && line != "" {
			r.d.Name = line
		}
	}
	for _, p := range awsPairs(res) {
		id := p.Key.Value
		v := awsDeref(p.Value)
		t := awsGet(v, "Type")
		if v == nil || v.Kind != yaml.MappingNode || !awsIsScalar(t) {
			r.note(p.Key, "resource %s has no Type; skipped", id)
			continue
		}
		r.order = append(r.order, id)
		r.types[id] = t.Value
		r.keys[id] = p.Key
		r.nodes[id] = awsGet(v, "Properties")
		if c := awsGet(v, "Condition"); awsIsScalar(c) {
			r.note(c, "%s is created only when condition %s holds", id, c.Value)
		}
		switch t.Value {
		case "AWS::SQS::Queue":
			r.ch.declare(id, "sqs", awsScalarValue(awsGet(r.nodes[id], "QueueName")))
		case "AWS::SNS::Topic":
			r.ch.declare(id, "sns", awsScalarValue(awsGet(r.nodes[id], "TopicName")))
		}
	}
	r.indexReferrers()
	// Components first, in document order, then the resources that wire
	// triggers to them, then state machines (which need to know whether a
	// function already has a trigger).
	ecsTasksUsed := map[string]bool{}
	for _, id := range r.order {
		switch r.types[id] {
		case "AWS::Serverless::Function":
			r.readFunction(id, true)
		case "AWS::Lambda::Function":
			r.readFunction(id, false)
		case "AWS::ECS::Service":
			if td := r.readService(id); td != "" {
				ecsTasksUsed[td] = true
			}
		}
	}
	for _, id := range r.order {
		if r.types[id] == "AWS::ECS::TaskDefinition" && !ecsTasksUsed[id] {
			r.readLoneTask(id)
		}
	}
	for _, id := range r.order {
		switch r.types[id] {
		case "AWS::Lambda::EventSourceMapping":
			r.readEventSourceMapping(id)
		case "AWS::Lambda::Url":
			r.readLambdaURL(id)
		case "AWS::Lambda::Permission":
			r.readPermission(id)
		case "AWS::Events::Rule":
			r.readRule(id)
		case "AWS::SNS::Subscription":
			r.readSubscription(id)
		case "AWS::SNS::Topic":
			r.readTopicSubscriptions(id)
		case "AWS::Lambda::Alias":
			r.readAlias(id)
		case "AWS::ApplicationAutoScaling::ScalableTarget":
			r.readScalableTarget(id)
		}
	}
	for _, id := range r.order {
		switch r.types[id] {
		case "AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine":
			r.readStateMachine(id)
		}
	}
	r.ch.link(r.d)
	for _, id := range r.built {
		r.d.Components = append(r.d.Components, r.comps[id].done())
	}
	r.listUnknown()
	awsNoteIntrinsics(r.file, r.root, r.d)
	awsDedupeNotes(r.d)
}

// str reads a string property. A !Ref to a parameter with a Default takes the
// default; with partial set, a !Sub template is kept as written (an image
// reference still shows its tag) and noted; any other intrinsic is noted and
// not set.
func (r *cfnReader) str(n *yaml.Node, what string, partial bool) (string, string, bool) {
	n = awsDeref(n)
	if n == nil || awsIsNull(n) {
		return "", "", false
	}
	if fn, arg, ok := awsIntrinsic(n); ok {
		switch {
		case fn == "Ref" && arg != nil && arg.Kind == yaml.ScalarNode:
			if def := r.paramDefault(arg.Value); def != nil {
				return def.Value, " (parameter " + arg.Value + " default)", true
			}
			if strings.HasPrefix(arg.Value, "AWS::") {
				r.note(n, "%s is the pseudo parameter %s, known at deploy time; not set", what, arg.Value)
			} else if _, ok := r.params[arg.Value]; ok {
				r.note(n, "%s is parameter %s, which has no Default; not set", what, arg.Value)
			} else {
				r.note(n, "%s is !Ref %s, not a value; not set", what, arg.Value)
			}
			return "", "", false
		case fn == "Fn::Sub" && partial:
			s := arg
			if arg != nil && arg.Kind == yaml.SequenceNode && len(arg.Content) > 0 {
				s = awsDeref(arg.Content[0])
			}
			if s != nil && s.Kind == yaml.ScalarNode {
				v, left := r.substitute(s.Value)
				if len(left) == 0 {
					return v, " (!Sub with parameter defaults)", true
				}
				r.note(n, "%s %q has !Sub variables left unresolved (%s); kept as written", what, v, strings.Join(left, ", "))
				return v, "", true
			}
		}
		if awsKnownIntrinsics[fn] {
			r.note(n, "%s is %s, not evaluated; not set", what, awsShortName(fn))
		}
		return "", "", false
	}
	if n.Kind != yaml.ScalarNode {
		r.note(n, "%s is not a single value; not set", what)
		return "", "", false
	}
	if !awsIsScalar(n) {
		return "", "", false // an unknown tag: noted by awsNoteIntrinsics
	}
	return n.Value, "", true
}

// int reads a whole-number property.
func (r *cfnReader) int(n *yaml.Node, what string) (int, string, bool) {
	s, via, ok := r.str(n, what, false)
	if !ok {
		return 0, "", false
	}
	v, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		r.note(n, "%s %q is not a whole number; not set", what, s)
		return 0, "", false
	}
	return v, via, true
}

func (r *cfnReader) setInt(b *awsComp, path string, v int, n *yaml.Node, why string) {
	if !awsInRange(path, v) {
		r.note(n, "%s is outside the profile's range for %s; not set", why, path)
		return
	}
	b.set(path, v, r.pos(n), why)
}

// component returns the component for a function reference (!Ref F,
// !GetAtt F.Arn, or a plain logical ID), or nil.
func (r *cfnReader) component(n *yaml.Node) (*awsComp, string) {
	if id, _, ok := awsRefTarget(n); ok {
		if b := r.comps[id]; b != nil {
			return b, id
		}
		// A Lambda alias or version points at its function.
		if t := r.types[id]; t == "AWS::Lambda::Alias" || t == "AWS::Lambda::Version" {
			if b, fid := r.component(awsGet(r.nodes[id], "FunctionName")); b != nil {
				r.used[id] = true
				return b, fid
			}
		}
		return nil, id
	}
	if awsIsScalar(n) {
		if b := r.comps[n.Value]; b != nil {
			return b, n.Value
		}
	}
	return nil, ""
}

// prop returns a function property, from the resource or else from
// Globals.Function (SAM functions only), with the key path read for why.
type cfnProps struct {
	r     *cfnReader
	own   *yaml.Node
	sam   bool
	prefx string
}

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
	if n, where := p.get("Runtime"); n != nil {
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
		case "SQS":
			q := awsGet(props, "Queue")
			if key, label := r.ch.key(q); key != "" {
				r.ch.addRecv(key, label, awsEnd{comp: b, from: pos, why: why})
				if id, _, ok := awsRefTarget(q); ok {
					r.used[id] = true
				}
			}
		case "SNS":
			t := awsGet(props, "Topic")
			if key, label := r.ch.key(t); key != "" {
				r.ch.addRecv(key, label, awsEnd{comp: b, from: pos, why: why})
				if id, _, ok := awsRefTarget(t); ok {
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

// readEventSourceMapping sets the trigger of the function an
// AWS::Lambda::EventSourceMapping feeds.
func (r *cfnReader) readEventSourceMapping(id string) {
	props := r.nodes[id]
	b, fid := r.component(awsGet(props, "FunctionName"))
	if b == nil {
		r.note(r.keys[id], "event source mapping %s feeds function %s, which is not in this template", id, cfnOr(fid, "(not named)"))
		return
	}
	r.used[id] = true
	src := awsGet(props, "EventSourceArn")
	trig := ""
	what := ""
	if sid, _, ok := awsRefTarget(src); ok {
		r.used[sid] = true
		switch r.types[sid] {
		case "AWS::SQS::Queue":
			trig, what = "queue", "SQS queue "+sid
		case "AWS::Kinesis::Stream", "AWS::DynamoDB::Table", "AWS::MSK::Cluster", "AWS::DocDB::DBCluster":
			trig, what = "stream", r.types[sid]+" "+sid
		case "AWS::AmazonMQ::Broker":
			trig, what = "queue", "Amazon MQ broker "+sid
		}
	} else if awsIsScalar(src) {
		if svc, name, ok := awsArnName(src.Value); ok {
			switch svc {
			case "sqs", "mq":
				trig, what = "queue", svc+" "+name
			case "kinesis", "dynamodb", "kafka", "rds":
				trig, what = "stream", svc+" "+name
			}
		}
	} else if awsGet(props, "SelfManagedEventSource") != nil {
		trig, what = "stream", "self-managed Kafka"
	}
	if trig == "" {
		r.note(r.keys[id], "event source mapping %s: the kind of its source is not in this template; trigger not set", id)
		return
	}
	why := "event source mapping " + id + " from " + what
	if key, label := r.ch.key(src); key != "" {
		r.ch.addRecv(key, label, awsEnd{comp: b, from: r.pos(r.keys[id]), why: why})
	}
	if !b.trigger(trig, r.pos(r.keys[id]), why) {
		r.note(r.keys[id], "%s is also triggered by %s; the profile takes the first (%s)", b.c.Name, why, b.c.TriggerWhy)
	}
}

func cfnOr(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

func (r *cfnReader) readLambdaURL(id string) {
	props := r.nodes[id]
	b, _ := r.component(awsGet(props, "TargetFunctionArn"))
	if b == nil {
		return
	}
	r.used[id] = true
	r.applyURL(b, props, "function URL "+id)
}

// cfnPrincipalTriggers maps the services a Lambda permission lets invoke a
// function to the trigger they mean.
var cfnPrincipalTriggers = map[string]string{
	"apigateway.amazonaws.com":           "http",
	"elasticloadbalancing.amazonaws.com": "http",
	"s3.amazonaws.com":                   "storage",
	"sns.amazonaws.com":                  "event",
	"events.amazonaws.com":               "event",
	"logs.amazonaws.com":                 "event",
	"iot.amazonaws.com":                  "event",
	"cognito-idp.amazonaws.com":          "event",
	"scheduler.amazonaws.com":            "schedule",
	"alexa-appkit.amazon.com":            "event",
}

func (r *cfnReader) readPermission(id string) {
	props := r.nodes[id]
	b, _ := r.component(awsGet(props, "FunctionName"))
	if b == nil {
		return
	}
	principal := awsGet(props, "Principal")
	if !awsIsScalar(principal) {
		return
	}
	r.used[id] = true
	if principal.Value == "*" {
		b.set("security.identity.resource_policy_public", true, r.pos(principal), "permission "+id+" Principal *")
		return
	}
	trig, ok := cfnPrincipalTriggers[principal.Value]
	if !ok {
		return
	}
	if trig == "event" && principal.Value == "events.amazonaws.com" {
		// An EventBridge rule in the template says more (schedule or event).
		if rule, _, ok := awsRefTarget(awsGet(props, "SourceArn")); ok && r.types[rule] == "AWS::Events::Rule" {
			return
		}
	}
	why := "permission " + id + " for " + principal.Value
	if trig == "http" && principal.Value == "apigateway.amazonaws.com" && !b.has("security.exposure") {
		b.set("security.exposure", "public", r.pos(principal), why)
	}
	b.trigger(trig, r.pos(r.keys[id]), why)
}

func (r *cfnReader) readRule(id string) {
	props := r.nodes[id]
	trig := "event"
	detail := ""
	if s := awsGet(props, "ScheduleExpression"); s != nil {
		trig = "schedule"
		detail = " " + slsShow(s)
	}
	for _, t := range awsItems(awsGet(props, "Targets")) {
		b, _ := r.component(awsGet(t, "Arn"))
		if b == nil {
			// A scheduled ECS task: the target names the task definition.
			b, _ = r.component(awsPath(t, "EcsParameters", "TaskDefinitionArn"))
		}
		if b == nil {
			continue
		}
		r.used[id] = true
		why := "EventBridge rule " + id + detail
		if !b.trigger(trig, r.pos(r.keys[id]), why) {
			r.note(r.keys[id], "%s is also triggered by %s; the profile takes the first (%s)", b.c.Name, why, b.c.TriggerWhy)
		}
	}
}

func (r *cfnReader) subscribe(b *awsComp, topic *yaml.Node, at *yaml.Node, why string) {
	if key, label := r.ch.key(topic); key != "" {
		r.ch.addRecv(key, label, awsEnd{comp: b, from: r.pos(at), why: why})
	}
	if !b.trigger("event", r.pos(at), why) {
		r.note(at, "%s is also triggered by %s; the profile takes the first (%s)", b.c.Name, why, b.c.TriggerWhy)
	}
}

func (r *cfnReader) readSubscription(id string) {
	props := r.nodes[id]
	if p := awsGet(props, "Protocol"); !awsIsScalar(p) || p.Value != "lambda" {
		return
	}
	b, _ := r.component(awsGet(props, "Endpoint"))
	if b == nil {
		return
	}
	r.used[id] = true
	topic := awsGet(props, "TopicArn")
	if tid, _, ok := awsRefTarget(topic); ok {
		r.used[tid] = true
	}
	r.subscribe(b, topic, r.keys[id], "SNS subscription "+id)
}

func (r *cfnReader) readTopicSubscriptions(id string) {
	for _, s := range awsItems(awsGet(r.nodes[id], "Subscription")) {
		if p := awsGet(s, "Protocol"); !awsIsScalar(p) || p.Value != "lambda" {
			continue
		}
		b, _ := r.component(awsGet(s, "Endpoint"))
		if b == nil {
			continue
		}
		r.used[id] = true
		ref := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!Ref", Value: id}
		r.subscribe(b, ref, s, "SNS topic "+id+" subscription")
	}
}

// readAlias maps provisioned concurrency set on an alias.
func (r *cfnReader) readAlias(id string) {
	props := r.nodes[id]
	b, _ := r.component(awsGet(props, "FunctionName"))
	if b == nil {
		return
	}
	r.used[id] = true
	if n := awsPath(props, "ProvisionedConcurrencyConfig", "ProvisionedConcurrentExecutions"); n != nil {
		if v, via, ok := r.int(n, "alias "+id+" ProvisionedConcurrentExecutions"); ok {
			r.setInt(b, "execution.min_instances", v, n, fmt.Sprintf("alias %s ProvisionedConcurrentExecutions %d%s", id, v, via))
		}
	}
	if fid, _, ok := awsRefTarget(awsGet(props, "FunctionName")); ok {
		for _, vid := range r.referring(fid, "AWS::Lambda::Version") {
			r.used[vid] = true
		}
	}
}

// cfnRefsIn lists the logical IDs a subtree refers to: Ref, GetAtt and the
// ${X} / ${X.Attr} variables of Sub strings, in order, once each.
func cfnRefsIn(n *yaml.Node) []string {
	var out []string
	seen := map[string]bool{}
	add := func(id string) {
		if id != "" && !strings.Contains(id, "::") && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	visited := map[*yaml.Node]bool{}
	var walk func(n *yaml.Node, depth int)
	walk = func(n *yaml.Node, depth int) {
		n = awsDeref(n)
		if n == nil || visited[n] || depth > awsMaxDepth {
			return
		}
		visited[n] = true
		fn, arg, ok := awsIntrinsic(n)
		if ok {
			switch fn {
			case "Ref", "Fn::GetAtt":
				if id, _, ok := awsRefTarget(n); ok {
					add(id)
				}
				return
			case "Fn::Sub":
				s := arg
				if arg != nil && arg.Kind == yaml.SequenceNode && len(arg.Content) > 0 {
					s = awsDeref(arg.Content[0])
					for _, c := range arg.Content[1:] {
						walk(c, depth+1)
					}
				}
				if s != nil && s.Kind == yaml.ScalarNode {
					for _, v := range cfnSubVars(s.Value) {
						id, _, _ := strings.Cut(v, ".")
						add(id)
					}
				}
				return
			}
		}
		for _, c := range n.Content {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return out
}

// cfnSubVars lists the ${…} variables of a !Sub template (not ${!Literal}).
func cfnSubVars(s string) []string {
	var out []string
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			return out
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return out
		}
		v := s[i+2 : i+j]
		if !strings.HasPrefix(v, "!") {
			out = append(out, strings.TrimSpace(v))
		}
		s = s[i+j+1:]
	}
}

// readStateMachine notes a state machine and the functions it invokes; an
// invoked function with no trigger of its own gets trigger event.
func (r *cfnReader) readStateMachine(id string) {
	var fns []string
	for _, ref := range cfnRefsIn(r.nodes[id]) {
		if b := r.comps[ref]; b != nil && strings.Contains(r.types[ref], "Function") {
			fns = append(fns, ref)
			if b.trigger("event", r.pos(r.keys[id]), "invoked by state machine "+id) {
				continue
			}
		}
	}
	r.used[id] = true
	text := fmt.Sprintf("%s %s is not a component (it bills per state transition, which profiles do not model)", r.types[id], id)
	if len(fns) > 0 {
		text += "; it invokes " + strings.Join(fns, ", ")
	}
	r.note(r.keys[id], "%s", text)
	if ev := awsGet(r.nodes[id], "Events"); ev != nil {
		for _, e := range awsPairs(ev) {
			if t := awsGet(e.Value, "Type"); awsIsScalar(t) {
				r.note(e.Key, "state machine %s is started by %s event %s", id, t.Value, e.Key.Value)
			}
		}
	}
	if role := awsGet(r.nodes[id], "Role"); role != nil {
		if rid, _, ok := awsRefTarget(role); ok && r.types[rid] == "AWS::IAM::Role" {
			r.used[rid] = true
		}
	}
}

// listUnknown lists every resource that did not become part of the draft.
func (r *cfnReader) listUnknown() {
	wired := map[string]bool{}
	for k := range r.ch.send {
		for _, s := range r.ch.send[k] {
			for _, c := range r.ch.recv[k] {
				if c.comp != s.comp {
					wired[k] = true
				}
			}
		}
	}
	ids := append([]string(nil), r.order...)
	sort.SliceStable(ids, func(i, j int) bool { return r.keys[ids[i]].Line < r.keys[ids[j]].Line })
	for _, id := range ids {
		if wired["id:"+id] {
			r.note(r.keys[id], "%s %s carries an async call between components", r.types[id], id)
			continue
		}
		if r.used[id] {
			continue
		}
		r.d.Unknown = append(r.d.Unknown, Note{From: r.pos(r.keys[id]), Text: r.types[id] + " " + id})
	}
}

// readService makes a component of an ECS service and the task definition it
// runs; it returns that task definition's logical ID, or "".
func (r *cfnReader) readService(id string) string {
	props := r.nodes[id]
	b := newAWSComp(id, "AWS::ECS::Service", r.pos(r.keys[id]))
	r.comps[id] = b
	r.built = append(r.built, id)
	r.used[id] = true
	b.set("dependencies.container_image", true, r.pos(r.keys[id]), "ECS service")
	tdRef := awsGet(props, "TaskDefinition")
	tdID, _, ok := awsRefTarget(tdRef)
	if !ok || r.types[tdID] != "AWS::ECS::TaskDefinition" {
		at := tdRef
		if at == nil {
			at = r.keys[id]
		}
		r.note(at, "service %s runs task definition %s, which is not in this template; its CPU, memory and image are not read", id, cfnOr(slsShowOrEmpty(tdRef), "(none given)"))
		tdID = ""
	}
	mainContainer := ""
	if lbs := awsGet(props, "LoadBalancers"); lbs != nil && len(awsItems(lbs)) > 0 {
		first := awsItems(lbs)[0]
		mainContainer = awsScalarValue(awsGet(first, "ContainerName"))
		why := "LoadBalancers"
		if port := awsScalarValue(awsGet(first, "ContainerPort")); port != "" {
			why += " (container port " + port + ")"
		}
		b.trigger("http", r.pos(lbs), why)
		r.readExposure(b, awsGet(first, "TargetGroupArn"), lbs)
	}
	if tdID != "" {
		r.used[tdID] = true
		r.applyTask(b, tdID, mainContainer)
	}
	if n := awsGet(props, "DesiredCount"); n != nil {
		if v, via, ok := r.int(n, "DesiredCount"); ok {
			r.setInt(b, "execution.min_instances", v, n, fmt.Sprintf("DesiredCount %d%s", v, via))
		}
	}
	return tdID
}

func slsShowOrEmpty(n *yaml.Node) string {
	if n == nil {
		return ""
	}
	return slsShow(n)
}

// readExposure follows target group → listener → load balancer to its
// Scheme: internet-facing (the default) is public, internal is internal.
func (r *cfnReader) readExposure(b *awsComp, tg *yaml.Node, at *yaml.Node) {
	tgID, _, ok := awsRefTarget(tg)
	if !ok || r.types[tgID] != "AWS::ElasticLoadBalancingV2::TargetGroup" {
		r.note(at, "%s is behind a load balancer not in this template; its exposure is not known", b.c.Name)
		return
	}
	r.used[tgID] = true
	for _, lid := range r.referrers[tgID] {
		t := r.types[lid]
		if t != "AWS::ElasticLoadBalancingV2::Listener" && t != "AWS::ElasticLoadBalancingV2::ListenerRule" {
			continue
		}
		r.used[lid] = true
		listener := lid
		if t == "AWS::ElasticLoadBalancingV2::ListenerRule" {
			l, _, ok := awsRefTarget(awsGet(r.nodes[lid], "ListenerArn"))
			if !ok || r.types[l] != "AWS::ElasticLoadBalancingV2::Listener" {
				continue
			}
			r.used[l] = true
			listener = l
		}
		lb, _, ok := awsRefTarget(awsGet(r.nodes[listener], "LoadBalancerArn"))
		if !ok || r.types[lb] != "AWS::ElasticLoadBalancingV2::LoadBalancer" {
			continue
		}
		r.used[lb] = true
		scheme := awsGet(r.nodes[lb], "Scheme")
		switch {
		case scheme == nil:
			b.set("security.exposure", "public", r.pos(r.keys[lb]), "load balancer "+lb+" (Scheme defaults to internet-facing)")
		case awsScalarValue(scheme) == "internal":
			b.set("security.exposure", "internal", r.pos(scheme), "load balancer "+lb+" Scheme internal")
		case awsScalarValue(scheme) == "internet-facing":
			b.set("security.exposure", "public", r.pos(scheme), "load balancer "+lb+" Scheme internet-facing")
		default:
			r.note(scheme, "load balancer %s: Scheme is not a literal; exposure not set", lb)
		}
		return
	}
	r.note(at, "%s: no listener in this template forwards to target group %s; exposure not set", b.c.Name, tgID)
}

func cfnContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// readLoneTask makes a component of a task definition no service runs (a
// scheduled or on-demand task).
func (r *cfnReader) readLoneTask(id string) {
	b := newAWSComp(id, "AWS::ECS::TaskDefinition", r.pos(r.keys[id]))
	r.comps[id] = b
	r.built = append(r.built, id)
	r.used[id] = true
	b.set("dependencies.container_image", true, r.pos(r.keys[id]), "ECS task definition")
	r.note(r.keys[id], "task definition %s is run by no ECS service in this template; imported as a component of its own", id)
	r.applyTask(b, id, "")
}

// cfnCPU reads ECS task CPU: "256" units (1024 per vCPU) or "0.5 vCPU".
func cfnCPU(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if v, ok := strings.CutSuffix(strings.ToLower(s), "vcpu"); ok {
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		return f, err == nil && f > 0
	}
	n, err := strconv.Atoi(s)
	return float64(n) / 1024, err == nil && n > 0
}

// cfnMemory reads ECS memory: "512" MiB or "2 GB".
func cfnMemory(s string) (int, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if v, ok := strings.CutSuffix(s, "gb"); ok {
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		return int(f * 1024), err == nil && f > 0
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n > 0
}

// cfnNumber is v as the profile wants it: int when whole, float64 otherwise.
func cfnNumber(v float64) any {
	if v == float64(int(v)) {
		return int(v)
	}
	return v
}

// applyTask maps a task definition onto b: task size, architecture, role, and
// the main container (main names it; else the first essential one).
func (r *cfnReader) applyTask(b *awsComp, tdID, main string) {
	props := r.nodes[tdID]
	containers := awsItems(awsGet(props, "ContainerDefinitions"))
	var mc *yaml.Node
	var others []string
	for _, c := range containers {
		name := awsScalarValue(awsGet(c, "Name"))
		switch {
		case mc == nil && main != "" && name == main:
			mc = c
		case mc == nil && main == "":
			if e, ok := awsBool(awsGet(c, "Essential")); !ok || e {
				mc = c
				continue
			}
			others = append(others, cfnOr(name, "(unnamed)"))
		default:
			others = append(others, cfnOr(name, "(unnamed)"))
		}
	}
	if mc == nil && len(containers) > 0 {
		mc = containers[0]
	}

	taskCPU, taskMem := false, false
	if n := awsGet(props, "Cpu"); n != nil {
		if s, via, ok := r.str(n, "Cpu", false); ok {
			if v, ok := cfnCPU(s); ok && v <= 192 {
				taskCPU = true
				b.set("execution.vcpu", cfnNumber(v), r.pos(n), fmt.Sprintf("task %s Cpu %s%s", tdID, s, via))
			} else {
				r.note(n, "task %s Cpu %q is not a CPU size; not set", tdID, s)
			}
		}
	}
	if n := awsGet(props, "Memory"); n != nil {
		if s, via, ok := r.str(n, "Memory", false); ok {
			if v, ok := cfnMemory(s); ok {
				taskMem = true
				r.setInt(b, "execution.memory_mb", v, n, fmt.Sprintf("task %s Memory %s%s", tdID, s, via))
			} else {
				r.note(n, "task %s Memory %q is not a memory size; not set", tdID, s)
			}
		}
	}
	if !taskCPU || !taskMem {
		// EC2 tasks may size only their containers: the task is their sum.
		cpu, mem := 0, 0
		var cpuAt, memAt *yaml.Node
		for _, c := range containers {
			if n := awsGet(c, "Cpu"); n != nil {
				if v, ok := awsInt(n); ok {
					cpu += v
					cpuAt = cfnFirst(cpuAt, n)
				}
			}
			n := awsGet(c, "Memory")
			if n == nil {
				n = awsGet(c, "MemoryReservation")
			}
			if v, ok := awsInt(n); ok {
				mem += v
				memAt = cfnFirst(memAt, n)
			}
		}
		if !taskCPU && cpu > 0 {
			b.set("execution.vcpu", cfnNumber(float64(cpu)/1024), r.pos(cpuAt), fmt.Sprintf("containers' Cpu %d units", cpu))
		}
		if !taskMem && mem > 0 {
			r.setInt(b, "execution.memory_mb", mem, memAt, fmt.Sprintf("containers' Memory %d MiB", mem))
		}
	}
	if taskCPU && taskMem {
		b.set("security.runtime.resource_limits", true, r.pos(awsGetKey(props, "Cpu")), "task Cpu and Memory")
	}
	if n := awsPath(props, "RuntimePlatform", "CpuArchitecture"); n != nil {
		if s, via, ok := r.str(n, "RuntimePlatform.CpuArchitecture", false); ok {
			if a, ok := awsArch(s); ok {
				b.set("execution.arch", a, r.pos(n), "RuntimePlatform.CpuArchitecture "+s+via)
			}
		}
	}
	if n := awsPath(props, "EphemeralStorage", "SizeInGiB"); n != nil {
		if v, via, ok := r.int(n, "EphemeralStorage.SizeInGiB"); ok {
			r.setInt(b, "execution.ephemeral_storage_mb", v*1024, n, fmt.Sprintf("EphemeralStorage.SizeInGiB %d%s", v, via))
		}
	}
	for _, k := range []string{"NetworkMode", "PidMode", "IpcMode"} {
		if n := awsGet(props, k); awsScalarValue(n) == "host" {
			b.set("requires.host_access", true, r.pos(n), k+" host")
		}
	}
	if role := awsGet(props, "TaskRoleArn"); role != nil {
		r.readRoleRef(b, role, "TaskRoleArn")
	}
	if role := awsGet(props, "ExecutionRoleArn"); role != nil {
		if rid, _, ok := awsRefTarget(role); ok && r.types[rid] == "AWS::IAM::Role" {
			r.used[rid] = true
		}
	}
	for _, v := range awsItems(awsGet(props, "Volumes")) {
		if awsGet(v, "EFSVolumeConfiguration") != nil {
			r.note(v, "task %s mounts an EFS volume: shared files, not local disk", tdID)
		} else if hp := awsPath(v, "Host", "SourcePath"); hp != nil {
			b.set("requires.host_access", true, r.pos(hp), "host path volume")
		}
	}
	if len(others) > 0 {
		r.note(r.keys[tdID], "task %s also runs %s; only the main container %s is mapped", tdID, strings.Join(others, ", "), awsScalarValue(awsGet(mc, "Name")))
	}
	if mc != nil {
		r.applyContainer(b, mc)
	}
}

func cfnFirst(a, b *yaml.Node) *yaml.Node {
	if a != nil {
		return a
	}
	return b
}

// applyContainer maps an ECS container definition.
func (r *cfnReader) applyContainer(b *awsComp, c *yaml.Node) {
	name := awsScalarValue(awsGet(c, "Name"))
	if n := awsGet(c, "Image"); n != nil {
		if s, via, ok := r.str(n, "container "+name+" Image", true); ok {
			b.set("security.supply_chain.image_ref", s, r.pos(n), "container "+name+" Image"+via)
		}
	}
	var env []awsEnvVar
	for _, e := range awsItems(awsGet(c, "Environment")) {
		k := awsGetKey(e, "Name")
		kn := awsGet(e, "Name")
		v := awsGet(e, "Value")
		if k == nil || !awsIsScalar(kn) {
			continue
		}
		env = append(env, awsEnvVar{name: kn.Value, key: kn, value: v, literal: cfnLiteral(v), where: "container environment " + kn.Value})
	}
	awsMapEnvironment(r.file, r.d, b, env, r.ch)
	var secrets []string
	var first *yaml.Node
	for _, s := range awsItems(awsGet(c, "Secrets")) {
		if n := awsGet(s, "Name"); awsIsScalar(n) {
			secrets = append(secrets, n.Value)
			first = cfnFirst(first, n)
		}
	}
	if len(secrets) > 0 {
		b.addStrings("security.secrets.names", secrets, r.pos(first), "container Secrets")
		if !b.has("security.secrets.source") {
			b.set("security.secrets.source", "secret_manager", r.pos(first), "container Secrets (valueFrom)")
		}
	}
	if n := awsGet(c, "Privileged"); n != nil {
		if v, ok := awsBool(n); ok && v {
			b.set("requires.privileged", true, r.pos(n), "container "+name+" Privileged")
		}
	}
	if add := awsPath(c, "LinuxParameters", "Capabilities", "Add"); add != nil && len(awsItems(add)) > 0 {
		var caps []string
		for _, a := range awsItems(add) {
			caps = append(caps, awsScalarValue(a))
		}
		b.set("requires.privileged", true, r.pos(add), "container "+name+" adds capabilities "+strings.Join(caps, ", "))
	}
	for _, d := range awsItems(awsPath(c, "LinuxParameters", "Capabilities", "Drop")) {
		if awsScalarValue(d) == "ALL" {
			b.set("security.runtime.capabilities_drop_all", true, r.pos(d), "container "+name+" drops ALL capabilities")
		}
	}
	if n := awsGet(c, "ReadonlyRootFilesystem"); n != nil {
		if v, ok := awsBool(n); ok {
			b.set("security.runtime.read_only_root_fs", v, r.pos(n), "container "+name+" ReadonlyRootFilesystem")
		}
	}
	if n := awsGet(c, "User"); awsIsScalar(n) {
		user, _, _ := strings.Cut(n.Value, ":")
		b.set("security.runtime.run_as_non_root", user != "root" && user != "0", r.pos(n), "container "+name+" User "+n.Value)
	}
	if n := awsGet(c, "HealthCheck"); n != nil {
		b.set("observability.health_checks", true, r.pos(n), "container "+name+" HealthCheck")
	}
	for _, rr := range awsItems(awsGet(c, "ResourceRequirements")) {
		if awsScalarValue(awsGet(rr, "Type")) == "GPU" {
			if v, ok := cfnGPU(awsGet(rr, "Value")); ok {
				b.set("execution.gpu", v, r.pos(awsGet(rr, "Value")), "container "+name+" GPU")
			}
		}
	}
}

func cfnGPU(n *yaml.Node) (int, bool) {
	v, ok := awsInt(n)
	return v, ok && v >= 0 && v <= 16
}

// readScalableTarget maps an ECS service's autoscaling bounds.
func (r *cfnReader) readScalableTarget(id string) {
	props := r.nodes[id]
	var b *awsComp
	for _, ref := range cfnRefsIn(awsGet(props, "ResourceId")) {
		if c := r.comps[ref]; c != nil && r.types[ref] == "AWS::ECS::Service" {
			b = c
			break
		}
	}
	if b == nil {
		return
	}
	r.used[id] = true
	if n := awsGet(props, "MinCapacity"); n != nil {
		if v, via, ok := r.int(n, "MinCapacity"); ok {
			r.setInt(b, "execution.min_instances", v, n, fmt.Sprintf("scalable target %s MinCapacity %d%s", id, v, via))
		}
	}
	if n := awsGet(props, "MaxCapacity"); n != nil {
		if v, via, ok := r.int(n, "MaxCapacity"); ok {
			r.setInt(b, "resilience.max_concurrency", v, n, fmt.Sprintf("scalable target %s MaxCapacity %d%s", id, v, via))
		}
	}
	for _, pid := range r.referring(id, "AWS::ApplicationAutoScaling::ScalingPolicy") {
		r.used[pid] = true
	}
}

// substitute replaces the ${Param} variables of a !Sub template whose
// parameter has a Default, and returns the variables it could not replace.
func (r *cfnReader) substitute(tmpl string) (string, []string) {
	var out strings.Builder
	var left []string
	rest := tmpl
	for {
		i := strings.Index(rest, "${")
		if i < 0 {
			out.WriteString(rest)
			break
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			out.WriteString(rest)
			break
		}
		out.WriteString(rest[:i])
		name := rest[i+2 : i+j]
		if def := r.paramDefault(name); !strings.HasPrefix(name, "!") && def != nil {
			out.WriteString(def.Value)
		} else {
			out.WriteString(rest[i : i+j+1])
			if !strings.HasPrefix(name, "!") {
				left = append(left, name)
			}
		}
		rest = rest[i+j+1:]
	}
	return out.String(), left
}
