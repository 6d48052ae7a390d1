package engine

import (
	"fmt"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/hybridadvisor/hybridadvisor/advisor/located"
)

// Rule is one rule's metadata, read from its METADATA annotation.
type Rule struct {
	ID          string   `json:"id"`
	Kind        string   `json:"kind"` // decision | security | custom
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Severity    string   `json:"severity,omitempty"`
	Category    string   `json:"category,omitempty"`
	AppliesTo   []string `json:"applies_to,omitempty"`
	Remediation string   `json:"remediation,omitempty"`
	References  []string `json:"references,omitempty"`
	Links       []string `json:"links,omitempty"`
	Source      string   `json:"source,omitempty"`
	Package     string   `json:"package"`
	File        string   `json:"file"`
	Line        int      `json:"line"`
}

// Rules returns the catalogue sorted by kind (decision, security, custom) then ID.
func (e *Engine) Rules() []Rule { return e.rules }

// RuleByID returns a rule of any kind by its ID.
func (e *Engine) RuleByID(id string) (*Rule, bool) {
	r, ok := e.byID[id]
	return r, ok
}

var kindOrder = map[string]int{"decision": 0, "security": 1, "custom": 2}

func (e *Engine) buildCatalog() error {
	e.byPackage = map[string]*Rule{}
	e.byID = map[string]*Rule{}
	seenPkg := map[string]bool{}
	var bad CompileErrors
	for _, ref := range e.compiler.GetAnnotationSet().Flatten() {
		a := ref.Annotations
		if a == nil {
			continue
		}
		path := strings.TrimPrefix(ref.Path.String(), "data.")
		kind := ""
		switch {
		case strings.HasPrefix(path, DecisionRoot):
			kind = "decision"
		case strings.HasPrefix(path, SecurityRoot+"."):
			kind = "security"
		case strings.HasPrefix(path, CustomRoot+"."):
			kind = "custom"
		default:
			continue
		}
		id, _ := a.Custom["id"].(string)
		if id == "" {
			continue
		}
		r := Rule{
			ID:          id,
			Kind:        kind,
			Title:       a.Title,
			Description: strings.TrimSpace(a.Description),
			Severity:    str(a.Custom["severity"]),
			Category:    str(a.Custom["category"]),
			AppliesTo:   strs(a.Custom["applies_to"]),
			Remediation: strings.TrimSpace(str(a.Custom["remediation"])),
			References:  strs(a.Custom["references"]),
			Source:      str(a.Custom["source"]),
			Package:     path,
		}
		for _, rr := range a.RelatedResources {
			if rr != nil && rr.Ref.String() != "" {
				r.Links = append(r.Links, rr.Ref.String())
			}
		}
		if loc := a.Location; loc != nil {
			r.File, r.Line = loc.File, loc.Row
		}
		if sev, ok := a.Custom["severity"]; ok {
			// Written "Critical", it gates as critical; an unknown one would
			// print but never gate, so it does not load.
			s, isStr := sev.(string)
			norm, valid := normSeverity(s)
			if !isStr || !valid {
				bad = append(bad, &CompileError{Source: located.Source{File: r.File, Line: r.Line, Column: col(a.Location)},
					Message: fmt.Sprintf("rule %s: METADATA custom.severity %s: want one of %s", id, quoted(sev), severityList)})
			}
			r.Severity = norm
		}
		if kind != "decision" && a.Scope == "package" {
			seenPkg[path] = true
			if _, ok := a.Custom["severity"]; !ok {
				bad = append(bad, &CompileError{Source: located.Source{File: r.File, Line: r.Line, Column: col(a.Location)},
					Message: fmt.Sprintf("rule %s: METADATA custom.severity is required (critical, high, medium, low or info)", id)})
			}
		}
		if prev, dup := e.byID[id]; dup {
			if prev.Package == r.Package {
				continue
			}
			bad = append(bad, &CompileError{Source: located.Source{File: r.File, Line: r.Line, Column: 1},
				Message: fmt.Sprintf("rule ID %s is already used by %s (%s:%d)", id, prev.Package, prev.File, prev.Line)})
			continue
		}
		e.rules = append(e.rules, r)
		e.byID[id] = &e.rules[len(e.rules)-1]
	}
	// Users' packages that emit findings must carry an ID and severity, or their
	// findings could not be gated, waived or shown in SARIF.
	for _, m := range e.compiler.Modules {
		path := strings.TrimPrefix(m.Package.Path.String(), "data.")
		if !strings.HasPrefix(path, CustomRoot+".") || seenPkg[path] {
			continue
		}
		for _, rule := range m.Rules {
			if rule.Head.Name.String() == "deny" || (len(rule.Head.Reference) > 0 && rule.Head.Reference[0].String() == "deny") {
				bad = append(bad, &CompileError{Source: located.Source{File: m.Package.Location.File, Line: m.Package.Location.Row, Column: m.Package.Location.Col},
					Message: fmt.Sprintf("package %s has deny rules but no package METADATA with custom.id and custom.severity", path)})
				break
			}
		}
	}
	if len(bad) > 0 {
		bad.Sort()
		return bad
	}
	sort.SliceStable(e.rules, func(i, j int) bool {
		if e.rules[i].Kind != e.rules[j].Kind {
			return kindOrder[e.rules[i].Kind] < kindOrder[e.rules[j].Kind]
		}
		return e.rules[i].ID < e.rules[j].ID
	})
	for i := range e.rules {
		r := &e.rules[i]
		e.byID[r.ID] = r
		if r.Kind != "decision" {
			e.byPackage[r.Package] = r
		}
	}
	return nil
}

// packageRule finds the rule of a security or custom package by its short name.
func (e *Engine) packageRule(root, pkg string) *Rule {
	return e.byPackage[root+"."+pkg]
}

// quoted is a METADATA value as written: strings quoted.
func quoted(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprint(v)
}

func col(loc *ast.Location) int {
	if loc == nil || loc.Col == 0 {
		return 1
	}
	return loc.Col
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func strs(v any) []string {
	switch t := v.(type) {
	case []any:
		out := make([]string, 0, len(t))
		for _, x := range t {
			out = append(out, fmt.Sprint(x))
		}
		return out
	case string:
		return []string{t}
	}
	return nil
}
