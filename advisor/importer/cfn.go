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
//     AWS::SNS::Subscription, AWS::Lambda::Permission principals,
//     AWS::ApiGateway::Method and AWS::ApiGatewayV2::Integration.
//   - API facts: a PRIVATE API is exposure internal; AWS_IAM, Cognito or JWT
//     authorizers, NONE and API keys → security.auth.type (validated_at
//     gateway); a SAM function without a Role has a dedicated role.
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
		if p.Key.Kind != yaml.ScalarNode || strings.TrimSpace(id) == "" {
			r.note(p.Key, "a resource without a logical ID; skipped")
			continue
		}
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
			r.ch.declare(id, "sqs", awsScalarValue(awsGet(r.nodes[id], "QueueName")), r.pos(p.Key))
		case "AWS::SNS::Topic":
			r.ch.declare(id, "sns", awsScalarValue(awsGet(r.nodes[id], "TopicName")), r.pos(p.Key))
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
		case "AWS::ApiGateway::Method":
			r.readRestMethod(id)
		case "AWS::ApiGatewayV2::Integration":
			r.readHTTPIntegration(id)
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
	r.markPlumbing()
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

// cfnPlumbing are API Gateway resources that only carry an API that became
// part of the draft (its paths, routes, stages, deployments): used when they
// refer to something used, not listed as unknown.
var cfnPlumbing = map[string]bool{
	"AWS::ApiGateway::Resource": true, "AWS::ApiGateway::Deployment": true, "AWS::ApiGateway::Stage": true,
	"AWS::ApiGatewayV2::Route": true, "AWS::ApiGatewayV2::Stage": true, "AWS::ApiGatewayV2::Deployment": true,
}

func (r *cfnReader) markPlumbing() {
	// A stage refers to a deployment that refers to the API: a few rounds
	// reach the end of such chains.
	for round := 0; round < 3; round++ {
		for _, id := range r.order {
			if !cfnPlumbing[r.types[id]] || r.used[id] {
				continue
			}
			for _, ref := range cfnRefsIn(r.nodes[id]) {
				if r.used[ref] {
					r.used[id] = true
					break
				}
			}
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
