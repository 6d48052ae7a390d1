package importer

// Queues and topics shared by drafts of different files: a Serverless
// function sends to an SQS queue that a CloudFormation or Terraform worker
// consumes. Each reader links senders and consumers within its own draft;
// Merge links them across drafts by the queue's name.

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// QueueEnd says that a component sends to, or consumes, an SQS queue or SNS
// topic, so that Merge can link a sender and a consumer read from different
// files. A reader declares the consumers of every queue it sees and the
// senders it could not link within its own draft.
type QueueEnd struct {
	Component string // the component's name in its draft
	Service   string // "sqs" or "sns"
	// Name is the queue's physical name (QueueName, TopicName, the last part
	// of an ARN or queue URL, Terraform's name), or, when the source gives
	// none, the resource's own name (a CloudFormation logical ID, a Terraform
	// resource name) with ByResource set: the cloud then generates the
	// physical name, so another file cannot be known to mean the same queue.
	Name       string
	ByResource bool
	Sends      bool // true: the component sends (publishes); false: it consumes
	From       Source
	Why        string
	// Declared is where the queue's resource is declared in this draft, if
	// it is. A reader lists a queue that carries no call of its own as an
	// unknown resource there; Merge turns that entry into a note when the
	// queue carries a call across files.
	Declared Source
}

// queueLabel names a queue or topic in calls and notes: "SQS queue orders".
func queueLabel(service, name string) string {
	if service == "sns" {
		return "SNS topic " + name
	}
	return "SQS queue " + name
}

// queueEnd is a QueueEnd with the merged component it belongs to.
type queueEnd struct {
	QueueEnd
	draft int
	comp  *Component
}

// linkQueues adds an async call from each sender to the consumers of the
// same queue in other drafts, matched by service and name.
//
// A sender is linked only when the consumers of that name are all in one
// other draft and both ends give the physical name; otherwise (consumers in
// several drafts, or a name that is only a resource name) the call is noted,
// not guessed. A sender nothing consumes is noted too.
func linkQueues(ends []queueEnd, out *Draft) {
	type key struct{ service, name string }
	consumers := map[key][]queueEnd{}
	var senders []queueEnd
	for _, e := range ends {
		if e.comp == nil || e.Name == "" {
			continue
		}
		if e.Sends {
			senders = append(senders, e)
		} else {
			k := key{e.Service, e.Name}
			consumers[k] = append(consumers[k], e)
		}
	}
	slices.SortStableFunc(senders, func(a, b queueEnd) int {
		return cmp.Or(compareSource(a.From, b.From), strings.Compare(a.comp.Name, b.comp.Name))
	})
	carrying := map[Source]string{} // queue resources that carry a call → label
	for _, s := range senders {
		label := queueLabel(s.Service, s.Name)
		var others []queueEnd
		drafts := map[int]bool{}
		ownConsumer := false
		for _, c := range consumers[key{s.Service, s.Name}] {
			if c.draft == s.draft {
				ownConsumer = true
				continue
			}
			if c.comp != s.comp {
				others = append(others, c)
				drafts[c.draft] = true
			}
		}
		switch {
		case len(others) == 0:
			if !ownConsumer {
				out.Notes = append(out.Notes, Note{From: s.From, Text: fmt.Sprintf("%s sends to %s, which no imported component consumes", s.comp.Name, label)})
			}
			continue
		case len(drafts) > 1:
			out.Notes = append(out.Notes, Note{From: s.From, Text: fmt.Sprintf("%s sends to %s, which components of %d different sources consume (%s); which queue is meant is not in the sources, so no call is inferred", s.comp.Name, label, len(drafts), endNames(others))})
			continue
		}
		if s.ByResource || slices.ContainsFunc(others, func(c queueEnd) bool { return c.ByResource }) {
			out.Notes = append(out.Notes, Note{From: s.From, Text: fmt.Sprintf("%s sends to %s, and %s consumes a queue of that name in another file, but only by its resource name (the cloud generates the physical name), so no call is inferred; give the queue a physical name to link them", s.comp.Name, label, endNames(others))})
			continue
		}
		for _, c := range others {
			for _, at := range []Source{s.Declared, c.Declared} {
				if at.File != "" {
					carrying[at] = label
				}
			}
			if hasCall(s.comp, c.comp.Name) {
				continue
			}
			s.comp.Calls = append(s.comp.Calls, Call{
				To: c.comp.Name, Mode: "async", From: s.From,
				Why: fmt.Sprintf("%s: %s; %s consumes it (%s:%d)", label, s.Why, c.comp.Name, c.From.File, c.From.Line),
			})
		}
	}
	if len(carrying) == 0 {
		return
	}
	var kept []Note
	for _, u := range out.Unknown {
		if label, ok := carrying[u.From]; ok {
			out.Notes = append(out.Notes, Note{From: u.From, Text: u.Text + " carries an async call between components of different files (" + label + ")"})
			continue
		}
		kept = append(kept, u)
	}
	out.Unknown = kept
}

func hasCall(c *Component, to string) bool {
	return slices.ContainsFunc(c.Calls, func(call Call) bool { return call.To == to })
}

// endNames lists the components of ends, sorted and without repeats.
func endNames(ends []queueEnd) string {
	var names []string
	for _, e := range ends {
		names = append(names, e.comp.Name)
	}
	slices.Sort(names)
	return strings.Join(slices.Compact(names), ", ")
}
