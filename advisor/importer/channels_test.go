package importer

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestMergeLinksQueuesAcrossDrafts: a sender in one draft is linked to the
// consumers of a queue of the same physical name in one other draft; every
// other case is a note, not a call.
func TestMergeLinksQueuesAcrossDrafts(t *testing.T) {
	comp := func(file, name string) *Component {
		return &Component{Name: name, Kind: "test", From: Source{File: file, Line: 1}}
	}
	end := func(file, comp, name string, sends, byResource bool) QueueEnd {
		return QueueEnd{Component: comp, Service: "sqs", Name: name, ByResource: byResource, Sends: sends, From: Source{File: file, Line: 2}, Why: "test"}
	}
	draft := func(file, name string, ends ...QueueEnd) *Draft {
		return &Draft{Components: []*Component{comp(file, name)}, Queues: ends}
	}
	tests := []struct {
		name     string
		drafts   []*Draft
		wantCall string // "from->to", or "" for none
		wantNote string
	}{
		{
			name: "physical name in another file",
			drafts: []*Draft{
				draft("a.yml", "pay", end("a.yml", "pay", "receipts", true, false)),
				draft("b.yaml", "worker", end("b.yaml", "worker", "receipts", false, false)),
			},
			wantCall: "pay->worker",
		},
		{
			name: "other queue name",
			drafts: []*Draft{
				draft("a.yml", "pay", end("a.yml", "pay", "receipts", true, false)),
				draft("b.yaml", "worker", end("b.yaml", "worker", "orders", false, false)),
			},
			wantNote: "pay sends to SQS queue receipts, which no imported component consumes",
		},
		{
			name: "consumers in two other files",
			drafts: []*Draft{
				draft("a.yml", "pay", end("a.yml", "pay", "receipts", true, false)),
				draft("b.yaml", "worker", end("b.yaml", "worker", "receipts", false, false)),
				draft("c.tf", "mailer", end("c.tf", "mailer", "receipts", false, false)),
			},
			wantNote: "components of 2 different sources consume (mailer, worker)",
		},
		{
			name: "consumer named only by resource",
			drafts: []*Draft{
				draft("a.yml", "pay", end("a.yml", "pay", "Receipts", true, false)),
				draft("b.yaml", "worker", end("b.yaml", "worker", "Receipts", false, true)),
			},
			wantNote: "only by its resource name",
		},
		{
			name: "sender named only by resource",
			drafts: []*Draft{
				draft("a.yml", "pay", end("a.yml", "pay", "Receipts", true, true)),
				draft("b.yaml", "worker", end("b.yaml", "worker", "Receipts", false, false)),
			},
			wantNote: "only by its resource name",
		},
		{
			name: "consumer in the sender's own draft",
			drafts: []*Draft{
				{Components: []*Component{comp("a.yml", "pay"), comp("a.yml", "worker")}, Queues: []QueueEnd{
					end("a.yml", "pay", "receipts", true, false), end("a.yml", "worker", "receipts", false, false),
				}},
			},
		},
		{
			name: "renamed components are linked by their merged names",
			drafts: []*Draft{
				draft("a.yml", "api", end("a.yml", "api", "receipts", true, false)),
				draft("b.yaml", "api", end("b.yaml", "api", "receipts", false, false)),
			},
			wantCall: "api->api-2",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Merge(tt.drafts...)
			var calls []string
			for _, c := range m.Components {
				for _, call := range c.Calls {
					if call.Mode != "async" {
						t.Errorf("call %s->%s is %s, want async", c.Name, call.To, call.Mode)
					}
					calls = append(calls, c.Name+"->"+call.To)
				}
			}
			switch {
			case tt.wantCall == "" && len(calls) > 0:
				t.Errorf("calls %v, want none", calls)
			case tt.wantCall != "" && (len(calls) != 1 || calls[0] != tt.wantCall):
				t.Errorf("calls %v, want [%s]", calls, tt.wantCall)
			}
			var notes []string
			for _, n := range m.Notes {
				notes = append(notes, n.Text)
			}
			all := strings.Join(notes, "\n")
			if tt.wantNote != "" && !strings.Contains(all, tt.wantNote) {
				t.Errorf("notes %q, want one with %q", notes, tt.wantNote)
			}
			if tt.wantNote == "" && strings.Contains(all, "receipts") {
				t.Errorf("unexpected note about the queue: %q", notes)
			}
			if len(m.Queues) != 0 {
				t.Errorf("the merged draft keeps %d queue ends", len(m.Queues))
			}
		})
	}
}

// TestQueueCarryingACallIsNotUnknown: the queue resource a reader listed as
// unknown becomes a note once it carries a call across files; one that
// carries none stays unknown.
func TestQueueCarryingACallIsNotUnknown(t *testing.T) {
	at := Source{File: "b.yaml", Line: 5, Column: 3}
	other := Source{File: "b.yaml", Line: 9, Column: 3}
	a := &Draft{
		Components: []*Component{{Name: "pay", From: Source{File: "a.yml", Line: 1}}},
		Queues:     []QueueEnd{{Component: "pay", Service: "sqs", Name: "receipts", Sends: true, From: Source{File: "a.yml", Line: 2}}},
	}
	b := &Draft{
		Components: []*Component{{Name: "worker", From: Source{File: "b.yaml", Line: 20}}},
		Queues:     []QueueEnd{{Component: "worker", Service: "sqs", Name: "receipts", From: Source{File: "b.yaml", Line: 21}, Declared: at}},
		Unknown:    []Note{{From: at, Text: "AWS::SQS::Queue Receipts"}, {From: other, Text: "AWS::SQS::Queue Idle"}},
	}
	m := Merge(a, b)
	if len(m.Unknown) != 1 || m.Unknown[0].Text != "AWS::SQS::Queue Idle" {
		t.Errorf("unknown %v, want only the idle queue", m.Unknown)
	}
	found := false
	for _, n := range m.Notes {
		found = found || (n.From == at && n.Text == "AWS::SQS::Queue Receipts carries an async call between components of different files (SQS queue receipts)")
	}
	if !found {
		t.Errorf("no note for the queue carrying the call: %v", m.Notes)
	}
	if len(b.Unknown) != 2 {
		t.Error("Merge modified a draft's unknown list")
	}
}

// TestImportLinksTerraformSenderToServerlessConsumer: the other direction of
// case 31, through the real readers: a Terraform function holding a queue URL
// literal sends to a queue a Serverless function consumes by ARN.
func TestImportLinksTerraformSenderToServerlessConsumer(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"infra/main.tf": `resource "aws_lambda_function" "exporter" {
  memory_size = 256
  environment {
    variables = {
      EXPORT_QUEUE = "https://sqs.eu-west-1.amazonaws.com/123456789012/exports"
    }
  }
}
`,
		"api/serverless.yml": `service: reports
provider:
  name: aws
functions:
  writer:
    handler: w.handler
    events:
      - sqs:
          arn: arn:aws:sqs:eu-west-1:123456789012:exports
`,
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	out, err := Import([]string{dir}, Options{})
	if err != nil || len(out.Errors) > 0 {
		t.Fatal(err, out.Errors)
	}
	var calls []string
	for _, c := range out.Draft.Components {
		for _, call := range c.Calls {
			calls = append(calls, c.Name+"->"+call.To+" "+call.Mode+" at "+filepath.Base(call.From.File)+":"+strconv.Itoa(call.From.Line))
		}
	}
	if want := "exporter->writer async at main.tf:5"; len(calls) != 1 || calls[0] != want {
		t.Errorf("calls %q, want [%s]", calls, want)
	}
}
