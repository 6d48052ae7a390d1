// Package config reads .hybridadvisor.yaml, the defaults a team shares for
// `hybridadvisor score`: clouds, regions, gates, policy directories, price
// overrides, free tier, jobs and outputs. Command-line flags override it.
//
// The file comes with the repository, so it is treated as hostile input:
//
//   - It is found from the working directory upward, stopping at the root of the
//     repository (the directory that holds .git), at the home directory, and
//     before any directory owned by another user (see Find).
//   - The paths it names (policy, pricing, output files) are relative to its
//     directory and must stay inside that directory's tree: no absolute paths,
//     no "..", no symbolic link leading out (see Parse). Command-line flags may
//     name any path.
//   - It is read only if it is a regular file of at most MaxFileSize.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/hybridadvisor/hybridadvisor/advisor/gate"
	"github.com/hybridadvisor/hybridadvisor/advisor/located"
	"github.com/hybridadvisor/hybridadvisor/advisor/safeio"
	"github.com/hybridadvisor/hybridadvisor/advisor/suggest"
	"github.com/hybridadvisor/hybridadvisor/data"
)

// FileName is the name looked for in each directory.
const FileName = ".hybridadvisor.yaml"

// MaxFileSize caps the config file: real ones are a few hundred bytes.
const MaxFileSize = 1 << 20

// Config is a parsed config file. Unset fields are zero.
type Config struct {
	// Path is the file read; Dir its directory.
	Path, Dir string
	Clouds    []string
	// Regions are defaults for the clouds a profile does not name (cloud -> region).
	Regions         map[string]string
	FailOn          string
	MaxMonthlyCost  []gate.CostLimit
	MaxCostIncrease []gate.Increase
	// AllowUnpriced, when true, turns a cost gate on an incomplete total (a part
	// with no price) from a failure into a warning; nil when the file does not say.
	AllowUnpriced *bool
	// Policy and Pricing are resolved against Dir, and inside its tree.
	Policy  []string
	Pricing string
	// FreeTier is nil when the file does not say.
	FreeTier *bool
	Jobs     int
	// Output are FORMAT or FORMAT=FILE, FILE resolved against Dir, inside its tree.
	Output []string
	// Pos says where each key was written ("regions.aws" -> line and column).
	Pos map[string]Pos
	// policyPos is where each Policy entry was written.
	policyPos []Pos
}

// Pos is a 1-based line and column in the file.
type Pos struct{ Line, Column int }

// Error is a problem in the config file or the overrides file at its place:
// file:line:col: message, or file: message when the place is the file itself.
type Error = located.Error

// At returns an Error at the place key was written (the file itself when unknown).
func (c *Config) At(key, format string, args ...any) *Error {
	p := c.Pos[key]
	return &Error{Source: located.Source{File: c.Path, Line: p.Line, Column: p.Column}, Message: fmt.Sprintf(format, args...)}
}

// ownerCheck is ownedByOther; tests replace it.
var ownerCheck = ownedByOther

// Found is the result of Find.
type Found struct {
	// Path is the config file to use; "" when there is none.
	Path string
	// Ignored is a config file that was seen but not used, and Why says why
	// (it is in a directory of another user); the caller should say so.
	Ignored, Why string
}

// Find looks for FileName in dir and its parents. It stops after looking in the
// repository root (the directory that holds .git) or the home directory, and
// before looking in a directory owned by another user (on unix): a file above
// the repository, above the home, or in a place someone else controls (/tmp) is
// someone else's. A FileName that is a symbolic link must lead to a file inside
// its directory.
func Find(dir string) (Found, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return Found{}, err
	}
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	home := ""
	if h, err := os.UserHomeDir(); err == nil {
		if real, err := filepath.EvalSymlinks(h); err == nil {
			home = real
		}
	}
	for {
		p := filepath.Join(dir, FileName)
		info, err := os.Stat(dir)
		if err != nil {
			return Found{}, err
		}
		if uid, other := ownerCheck(info); other {
			if _, err := os.Lstat(p); err == nil {
				return Found{Ignored: p, Why: fmt.Sprintf("%s belongs to another user (uid %d)", dir, uid)}, nil
			}
			return Found{}, nil
		}
		switch info, err := os.Lstat(p); {
		case err == nil && info.Mode()&fs.ModeSymlink != 0:
			if _, err := safeio.Confine(dir, FileName); err != nil {
				return Found{}, &Error{Source: located.Source{File: p}, Message: "a symbolic link leading out of " + dir + "; a config file found by the search must be inside the repository"}
			}
			if st, err := os.Stat(p); err == nil && st.IsDir() {
				break
			}
			return Found{Path: p}, nil
		case err == nil && !info.IsDir():
			return Found{Path: p}, nil
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return Found{}, err
		}
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return Found{}, nil // the repository root: a parent's file is someone else's
		}
		if dir == home {
			return Found{}, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return Found{}, nil
		}
		dir = parent
	}
}

// Load reads and checks a config file: a regular file of at most MaxFileSize.
// The policy directories it names are checked too: nothing in them may lead out
// of the config file's directory through a symbolic link.
func Load(path string) (*Config, error) {
	src, err := safeio.ReadRegular(path, MaxFileSize)
	if err != nil {
		var se *safeio.Error
		if errors.As(err, &se) {
			return nil, &Error{Source: located.Source{File: path}, Message: "cannot read the config file: " + se.Reason, Err: err}
		}
		return nil, err
	}
	c, err := Parse(path, src)
	if err != nil {
		return nil, err
	}
	if err := c.checkPolicyTrees(); err != nil {
		return nil, err
	}
	return c, nil
}

// checkPolicyTrees walks the policy directories as the policy loader will
// (following symbolic links) and refuses any directory or .rego file there
// that leads out of the config file's directory.
func (c *Config) checkPolicyTrees() error {
	root, err := filepath.EvalSymlinks(c.Dir)
	if err != nil {
		return nil // Dir is gone: the loader reports the paths
	}
	for i, dir := range c.Policy {
		if _, err := os.Stat(dir); err != nil {
			continue // the policy loader says it is missing
		}
		err := safeio.WalkFollow(dir, func(p string, info fs.FileInfo, _ int) (bool, error) {
			if !info.IsDir() && !strings.HasSuffix(info.Name(), ".rego") {
				return false, nil
			}
			real, err := filepath.EvalSymlinks(p)
			if err != nil {
				return false, err
			}
			if !safeio.Within(root, real) {
				return false, fmt.Errorf("%s leads out of %s through a symbolic link", p, c.Dir)
			}
			return false, nil
		})
		if err != nil {
			pos := c.policyPos[i]
			return &Error{Source: located.Source{File: c.Path, Line: pos.Line, Column: pos.Column},
				Message: fmt.Sprintf("policy: %s; a config file may only name files inside its own directory (command-line flags may name any)", err)}
		}
	}
	return nil
}

// Keys are the known top-level keys, in documentation order.
var Keys = []string{"clouds", "regions", "fail_on", "max_monthly_cost", "max_cost_increase", "allow_unpriced", "policy", "pricing", "free_tier", "jobs", "output"}

var (
	knownClouds = data.Clouds
	severities  = data.Severities
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
		return &Error{Source: located.Source{File: path, Line: n.Line, Column: n.Column}, Message: fmt.Sprintf(format, args...)}
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
				if err == nil && !slices.Contains(knownClouds, cl) {
					err = fail(v, "unknown cloud %q%s", cl, suggestion(cl, knownClouds))
				}
			}
		case "regions":
			err = c.parseRegions(v, fail)
		case "fail_on":
			c.FailOn, err = scalar(v, fail)
			if err == nil && !slices.Contains(severities, c.FailOn) {
				err = fail(v, "fail_on %q: want one of %s%s", c.FailOn, strings.Join(severities, ", "), suggestion(c.FailOn, severities))
			}
		case "max_monthly_cost":
			var list []string
			list, err = stringList(v, fail)
			for _, s := range list {
				if err != nil {
					break
				}
				l, perr := gate.ParseCostLimit(s)
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
				inc, perr := gate.ParseIncrease(s)
				if perr != nil {
					err = fail(v, "max_cost_increase: %s", perr)
				}
				c.MaxCostIncrease = append(c.MaxCostIncrease, inc)
			}
		case "policy":
			var list []*yaml.Node
			list, err = nodeList(v, fail)
			for _, n := range list {
				var p string
				if p, err = c.confine(name, n, n.Value, fail); err != nil {
					break
				}
				c.Policy = append(c.Policy, p)
				c.policyPos = append(c.policyPos, posOf(n))
			}
		case "pricing":
			var p string
			p, err = scalar(v, fail)
			if err == nil {
				c.Pricing, err = c.confine(name, v, p, fail)
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
			var list []*yaml.Node
			list, err = nodeList(v, fail)
			for _, n := range list {
				if err != nil {
					break
				}
				o := n.Value
				format, file, hasFile := strings.Cut(o, "=")
				if FormatKnown != nil && !FormatKnown(format) {
					err = fail(n, "output: unknown format %q", truncate(format))
				} else if hasFile && file == "" {
					err = fail(n, "output: %q names no file after '='", truncate(o))
				} else if hasFile {
					file, err = c.confine(name, n, file, fail)
					o = format + "=" + file
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
		if !slices.Contains(knownClouds, k.Value) {
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

// confine resolves p, written at n under key, against Dir and checks that it
// stays inside Dir's tree (safeio.Confine).
func (c *Config) confine(key string, n *yaml.Node, p string, fail func(*yaml.Node, string, ...any) error) (string, error) {
	joined, err := safeio.Confine(c.Dir, p)
	if err == nil {
		return joined, nil
	}
	why := err.Error()
	var se *safeio.Error
	if errors.As(err, &se) {
		why = se.Reason
	}
	return "", fail(n, "%s: %q is %s; a config file may only name paths inside its own directory %s (command-line flags may name any path)",
		key, truncate(p), why, c.Dir)
}

func posOf(n *yaml.Node) Pos { return Pos{n.Line, n.Column} }

func scalar(v *yaml.Node, fail func(*yaml.Node, string, ...any) error) (string, error) {
	if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
		return "", fail(v, "want a single value")
	}
	return v.Value, nil
}

// stringList accepts one value or a list of values.
func stringList(v *yaml.Node, fail func(*yaml.Node, string, ...any) error) ([]string, error) {
	nodes, err := nodeList(v, fail)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(nodes))
	for i, n := range nodes {
		out[i] = n.Value
	}
	return out, nil
}

// nodeList accepts one scalar or a list of scalars, and returns their nodes (for
// errors at the entry's place).
func nodeList(v *yaml.Node, fail func(*yaml.Node, string, ...any) error) ([]*yaml.Node, error) {
	if v.Kind == yaml.ScalarNode {
		if _, err := scalar(v, fail); err != nil {
			return nil, err
		}
		return []*yaml.Node{v}, nil
	}
	if v.Kind != yaml.SequenceNode {
		return nil, fail(v, "want a value or a list of values")
	}
	out := make([]*yaml.Node, 0, len(v.Content))
	for _, item := range v.Content {
		if _, err := scalar(item, fail); err != nil {
			return nil, err
		}
		out = append(out, item)
	}
	return out, nil
}

func yamlError(path string, err error) error {
	msg, line := strings.TrimPrefix(err.Error(), "yaml: "), 0
	if _, serr := fmt.Sscanf(msg, "line %d:", &line); serr == nil {
		msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
	}
	e := &Error{Source: located.Source{File: path, Line: line}, Message: "invalid YAML: " + msg}
	if line > 0 {
		e.Column = 1
	}
	return e
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
