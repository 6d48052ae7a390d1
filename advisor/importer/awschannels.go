package importer

// SQS queues and SNS topics between components: who sends, who consumes,
// and the async calls that follow.

import (
	"fmt"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

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
	types  map[string]string // logical ID → "sqs" | "sns"
	byName map[string]string // "sqs:orders" → logical ID, from QueueName / TopicName
	names  map[string]string // logical ID → QueueName / TopicName, when given
	at     map[string]Source // logical ID → where the resource is declared
	send   map[string][]awsEnd
	recv   map[string][]awsEnd
	label  map[string]string
	// shared holds possible senders whose evidence every holder shares (a
	// provider or Globals environment variable, a role several components
	// use): they send only if exactly one of them does not consume.
	shared      map[string][]awsEvidence
	sharedOrder []string
	sharedSeen  map[any]bool
	groups      map[any]*awsGroup
}

func newAWSChannels() *awsChannels {
	return &awsChannels{types: map[string]string{}, byName: map[string]string{}, names: map[string]string{}, at: map[string]Source{}, send: map[string][]awsEnd{}, recv: map[string][]awsEnd{}, label: map[string]string{}, shared: map[string][]awsEvidence{}, groups: map[any]*awsGroup{}}
}

// declare records a queue or topic resource declared at.
func (ch *awsChannels) declare(logical, service, name string, at Source) {
	ch.types[logical] = service
	ch.at[logical] = at
	if name != "" {
		ch.byName[service+":"+name] = logical
		ch.names[logical] = name
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

func (ch *awsChannels) addSend(key, label string, e awsEnd) { ch.add(ch.send, key, label, e) }
func (ch *awsChannels) addRecv(key, label string, e awsEnd) { ch.add(ch.recv, key, label, e) }

// add records e at one end of the channel key, once per component.
func (ch *awsChannels) add(ends map[string][]awsEnd, key, label string, e awsEnd) {
	if key == "" {
		return
	}
	for _, o := range ends[key] {
		if o.comp == e.comp {
			return
		}
	}
	ch.label[key] = label
	ends[key] = append(ends[key], e)
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
// same queue or topic. Every consumer, and each sender nothing here consumes,
// is declared in d.Queues, for Merge to link with other files.
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
				ch.export(d, k, s, true)
			}
		}
	}
	keys = keys[:0]
	for k := range ch.recv {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, c := range ch.recv[k] {
			ch.export(d, k, c, false)
		}
	}
}

// export declares one end of the queue or topic key in d.Queues, named by
// its physical name when the source gives one.
func (ch *awsChannels) export(d *Draft, key string, e awsEnd, sends bool) {
	q := QueueEnd{Component: e.comp.c.Name, Sends: sends, From: e.from, Why: e.why}
	if logical, ok := strings.CutPrefix(key, "id:"); ok {
		q.Service = ch.types[logical]
		q.Declared = ch.at[logical]
		q.Name = ch.names[logical]
		if q.Name == "" || strings.Contains(q.Name, "${") { // an unresolved variable names no queue
			q.Name, q.ByResource = logical, true
		}
	} else {
		q.Service, q.Name, _ = strings.Cut(key, ":")
	}
	d.Queues = append(d.Queues, q)
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
