package importer

import (
	"bytes"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// serverlessFormat reads Serverless Framework service files (serverless.yml):
// one component per function, with the provider's defaults under the
// function's own settings.
//
// Mapped, per function (provider default first, the function's own value
// over it):
//   - runtime → security.runtime.language_runtime (the handler is named in why)
//   - memorySize → execution.memory_mb; timeout → execution.max_duration and
//     security.runtime.timeout; architecture → execution.arch (arm64 → arm)
//   - ephemeralStorageSize → execution.ephemeral_storage_mb
//   - reservedConcurrency → resilience.max_concurrency;
//     provisionedConcurrency → execution.min_instances
//   - iam.role.statements / iamRoleStatements (and a function's own
//     iamRoleStatements, the per-function-roles plugin) → security.identity.permissions,
//     Action strings verbatim; wildcard managed policies → their wildcard
//   - environment: secret-looking names → security.secrets.names, and
//     plaintext_env when one holds a literal; AWS_ACCESS_KEY_ID/… literals →
//     security.secrets.static_cloud_keys
//   - image → dependencies.container_image and security.supply_chain.image_ref
//   - events → trigger (the first event; the rest are noted); http, httpApi,
//     websocket and a public url → security.exposure public; IAM, Cognito and
//     JWT authorizers (named ones under provider.httpApi) and private: true →
//     security.auth.type
//   - functions sharing the provider's role → security.identity.dedicated_role
//     false; a function's own iamRoleStatements → true
//   - vpc → requires.vpc and security.network.vpc_attached; tracing →
//     observability.tracing; logRetentionInDays; onError / destinations.onFailure →
//     resilience.dlq; tags → tags.<key>
//   - an SQS queue or SNS topic one function sends to (environment reference or
//     an IAM statement allowing SendMessage/Publish on it) and another consumes
//     (sqs / sns event) → an async call
//
// Regions: provider.region. Notes: unresolved ${…} variables (a value that is only a
// variable is not set), package artifacts (size unknown), layers, existing
// roles, extra events. resources.Resources entries go to Unknown unless they
// are queues or topics wiring a call.
type serverlessFormat struct{}

func (serverlessFormat) Name() string { return "Serverless Framework" }

// Detect accepts a YAML document with a top-level service and either a
// provider named aws or a functions section.
func (serverlessFormat) Detect(name string, data []byte) bool {
	if !bytes.Contains(data, []byte("service")) || !(bytes.Contains(data, []byte("provider")) || bytes.Contains(data, []byte("functions"))) {
		return false
	}
	root, err := awsParse(name, data)
	if err != nil || root.Kind != yaml.MappingNode {
		return false
	}
	return slsDetectRoot(root)
}

func slsDetectRoot(root *yaml.Node) bool {
	if awsGetKey(root, "service") == nil {
		return false
	}
	if awsGetKey(root, "functions") != nil {
		return true
	}
	p := awsGet(root, "provider")
	if n := awsGet(p, "name"); n != nil && n.Value == "aws" {
		return true
	}
	return false
}

func (serverlessFormat) Read(name string, data []byte) (*Draft, error) {
	root, err := awsParse(name, data)
	if err != nil {
		return nil, err
	}
	if root.Kind != yaml.MappingNode {
		return nil, &SourceError{Source: awsPos(name, root), Message: "a Serverless Framework file must be a mapping with service, provider and functions"}
	}
	r := &slsReader{file: name, d: &Draft{}, ch: newAWSChannels()}
	r.read(root)
	return r.d, nil
}

// slsReader holds one file's reading state.
type slsReader struct {
	file     string
	d        *Draft
	provider *yaml.Node
	root     *yaml.Node
	ch       *awsChannels
	provEnv  *awsSharedEnv
	provIAM  *slsProvIAM
	// providerRoleUsers run under the provider's one role.
	providerRoleUsers []*awsComp
	// resourceTypes are resources.Resources logical IDs and types, so a
	// !GetAtt or Ref to a queue can be recognised.
	resourceTypes map[string]string
	resourcesNode *yaml.Node // resources.Resources
}

func (r *slsReader) note(n *yaml.Node, format string, args ...any) {
	r.d.Notes = append(r.d.Notes, Note{From: awsPos(r.file, n), Text: fmt.Sprintf(format, args...)})
}

func (r *slsReader) read(root *yaml.Node) {
	r.root = root
	r.provider = awsGet(root, "provider")
	if svc := awsGet(root, "service"); svc != nil {
		if svc.Kind == yaml.MappingNode { // Serverless v1: service: {name: x}
			svc = awsGet(svc, "name")
		}
		if s, ok := r.str(svc, "service"); ok {
			r.d.Name = s
		}
	}
	if p := r.provider; p != nil {
		if n := awsGet(p, "name"); n != nil && awsIsScalar(n) && n.Value != "aws" {
			r.note(n, "provider %s: read with AWS Lambda's settings; check the values", n.Value)
		}
		if n := awsGet(p, "region"); n != nil {
			if s, ok := r.str(n, "provider.region"); ok {
				r.d.Regions = append(r.d.Regions, Field{Path: "aws", Value: s, From: awsPos(r.file, n), Why: "provider.region"})
			}
		}
	}
	if pl := awsGet(root, "plugins"); pl != nil {
		r.note(pl, "plugins are not run; settings they add at deploy time are not imported")
	}
	r.readResources()
	fns := awsGet(root, "functions")
	for _, fn := range r.functionEntries(fns) {
		if fn.Key.Kind != yaml.ScalarNode || strings.TrimSpace(fn.Key.Value) == "" {
			r.note(fn.Key, "a function without a name; skipped")
			continue
		}
		r.readFunction(fn.Key, awsDeref(fn.Value))
	}
	r.markSharedRole()
	if len(r.d.Components) == 0 {
		r.note(root, "no functions found")
	}
	r.ch.link(r.d)
	r.listUnusedResources()
	awsNoteIntrinsics(r.file, root, r.d)
	awsDedupeNotes(r.d)
}

// functionEntries lists functions: a mapping of name to settings, or a list
// of such mappings (files included with ${file(...)} are noted).
func (r *slsReader) functionEntries(fns *yaml.Node) []awsPair {
	if fns == nil {
		return nil
	}
	switch fns.Kind {
	case yaml.MappingNode:
		return awsPairs(fns)
	case yaml.SequenceNode:
		var out []awsPair
		for _, item := range awsItems(fns) {
			if item.Kind == yaml.MappingNode {
				out = append(out, awsPairs(item)...)
			} else if awsIsScalar(item) && strings.Contains(item.Value, "${") {
				r.note(item, "functions from %s are in another file, not read here", item.Value)
			}
		}
		return out
	case yaml.ScalarNode:
		if strings.Contains(fns.Value, "${") {
			r.note(fns, "functions from %s are in another file, not read here", fns.Value)
			return nil
		}
	}
	r.note(fns, "functions is neither a mapping nor a list; skipped")
	return nil
}

// str reads a string setting. A value that is only a ${…} variable is not set
// and noted; one that contains variables is kept verbatim and noted; an
// intrinsic function or a mapping is noted.
func (r *slsReader) str(n *yaml.Node, what string) (string, bool) {
	n = awsDeref(n)
	if n == nil || awsIsNull(n) {
		return "", false
	}
	if fn, _, ok := awsIntrinsic(n); ok {
		r.note(n, "%s is %s, not evaluated; not set", what, awsShortName(fn))
		return "", false
	}
	if n.Kind != yaml.ScalarNode {
		r.note(n, "%s is not a single value; not set", what)
		return "", false
	}
	v := n.Value
	if !strings.Contains(v, "${") {
		return v, true
	}
	if slsOnlyVariable(v) {
		r.note(n, "%s is %s, a Serverless variable left unresolved; not set", what, v)
		return "", false
	}
	r.note(n, "%s %q contains unresolved Serverless variables; kept as written", what, v)
	return v, true
}

// slsOnlyVariable says whether s is a single ${…} variable and nothing else.
func slsOnlyVariable(s string) bool {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "${") {
		return false
	}
	depth := 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '$' && i+1 < len(s) && s[i+1] == '{':
			depth++
			i++
		case s[i] == '}':
			depth--
			if depth == 0 {
				return i == len(s)-1
			}
		}
	}
	return false
}

// int reads a whole-number setting, noting a value that is not one.
func (r *slsReader) int(n *yaml.Node, what string) (int, bool) {
	s, ok := r.str(n, what)
	if !ok {
		return 0, false
	}
	v, ok := awsInt(&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s})
	if !ok {
		r.note(n, "%s %q is not a whole number; not set", what, s)
	}
	return v, ok
}

// setting returns the function's own value of key, else the provider's.
func (r *slsReader) setting(fn *yaml.Node, key string) (*yaml.Node, string) {
	if v := awsGet(fn, key); v != nil {
		return v, key
	}
	if v := awsGet(r.provider, key); v != nil {
		return v, "provider." + key
	}
	return nil, ""
}

func (r *slsReader) readFunction(key *yaml.Node, fn *yaml.Node) {
	name := key.Value
	b := newAWSComp(name, "Serverless function", awsPos(r.file, key))
	if fn == nil || fn.Kind != yaml.MappingNode {
		if fn != nil && awsIsScalar(fn) && strings.Contains(fn.Value, "${") {
			r.note(fn, "function %s comes from %s, not read here", name, fn.Value)
		} else {
			r.note(key, "function %s has no settings", name)
		}
		r.d.Components = append(r.d.Components, b.done())
		return
	}

	handler := ""
	if h := awsGet(fn, "handler"); h != nil && awsIsScalar(h) {
		handler = h.Value
	}
	// An image function brings its own runtime; the provider's does not apply.
	if n, where := r.setting(fn, "runtime"); n != nil && awsGet(fn, "image") == nil {
		if v, ok := r.str(n, where); ok {
			why := where + " " + v
			if handler != "" {
				why += ", handler " + handler
			}
			b.set("security.runtime.language_runtime", v, awsPos(r.file, n), why)
		}
	}
	if n, where := r.setting(fn, "memorySize"); n != nil {
		if v, ok := r.int(n, where); ok {
			r.setInt(b, "execution.memory_mb", v, n, fmt.Sprintf("%s %d", where, v))
		}
	}
	if n, where := r.setting(fn, "timeout"); n != nil {
		if v, ok := r.int(n, where); ok {
			d := awsSeconds(v)
			if awsDurationOK(d) {
				why := fmt.Sprintf("%s %d s", where, v)
				b.set("execution.max_duration", d, awsPos(r.file, n), why)
				b.set("security.runtime.timeout", d, awsPos(r.file, n), why)
			} else {
				r.note(n, "%s %d is outside the profile's duration range; not set", where, v)
			}
		}
	}
	if n, where := r.setting(fn, "architecture"); n != nil {
		if v, ok := r.str(n, where); ok {
			if a, ok := awsArch(v); ok {
				b.set("execution.arch", a, awsPos(r.file, n), where+" "+v)
			} else {
				r.note(n, "%s %s is not a known architecture; not set", where, v)
			}
		}
	}
	if n, where := r.setting(fn, "ephemeralStorageSize"); n != nil {
		if v, ok := r.int(n, where); ok {
			r.setInt(b, "execution.ephemeral_storage_mb", v, n, fmt.Sprintf("%s %d", where, v))
		}
	}
	if n := awsGet(fn, "reservedConcurrency"); n != nil {
		if v, ok := r.int(n, "reservedConcurrency"); ok {
			if v == 0 {
				r.note(n, "reservedConcurrency 0 stops %s from running; max_concurrency not set", name)
			} else {
				r.setInt(b, "resilience.max_concurrency", v, n, fmt.Sprintf("reservedConcurrency %d", v))
			}
		}
	}
	if n := awsGet(fn, "provisionedConcurrency"); n != nil {
		if v, ok := r.int(n, "provisionedConcurrency"); ok {
			r.setInt(b, "execution.min_instances", v, n, fmt.Sprintf("provisionedConcurrency %d", v))
		}
	}
	r.readImage(b, fn)
	r.readPackage(b, fn)
	if n := awsGet(fn, "layers"); n != nil && n.Kind == yaml.SequenceNode {
		r.note(n, "%s uses %d layer(s); their size is not in this file (dependencies.package_mb)", name, len(n.Content))
	}
	r.readIAM(b, fn)
	r.readEnvironment(b, fn)
	r.readEvents(b, fn)
	r.readURL(b, fn)
	r.readExtras(b, fn)
	r.d.Components = append(r.d.Components, b.done())
}

// setInt sets an integer field within the profile's bounds, or notes it.
func (r *slsReader) setInt(b *awsComp, path string, v int, n *yaml.Node, why string) {
	if !awsInRange(path, v) {
		r.note(n, "%s is outside the profile's range for %s; not set", why, path)
		return
	}
	b.set(path, v, awsPos(r.file, n), why)
}

// readImage maps an image-based function: image: uri, or image: {name: x}
// naming provider.ecr.images.x (uri, or a path built at deploy time).
func (r *slsReader) readImage(b *awsComp, fn *yaml.Node) {
	img := awsGet(fn, "image")
	if img == nil {
		return
	}
	b.set("dependencies.container_image", true, awsPos(r.file, img), "image")
	switch img.Kind {
	case yaml.ScalarNode:
		if v, ok := r.str(img, "image"); ok {
			b.set("security.supply_chain.image_ref", v, awsPos(r.file, img), "image "+v)
		}
	case yaml.MappingNode:
		if uri := awsGet(img, "uri"); uri != nil {
			if v, ok := r.str(uri, "image.uri"); ok {
				b.set("security.supply_chain.image_ref", v, awsPos(r.file, uri), "image.uri "+v)
			}
			return
		}
		nameNode := awsGet(img, "name")
		if nameNode == nil || !awsIsScalar(nameNode) {
			return
		}
		def := awsPath(r.provider, "ecr", "images", nameNode.Value)
		switch {
		case def != nil && def.Kind == yaml.ScalarNode:
			if v, ok := r.str(def, "provider.ecr.images."+nameNode.Value); ok {
				b.set("security.supply_chain.image_ref", v, awsPos(r.file, def), "provider.ecr.images."+nameNode.Value+" "+v)
			}
		case awsGet(def, "uri") != nil:
			uri := awsGet(def, "uri")
			if v, ok := r.str(uri, "provider.ecr.images."+nameNode.Value+".uri"); ok {
				b.set("security.supply_chain.image_ref", v, awsPos(r.file, uri), "provider.ecr.images."+nameNode.Value+".uri "+v)
			}
		case awsGet(def, "path") != nil:
			r.note(awsGet(def, "path"), "image %s is built from %s at deploy time; its reference and size are not in this file", nameNode.Value, awsGet(def, "path").Value)
		default:
			r.note(nameNode, "image %s is not defined under provider.ecr.images", nameNode.Value)
		}
	}
}

// readPackage notes a packaged artifact: its size is not in the file.
func (r *slsReader) readPackage(b *awsComp, fn *yaml.Node) {
	art := awsPath(fn, "package", "artifact")
	if art == nil {
		art = awsPath(r.root, "package", "artifact")
	}
	if art != nil && awsIsScalar(art) {
		r.note(art, "deployed from artifact %s; its size is unknown here (set dependencies.package_mb after measuring it)", art.Value)
	}
}

// readIAM maps role statements to permissions. A function's own
// iamRoleStatements (serverless-iam-roles-per-function) replace the provider's
// unless iamRoleStatementsInherit is true.
func (r *slsReader) readIAM(b *awsComp, fn *yaml.Node) {
	own := awsGet(fn, "iamRoleStatements")
	inherit := true
	if own != nil {
		b.set("security.identity.dedicated_role", true, awsPos(r.file, own), "iamRoleStatements on the function")
		inherit = false
		if v, ok := awsBool(awsGet(fn, "iamRoleStatementsInherit")); ok {
			inherit = v
		}
		awsReadStatements(r.file, r.d, b, own, "iamRoleStatements", r.ch, r.str, nil, nil)
	}
	if role := awsGet(fn, "role"); role != nil {
		r.note(role, "%s runs with role %s defined elsewhere; its permissions are not read", b.c.Name, slsShow(role))
		return
	}
	if !inherit {
		return
	}
	if own == nil {
		r.providerRoleUsers = append(r.providerRoleUsers, b)
	}
	if r.provIAM == nil {
		r.provIAM = r.readProviderIAM()
	}
	pi := r.provIAM
	if pi.perms != nil {
		b.addStrings("security.identity.permissions", pi.perms.Value.([]string), pi.perms.From, pi.perms.Why)
	}
	if pi.group != nil {
		pi.group.universe.add(b)
	}
}

// markSharedRole says, when several functions run under the provider's one
// role (the Framework's default), that none of them has a role of its own.
func (r *slsReader) markSharedRole() {
	if len(r.providerRoleUsers) < 2 {
		return
	}
	at := r.provider
	for _, k := range []string{"iam", "iamRoleStatements", "role"} {
		if n := awsGetKey(r.provider, k); n != nil {
			at = n
			break
		}
	}
	if at == nil {
		at = awsGetKey(r.root, "service")
	}
	why := fmt.Sprintf("the provider role is shared by %d functions", len(r.providerRoleUsers))
	for _, b := range r.providerRoleUsers {
		b.set("security.identity.dedicated_role", false, awsPos(r.file, at), why)
		b.done()
	}
}

// slsProvIAM is what the provider's role grants every function that inherits
// it, read once.
type slsProvIAM struct {
	perms *Field
	group *awsGroup // the inheriting functions, shared evidence of sending
}

func (r *slsReader) readProviderIAM() *slsProvIAM {
	pi := &slsProvIAM{}
	tmp := newAWSComp("provider", "provider", awsPos(r.file, r.provider))
	var sends []awsEvidence
	var keys, labels []string
	collect := func(key, label string, e awsEnd) {
		keys, labels = append(keys, key), append(labels, label)
		sends = append(sends, awsEvidence{from: e.from, why: e.why})
	}
	p := r.provider
	if iam := awsGet(p, "iam"); iam != nil {
		role := awsGet(iam, "role")
		if role != nil && role.Kind != yaml.MappingNode {
			r.note(role, "provider.iam.role %s is defined elsewhere; its permissions are not read", slsShow(role))
			return pi
		}
		awsReadStatements(r.file, r.d, tmp, awsGet(role, "statements"), "provider.iam.role.statements", r.ch, r.str, collect, nil)
		r.readManaged(tmp, awsGet(role, "managedPolicies"), "provider.iam.role.managedPolicies")
	}
	awsReadStatements(r.file, r.d, tmp, awsGet(p, "iamRoleStatements"), "provider.iamRoleStatements", r.ch, r.str, collect, nil)
	r.readManaged(tmp, awsGet(p, "iamManagedPolicies"), "provider.iamManagedPolicies")
	if role := awsGet(p, "role"); role != nil {
		r.note(role, "provider.role %s is defined elsewhere; its permissions are not read", slsShow(role))
	}
	if f, ok := tmp.get("security.identity.permissions"); ok {
		pi.perms = &f
	}
	if len(sends) > 0 {
		pi.group = &awsGroup{universe: &awsUniverse{set: map[*awsComp]bool{}}, except: map[*awsComp]bool{}}
		for i, s := range sends {
			r.ch.addShared(keys[i], labels[i], pi.group, s.from, s.why)
		}
	}
	return pi
}

// slsShow writes a node briefly for a note.
func slsShow(n *yaml.Node) string {
	if fn, arg, ok := awsIntrinsic(n); ok {
		if arg != nil && arg.Kind == yaml.ScalarNode {
			return awsShortName(fn) + " " + arg.Value
		}
		return awsShortName(fn)
	}
	if n != nil && n.Kind == yaml.ScalarNode {
		return n.Value
	}
	return "(a structure)"
}

func (r *slsReader) readManaged(b *awsComp, list *yaml.Node, where string) {
	for _, p := range awsItems(list) {
		if !awsIsScalar(p) {
			continue
		}
		name := awsManagedPolicyName(p.Value)
		if perms, ok := awsManagedWildcards[name]; ok {
			b.addStrings("security.identity.permissions", perms, awsPos(r.file, p), where+" "+name)
		} else {
			r.note(p, "managed policy %s: its actions are not listed here", name)
		}
	}
}

// readEnvironment maps provider and function environment variables: secrets
// held as literals, static AWS keys, and references to queues or topics (the
// function sends to them).
func (r *slsReader) readEnvironment(b *awsComp, fn *yaml.Node) {
	if r.provEnv == nil {
		r.provEnv = newAWSSharedEnv(r.file, slsEnvVars(awsGet(r.provider, "environment"), "provider.environment "), r.ch)
	}
	env := r.provEnv.apply(b, slsEnvVars(awsGet(fn, "environment"), "environment "))
	awsMapEnvironment(r.file, r.d, b, env, r.ch)
}

// slsEnvVars lists a Serverless environment mapping; a value holding a ${…}
// variable is not a literal.
func slsEnvVars(m *yaml.Node, where string) []awsEnvVar {
	var out []awsEnvVar
	for _, p := range awsPairs(m) {
		v := awsDeref(p.Value)
		ev := awsEnvVar{name: p.Key.Value, key: p.Key, value: v, where: where + p.Key.Value}
		if awsIsScalar(v) && !awsIsNull(v) && v.Value != "" {
			ev.literal = !strings.Contains(v.Value, "${")
		}
		out = append(out, ev)
	}
	return out
}

// slsEventTriggers maps Serverless event types to profile triggers.
var slsEventTriggers = map[string]string{
	"http": "http", "httpApi": "http", "websocket": "http", "alb": "http",
	"sqs": "queue", "activemq": "queue", "rabbitmq": "queue",
	"schedule": "schedule",
	"s3":       "storage",
	"stream":   "stream", "kafka": "stream", "msk": "stream", "kinesis": "stream",
	"eventBridge": "event", "sns": "event", "cloudwatchEvent": "event", "cloudwatchLog": "event",
	"iot": "event", "iotFleetProvisioning": "event", "cognitoUserPool": "event",
	"alexaSkill": "event", "alexaSmartHome": "event", "cloudFront": "http",
}

func (r *slsReader) readEvents(b *awsComp, fn *yaml.Node) {
	events := awsGet(fn, "events")
	if events == nil {
		return
	}
	if events.Kind != yaml.SequenceNode {
		r.note(events, "events of %s is not a list; skipped", b.c.Name)
		return
	}
	public := false
	for _, ev := range awsItems(events) {
		pairs := awsPairs(ev)
		if len(pairs) == 0 {
			if ev != nil && awsIsScalar(ev) {
				r.note(ev, "event %q is not a mapping; skipped", ev.Value)
			}
			continue
		}
		typ, val := pairs[0].Key.Value, awsDeref(pairs[0].Value)
		pos := awsPos(r.file, pairs[0].Key)
		trig, known := slsEventTriggers[typ]
		if !known {
			r.note(pairs[0].Key, "event type %s of %s is not mapped", typ, b.c.Name)
			continue
		}
		if typ == "eventBridge" && awsGet(val, "schedule") != nil {
			trig = "schedule"
		}
		why := typ + slsEventDetail(typ, val)
		switch typ {
		case "http", "httpApi", "websocket":
			if !public {
				public = true
				b.set("security.exposure", "public", pos, why)
			}
			r.readAuthorizer(b, typ, val)
			if typ == "websocket" && !b.has("requires.long_lived_connections") {
				b.set("requires.long_lived_connections", true, pos, why)
			}
		case "alb":
			r.note(pairs[0].Key, "%s is behind an application load balancer; whether it faces the internet is not in this file", b.c.Name)
		case "sqs":
			arn := val
			if val != nil && val.Kind == yaml.MappingNode && awsGet(val, "arn") != nil {
				arn = awsGet(val, "arn")
			}
			if key, label := r.ch.key(arn); key != "" {
				r.ch.addRecv(key, label, awsEnd{comp: b, from: pos, why: why})
			}
		case "sns":
			topic := val
			if val != nil && val.Kind == yaml.MappingNode {
				topic = awsGet(val, "arn")
				if topic == nil {
					if tn := awsGet(val, "topicName"); tn != nil && awsIsScalar(tn) {
						topic = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "arn:aws:sns:region:account:" + tn.Value}
					}
				}
			} else if awsIsScalar(val) && !strings.HasPrefix(val.Value, "arn:") {
				topic = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "arn:aws:sns:region:account:" + val.Value}
			}
			if key, label := r.ch.key(topic); key != "" {
				r.ch.addRecv(key, label, awsEnd{comp: b, from: pos, why: why})
			}
		}
		if !b.trigger(trig, pos, why) {
			r.note(pairs[0].Key, "%s is also triggered by %s; the profile takes the first event (%s)", b.c.Name, why, b.c.TriggerWhy)
		}
	}
}

// slsEventDetail describes an event briefly: " GET /orders", " rate(5 minutes)".
func slsEventDetail(typ string, v *yaml.Node) string {
	v = awsDeref(v)
	if v == nil {
		return ""
	}
	if awsIsScalar(v) {
		return " " + v.Value
	}
	pick := func(keys ...string) string {
		for _, k := range keys {
			if n := awsGet(v, k); n != nil && awsIsScalar(n) {
				return n.Value
			}
		}
		return ""
	}
	switch typ {
	case "http", "httpApi":
		m, p := pick("method"), pick("path")
		if m != "" || p != "" {
			return " " + strings.TrimSpace(strings.ToUpper(m)+" "+p)
		}
	case "schedule":
		if s := pick("rate"); s != "" {
			return " " + s
		}
		if rt := awsGet(v, "rate"); rt != nil && rt.Kind == yaml.SequenceNode && len(rt.Content) > 0 && awsIsScalar(rt.Content[0]) {
			return " " + rt.Content[0].Value
		}
	case "s3":
		if s := pick("bucket"); s != "" {
			return " " + s
		}
	case "sqs", "stream":
		if s := pick("arn"); s != "" {
			return " " + s
		}
		if a := awsGet(v, "arn"); a != nil {
			return " " + slsShow(a)
		}
	case "sns":
		if s := pick("topicName", "arn"); s != "" {
			return " " + s
		}
	case "websocket":
		if s := pick("route"); s != "" {
			return " " + s
		}
	case "eventBridge":
		if s := pick("schedule"); s != "" {
			return " " + s
		}
		if src := awsPath(v, "pattern", "source"); src != nil {
			if items := awsItems(src); len(items) > 0 && awsIsScalar(items[0]) {
				return " source " + items[0].Value
			}
		}
	}
	return ""
}

// readAuthorizer maps the clear authorizer cases: IAM, JWT, API keys.
func (r *slsReader) readAuthorizer(b *awsComp, typ string, v *yaml.Node) {
	if v == nil || v.Kind != yaml.MappingNode {
		return
	}
	if p, ok := awsBool(awsGet(v, "private")); ok && p {
		b.set("security.auth.type", "api_key", awsPos(r.file, awsGet(v, "private")), typ+" private: true (API key)")
		b.set("security.auth.validated_at", "gateway", awsPos(r.file, awsGet(v, "private")), typ+" private: true")
		return
	}
	a := awsGet(v, "authorizer")
	if a == nil {
		return
	}
	kind := ""
	if awsIsScalar(a) {
		kind = a.Value
	} else if t := awsGet(a, "type"); t != nil && awsIsScalar(t) {
		kind = t.Value
	} else if n := awsGet(a, "name"); typ == "httpApi" && awsIsScalar(n) {
		// A named HTTP API authorizer is declared under provider.httpApi;
		// its type defaults to jwt.
		def := awsPath(r.provider, "httpApi", "authorizers", n.Value)
		if def == nil {
			return
		}
		kind = "jwt"
		if t := awsGet(def, "type"); awsIsScalar(t) {
			kind = t.Value
		}
	}
	switch strings.ToLower(kind) {
	case "aws_iam", "iam":
		kind = "iam"
	case "jwt":
		kind = "jwt"
	case "cognito_user_pools":
		kind = "jwt"
	default:
		return
	}
	b.set("security.auth.type", kind, awsPos(r.file, a), typ+" authorizer")
	b.set("security.auth.validated_at", "gateway", awsPos(r.file, a), typ+" authorizer")
}

// readURL maps a Lambda function URL: public unless it requires IAM auth.
func (r *slsReader) readURL(b *awsComp, fn *yaml.Node) {
	u := awsGet(fn, "url")
	if u == nil {
		return
	}
	if on, ok := awsBool(u); ok && !on {
		return
	}
	pos := awsPos(r.file, u)
	if auth := awsGet(u, "authorizer"); auth != nil && awsIsScalar(auth) && auth.Value == "aws_iam" {
		b.set("security.auth.type", "iam", awsPos(r.file, auth), "url authorizer aws_iam")
	} else {
		b.set("security.exposure", "public", pos, "function URL without IAM auth")
	}
	b.set("front_door", "function_url", pos, "url")
	if !b.trigger("http", pos, "function URL") {
		r.note(u, "%s also has a function URL; the profile takes the first event (%s)", b.c.Name, b.c.TriggerWhy)
	}
}

// readExtras maps VPC, tracing, log retention, failure destinations and tags.
func (r *slsReader) readExtras(b *awsComp, fn *yaml.Node) {
	if n, where := r.setting(fn, "vpc"); n != nil && n.Kind == yaml.MappingNode {
		b.set("requires.vpc", true, awsPos(r.file, n), where)
		b.set("security.network.vpc_attached", true, awsPos(r.file, n), where)
	}
	if n := awsGet(fn, "tracing"); n != nil {
		if v, ok := r.str(n, "tracing"); ok {
			b.set("observability.tracing", strings.EqualFold(v, "Active") || v == "true", awsPos(r.file, n), "tracing "+v)
		}
	} else if n := awsPath(r.provider, "tracing", "lambda"); n != nil {
		if v, ok := r.str(n, "provider.tracing.lambda"); ok {
			b.set("observability.tracing", strings.EqualFold(v, "Active") || v == "true", awsPos(r.file, n), "provider.tracing.lambda "+v)
		}
	}
	if n, where := r.setting(fn, "logRetentionInDays"); n != nil {
		if v, ok := r.int(n, where); ok {
			r.setInt(b, "observability.log_retention_days", v, n, fmt.Sprintf("%s %d", where, v))
		}
	}
	if n := awsGet(fn, "onError"); n != nil {
		b.set("resilience.dlq", true, awsPos(r.file, n), "onError")
	} else if n := awsPath(fn, "destinations", "onFailure"); n != nil {
		b.set("resilience.dlq", true, awsPos(r.file, n), "destinations.onFailure")
	}
	for _, src := range []struct {
		n     *yaml.Node
		where string
	}{{awsGet(r.provider, "tags"), "provider.tags"}, {awsGet(fn, "tags"), "tags"}} {
		for _, p := range awsPairs(src.n) {
			if v, ok := r.str(p.Value, src.where+"."+p.Key.Value); ok && v != "" && p.Key.Value != "" {
				b.set("tags."+p.Key.Value, v, awsPos(r.file, p.Value), src.where)
			}
		}
	}
}

// readResources declares the queues and topics of resources.Resources, so
// references to them wire calls, and remembers the other resources to list
// them as unknown.
func (r *slsReader) readResources() {
	r.resourceTypes = map[string]string{}
	res := awsPath(r.root, "resources", "Resources")
	if list := awsGet(r.root, "resources"); list != nil && list.Kind == yaml.SequenceNode {
		// resources: [${file(queues.yml)}, {Resources: …}]
		for _, item := range awsItems(list) {
			if awsIsScalar(item) {
				r.note(item, "resources from %s are in another file, not read here", item.Value)
			} else if rr := awsGet(item, "Resources"); rr != nil && res == nil {
				res = rr
			}
		}
	}
	r.resourcesNode = res
	for _, p := range awsPairs(res) {
		t := awsGet(p.Value, "Type")
		if t == nil || !awsIsScalar(t) {
			continue
		}
		r.resourceTypes[p.Key.Value] = t.Value
		switch t.Value {
		case "AWS::SQS::Queue":
			r.ch.declare(p.Key.Value, "sqs", awsScalarValue(awsPath(p.Value, "Properties", "QueueName")), awsPos(r.file, p.Key))
		case "AWS::SNS::Topic":
			r.ch.declare(p.Key.Value, "sns", awsScalarValue(awsPath(p.Value, "Properties", "TopicName")), awsPos(r.file, p.Key))
		}
	}
}

// listUnusedResources lists resources.Resources entries that did not become
// part of the draft (queues and topics that wire a call do).
func (r *slsReader) listUnusedResources() {
	wired := map[string]bool{}
	for k := range r.ch.send {
		if len(r.ch.recv[k]) > 0 {
			wired[k] = true
		}
	}
	for _, p := range awsPairs(r.resourcesNode) {
		t, ok := r.resourceTypes[p.Key.Value]
		if !ok {
			continue
		}
		if wired["id:"+p.Key.Value] {
			r.note(p.Key, "%s %s carries an async call between functions", t, p.Key.Value)
			continue
		}
		r.d.Unknown = append(r.d.Unknown, Note{From: awsPos(r.file, p.Key), Text: t + " " + p.Key.Value})
	}
}
