package importer

// Helpers shared by the Serverless Framework and CloudFormation readers: both read
// one YAML (or JSON) document through yaml.v3 nodes, so every value keeps its line
// and column. Names carry an "aws" prefix so they cannot collide with the other
// readers' helpers in this package.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

const (
	// awsMaxNodes caps the nodes a document may expand to through aliases: a
	// "billion laughs" document is refused before any walk over it.
	awsMaxNodes = 1_000_000
	// awsMaxDepth caps nesting; real templates are a dozen levels deep, and the
	// walks below recurse.
	awsMaxDepth = 200
)

// awsParse reads the first YAML document of data. JSON input that is not valid
// JSON is reported at the line and column encoding/json names, which yaml.v3
// cannot give; everything else goes through yaml.v3 for positions.
func awsParse(name string, data []byte) (*yaml.Node, error) {
	// A byte-order mark is three bytes ahead of line 1, column 1: dropping it
	// keeps every position (encoding/json refuses it; yaml.v3 skips it).
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if awsLooksJSON(data) {
		var raw json.RawMessage
		if err := json.Unmarshal(data, &raw); err != nil {
			var syn *json.SyntaxError
			if errors.As(err, &syn) {
				line, col := awsOffsetPos(data, int(syn.Offset))
				return nil, &SourceError{Source: Source{File: name, Line: line, Column: col}, Message: "JSON syntax error: " + syn.Error()}
			}
			line, col := awsOffsetPos(data, len(data))
			return nil, &SourceError{Source: Source{File: name, Line: line, Column: col}, Message: "JSON: " + err.Error()}
		}
	}
	if awsLooksJSON(data) {
		// Valid JSON has tabs only between tokens; YAML refuses them as
		// indentation, and a space in their place keeps every column.
		data = bytes.ReplaceAll(data, []byte("\t"), []byte(" "))
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &SourceError{Source: Source{File: name}, Message: "empty document"}
		}
		return nil, awsYAMLError(name, err)
	}
	root := &doc
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			return nil, &SourceError{Source: Source{File: name}, Message: "empty document"}
		}
		root = root.Content[0]
	}
	if err := awsCheckSize(name, root); err != nil {
		return nil, err
	}
	return root, nil
}

// awsLooksJSON says whether the first non-space byte opens a JSON object.
func awsLooksJSON(data []byte) bool {
	t := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\ufeff")), " \t\r\n")
	return len(t) > 0 && t[0] == '{'
}

// awsOffsetPos turns a byte offset into a 1-based line and column.
func awsOffsetPos(data []byte, off int) (int, int) {
	if off > len(data) {
		off = len(data)
	}
	if off < 0 {
		off = 0
	}
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	col := off - start
	if col < 1 {
		col = 1
	}
	return line, col
}

// awsYAMLError turns a yaml.v3 error ("yaml: line 7: mapping values are not
// allowed in this context") into a SourceError at that line. yaml.v3 gives no
// column for syntax errors.
func awsYAMLError(name string, err error) error {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if i := strings.IndexByte(rest, ':'); i > 0 {
			if n, err := strconv.Atoi(rest[:i]); err == nil {
				line = n
				msg = strings.TrimSpace(rest[i+1:])
			}
		}
	}
	return &SourceError{Source: Source{File: name, Line: line}, Message: "YAML: " + msg}
}

// awsCheckSize refuses documents that expand beyond awsMaxNodes through
// aliases, that nest deeper than awsMaxDepth, or whose aliases refer to
// themselves. After it passes, every walk over the tree is bounded.
func awsCheckSize(name string, root *yaml.Node) error {
	size := map[*yaml.Node]int{}
	const inProgress = -1
	var visit func(n *yaml.Node, depth int) (int, error)
	visit = func(n *yaml.Node, depth int) (int, error) {
		if depth > awsMaxDepth {
			return 0, &SourceError{Source: awsPos(name, n), Message: fmt.Sprintf("nested deeper than %d levels", awsMaxDepth)}
		}
		if n.Kind == yaml.AliasNode && n.Alias != nil {
			target := n.Alias
			if s, ok := size[target]; ok && s == inProgress {
				return 0, &SourceError{Source: awsPos(name, n), Message: "alias *" + n.Value + " refers to a node that contains it"}
			}
			s, err := visit(target, depth+1)
			return s + 1, err
		}
		if s, ok := size[n]; ok {
			if s == inProgress {
				return 0, &SourceError{Source: awsPos(name, n), Message: "node contains itself"}
			}
			return s, nil
		}
		size[n] = inProgress
		total := 1
		for _, c := range n.Content {
			s, err := visit(c, depth+1)
			if err != nil {
				return 0, err
			}
			total += s
			if total > awsMaxNodes {
				return 0, &SourceError{Source: awsPos(name, n), Message: fmt.Sprintf("document expands to more than %d nodes (aliases)", awsMaxNodes)}
			}
		}
		size[n] = total
		return total, nil
	}
	_, err := visit(root, 0)
	return err
}

// awsPos is the source position of a node.
func awsPos(file string, n *yaml.Node) Source {
	if n == nil {
		return Source{File: file}
	}
	return Source{File: file, Line: n.Line, Column: n.Column}
}

// awsDeref follows an alias to the node it names.
func awsDeref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 8; i++ {
		n = n.Alias
	}
	return n
}

// awsPair is one key and value of a mapping.
type awsPair struct {
	Key, Value *yaml.Node
}

// awsPairs lists a mapping's entries in document order, with YAML merge keys
// ("<<: *defaults") expanded: explicit keys win over merged ones.
func awsPairs(n *yaml.Node) []awsPair {
	n = awsDeref(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	var out, merged []awsPair
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			v = awsDeref(v)
			var srcs []*yaml.Node
			if v != nil && v.Kind == yaml.SequenceNode {
				srcs = v.Content
			} else {
				srcs = []*yaml.Node{v}
			}
			for _, s := range srcs {
				merged = append(merged, awsPairs(s)...)
			}
			continue
		}
		seen[k.Value] = true
		out = append(out, awsPair{k, v})
	}
	for _, p := range merged {
		if !seen[p.Key.Value] {
			seen[p.Key.Value] = true
			out = append(out, p)
		}
	}
	return out
}

// awsGet returns the value of key in mapping n (merge keys included), or nil.
func awsGet(n *yaml.Node, key string) *yaml.Node {
	n = awsDeref(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	// Direct keys first without allocating; merge keys only when present.
	merged := false
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			merged = true
			continue
		}
		if k.Value == key {
			return awsDeref(n.Content[i+1])
		}
	}
	if !merged {
		return nil
	}
	for _, p := range awsPairs(n) {
		if p.Key.Value == key {
			return awsDeref(p.Value)
		}
	}
	return nil
}

// awsGetKey returns the key node of key in mapping n, for positions.
func awsGetKey(n *yaml.Node, key string) *yaml.Node {
	for _, p := range awsPairs(n) {
		if p.Key.Value == key {
			return p.Key
		}
	}
	return nil
}

// awsPath follows keys through nested mappings.
func awsPath(n *yaml.Node, keys ...string) *yaml.Node {
	for _, k := range keys {
		n = awsGet(n, k)
		if n == nil {
			return nil
		}
	}
	return n
}

// awsItems lists a sequence's items, or the node itself when it is a single
// value where a list may stand (CloudFormation and Serverless both accept
// `Action: s3:GetObject` for a one-item list).
func awsItems(n *yaml.Node) []*yaml.Node {
	n = awsDeref(n)
	if n == nil {
		return nil
	}
	if n.Kind == yaml.SequenceNode {
		out := make([]*yaml.Node, 0, len(n.Content))
		for _, c := range n.Content {
			out = append(out, awsDeref(c))
		}
		return out
	}
	return []*yaml.Node{n}
}

// awsIsScalar says whether n is a plain (untagged or standard-tagged) scalar.
func awsIsScalar(n *yaml.Node) bool {
	return n != nil && n.Kind == yaml.ScalarNode && (n.Tag == "" || strings.HasPrefix(n.Tag, "!!"))
}

// awsIsNull says whether n is absent or an explicit null.
func awsIsNull(n *yaml.Node) bool {
	return n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}

// awsInt reads a whole number from a scalar ("1024", 1024, "1024.0" is not).
func awsInt(n *yaml.Node) (int, bool) {
	if !awsIsScalar(n) {
		return 0, false
	}
	v, err := strconv.Atoi(strings.TrimSpace(n.Value))
	if err != nil {
		return 0, false
	}
	return v, true
}

// awsBool reads true/false from a scalar, accepting the quoted forms CloudFormation allows.
func awsBool(n *yaml.Node) (bool, bool) {
	if !awsIsScalar(n) {
		return false, false
	}
	switch strings.ToLower(strings.TrimSpace(n.Value)) {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	return false, false
}

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
	awsSecretPairs = map[string]bool{"API KEY": true, "PRIVATE KEY": true, "ACCESS KEY": true, "AUTH KEY": true, "SIGNING KEY": true, "ENCRYPTION KEY": true, "MASTER KEY": true, "CLIENT KEY": true}
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

// awsSecretName says whether an environment variable name looks like it holds a secret.
func awsSecretName(name string) bool {
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
	return false
}

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

// awsKnownIntrinsics are the CloudFormation intrinsic functions and condition
// functions, by their long names. Anything else written as a tag or an Fn::
// key is noted where it stands and left unevaluated.
var awsKnownIntrinsics = map[string]bool{
	"Ref": true, "Condition": true,
	"Fn::GetAtt": true, "Fn::Sub": true, "Fn::Join": true, "Fn::If": true, "Fn::Select": true,
	"Fn::GetAZs": true, "Fn::ImportValue": true, "Fn::FindInMap": true, "Fn::Equals": true,
	"Fn::Not": true, "Fn::And": true, "Fn::Or": true, "Fn::Split": true, "Fn::Base64": true,
	"Fn::Cidr": true,
}

// awsIntrinsic says whether n is an intrinsic function call, in the short tag
// form (!GetAtt Q.Arn) or the long form ({"Fn::GetAtt": ["Q", "Arn"]}), and
// returns its long name and argument node.
func awsIntrinsic(n *yaml.Node) (string, *yaml.Node, bool) {
	n = awsDeref(n)
	if n == nil {
		return "", nil, false
	}
	if strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
		t := strings.TrimPrefix(n.Tag, "!")
		if t != "Ref" && t != "Condition" {
			t = "Fn::" + t
		}
		return t, n, true
	}
	if n.Kind == yaml.MappingNode && len(n.Content) == 2 {
		k := n.Content[0].Value
		if k == "Ref" || strings.HasPrefix(k, "Fn::") {
			return k, awsDeref(n.Content[1]), true
		}
	}
	return "", nil, false
}

// awsShortName writes an intrinsic the way a template author would: !GetAtt.
func awsShortName(fn string) string {
	return "!" + strings.TrimPrefix(fn, "Fn::")
}

// awsRefTarget returns the logical ID (and attribute) an intrinsic refers to:
// !Ref Q, !GetAtt Q.Arn, !GetAtt [Q, Arn], !Sub "${Q.Arn}".
func awsRefTarget(n *yaml.Node) (logical, attr string, ok bool) {
	fn, arg, isFn := awsIntrinsic(n)
	if !isFn || arg == nil {
		return "", "", false
	}
	switch fn {
	case "Ref":
		if arg.Kind == yaml.ScalarNode && arg.Value != "" {
			return arg.Value, "", true
		}
	case "Fn::GetAtt":
		if arg.Kind == yaml.ScalarNode {
			l, a, _ := strings.Cut(arg.Value, ".")
			return l, a, l != ""
		}
		if arg.Kind == yaml.SequenceNode && len(arg.Content) >= 1 {
			l := awsDeref(arg.Content[0])
			a := ""
			if len(arg.Content) > 1 {
				if an := awsDeref(arg.Content[1]); an != nil {
					a = an.Value
				}
			}
			if l != nil && l.Kind == yaml.ScalarNode && l.Value != "" {
				return l.Value, a, true
			}
		}
	case "Fn::Sub":
		s := arg
		if arg.Kind == yaml.SequenceNode && len(arg.Content) > 0 {
			s = awsDeref(arg.Content[0])
		}
		if s != nil && s.Kind == yaml.ScalarNode && strings.HasPrefix(s.Value, "${") && strings.HasSuffix(s.Value, "}") && strings.Count(s.Value, "${") == 1 {
			l, a, _ := strings.Cut(s.Value[2:len(s.Value)-1], ".")
			if l != "" && !strings.Contains(l, "::") {
				return l, a, true
			}
		}
	}
	return "", "", false
}

// awsArnName reads the service and resource name from a literal ARN or SQS
// queue URL: arn:aws:sqs:eu-west-1:123:orders → sqs, orders.
func awsArnName(s string) (service, name string, ok bool) {
	if strings.HasPrefix(s, "arn:") {
		parts := strings.SplitN(s, ":", 6)
		if len(parts) == 6 && parts[5] != "" && !strings.Contains(parts[5], "${") {
			return parts[2], parts[5], true
		}
		return "", "", false
	}
	if rest, ok := strings.CutPrefix(s, "https://sqs."); ok && strings.Contains(rest, ".amazonaws.com/") {
		if i := strings.LastIndexByte(rest, '/'); i >= 0 && i+1 < len(rest) && !strings.Contains(rest[i+1:], "${") {
			return "sqs", rest[i+1:], true
		}
	}
	return "", "", false
}

// awsNoteIntrinsics notes every intrinsic function the readers do not know,
// at its position, once per node.
func awsNoteIntrinsics(file string, root *yaml.Node, d *Draft) {
	seen := map[*yaml.Node]bool{}
	var walk func(n *yaml.Node, depth int)
	walk = func(n *yaml.Node, depth int) {
		n = awsDeref(n)
		if n == nil || seen[n] || depth > awsMaxDepth {
			return
		}
		seen[n] = true
		if strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
			fn, _, _ := awsIntrinsic(n)
			if !awsKnownIntrinsics[fn] {
				d.Notes = append(d.Notes, Note{From: awsPos(file, n), Text: "unknown intrinsic function " + n.Tag + " left unevaluated"})
			}
		}
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				if strings.HasPrefix(k.Value, "Fn::") && !awsKnownIntrinsics[k.Value] {
					d.Notes = append(d.Notes, Note{From: awsPos(file, k), Text: "unknown intrinsic function " + k.Value + " left unevaluated"})
				}
			}
		}
		for _, c := range n.Content {
			walk(c, depth+1)
		}
	}
	walk(root, 0)
}

// awsEnd is one side of a queue or topic: the component and where the wiring
// was read.
type awsEnd struct {
	comp *awsComp
	from Source
	why  string
}

// awsChannels collects who sends to and who consumes each SQS queue or SNS
// topic, then turns each sender–consumer pair into an async call.
type awsChannels struct {
	types   map[string]string // logical ID → "sqs" | "sns"
	byName  map[string]string // "sqs:orders" → logical ID, from QueueName / TopicName
	send    map[string][]awsEnd
	recv    map[string][]awsEnd
	label   map[string]string
	firstAt map[string]Source
	// shared holds possible senders whose evidence every holder shares (a
	// provider or Globals environment variable, a role several components
	// use): they send only if exactly one of them does not consume.
	shared      map[string][]awsEvidence
	sharedOrder []string
	sharedSeen  map[any]bool
	groups      map[any]*awsGroup
}

func newAWSChannels() *awsChannels {
	return &awsChannels{types: map[string]string{}, byName: map[string]string{}, send: map[string][]awsEnd{}, recv: map[string][]awsEnd{}, label: map[string]string{}, firstAt: map[string]Source{}, shared: map[string][]awsEvidence{}, groups: map[any]*awsGroup{}}
}

// declare records a queue or topic resource.
func (ch *awsChannels) declare(logical, service, name string) {
	ch.types[logical] = service
	if name != "" {
		ch.byName[service+":"+name] = logical
	}
}

// key identifies the queue or topic n refers to (an intrinsic naming a
// declared resource, or a literal ARN or queue URL), or "" when n names none.
func (ch *awsChannels) key(n *yaml.Node) (key, label string) {
	if logical, _, ok := awsRefTarget(n); ok {
		if svc, ok := ch.types[logical]; ok {
			return "id:" + logical, awsServiceLabel(svc) + " " + logical
		}
		return "", ""
	}
	n = awsDeref(n)
	if !awsIsScalar(n) {
		return "", ""
	}
	svc, name, ok := awsArnName(n.Value)
	if !ok || (svc != "sqs" && svc != "sns") {
		return "", ""
	}
	if logical, ok := ch.byName[svc+":"+name]; ok {
		return "id:" + logical, awsServiceLabel(svc) + " " + logical
	}
	return svc + ":" + name, awsServiceLabel(svc) + " " + name
}

func awsServiceLabel(svc string) string {
	if svc == "sns" {
		return "SNS topic"
	}
	return "SQS queue"
}

func (ch *awsChannels) addSend(key, label string, e awsEnd) {
	if key == "" {
		return
	}
	for _, o := range ch.send[key] {
		if o.comp == e.comp {
			return
		}
	}
	ch.label[key] = label
	ch.send[key] = append(ch.send[key], e)
}

func (ch *awsChannels) addRecv(key, label string, e awsEnd) {
	if key == "" {
		return
	}
	for _, o := range ch.recv[key] {
		if o.comp == e.comp {
			return
		}
	}
	ch.label[key] = label
	ch.recv[key] = append(ch.recv[key], e)
}

// awsGroup is the components that share one piece of evidence: the
// functions inheriting one provider or Globals environment variable, the users
// of one role.
//
// A group is either its members listed one by one, or every component of a
// universe except some (the functions that override the variable), so that a
// variable every function inherits costs nothing per function.
type awsGroup struct {
	members  []*awsComp
	set      map[*awsComp]bool
	universe *awsUniverse
	except   map[*awsComp]bool
}

// awsUniverse is every component of one kind (all functions, all SAM functions).
type awsUniverse struct {
	list []*awsComp
	set  map[*awsComp]bool
}

func (u *awsUniverse) add(c *awsComp) {
	if !u.set[c] {
		u.set[c] = true
		u.list = append(u.list, c)
	}
}

func (g *awsGroup) has(c *awsComp) bool {
	if g.universe != nil {
		return g.universe.set[c] && !g.except[c]
	}
	return g.set[c]
}

func (g *awsGroup) count() int {
	if g.universe != nil {
		return len(g.universe.list) - len(g.except)
	}
	return len(g.members)
}

func (g *awsGroup) each(f func(*awsComp)) {
	if g.universe == nil {
		for _, m := range g.members {
			f(m)
		}
		return
	}
	for _, m := range g.universe.list {
		if !g.except[m] {
			f(m)
		}
	}
}

// awsEvidence is shared evidence that a group's members may send to a queue.
type awsEvidence struct {
	g    *awsGroup
	from Source
	why  string
}

// join adds c to the group named id (any comparable value) and returns it.
func (ch *awsChannels) join(id any, c *awsComp) *awsGroup {
	g := ch.groups[id]
	if g == nil {
		g = &awsGroup{set: map[*awsComp]bool{}}
		ch.groups[id] = g
	}
	if !g.set[c] {
		g.set[c] = true
		g.members = append(g.members, c)
	}
	return g
}

// addShared records that the members of g may send to key.
func (ch *awsChannels) addShared(key, label string, g *awsGroup, from Source, why string) {
	if key == "" {
		return
	}
	type seenKey struct {
		key string
		g   *awsGroup
	}
	if ch.sharedSeen == nil {
		ch.sharedSeen = map[any]bool{}
	}
	if ch.sharedSeen[seenKey{key, g}] {
		return
	}
	ch.sharedSeen[seenKey{key, g}] = true
	if _, ok := ch.shared[key]; !ok {
		ch.sharedOrder = append(ch.sharedOrder, key)
	}
	ch.label[key] = label
	ch.shared[key] = append(ch.shared[key], awsEvidence{g: g, from: from, why: why})
}

// resolveShared turns shared evidence into senders: none when a component
// sends by evidence of its own (an environment variable, a policy of its own);
// the one member that does not consume the queue; or, when several could,
// none and a note saying so. Counting non-consumers through the consumers (few)
// instead of the members (possibly every function) keeps this linear.
func (ch *awsChannels) resolveShared(d *Draft) {
	for _, key := range ch.sharedOrder {
		if len(ch.send[key]) > 0 {
			continue
		}
		ambiguous := 0
		var only []awsEnd
		for _, ev := range ch.shared[key] {
			consuming := 0
			consumers := map[*awsComp]bool{}
			for _, c := range ch.recv[key] {
				consumers[c.comp] = true
				if ev.g.has(c.comp) {
					consuming++
				}
			}
			switch n := ev.g.count() - consuming; {
			case n == 1:
				// Linear overall: this scan only happens when all but one
				// member are excepted or consumers.
				ev.g.each(func(m *awsComp) {
					if !consumers[m] {
						only = append(only, awsEnd{comp: m, from: ev.from, why: ev.why})
					}
				})
			case n > 1:
				ambiguous += n
			}
		}
		distinct := map[*awsComp]bool{}
		for _, e := range only {
			distinct[e.comp] = true
		}
		switch {
		case ambiguous == 0 && len(distinct) == 1:
			ch.addSend(key, ch.label[key], only[0])
		case ambiguous > 0 || len(distinct) > 1:
			ev := ch.shared[key][0]
			d.Notes = append(d.Notes, Note{From: ev.from, Text: fmt.Sprintf("%s reaches %s, and %d components that do not consume it share that; which of them send is not in the source, so no call is inferred", ev.why, ch.label[key], ambiguous+len(distinct))})
		}
	}
}

// link adds an async call from every sender to every other consumer of the
// same queue or topic, and notes queues sent to that nothing here consumes.
func (ch *awsChannels) link(d *Draft) {
	ch.resolveShared(d)
	keys := make([]string, 0, len(ch.send))
	for k := range ch.send {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		consumers := ch.recv[k]
		for _, s := range ch.send[k] {
			if ch.consumes(k, s.comp) {
				// A consumer that also holds the queue's address is one of
				// its competing consumers, not a producer.
				continue
			}
			linked := false
			for _, c := range consumers {
				if c.comp == s.comp {
					continue
				}
				linked = true
				s.comp.call(c.comp.c.Name, "async", s.from, fmt.Sprintf("%s: %s; %s consumes it (line %d)", ch.label[k], s.why, c.comp.c.Name, c.from.Line))
			}
			if !linked {
				d.Notes = append(d.Notes, Note{From: s.from, Text: fmt.Sprintf("%s sends to %s, which no component in this file consumes", s.comp.c.Name, ch.label[k])})
			}
		}
	}
}

// consumes says whether comp consumes the queue or topic key.
func (ch *awsChannels) consumes(key string, comp *awsComp) bool {
	for _, c := range ch.recv[key] {
		if c.comp == comp {
			return true
		}
	}
	return false
}

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
		if awsSecretName(e.name) || awsStaticKeyName(e.name) {
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
