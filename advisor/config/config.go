// Package config reads .hybridadvisor.yaml, the defaults a team shares for
// `hybridadvisor score`: clouds, regions, gates, policy directories, price
// overrides, free tier, jobs and outputs. Command-line flags override it.
//
// The file is found from the working directory upward, stopping at the root of
// the repository (the directory that holds .git) or of the filesystem. Paths in it
// (policy, pricing, output files) are relative to the file's directory.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"gopkg.in/yaml.v3"

	"github.com/hybridadvisor/hybridadvisor/advisor/suggest"
)

// FileName is the name looked for in each directory.
const FileName = ".hybridadvisor.yaml"

// Config is a parsed config file. Unset fields are zero.
type Config struct {
	// Path is the file read; Dir its directory.
	Path, Dir string
	Clouds    []string
	// Regions are defaults for the clouds a profile does not name (cloud -> region).
	Regions         map[string]string
	FailOn          string
	MaxMonthlyCost  []CostLimit
	MaxCostIncrease []Increase
	// AllowUnpriced, when true, turns a cost gate on an incomplete total (a part
	// with no price) from a failure into a warning; nil when the file does not say.
	AllowUnpriced *bool
	// Policy and Pricing are resolved against Dir.
	Policy  []string
	Pricing string
	// FreeTier is nil when the file does not say.
	FreeTier *bool
	Jobs     int
	// Output are FORMAT or FORMAT=FILE, FILE resolved against Dir.
	Output []string
	// Pos says where each key was written ("regions.aws" -> line and column).
	Pos map[string]Pos
}

// Pos is a 1-based line and column in the file.
type Pos struct{ Line, Column int }

// Error is a problem in the config file at its place.
type Error struct {
	Path         string
	Line, Column int
	Message      string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Column, e.Message)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Message)
}

// At returns an Error at the place key was written (the file itself when unknown).
func (c *Config) At(key, format string, args ...any) *Error {
	p := c.Pos[key]
	return &Error{Path: c.Path, Line: p.Line, Column: p.Column, Message: fmt.Sprintf(format, args...)}
}

// Find looks for FileName in dir and its parents, stopping after the directory
// that contains .git or at the filesystem root. It returns "" when there is none.
func Find(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		p := filepath.Join(dir, FileName)
		info, err := os.Stat(p)
		switch {
		case err == nil && !info.IsDir():
			return p, nil
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return "", err
		}
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return "", nil // the repository root: a parent's file is someone else's
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// Load reads and checks a config file.
func Load(path string) (*Config, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, src)
}

// Keys are the known top-level keys, in documentation order.
var Keys = []string{"clouds", "regions", "fail_on", "max_monthly_cost", "max_cost_increase", "allow_unpriced", "policy", "pricing", "free_tier", "jobs", "output"}

var (
	knownClouds = []string{"aws", "azure", "gcp"}
	severities  = []string{"critical", "high", "medium", "low", "info"}
)

// FormatKnown, when set, checks output format names (the CLI sets it to the
// renderers' registry; the package does not depend on them).
var FormatKnown func(name string) bool

// Parse checks a config file's contents; path is used in errors and to resolve
// relative paths.
func Parse(path string, src []byte) (*Config, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	c := &Config{Path: path, Dir: filepath.Dir(abs), Pos: map[string]Pos{}}
	fail := func(n *yaml.Node, format string, args ...any) error {
		return &Error{Path: path, Line: n.Line, Column: n.Column, Message: fmt.Sprintf(format, args...)}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, yamlError(path, err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return c, nil // empty file
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return c, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, fail(root, "the config file must be a mapping of keys (%s)", strings.Join(Keys, ", "))
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		name := k.Value
		if seen[name] {
			return nil, fail(k, "key %q given twice", name)
		}
		seen[name] = true
		c.Pos[name] = Pos{k.Line, k.Column}
		var err error
		switch name {
		case "clouds":
			c.Clouds, err = stringList(v, fail)
			for _, cl := range c.Clouds {
				if err == nil && !contains(knownClouds, cl) {
					err = fail(v, "unknown cloud %q%s", cl, suggestion(cl, knownClouds))
				}
			}
		case "regions":
			err = c.parseRegions(v, fail)
		case "fail_on":
			c.FailOn, err = scalar(v, fail)
			if err == nil && !contains(severities, c.FailOn) {
				err = fail(v, "fail_on %q: want one of %s%s", c.FailOn, strings.Join(severities, ", "), suggestion(c.FailOn, severities))
			}
		case "max_monthly_cost":
			var list []string
			list, err = stringList(v, fail)
			for _, s := range list {
				if err != nil {
					break
				}
				l, perr := ParseCostLimit(s)
				if perr != nil {
					err = fail(v, "max_monthly_cost: %s", perr)
				}
				c.MaxMonthlyCost = append(c.MaxMonthlyCost, l)
			}
		case "max_cost_increase":
			var list []string
			list, err = stringList(v, fail)
			for _, s := range list {
				if err != nil {
					break
				}
				inc, perr := ParseIncrease(s)
				if perr != nil {
					err = fail(v, "max_cost_increase: %s", perr)
				}
				c.MaxCostIncrease = append(c.MaxCostIncrease, inc)
			}
		case "policy":
			var list []string
			list, err = stringList(v, fail)
			for _, p := range list {
				c.Policy = append(c.Policy, c.resolve(p))
			}
		case "pricing":
			var p string
			p, err = scalar(v, fail)
			if err == nil {
				c.Pricing = c.resolve(p)
			}
		case "allow_unpriced":
			var b bool
			if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" || v.Decode(&b) != nil {
				err = fail(v, "allow_unpriced: want true or false")
			} else {
				c.AllowUnpriced = &b
			}
		case "free_tier":
			var b bool
			if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" || v.Decode(&b) != nil {
				err = fail(v, "free_tier: want true or false")
			} else {
				c.FreeTier = &b
			}
		case "jobs":
			if v.Kind != yaml.ScalarNode || v.Tag != "!!int" || v.Decode(&c.Jobs) != nil || c.Jobs < 0 {
				err = fail(v, "jobs: want a whole number of workers, 0 for one per CPU")
			}
		case "output":
			var list []string
			list, err = stringList(v, fail)
			for _, o := range list {
				format, file, hasFile := strings.Cut(o, "=")
				if err == nil && FormatKnown != nil && !FormatKnown(format) {
					err = fail(v, "output: unknown format %q", format)
				}
				if err == nil && hasFile && file == "" {
					err = fail(v, "output: %q names no file after '='", o)
				}
				if hasFile {
					o = format + "=" + c.resolve(file)
				}
				c.Output = append(c.Output, o)
			}
		default:
			msg := fmt.Sprintf("unknown key %q", truncate(name))
			if s := suggest.Closest(name, Keys); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			} else {
				msg += "; known keys: " + strings.Join(Keys, ", ")
			}
			return nil, fail(k, "%s", msg)
		}
		if err != nil {
			return nil, err
		}
	}
	return c, nil
}

func (c *Config) parseRegions(v *yaml.Node, fail func(*yaml.Node, string, ...any) error) error {
	if v.Kind != yaml.MappingNode {
		return fail(v, "regions: want a mapping such as {aws: eu-west-1, azure: westeurope, gcp: europe-west1}")
	}
	c.Regions = map[string]string{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, r := v.Content[i], v.Content[i+1]
		if !contains(knownClouds, k.Value) {
			return fail(k, "unknown cloud %q in regions%s", truncate(k.Value), suggestion(k.Value, knownClouds))
		}
		if _, dup := c.Regions[k.Value]; dup {
			return fail(k, "regions.%s given twice", k.Value)
		}
		s, err := scalar(r, fail)
		if err != nil {
			return err
		}
		if s == "" {
			return fail(r, "regions.%s: want a region name", k.Value)
		}
		c.Regions[k.Value] = s
		c.Pos["regions."+k.Value] = Pos{r.Line, r.Column}
	}
	return nil
}

func (c *Config) resolve(p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(c.Dir, p)
}

func scalar(v *yaml.Node, fail func(*yaml.Node, string, ...any) error) (string, error) {
	if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
		return "", fail(v, "want a single value")
	}
	return v.Value, nil
}

// stringList accepts one value or a list of values.
func stringList(v *yaml.Node, fail func(*yaml.Node, string, ...any) error) ([]string, error) {
	if v.Kind == yaml.ScalarNode {
		s, err := scalar(v, fail)
		if err != nil {
			return nil, err
		}
		return []string{s}, nil
	}
	if v.Kind != yaml.SequenceNode {
		return nil, fail(v, "want a value or a list of values")
	}
	var out []string
	for _, item := range v.Content {
		s, err := scalar(item, fail)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// CostLimit is a --max-monthly-cost value: an amount on the primary cloud, or on
// a named cloud ("aws=500").
type CostLimit struct {
	Cloud string // "" means each architecture's primary cloud
	USD   decimal.Decimal
	Text  string // as given
}

// ParseCostLimit reads "N" or "CLOUD=N" (N in USD per month, "$" and "," allowed).
func ParseCostLimit(s string) (CostLimit, error) {
	l := CostLimit{Text: strings.TrimSpace(s)}
	amount := l.Text
	if cloud, rest, ok := strings.Cut(l.Text, "="); ok {
		cloud = strings.ToLower(strings.TrimSpace(cloud))
		if !contains(knownClouds, cloud) {
			return l, fmt.Errorf("%q: unknown cloud %q (want aws, azure or gcp)", s, cloud)
		}
		l.Cloud, amount = cloud, rest
	}
	d, err := money(amount)
	if err != nil {
		return l, fmt.Errorf("%q: %w", s, err)
	}
	l.USD = d
	return l, nil
}

// Increase is a --max-cost-increase value: an amount in USD per month, or a
// percentage of the baseline ("10%").
type Increase struct {
	Percent bool
	Value   decimal.Decimal
	Text    string
}

// ParseIncrease reads "N" (USD per month) or "P%".
func ParseIncrease(s string) (Increase, error) {
	inc := Increase{Text: strings.TrimSpace(s)}
	v := inc.Text
	if p, ok := strings.CutSuffix(v, "%"); ok {
		inc.Percent, v = true, strings.TrimSpace(p)
	}
	d, err := money(v)
	if err != nil {
		return inc, fmt.Errorf("%q: %w", s, err)
	}
	inc.Value = d
	return inc, nil
}

func money(s string) (decimal.Decimal, error) {
	s = strings.ReplaceAll(strings.TrimPrefix(strings.TrimSpace(s), "$"), ",", "")
	if s == "" {
		return decimal.Zero, errors.New("want an amount such as 500 or 99.50")
	}
	if _, err := strconv.ParseFloat(s, 64); err != nil {
		return decimal.Zero, errors.New("want an amount such as 500 or 99.50")
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Zero, errors.New("want an amount such as 500 or 99.50")
	}
	if d.Sign() < 0 {
		return decimal.Zero, errors.New("want an amount of zero or more")
	}
	return d, nil
}

func yamlError(path string, err error) error {
	msg, line := strings.TrimPrefix(err.Error(), "yaml: "), 0
	if _, serr := fmt.Sscanf(msg, "line %d:", &line); serr == nil {
		msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
	}
	e := &Error{Path: path, Line: line, Message: "invalid YAML: " + msg}
	if line > 0 {
		e.Column = 1
	}
	return e
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func suggestion(s string, candidates []string) string {
	if c := suggest.Closest(s, candidates); c != "" {
		return fmt.Sprintf("; did you mean %q?", c)
	}
	return ""
}

func truncate(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}
