package engine

import (
	"fmt"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/types"

	"github.com/hybridadvisor/hybridadvisor/advisor/located"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

// What the engine reads from users' packages is checked when they load, so
// that a rule it would silently ignore, or a severity the gates would not count,
// is a located error (exit 2) rather than a quiet pass.

// readRule is the rule the engine reads from each users' package.
const readRule = "deny"

// unreadRules are rule names other tools read (conftest) and this one does not.
var unreadRules = map[string]bool{"warn": true, "violation": true}

// severityList is the valid severities, for messages.
var severityList = strings.Join(result.Severities, ", ")

// normSeverity is s in lower case, and whether it names a severity: authors
// write "Critical", and the gates and outputs compare lower case.
func normSeverity(s string) (string, bool) {
	n := strings.ToLower(s)
	return n, result.SeverityRank(n) >= 0
}

// checkUserModules checks the deny rules of the users' packages: deny must be
// a set of findings (strings or objects), or an object of them, and a
// severity written in a finding must be one of the severities. Rules named
// warn or violation are refused: nothing reads them.
func checkUserModules(c *ast.Compiler) CompileErrors {
	var bad CompileErrors
	add := func(loc *ast.Location, format string, args ...any) {
		ce := &CompileError{Source: located.Source{File: "policy"}, Message: fmt.Sprintf(format, args...)}
		if loc != nil {
			ce.File, ce.Line, ce.Column = loc.File, loc.Row, loc.Col
		}
		bad = append(bad, ce)
	}
	typed := map[string]bool{}
	for _, m := range c.Modules {
		pkg := strings.TrimPrefix(m.Package.Path.String(), "data.")
		if !strings.HasPrefix(pkg, CustomRoot+".") {
			continue
		}
		for _, r := range m.Rules {
			name := r.Head.Ref()[0].Value.String()
			switch {
			case unreadRules[name]:
				add(r.Location, "rule %s: hybridadvisor reads only %s rules, so %s would be ignored; write %s contains {\"message\": ..., \"severity\": \"low\"} instead",
					name, readRule, name, readRule)
			case name == readRule && len(r.Head.Args) > 0:
				add(r.Location, "%s is a function; it must be a set of findings: %s contains {\"message\": ..., \"path\": ...} if { ... }", readRule, readRule)
			case name == readRule && nested(r):
				add(r.Location, "%s: findings must be the elements of %s itself (%s contains {...}), not nested under %s", r.Head.Ref(), readRule, readRule, r.Head.Ref())
			case name == readRule:
				if msg := literalSeverity(findingTerm(r)); msg != "" {
					add(r.Location, "%s", msg)
				}
				if typed[pkg] {
					continue
				}
				typed[pkg] = true
				ref := m.Package.Path.Append(ast.StringTerm(readRule))
				if msg := denyType(c.TypeEnv.GetByRef(ref)); msg != "" {
					add(r.Location, "%s (in package %s): %s", readRule, pkg, msg)
				}
			}
		}
	}
	bad.Sort()
	return bad
}

// nested reports a deny rule whose findings would sit below deny's elements:
// deny.more contains x, deny.a.b := x. deny[k] := x (an object of findings)
// is fine.
func nested(r *ast.Rule) bool {
	ref := r.Head.Ref()
	if r.Head.RuleKind() == ast.MultiValue {
		return len(ref) > 1
	}
	return len(ref) > 2
}

// findingTerm is the finding a deny rule adds: the key of `deny contains x`,
// the value of `deny[k] := x` or `deny := x`.
func findingTerm(r *ast.Rule) *ast.Term {
	if r.Head.RuleKind() == ast.MultiValue {
		return r.Head.Key
	}
	if len(r.Head.Ref()) > 1 {
		return r.Head.Value
	}
	return nil
}

// literalSeverity checks a severity written as a constant in a finding object.
func literalSeverity(t *ast.Term) string {
	if t == nil {
		return ""
	}
	obj, ok := t.Value.(ast.Object)
	if !ok {
		return ""
	}
	sev := obj.Get(ast.InternedTerm("severity"))
	if sev == nil {
		return ""
	}
	switch v := sev.Value.(type) {
	case ast.String:
		if _, ok := normSeverity(string(v)); !ok {
			return fmt.Sprintf("finding severity %q: want one of %s", string(v), severityList)
		}
	case ast.Number, ast.Boolean:
		return fmt.Sprintf("finding severity %v: want one of %s (a string)", v, severityList)
	}
	return ""
}

// denyType is what is wrong with the type of a package's deny document, or "".
func denyType(t types.Type) string {
	switch x := t.(type) {
	case *types.Set:
		return findingType(x.Of())
	case *types.Object:
		return findingType(types.Values(x))
	case types.Any:
		for _, m := range x {
			if msg := denyType(m); msg != "" {
				return msg
			}
		}
		return "" // any: checked when it is evaluated
	}
	return fmt.Sprintf("it is a %s, so its findings would be ignored; it must be a set: %s contains {\"message\": ..., \"path\": ...} if { ... }",
		types.Sprint(t), readRule)
}

func findingType(t types.Type) string {
	switch x := t.(type) {
	case nil, types.String, *types.Object: // nil: an empty set
		return ""
	case types.Any:
		for _, m := range x {
			if msg := findingType(m); msg != "" {
				return msg
			}
		}
		return ""
	}
	return fmt.Sprintf("its findings are %s; a finding is a message string or an object {\"message\": ..., \"path\": ..., \"severity\": ...}", types.Sprint(t))
}
