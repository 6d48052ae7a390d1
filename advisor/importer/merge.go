package importer

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Merge joins drafts into one: components sorted by where they were declared
// (file, line, column, name), names made unique by suffixing -2, -3, ... in
// that order, each draft's calls resolved to the merged names, and notes and
// unknown resources kept, sorted and without duplicates; senders and
// consumers of one queue in different drafts are linked by the queue's name
// (linkQueues). The first non-empty draft name wins. The drafts are not
// modified.
func Merge(drafts ...*Draft) *Draft {
	out := &Draft{}
	type owned struct {
		c     *Component
		draft int
	}
	var all []owned
	for i, d := range drafts {
		if d == nil {
			continue
		}
		if out.Name == "" {
			out.Name = d.Name
		}
		for _, c := range d.Components {
			if c != nil {
				all = append(all, owned{c, i})
			}
		}
		out.Notes = append(out.Notes, d.Notes...)
		out.Unknown = append(out.Unknown, d.Unknown...)
	}
	slices.SortStableFunc(all, func(a, b owned) int {
		return cmp.Or(compareSource(a.c.From, b.c.From), strings.Compare(a.c.Name, b.c.Name))
	})

	// A Compose service and a Kubernetes workload of the same name are one
	// service described twice, for local development and for production:
	// the manifest is what runs and is billed, so it is kept and the Compose
	// copy is folded into it (its name resolves to the manifest's component).
	workloads := map[string]*Component{}
	for _, o := range all {
		if isManifest(o.c) {
			if _, ok := workloads[cleanName(o.c.Name)]; !ok {
				workloads[cleanName(o.c.Name)] = o.c
			}
		}
	}
	folded := map[*Component]*Component{}
	kept := all[:0:0]
	for _, o := range all {
		if w := workloads[cleanName(o.c.Name)]; w != nil && o.c.Kind == composeKind {
			folded[o.c] = w
			out.Notes = append(out.Notes, Note{From: o.c.From, Text: "Compose service " + o.c.Name + " and " + w.Kind + " " + w.Name + " at " +
				w.From.File + ":" + itoa(w.From.Line) + " describe one service: the manifest (what runs in production) is imported, the Compose service's values and calls are not"})
			continue
		}
		kept = append(kept, o)
	}
	all = kept

	// local maps each draft's own names to the merged ones; the first
	// component of a name in a draft is the one its calls mean.
	local := make([]map[string]string, len(drafts))
	taken := map[string]*Component{} // merged name → the source component that holds it
	global := map[string]string{}
	merged := make([]*Component, len(all))
	for i, o := range all {
		c := *o.c
		c.Fields = slices.Clone(c.Fields)
		name := cleanName(c.Name)
		unique := name
		for n := 2; taken[unique] != nil; n++ {
			unique = name + "-" + itoa(n)
		}
		taken[unique] = o.c
		if unique != c.Name {
			out.Notes = append(out.Notes, Note{From: c.From, Text: renameNote(o.c, unique, taken[name])})
		}
		if local[o.draft] == nil {
			local[o.draft] = map[string]string{}
		}
		if _, ok := local[o.draft][c.Name]; !ok {
			local[o.draft][c.Name] = unique
		}
		if _, ok := global[c.Name]; !ok {
			global[c.Name] = unique
		}
		c.Name = unique
		merged[i] = &c
	}
	// Folded Compose services answer to the manifest's merged name, so calls
	// from other Compose services reach the one imported component.
	mergedName := make(map[*Component]string, len(all))
	for i, o := range all {
		mergedName[o.c] = merged[i].Name
	}
	for i, d := range drafts {
		if d == nil {
			continue
		}
		for _, c := range d.Components {
			if w, ok := folded[c]; ok {
				if local[i] == nil {
					local[i] = map[string]string{}
				}
				if _, taken := local[i][c.Name]; !taken {
					local[i][c.Name] = mergedName[w]
				}
			}
		}
	}
	for i, o := range all {
		c := merged[i]
		var calls []Call
		seen := map[string]bool{}
		for _, call := range o.c.Calls {
			to, ok := local[o.draft][call.To]
			if !ok {
				to, ok = global[call.To]
			}
			switch {
			case !ok:
				out.Notes = append(out.Notes, Note{From: call.From, Text: c.Name + " calls " + call.To + ", which was not imported: the call is left out"})
				continue
			case to == c.Name, seen[to]:
				continue // a self-call or a second edge to the same callee adds nothing
			}
			seen[to] = true
			call.To = to
			calls = append(calls, call)
		}
		c.Calls = calls
	}
	var ends []queueEnd
	byName := make(map[string]*Component, len(merged))
	for _, c := range merged {
		byName[c.Name] = c
	}
	for i, d := range drafts {
		if d == nil {
			continue
		}
		for _, e := range d.Queues {
			if name, ok := local[i][e.Component]; ok {
				ends = append(ends, queueEnd{QueueEnd: e, draft: i, comp: byName[name]})
			}
		}
	}
	linkQueues(ends, out)
	out.Regions = mergeRegions(drafts, out)
	out.Components = merged
	out.Notes = sortNotes(out.Notes)
	out.Unknown = sortNotes(out.Unknown)
	return out
}

// renameNote says why a component was renamed and, when the name was taken by
// a component of another kind (a Compose service and the Kubernetes
// Deployment of one service), that both may describe the same thing.
func renameNote(c *Component, to string, holder *Component) string {
	if c.Name == "" {
		return "a component without a name is named " + to
	}
	text := "component " + c.Name + " is named " + to + ": another source uses the name"
	if holder != nil && holder.Kind != c.Kind {
		text = "component " + c.Name + " (" + c.Kind + ") is named " + to + ": " + holder.Name + " at " +
			holder.From.File + ":" + itoa(holder.From.Line) + " (" + holder.Kind + ") has the name; if both describe one service (local development and production), keep one in the profile so it is not counted twice"
	}
	return text
}

// cleanName makes a source name a valid profile component name: control
// characters and surrounding blanks go, an empty name becomes "component".
func cleanName(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || (r >= 0x7F && r <= 0x9F) {
			return -1
		}
		return r
	}, s)
	s = strings.TrimSpace(s)
	if len(s) > 100 {
		s = strings.TrimSpace(s[:100])
	}
	if s == "" {
		return "component"
	}
	return s
}

func compareSource(a, b Source) int {
	return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
}

// sortNotes orders notes by place then text and drops exact repeats.
func sortNotes(ns []Note) []Note {
	slices.SortStableFunc(ns, func(a, b Note) int {
		return cmp.Or(compareSource(a.From, b.From), strings.Compare(a.Text, b.Text))
	})
	return slices.Compact(ns)
}

// composeKind is the Kind the Compose reader gives its components.
const composeKind = "Compose service"

// isManifest says whether c is a Kubernetes or Knative workload.
func isManifest(c *Component) bool {
	return strings.HasPrefix(c.Kind, "Kubernetes ") || strings.HasPrefix(c.Kind, "Knative ")
}

// mergeRegions keeps one region per cloud, the first in source order; a
// source naming another region for the same cloud is noted.
func mergeRegions(drafts []*Draft, out *Draft) []Field {
	var all []Field
	for _, d := range drafts {
		if d != nil {
			all = append(all, d.Regions...)
		}
	}
	slices.SortStableFunc(all, func(a, b Field) int { return compareSource(a.From, b.From) })
	var kept []Field
	chosen := map[string]Field{}
	for _, f := range all {
		first, ok := chosen[f.Path]
		switch {
		case !ok:
			chosen[f.Path] = f
			kept = append(kept, f)
		case first.Value != f.Value:
			out.Notes = append(out.Notes, Note{From: f.From, Text: fmt.Sprintf("regions.%s %v differs from %v at %s:%d; the draft prices %v",
				f.Path, f.Value, first.Value, first.From.File, first.From.Line, first.Value)})
		}
	}
	slices.SortStableFunc(kept, func(a, b Field) int { return strings.Compare(a.Path, b.Path) })
	return kept
}
