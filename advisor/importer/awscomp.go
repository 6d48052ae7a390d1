package importer

// Building components for the AWS readers: fields set by path, profile
// bounds, environment variables (secrets, shared provider/Globals
// environments) and IAM statements.

import (
	"sort"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// awsArch maps an AWS architecture name to the profile's.
func awsArch(v string) (string, bool) {
	switch strings.ToLower(v) {
	case "arm64", "arm", "aarch64":
		return "arm", true
	case "x86_64", "x86", "amd64", "x86-64":
		return "x86", true
	}
	return "", false
}

// awsSeconds turns a timeout in seconds into a duration.
func awsSeconds(n int) time.Duration { return time.Duration(n) * time.Second }

// awsSecretWords are name parts that mark an environment variable as
// holding a secret; awsSecretPairs are two-part names that do.
var (
	awsSecretWords = map[string]bool{"PASSWORD": true, "PASSWD": true, "PWD": true, "PASSPHRASE": true, "SECRET": true, "TOKEN": true, "APIKEY": true, "CREDENTIAL": true, "CREDENTIALS": true}
	awsSecretPairs = map[string]bool{"API KEY": true, "PRIVATE KEY": true, "ACCESS KEY": true, "AUTH KEY": true, "SIGNING KEY": true, "ENCRYPTION KEY": true, "MASTER KEY": true, "CLIENT KEY": true, "CONNECTION STRING": true}
	// awsNotSecretLast are last parts that make the variable name, locate or
	// describe a secret rather than hold it: DB_SECRET_ARN, TOKEN_TTL.
	awsNotSecretLast = map[string]bool{"ARN": true, "NAME": true, "ID": true, "PATH": true, "TTL": true, "EXPIRY": true, "EXPIRES": true, "EXPIRATION": true, "TABLE": true, "BUCKET": true, "PARAM": true, "PARAMETER": true, "REGION": true, "LENGTH": true, "HEADER": true, "FILE": true, "ENDPOINT": true, "URL": true, "URI": true, "TYPE": true, "ENABLED": true, "LIMIT": true, "COUNT": true, "SIZE": true, "VERSION": true}
)

// awsNameParts splits an environment variable name into upper-case words at
// underscores, dashes, dots and camelCase boundaries: dbPassword → DB PASSWORD.
func awsNameParts(name string) []string {
	var parts []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			parts = append(parts, strings.ToUpper(cur.String()))
			cur.Reset()
		}
	}
	prevLower := false
	for _, r := range name {
		switch {
		case r == '_' || r == '-' || r == '.':
			flush()
			prevLower = false
			continue
		case r >= 'A' && r <= 'Z' && prevLower:
			flush()
		}
		cur.WriteRune(r)
		prevLower = r >= 'a' && r <= 'z' || r >= '0' && r <= '9'
	}
	flush()
	return parts
}

// secretName says whether an environment variable name looks like it holds a
// secret; every reader uses it, so one name is judged the same in any format.
func secretName(name string) bool {
	parts := awsNameParts(name)
	if len(parts) == 0 || awsNotSecretLast[parts[len(parts)-1]] {
		return false
	}
	for i, p := range parts {
		if awsSecretWords[p] {
			return true
		}
		if i > 0 && awsSecretPairs[parts[i-1]+" "+p] {
			return true
		}
	}
	// A vendor's key (SENDGRID_KEY, DB_PASS) unless the word before names a
	// kind of key that is not a credential (PARTITION_KEY, KMS_KEY).
	n := len(parts)
	return n > 1 && (parts[n-1] == "KEY" && !keyNotSecret[parts[n-2]] || parts[n-1] == "PASS")
}

// keyNotSecret are words before _KEY that make it a data or reference key.
var keyNotSecret = map[string]bool{"PARTITION": true, "SORT": true, "HASH": true, "RANGE": true, "CACHE": true, "PRIMARY": true,
	"OBJECT": true, "S3": true, "KMS": true, "PUBLIC": true, "IDEMPOTENCY": true, "FOREIGN": true, "ROUTING": true, "DEDUP": true, "DEDUPLICATION": true, "LOOKUP": true}

// awsStaticKeyName says whether the variable holds long-lived AWS keys.
func awsStaticKeyName(name string) bool {
	u := strings.ToUpper(name)
	return u == "AWS_ACCESS_KEY_ID" || u == "AWS_SECRET_ACCESS_KEY"
}

// awsManagedWildcards are AWS managed policies that grant a wildcard action;
// they become permissions so the identity rules flag them. Other managed
// policies are noted by name.
var awsManagedWildcards = map[string][]string{
	"AdministratorAccess":         {"*"},
	"PowerUserAccess":             {"*"},
	"AmazonS3FullAccess":          {"s3:*"},
	"AmazonDynamoDBFullAccess":    {"dynamodb:*"},
	"AmazonSQSFullAccess":         {"sqs:*"},
	"AmazonSNSFullAccess":         {"sns:*"},
	"AWSLambda_FullAccess":        {"lambda:*"},
	"AWSLambdaFullAccess":         {"lambda:*"},
	"AmazonKinesisFullAccess":     {"kinesis:*"},
	"CloudWatchFullAccess":        {"cloudwatch:*"},
	"AmazonEC2FullAccess":         {"ec2:*"},
	"AWSStepFunctionsFullAccess":  {"states:*"},
	"SecretsManagerReadWrite":     {"secretsmanager:*"},
	"AmazonEventBridgeFullAccess": {"events:*"},
	"AmazonTextractFullAccess":    {"textract:*"},
}

// awsSAMTemplateWildcards are the AWS SAM policy templates whose statements
// grant a whole service. SAM's other templates (samtranslator's
// policy_templates.json) name their actions one by one and scope them to the
// resource given; they are noted, not listed.
var awsSAMTemplateWildcards = map[string][]string{
	"TextractPolicy": {"textract:*"},
}

// awsManagedPolicyName returns the policy name of a managed policy ARN or name.
func awsManagedPolicyName(v string) string {
	if i := strings.LastIndex(v, "/"); i >= 0 && strings.HasPrefix(v, "arn:") {
		return v[i+1:]
	}
	return v
}

// awsComp builds one Component: fields set by path, a later set replacing an
// earlier one (a function's own memorySize over the provider default).
type awsComp struct {
	c *Component
}

func newAWSComp(name, kind string, from Source) *awsComp {
	return &awsComp{c: &Component{Name: name, Kind: kind, From: from}}
}

func (b *awsComp) set(path string, value any, from Source, why string) {
	for i := range b.c.Fields {
		if b.c.Fields[i].Path == path {
			b.c.Fields[i] = Field{Path: path, Value: value, From: from, Why: why}
			return
		}
	}
	b.c.Fields = append(b.c.Fields, Field{Path: path, Value: value, From: from, Why: why})
}

func (b *awsComp) unset(path string) {
	for i := range b.c.Fields {
		if b.c.Fields[i].Path == path {
			b.c.Fields = append(b.c.Fields[:i], b.c.Fields[i+1:]...)
			return
		}
	}
}

func (b *awsComp) has(path string) bool {
	for _, f := range b.c.Fields {
		if f.Path == path {
			return true
		}
	}
	return false
}

func (b *awsComp) get(path string) (Field, bool) {
	for _, f := range b.c.Fields {
		if f.Path == path {
			return f, true
		}
	}
	return Field{}, false
}

// addStrings appends values to a []string field, dropping duplicates. The
// field keeps its first source, unless the new values hold the first wildcard
// ("s3:*"): the field then points at it, so the finding a security rule makes
// about the wildcard lands on the wildcard's line.
func (b *awsComp) addStrings(path string, values []string, from Source, why string) {
	if len(values) == 0 {
		return
	}
	for i := range b.c.Fields {
		if b.c.Fields[i].Path == path {
			old, _ := b.c.Fields[i].Value.([]string)
			b.c.Fields[i].Value = awsUnion(old, values)
			if awsHasWildcard(values) && !awsHasWildcard(old) {
				b.c.Fields[i].From, b.c.Fields[i].Why = from, why
			}
			return
		}
	}
	b.c.Fields = append(b.c.Fields, Field{Path: path, Value: awsUnion(nil, values), From: from, Why: why})
}

func (b *awsComp) trigger(t string, from Source, why string) bool {
	if b.c.Trigger != "" {
		return false
	}
	b.c.Trigger, b.c.TriggerFrom, b.c.TriggerWhy = t, from, why
	return true
}

func (b *awsComp) call(to, mode string, from Source, why string) {
	for _, c := range b.c.Calls {
		if c.To == to && c.Mode == mode {
			return
		}
	}
	b.c.Calls = append(b.c.Calls, Call{To: to, Mode: mode, From: from, Why: why})
}

// done sorts the fields by path, so the draft does not depend on the order the
// reader happened to look at things.
func (b *awsComp) done() *Component {
	sort.SliceStable(b.c.Fields, func(i, j int) bool { return b.c.Fields[i].Path < b.c.Fields[j].Path })
	sort.SliceStable(b.c.Calls, func(i, j int) bool { return b.c.Calls[i].To < b.c.Calls[j].To })
	return b.c
}

func awsHasWildcard(values []string) bool {
	for _, v := range values {
		if strings.Contains(v, "*") {
			return true
		}
	}
	return false
}

func awsUnion(a, b []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range append(append([]string{}, a...), b...) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

// awsRanges are the profile's bounds for the integer fields the readers set;
// a source value outside them becomes a note, not a field the profile refuses.
var awsRanges = map[string][2]int{
	"execution.memory_mb":              {64, 262144},
	"execution.min_instances":          {0, 1000},
	"execution.ephemeral_storage_mb":   {0, 1048576},
	"resilience.max_concurrency":       {1, 1000000},
	"observability.log_retention_days": {1, 3650},
}

// awsInRange says whether v fits the profile bounds of path.
func awsInRange(path string, v int) bool {
	r, ok := awsRanges[path]
	return !ok || (v >= r[0] && v <= r[1])
}

// awsDurationOK says whether a timeout fits the profile's duration bounds.
func awsDurationOK(d time.Duration) bool { return d > 0 && d <= 720*time.Hour }

// awsSharedEnv is an environment every function of a kind inherits
// (provider.environment, Globals.Function.Environment), read once: the
// variables that matter for secrets, and per variable naming a queue or topic
// the group of functions that inherit it.
type awsSharedEnv struct {
	secretish []awsEnvVar
	groups    map[string]*awsGroup
	universe  *awsUniverse
}

func newAWSSharedEnv(file string, vars []awsEnvVar, ch *awsChannels) *awsSharedEnv {
	s := &awsSharedEnv{groups: map[string]*awsGroup{}, universe: &awsUniverse{set: map[*awsComp]bool{}}}
	for _, e := range vars {
		e.shared = true
		if secretName(e.name) || awsStaticKeyName(e.name) {
			s.secretish = append(s.secretish, e)
		}
		if key, label := ch.key(e.value); key != "" {
			g := &awsGroup{universe: s.universe, except: map[*awsComp]bool{}}
			s.groups[e.name] = g
			ch.addShared(key, label, g, awsPos(file, e.value), e.where)
		}
	}
	return s
}

// apply makes b inherit the shared environment under its own variables, and
// returns the variables to map for b.
func (s *awsSharedEnv) apply(b *awsComp, own []awsEnvVar) []awsEnvVar {
	s.universe.add(b)
	overridden := make(map[string]bool, len(own))
	for _, e := range own {
		overridden[e.name] = true
		if g := s.groups[e.name]; g != nil {
			g.except[b] = true
		}
	}
	out := make([]awsEnvVar, 0, len(s.secretish)+len(own))
	for _, e := range s.secretish {
		if !overridden[e.name] {
			out = append(out, e)
		}
	}
	return append(out, own...)
}

// awsDedupeNotes drops repeated notes (a provider default read once per
// function) and sorts them by position.
func awsDedupeNotes(d *Draft) {
	type k struct {
		s    Source
		text string
	}
	seen := map[k]bool{}
	out := d.Notes[:0]
	for _, n := range d.Notes {
		if !seen[k{n.From, n.Text}] {
			seen[k{n.From, n.Text}] = true
			out = append(out, n)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].From.Line != out[j].From.Line {
			return out[i].From.Line < out[j].From.Line
		}
		return out[i].From.Column < out[j].From.Column
	})
	d.Notes = out
}

// awsReadStatements maps Allow statements' Action entries to permissions,
// verbatim, and records SendMessage/Publish on a queue or topic as a sender.
// str reads a scalar the way the calling reader does (variables, intrinsics).
// onSend, when not nil, receives the sending instead of ch.addSend; onRecv,
// when not nil, receives the queues the statements allow receiving from.
func awsReadStatements(file string, d *Draft, b *awsComp, stmts *yaml.Node, where string, ch *awsChannels, str func(*yaml.Node, string) (string, bool), onSend, onRecv func(key, label string, e awsEnd)) {
	for _, st := range awsItems(stmts) {
		if st == nil || st.Kind != yaml.MappingNode {
			continue
		}
		if e := awsGet(st, "Effect"); e != nil && awsIsScalar(e) && !strings.EqualFold(e.Value, "Allow") {
			continue
		}
		if na := awsGet(st, "NotAction"); na != nil {
			d.Notes = append(d.Notes, Note{From: awsPos(file, na), Text: b.c.Name + ": an Allow with NotAction grants every other action; review it (not listed as permissions)"})
		}
		var actions []string
		var first *yaml.Node
		sends := map[string]bool{}
		receives := false
		for _, a := range awsItems(awsGet(st, "Action")) {
			v, ok := str(a, where+" Action")
			if !ok {
				continue
			}
			// The field points at the statement's first wildcard action,
			// else its first action.
			if first == nil || (strings.Contains(v, "*") && !strings.Contains(first.Value, "*")) {
				first = a
			}
			actions = append(actions, v)
			switch strings.ToLower(v) {
			case "*", "sqs:*", "sqs:sendmessage", "sqs:sendmessagebatch":
				sends["sqs"] = true
			}
			switch strings.ToLower(v) {
			case "*", "sns:*", "sns:publish":
				sends["sns"] = true
			}
			if strings.EqualFold(v, "sqs:ReceiveMessage") {
				receives = true
			}
		}
		if first != nil {
			b.addStrings("security.identity.permissions", actions, awsPos(file, first), where)
		}
		if ch == nil || (len(sends) == 0 && !(receives && onRecv != nil)) {
			continue
		}
		for _, res := range awsItems(awsGet(st, "Resource")) {
			key, label := ch.key(res)
			if key == "" {
				continue
			}
			svc := "sqs"
			if strings.HasPrefix(label, "SNS") {
				svc = "sns"
			}
			if receives && onRecv != nil && svc == "sqs" {
				onRecv(key, label, awsEnd{comp: b, from: awsPos(file, res), why: where + " allows receiving"})
			}
			if sends[svc] {
				e := awsEnd{comp: b, from: awsPos(file, res), why: where + " allows sending"}
				if onSend != nil {
					onSend(key, label, e)
				} else {
					ch.addSend(key, label, e)
				}
			}
		}
	}
}

// awsEnvVar is one environment variable as the readers see it.
type awsEnvVar struct {
	name    string
	key     *yaml.Node
	value   *yaml.Node
	literal bool // a value written in the file, not a variable, reference or secret lookup
	where   string
	// shared marks a variable every function inherits (provider.environment,
	// Globals): a queue it names is not evidence that this function sends.
	shared bool
}

// awsMapEnvironment maps environment variables to the secrets fields and to
// queue/topic senders.
func awsMapEnvironment(file string, d *Draft, b *awsComp, env []awsEnvVar, ch *awsChannels) {
	var names, literals []string
	var firstLiteral, firstName *yaml.Node
	for _, e := range env {
		// Shared variables' queues were recorded once (awsSharedEnv).
		if ch != nil && !e.shared {
			if key, label := ch.key(e.value); key != "" {
				ch.addSend(key, label, awsEnd{comp: b, from: awsPos(file, e.value), why: e.where})
			}
		}
		if awsStaticKeyName(e.name) && e.literal {
			b.set("security.secrets.static_cloud_keys", true, awsPos(file, e.key), "environment "+e.name+" holds a literal key")
		}
		if !secretName(e.name) {
			continue
		}
		names = append(names, e.name)
		if firstName == nil {
			firstName = e.key
		}
		if e.literal {
			literals = append(literals, e.name)
			if firstLiteral == nil {
				firstLiteral = e.key
			}
		}
	}
	if len(names) > 0 {
		b.addStrings("security.secrets.names", names, awsPos(file, firstName), "environment variables named like secrets")
	}
	if len(literals) > 0 {
		b.set("security.secrets.source", "plaintext_env", awsPos(file, firstLiteral), "literal value in environment "+strings.Join(literals, ", "))
	}
}

// awsScalarValue is a plain scalar's text, or "".
func awsScalarValue(n *yaml.Node) string {
	if awsIsScalar(n) && !awsIsNull(n) {
		return n.Value
	}
	return ""
}
