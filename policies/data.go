package policies

import (
	"bytes"
	"encoding/json"
	"fmt"

	"gopkg.in/yaml.v3"

	"github.com/hybridadvisor/hybridadvisor/data"
	"github.com/hybridadvisor/hybridadvisor/pricing"
)

// Data returns the document mounted at data.hybridadvisor: the platform catalogue,
// the dated platform limits and the decision weights. See docs/rego-contract.md.
func Data() (map[string]any, error) {
	limits, err := readYAML("limits.yaml")
	if err != nil {
		return nil, err
	}
	weights, err := readYAML("weights.yaml")
	if err != nil {
		return nil, err
	}
	platforms := map[string]any{}
	for _, p := range pricing.Platforms {
		platforms[p.ID] = map[string]any{"cloud": p.Cloud, "model": p.Model, "name": p.Name}
	}
	return map[string]any{"hybridadvisor": map[string]any{
		"platforms": platforms,
		"limits":    limits,
		"weights":   weights,
	}}, nil
}

// readYAML decodes an embedded YAML file into JSON-shaped values (string keys,
// json.Number numbers) so OPA's converters take their fast paths.
func readYAML(name string) (any, error) {
	src, err := data.FS.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var v any
	if err := yaml.Unmarshal(src, &v); err != nil {
		return nil, fmt.Errorf("data/%s: %w", name, err)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("data/%s: %w", name, err)
	}
	var out any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&out); err != nil {
		return nil, fmt.Errorf("data/%s: %w", name, err)
	}
	return out, nil
}
