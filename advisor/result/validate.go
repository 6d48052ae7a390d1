package result

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/hybridadvisor/hybridadvisor/data"
)

// Reading a saved result back (reformat, score --compare-to) trusts nothing in
// it: a result may come from anyone's pull request. The reader
// (baseline.Scan) checks the JSON types as it decodes, numbers are bounded
// (Money, Number), and these checks make sure that what reaches a writer has
// every field a writer relies on: a file has an error or an architecture, each
// architecture a name and a known primary cloud, each finding a severity, each
// diff and gate entry a known status. Strings are not limited:
// every writer cleans them.

// Clouds are the clouds a result may name (data.Clouds).
var Clouds = data.Clouds

// Models are the deployment models a result may name ("" means none).
var Models = []string{"function", "serverless-container", "orchestrated-container"}

// FieldError is a problem at a place in a saved result, named by its JSON path
// (files[2].architecture.components[0].name).
type FieldError struct {
	Path string
	Msg  string
}

func (e *FieldError) Error() string {
	if e.Path == "" {
		return e.Msg
	}
	return e.Path + ": " + e.Msg
}

// At prefixes the path of a FieldError (or wraps another error) with prefix.
func At(prefix string, err error) error {
	if err == nil || prefix == "" {
		return err
	}
	if fe, ok := err.(*FieldError); ok {
		return &FieldError{Path: join(prefix, fe.Path), Msg: fe.Msg}
	}
	return &FieldError{Path: prefix, Msg: err.Error()}
}

// checker collects the first problem; paths are built only when there is one.
type checker struct{ err *FieldError }

func (c *checker) fail(path func() string, format string, args ...any) {
	if c.err == nil {
		c.err = &FieldError{Path: path(), Msg: fmt.Sprintf(format, args...)}
	}
}

func (c *checker) required(path func() string, v string) {
	if v == "" && c.err == nil {
		c.fail(path, "is missing or empty")
	}
}

func (c *checker) nonNegative(path func() string, n int) {
	if n < 0 && c.err == nil {
		c.fail(path, "is negative (%d)", n)
	}
}

func (c *checker) oneOf(path func() string, v string, allowEmpty bool, known []string, what string) {
	if c.err != nil || (v == "" && allowEmpty) {
		return
	}
	for _, k := range known {
		if v == k {
			return
		}
	}
	c.fail(path, "%s is not %s (want %s)", quote(v), what, strings.Join(known, ", "))
}

func (c *checker) cloudKeys(path func() string, keys []string) {
	for _, k := range keys {
		c.oneOf(sub(path, k), k, false, Clouds, "a cloud")
	}
}

// PathKey writes an object key as a path segment: bare when it is a plain word,
// else quoted in brackets (totals["a.b"]).
func PathKey(k string) string {
	if plainKey(k) {
		return k
	}
	return "[" + strconv.QuoteToASCII(k) + "]"
}

func plainKey(k string) bool {
	if k == "" || len(k) > 64 {
		return false
	}
	for _, c := range k {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func (c *checker) result() error {
	if c.err == nil {
		return nil
	}
	return c.err
}

// quote shows a value in a message: quoted, escaped, at most 40 characters.
func quote(s string) string {
	if r := []rune(s); len(r) > 40 {
		s = string(r[:37]) + "..."
	}
	return strconv.QuoteToASCII(s)
}

// sub is the path of key name under path.
func sub(path func() string, name string) func() string {
	return func() string { return join(path(), PathKey(name)) }
}

// join appends a path segment ("name" or "[...]").
func join(p, seg string) string {
	if seg == "" {
		return p
	}
	if p == "" || strings.HasPrefix(seg, "[") {
		return p + seg
	}
	return p + "." + seg
}

func idx(path func() string, name string, i int) func() string {
	return func() string { return sub(path, name)() + "[" + strconv.Itoa(i) + "]" }
}

func root() string { return "" }

// ValidateFile checks one file of a saved result; paths are relative to it.
func ValidateFile(f *File) error {
	c := &checker{}
	at := func(name string) func() string { return func() string { return name } }
	c.required(at("path"), f.Path)
	c.nonNegative(at("document"), f.Document)
	switch {
	case f.Error == nil && f.Architecture == nil:
		c.fail(root, `has neither "error" nor "architecture": each file of a result has one of them`)
	case f.Error != nil && f.Architecture != nil:
		c.fail(root, `has both "error" and "architecture": each file of a result has one of them`)
	case f.Error == nil && len(f.Errors) > 0:
		c.fail(at("errors"), `is set without "error" (its first entry)`)
	}
	if f.Error != nil {
		c.nonNegative(at("error.line"), f.Error.Line)
		c.nonNegative(at("error.column"), f.Error.Column)
	}
	for i, e := range f.Errors {
		c.nonNegative(func() string { return "errors[" + strconv.Itoa(i) + "].line" }, e.Line)
		c.nonNegative(func() string { return "errors[" + strconv.Itoa(i) + "].column" }, e.Column)
	}
	if a := f.Architecture; a != nil && c.err == nil {
		c.architecture(at("architecture"), a)
	}
	return c.result()
}

func (c *checker) architecture(p func() string, a *Architecture) {
	c.required(sub(p, "name"), a.Name)
	c.oneOf(sub(p, "cloud"), a.Cloud, false, Clouds, "a cloud")
	c.cloudKeys(sub(p, "verdicts"), keys(a.Verdicts))
	c.cloudKeys(sub(p, "verdict_reasons"), keys(a.VerdictReasons))
	c.cloudKeys(sub(p, "regions"), keys(a.Regions))
	c.cloudKeys(sub(p, "totals"), keys(a.Totals))
	for i := range a.Components {
		if c.err != nil {
			return
		}
		c.component(idx(p, "components", i), &a.Components[i])
	}
}

func (c *checker) component(p func() string, co *Component) {
	c.required(sub(p, "name"), co.Name)
	c.nonNegative(sub(p, "line"), co.Line)
	c.nonNegative(sub(p, "column"), co.Column)
	c.recommendation(sub(p, "recommendation"), co.Recommendation)
	c.cloudKeys(sub(p, "per_cloud"), keys(co.PerCloud))
	for cloud, r := range co.PerCloud {
		c.recommendation(sub(sub(p, "per_cloud"), cloud), r)
	}
	c.cloudKeys(sub(p, "cloud_scores"), keys(co.CloudScores))
	c.cloudKeys(sub(p, "glue"), keys(co.Glue))
	c.cloudKeys(sub(p, "break_even"), keys(co.BreakEven))
	c.cloudKeys(sub(p, "curves"), keys(co.Curves))
	for i, o := range co.Options {
		c.oneOf(sub(idx(p, "options", i), "cloud"), o.Cloud, true, Clouds, "a cloud")
		c.oneOf(sub(idx(p, "options", i), "model"), o.Model, true, Models, "a model")
	}
	for i, pr := range co.Preferences {
		c.oneOf(sub(idx(p, "preferences", i), "model"), pr.Model, true, Models, "a model")
		c.oneOf(sub(idx(p, "preferences", i), "cloud"), pr.Cloud, true, Clouds, "a cloud")
	}
	for i, f := range co.Findings {
		fp := idx(p, "findings", i)
		// The engine lets only the five severities through (lower case), so
		// any other was not written by a run: a gate (reformat's JUnit
		// --fail-on) would not count it.
		c.required(sub(fp, "severity"), f.Severity)
		c.oneOf(sub(fp, "severity"), f.Severity, true, Severities, "a severity")
		c.nonNegative(sub(fp, "line"), f.Line)
		c.nonNegative(sub(fp, "column"), f.Column)
	}
}

func (c *checker) recommendation(p func() string, r Recommendation) {
	c.oneOf(sub(p, "model"), r.Model, true, Models, "a model")
	c.oneOf(sub(p, "cloud"), r.Cloud, true, Clouds, "a cloud")
}

// ValidateHead checks what precedes the files of a saved result.
func ValidateHead(r *Result) error {
	c := &checker{}
	for i, cl := range r.Settings.Clouds {
		c.oneOf(func() string { return "settings.clouds[" + strconv.Itoa(i) + "]" }, cl, false, Clouds, "a cloud")
	}
	return c.result()
}

// ValidateTail checks what follows the files: the summary, diff and gates.
func ValidateTail(r *Result) error {
	c := &checker{}
	at := func(name string) func() string { return func() string { return name } }
	s := r.Summary
	c.nonNegative(at("summary.files"), s.Files)
	c.nonNegative(at("summary.components"), s.Components)
	c.nonNegative(at("summary.errors"), s.Errors)
	c.nonNegative(at("summary.waived"), s.Waived)
	for _, sev := range Severities {
		c.nonNegative(at("summary.findings."+sev), s.Findings[sev])
	}
	if d := r.Diff; d != nil {
		c.cloudKeys(at("diff.totals"), keys(d.Totals))
		c.nonNegative(at("diff.added"), d.Added)
		c.nonNegative(at("diff.removed"), d.Removed)
		c.nonNegative(at("diff.changed"), d.Changed)
		c.nonNegative(at("diff.unchanged"), d.Unchanged)
		statuses := []string{DiffAdded, DiffRemoved, DiffChanged}
		for i, a := range d.Architectures {
			p := idx(at("diff"), "architectures", i)
			c.oneOf(sub(p, "status"), a.Status, false, statuses, "a diff status")
			c.oneOf(sub(p, "cloud"), a.Cloud, true, Clouds, "a cloud")
			c.oneOf(sub(p, "baseline_cloud"), a.BaselineCloud, true, Clouds, "a cloud")
			c.cloudKeys(sub(p, "per_cloud"), keys(a.PerCloud))
			c.nonNegative(sub(p, "document"), a.Document)
			for j, cd := range a.Components {
				cp := idx(p, "components", j)
				c.oneOf(sub(cp, "status"), cd.Status, false, statuses, "a diff status")
				if cd.Before != nil {
					c.oneOf(sub(sub(cp, "before"), "model"), cd.Before.Model, true, Models, "a model")
				}
				if cd.After != nil {
					c.oneOf(sub(sub(cp, "after"), "model"), cd.After.Model, true, Models, "a model")
				}
			}
		}
	}
	gates := []string{GateFailOn, GateMaxMonthlyCost, GateMaxCostIncrease}
	for i, g := range r.Gates {
		p := idx(root, "gates", i)
		c.oneOf(sub(p, "gate"), g.Gate, false, gates, "a gate")
		if g.Gate == GateFailOn {
			c.oneOf(sub(p, "limit"), g.Limit, false, Severities, "a severity")
		}
		for j, f := range g.Failures {
			c.nonNegative(sub(idx(p, "failures", j), "document"), f.Document)
		}
		for j, f := range g.Warnings {
			c.nonNegative(sub(idx(p, "warnings", j), "document"), f.Document)
		}
	}
	return c.result()
}
