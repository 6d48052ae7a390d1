// Package importer turns infrastructure files teams already keep (Serverless
// Framework, SAM/CloudFormation, Docker Compose, Kubernetes manifests,
// Terraform) into a draft workload profile.
//
// Each format reader converts one file into a Draft: components with the profile
// fields the file states, each field carrying the source file and line it came
// from. Merge joins the drafts of every input; Render writes the profile YAML
// with a comment naming the source of every field and a marked placeholder for
// every value the sources cannot give (mostly traffic).
//
// Data flows one way: bytes → Format.Read → Draft → Merge → Render → profile
// text, which the ordinary profile parser then reads like any profile.
package importer

import "github.com/hybridadvisor/hybridadvisor/advisor/located"

// Source is where a value was read: the file as given and a 1-based line and
// column (0 when unknown).
type Source = located.Source

// Field is one profile value a source states, addressed by its path inside a
// component, written the way docs/profile.md names it without the
// "components[i]." prefix: "execution.memory_mb", "traffic.pattern",
// "security.runtime.run_as_non_root", "security.identity.permissions",
// "tags.team".
//
// Value is a Go value the renderer writes as YAML: string, bool, int, int64,
// float64 (only for numbers that are not whole), []string, or
// time.Duration for duration fields.
type Field struct {
	Path  string
	Value any
	From  Source
	// Why says, when it is not obvious, how the source became this value:
	// "memorySize 1024", "provider.timeout 30 s", "cpus: '0.5'".
	Why string
}

// Call is a dependency between two imported components.
type Call struct {
	To   string // the callee's component name
	Mode string // "sync" or "async"
	From Source
	Why  string // "depends_on", "SQS queue orders-queue", "ORDERS_URL=http://orders:8080"
}

// Component is one deployable unit found in a source: a function, a service, a
// workload.
type Component struct {
	// Name is the profile component name: the source's own name, made unique by
	// Merge if two sources use it.
	Name string
	// Kind says what the source declared: "Serverless function",
	// "AWS::Serverless::Function", "Compose service", "Kubernetes Deployment",
	// "aws_lambda_function".
	Kind string
	From Source
	// Trigger is the profile trigger ("http", "queue", ...) or "" when the
	// source does not say; Render then writes a placeholder.
	Trigger     string
	TriggerFrom Source
	TriggerWhy  string
	Fields      []Field
	Calls       []Call
}

// Note is something the reader could not turn into a profile value and the
// user should know about: an unresolved variable, an unknown resource, an
// intrinsic function left as is.
type Note struct {
	From Source
	Text string
}

// Draft is what one or more source files say about an architecture.
type Draft struct {
	// Name is a suggested architecture name (a Serverless service name, a
	// Compose project name), or "".
	Name       string
	Components []*Component
	Notes      []Note
	// Unknown lists resources or kinds the reader saw and does not map, one
	// line each: "kind name (file:line)" is rendered from Source and Text.
	Unknown []Note
	// Queues are the SQS queues and SNS topics the draft's components send to
	// or consume, for Merge to link across drafts (channels.go). Merge uses
	// them up: the merged draft has none.
	Queues []QueueEnd
	// Regions are the regions the sources deploy to, one Field per cloud:
	// Path is the cloud ("aws", "azure", "gcp"), Value the region.
	Regions []Field
}

// Format reads one kind of infrastructure file.
type Format interface {
	// Name is the format's name in messages: "Serverless Framework",
	// "CloudFormation", "Docker Compose", "Kubernetes", "Terraform".
	Name() string
	// Detect says whether the content is this format. It looks at the content,
	// not only the file name: name is a hint (serverless.yml, compose.yaml, *.tf).
	// It must be cheap and must not fail.
	Detect(name string, data []byte) bool
	// Read converts the file. A malformed file returns a *SourceError naming
	// file, line and column; Read never panics on any input.
	Read(name string, data []byte) (*Draft, error)
}

// SourceError is a problem in a source file at a position, printed
// file:line:col: message (leaving out what is unknown).
type SourceError = located.Error

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// InputFile is one file handed to a GroupFormat.
type InputFile struct {
	Name string // the path as the user gave it (or as found under a directory they gave)
	Data []byte
}

// GroupFormat is a format whose files only make sense together, a directory
// at a time: a Terraform module's variables, locals and resources span its .tf
// files; a Compose override file amends the base file. The importer hands it
// every file of one directory that its Detect accepted, in name order.
type GroupFormat interface {
	Format
	// ReadGroup reads the files of dir together. root is the directory the
	// user named (or the file's directory): anything else the reader opens,
	// such as a local Terraform module, must stay inside root
	// (safeio.Confine) and be read capped (safeio.ReadRegular).
	ReadGroup(root, dir string, files []InputFile) (*Draft, error)
}
