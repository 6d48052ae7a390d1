package profile

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"github.com/hybridadvisor/hybridadvisor/internal/advisortest"
)

func TestJSONSchemaGolden(t *testing.T) {
	got := JSONSchema()
	advisortest.Golden(t, filepath.Join("testdata", "schema.golden.json"), got)
	if !bytes.Equal(JSONSchema(), got) {
		t.Errorf("JSONSchema() is not deterministic")
	}
	got[0] = 'X' // callers get a copy
	if JSONSchema()[0] != '{' {
		t.Errorf("JSONSchema() returns shared memory")
	}
}

// TestJSONSchemaDescribesEveryProperty walks the schema: every property has a
// description, and every object forbids unknown keys as the parser does.
func TestJSONSchemaDescribesEveryProperty(t *testing.T) {
	var root map[string]any
	if err := json.Unmarshal(JSONSchema(), &root); err != nil {
		t.Fatal(err)
	}
	if root["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %v", root["$schema"])
	}
	count := 0
	var walk func(path string, s map[string]any)
	walk = func(path string, s map[string]any) {
		if d, _ := s["description"].(string); d == "" {
			t.Errorf("%s: no description", path)
		}
		if s["type"] == "object" && s["properties"] != nil && s["additionalProperties"] != false {
			t.Errorf("%s: additionalProperties is not false", path)
		}
		props, _ := s["properties"].(map[string]any)
		for k, v := range props {
			count++
			walk(path+"."+k, v.(map[string]any))
		}
		if items, ok := s["items"].(map[string]any); ok && items["properties"] != nil {
			walk(path+"[]", items)
		}
	}
	walk("$", root)
	if count < 100 {
		t.Errorf("only %d properties found; the walk is broken", count)
	}
}

var (
	schemaOnceTest sync.Once
	compiled       *jsonschema.Schema
	compileErr     error
)

func compiledSchema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	schemaOnceTest.Do(func() {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(JSONSchema()))
		if err != nil {
			compileErr = err
			return
		}
		c := jsonschema.NewCompiler()
		if err := c.AddResource("profile.schema.json", doc); err != nil {
			compileErr = err
			return
		}
		compiled, compileErr = c.Compile("profile.schema.json")
	})
	if compileErr != nil {
		t.Fatalf("compiling the schema: %v", compileErr)
	}
	return compiled
}

// yamlDocsToJSON converts each YAML document to the JSON value an editor would
// validate: numbers keep their literal text, timestamps become strings, and
// values JSON cannot hold (.nan, 0x10) become strings.
func yamlDocsToJSON(src []byte) ([]any, error) {
	var docs []any
	dec := yaml.NewDecoder(bytes.NewReader(src))
	for {
		var n yaml.Node
		err := decodeNext(dec, &n)
		if err == io.EOF {
			return docs, nil
		}
		if err != nil {
			return nil, err
		}
		if len(n.Content) == 0 {
			continue
		}
		raw, err := json.Marshal(nodeToJSON(n.Content[0], 0))
		if err != nil {
			return nil, err
		}
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
		if err != nil {
			return nil, err
		}
		docs = append(docs, v)
	}
}

func nodeToJSON(n *yaml.Node, depth int) any {
	if depth > 100 {
		return nil
	}
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = nodeToJSON(n.Content[i+1], depth+1)
		}
		return m
	case yaml.SequenceNode:
		l := []any{}
		for _, c := range n.Content {
			l = append(l, nodeToJSON(c, depth+1))
		}
		return l
	case yaml.AliasNode:
		return nodeToJSON(n.Alias, depth+1)
	}
	switch n.ShortTag() {
	case "!!int", "!!float":
		if d, ok := parseNumber(n.Value); ok {
			return json.Number(d.String())
		}
		return n.Value
	case "!!bool":
		return strings.EqualFold(n.Value, "true")
	case "!!null":
		return nil
	}
	return n.Value
}

func TestExamplesValidateAgainstJSONSchema(t *testing.T) {
	sch := compiledSchema(t)
	paths, _ := filepath.Glob("../../data/examples/*.yaml")
	if len(paths) == 0 {
		t.Fatal("no examples")
	}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		docs, err := yamlDocsToJSON(src)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			if err := sch.Validate(d); err != nil {
				t.Errorf("%s does not validate against the JSON Schema:\n%v", p, err)
			}
		}
	}
}

// TestJSONSchemaRejectsWhatTheParserRejects keeps the schema and the parser in
// step: each document is rejected by both. Rules JSON Schema cannot express are
// left out and only the parser checks them: unique component names, calls to
// existing components (and not to itself, not twice), peak ≥ average,
// max_duration ≥ avg_duration, durations ≤ 720h or > 0, real calendar dates,
// duplicate keys (gone once YAML becomes JSON), and YAML-only matters (aliases,
// tabs, NaN spelled as a number).
func TestJSONSchemaRejectsWhatTheParserRejects(t *testing.T) {
	sch := compiledSchema(t)
	edit := func(old, new string) string {
		if !strings.Contains(minimal, old) {
			t.Fatalf("minimal has no %q", old)
		}
		return strings.Replace(minimal, old, new, 1)
	}
	tests := map[string]string{
		"wrong apiVersion":      edit("hybridadvisor/v1", "hybridadvisor/v2"),
		"missing name":          edit("name: t\n", ""),
		"unknown top key":       edit("name: t\n", "name: t\nnmae: t\n"),
		"unknown component key": minimal + "    memroy_mb: 1\n",
		"empty components":      "apiVersion: hybridadvisor/v1\nname: t\ncomponents: []\n",
		"missing trigger":       edit("    trigger: http\n", ""),
		"bad trigger":           edit("trigger: http", "trigger: web"),
		"both rates":            edit("{requests_per_month: 1000}", "{requests_per_month: 1000, requests_per_second: 1}"),
		"neither rate":          edit("{requests_per_month: 1000}", "{pattern: steady}"),
		"negative rate":         edit("1000}", "-1}"),
		"rate too high":         edit("1000}", "1e14}"),
		"rate as a string":      edit("1000}", "\"1000\"}"),
		"bool as a string":      minimal + "    requires: {vpc: \"yes\"}\n",
		"int as a fraction":     edit("{avg_duration: 100ms}", "{avg_duration: 100ms, memory_mb: 512.5}"),
		"memory too small":      edit("{avg_duration: 100ms}", "{avg_duration: 100ms, memory_mb: 32}"),
		"zero vcpu":             edit("{avg_duration: 100ms}", "{avg_duration: 100ms, vcpu: 0}"),
		"gpu too many":          edit("{avg_duration: 100ms}", "{avg_duration: 100ms, gpu: 17}"),
		"duration without unit": edit("100ms", "100"),
		"duration in days":      edit("100ms", "1d"),
		"hours_per_month":       edit("name: t\n", "name: t\nassumptions: {hours_per_month: 800}\n"),
		"region pattern":        edit("name: t\n", "name: t\nregions: {aws: US-EAST-1}\n"),
		"name too long":         edit("name: t\n", "name: "+strings.Repeat("x", 101)+"\n"),
		"name with spaces":      edit("name: t\n", "name: \" t\"\n"),
		"call without to":       minimal + "    calls: [{mode: async}]\n",
		"tls_min unquoted":      minimal + "    security: {data: {tls_min: 1.2}}\n",
		"waiver rule":           minimal + "    waivers: [{rule: obs-1, reason: x, expires: 2027-01-01}]\n",
		"waiver without reason": minimal + "    waivers: [{rule: OBS-01, expires: 2027-01-01}]\n",
		"tag value not string":  minimal + "    tags: {cost_center: 123}\n",
		"NaN rate":              edit("1000}", ".nan}"),
		"1e400":                 edit("1000}", "1e400}"),
	}
	for name, src := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := Parse("p.yaml", []byte(src)); err == nil {
				t.Fatalf("the parser accepts it")
			}
			docs, err := yamlDocsToJSON([]byte(src))
			if err != nil || len(docs) != 1 {
				t.Fatalf("converting to JSON: %v", err)
			}
			if err := sch.Validate(docs[0]); err == nil {
				t.Errorf("the JSON Schema accepts it")
			}
		})
	}
	// And the control: the unedited document passes both.
	docs, _ := yamlDocsToJSON([]byte(minimal))
	if err := sch.Validate(docs[0]); err != nil {
		t.Errorf("minimal fails the schema: %v", err)
	}
}

// TestFieldTable checks the table itself: constant defaults satisfy their own
// field's rules, every leaf can be stored, and keys are unique per object.
func TestFieldTable(t *testing.T) {
	var walk func(path string, f *field)
	walk = func(path string, f *field) {
		seen := map[string]bool{}
		for _, c := range f.fields {
			p := joinPath(path, c.key)
			if seen[c.key] {
				t.Errorf("%s: duplicate key", p)
			}
			seen[c.key] = true
			if c.doc == "" {
				t.Errorf("%s: no doc", p)
			}
			switch c.kind {
			case kObject:
				walk(p, c)
				continue
			case kList:
				if c.item.enter == nil || c.item.each == nil {
					t.Errorf("%s: list item without enter/each", p)
				}
				walk(p+"[]", c.item)
				continue
			}
			if c.set == nil {
				t.Errorf("%s: no setter", p)
			}
			if c.def != "" && c.derive != nil {
				t.Errorf("%s: both a constant and a derived default", p)
			}
			if c.def != "" {
				node := &yaml.Node{Kind: yaml.ScalarNode, Value: c.def, Tag: map[kind]string{
					kString: "!!str", kBool: "!!bool", kInt: "!!int", kNumber: "!!int"}[c.kind]}
				if _, msg := convert(c, node); msg != "" {
					t.Errorf("%s: default %q is invalid: %s", p, c.def, msg)
				}
				if c.defWhy == "" {
					t.Errorf("%s: default without a reason", p)
				}
			}
		}
	}
	walk("", specRoot)
}
