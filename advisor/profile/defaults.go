package profile

import (
	"fmt"
	"strings"

	"github.com/hybridadvisor/hybridadvisor/advisor/suggest"
)

// applyDefaults fills every value the profile did not write, in document order,
// and records each one in a.Defaults. It is the only place defaults are applied;
// what each default is lives next to its field in fields.go (def or derive).
// A field counts as written when the parser recorded its position.
func applyDefaults(a *Architecture) {
	c := &cursor{arch: a}
	defaultsIn(specRoot, "", c)
}

func defaultsIn(f *field, path string, c *cursor) {
	for _, cf := range f.fields {
		if cf.kind != kObject && cf.kind != kList && cf.def == "" && cf.derive == nil {
			continue // a leaf with no default: most of the posture fields
		}
		p := joinPath(path, cf.key)
		switch cf.kind {
		case kObject:
			defaultsIn(cf, p, c)
			continue
		case kList:
			if cf.item.each != nil {
				cf.item.each(c, func(i int) { defaultsIn(cf.item, fmt.Sprintf("%s[%d]", p, i), c) })
			}
			continue
		}
		if c.arch.written(p) {
			continue
		}
		text, why := cf.def, cf.defWhy
		if cf.derive != nil {
			var ok bool
			if text, why, ok = cf.derive(c); !ok {
				continue
			}
		}
		if text == "" {
			continue // optional and not declared: stays empty
		}
		v, ok := literal(cf, text)
		if !ok {
			continue // cannot happen for the table's own defaults (tested)
		}
		cf.set(c, &v)
		c.arch.Defaults = append(c.arch.Defaults, Default{Path: p, Value: text, Why: why})
	}
}

// written reports whether the profile gave the field at path.
func (a *Architecture) written(path string) bool {
	_, ok := a.positions[path]
	return ok
}

// validate checks the rules that span fields. Fields that already failed are
// skipped so one mistake is reported once.
func (p *parser) validate(a *Architecture) {
	namesOK := true
	first := map[string]*Component{}
	for _, c := range a.Components {
		np := c.Path + ".name"
		if p.bad[np] || c.Name == "" {
			namesOK = false
			continue
		}
		if prev, dup := first[c.Name]; dup {
			p.errAt(a.PosOf(np), np, "duplicate component name %q (first at line %d)", c.Name, a.PosOf(prev.Path+".name").Line)
			continue
		}
		first[c.Name] = c
	}
	names := make([]string, 0, len(first))
	for _, c := range a.Components {
		if first[c.Name] == c {
			names = append(names, c.Name)
		}
	}

	for _, c := range a.Components {
		p.validateTraffic(a, c)
		p.validateExecution(a, c)
		seen := map[string]int{}
		for i, call := range c.Calls {
			tp := fmt.Sprintf("%s.calls[%d].to", c.Path, i)
			if p.bad[tp] || call.To == "" {
				continue
			}
			pos := a.PosOf(tp)
			if line, dup := seen[call.To]; dup {
				p.errAt(pos, tp, "calls %q twice (first at line %d)", call.To, line)
				continue
			}
			seen[call.To] = pos.Line
			switch {
			case call.To == c.Name:
				p.errAt(pos, tp, "component %q calls itself", c.Name)
			case namesOK && first[call.To] == nil:
				msg := fmt.Sprintf("calls unknown component %q", call.To)
				if s := suggest.Closest(call.To, names); s != "" {
					msg += fmt.Sprintf("; did you mean %q?", s)
				} else {
					msg += "; components are " + strings.Join(quoteAll(names), ", ")
				}
				p.errAt(pos, tp, "%s", msg)
			}
		}
	}
}

func (p *parser) validateTraffic(a *Architecture, c *Component) {
	tp := c.Path + ".traffic."
	pk := tp + "peak_requests_per_second"
	if !a.written(pk) || p.bad[tp+"requests_per_month"] || p.bad[tp+"requests_per_second"] {
		return
	}
	t := c.Traffic
	if t.PeakRequestsPerSecond.LessThan(t.RequestsPerSecond) {
		p.errAt(a.PosOf(pk), pk, "peak_requests_per_second %s is below the average rate of %s requests per second",
			t.PeakRequestsPerSecond, t.RequestsPerSecond)
	}
}

func (p *parser) validateExecution(a *Architecture, c *Component) {
	ep := c.Path + ".execution."
	mp := ep + "max_duration"
	if !a.written(mp) || !a.written(ep+"avg_duration") {
		return
	}
	e := c.Execution
	if e.MaxDuration < e.AvgDuration {
		p.errAt(a.PosOf(mp), mp, "max_duration %s is shorter than avg_duration %s",
			formatDuration(e.MaxDuration), formatDuration(e.AvgDuration))
	}
}

func quoteAll(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}
