package importer

// CloudFormation resources that wire triggers to functions (event source
// mappings, rules, subscriptions, permissions, URLs, aliases) and state
// machines.

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

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

// readRestMethod maps an API Gateway REST method whose Lambda integration
// invokes a function: trigger http, public unless its API is PRIVATE, and the
// method's AuthorizationType.
func (r *cfnReader) readRestMethod(id string) {
	props := r.nodes[id]
	var targets []*awsComp
	for _, ref := range cfnRefsIn(awsGet(props, "Integration")) {
		if b := r.comps[ref]; b != nil && strings.Contains(r.types[ref], "Function") {
			targets = append(targets, b)
		}
	}
	if len(targets) == 0 {
		return
	}
	r.used[id] = true
	why := "API Gateway method " + id
	if m := awsScalarValue(awsGet(props, "HttpMethod")); m != "" {
		why += " " + m
	}
	exposure, expAt, expWhy := "public", r.keys[id], why
	if api, _, ok := awsRefTarget(awsGet(props, "RestApiId")); ok && r.types[api] == "AWS::ApiGateway::RestApi" {
		r.used[api] = true
		for _, t := range awsItems(awsPath(r.nodes[api], "EndpointConfiguration", "Types")) {
			if awsScalarValue(t) == "PRIVATE" {
				exposure, expAt, expWhy = "internal", t, "REST API "+api+" EndpointConfiguration PRIVATE"
			}
		}
	}
	auth := ""
	at := awsGet(props, "AuthorizationType")
	switch awsScalarValue(at) {
	case "NONE":
		auth = "none"
	case "AWS_IAM":
		auth = "iam"
	case "COGNITO_USER_POOLS":
		auth = "jwt"
	}
	if k, ok := awsBool(awsGet(props, "ApiKeyRequired")); ok && k && (auth == "" || auth == "none") {
		auth, at = "api_key", awsGet(props, "ApiKeyRequired")
	}
	for _, b := range targets {
		if !b.trigger("http", r.pos(r.keys[id]), why) && b.c.TriggerWhy != why {
			r.note(r.keys[id], "%s is also triggered by %s; the profile takes the first (%s)", b.c.Name, why, b.c.TriggerWhy)
		}
		b.set("security.exposure", exposure, r.pos(expAt), expWhy)
		if auth != "" && !b.has("security.auth.type") {
			b.set("security.auth.type", auth, r.pos(at), why+" "+awsScalarValue(at))
			if auth != "none" {
				b.set("security.auth.validated_at", "gateway", r.pos(at), why)
			}
		}
	}
}

// readHTTPIntegration maps an API Gateway HTTP API integration that invokes
// a function: trigger http, public (HTTP APIs have no private endpoints).
func (r *cfnReader) readHTTPIntegration(id string) {
	for _, ref := range cfnRefsIn(awsGet(r.nodes[id], "IntegrationUri")) {
		b := r.comps[ref]
		if b == nil || !strings.Contains(r.types[ref], "Function") {
			continue
		}
		r.used[id] = true
		why := "HTTP API integration " + id
		if !b.trigger("http", r.pos(r.keys[id]), why) {
			r.note(r.keys[id], "%s is also triggered by %s; the profile takes the first (%s)", b.c.Name, why, b.c.TriggerWhy)
		}
		b.set("security.exposure", "public", r.pos(r.keys[id]), why)
		if api, _, ok := awsRefTarget(awsGet(r.nodes[id], "ApiId")); ok {
			r.used[api] = true
		}
	}
}
