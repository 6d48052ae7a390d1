package profile

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sync"
)

// JSONSchema returns the JSON Schema (draft 2020-12) of one profile document,
// rendered from the same field table the parser validates with. Rules that span
// fields (unique component names, calls to existing components, peak ≥ average,
// max_duration ≥ avg_duration, durations ≤ 720h) are only in the parser.
func JSONSchema() []byte {
	schemaOnce.Do(func() {
		root := schemaOf(specRoot)
		root.setFirst("$schema", "https://json-schema.org/draft/2020-12/schema")
		root.setAfter("$schema", "title", "hybridadvisor workload profile ("+APIVersion+")")
		raw, err := root.MarshalJSON()
		if err != nil {
			panic("profile: rendering the JSON Schema: " + err.Error()) // the table is static; tests cover it
		}
		var out bytes.Buffer
		if err := json.Indent(&out, raw, "", "  "); err != nil {
			panic("profile: indenting the JSON Schema: " + err.Error())
		}
		out.WriteByte('\n')
		schemaJSON = out.Bytes()
	})
	return bytes.Clone(schemaJSON)
}

var (
	schemaOnce sync.Once
	schemaJSON []byte
)

func schemaOf(f *field) *jsonObject {
	s := &jsonObject{}
	doc := f.doc
	switch f.kind {
	case kObject:
		s.set("type", "object")
		s.set("description", doc)
		props := &jsonObject{}
		var required []string
		for _, c := range f.fields {
			props.set(c.key, schemaOf(c))
			if c.required {
				required = append(required, c.key)
			}
		}
		s.set("properties", props)
		if len(required) > 0 {
			s.set("required", required)
		}
		if len(f.oneOf) > 0 {
			var alts []any
			for _, k := range f.oneOf {
				alts = append(alts, &jsonObject{keys: []string{"required"}, vals: map[string]any{"required": []string{k}}})
			}
			s.set("oneOf", alts)
		}
		s.set("additionalProperties", false)
		return s
	case kList:
		s.set("type", "array")
		s.set("description", doc)
		s.set("items", schemaOf(f.item))
		s.minMax("minItems", "maxItems", f.minLen, f.maxLen)
		return s
	case kStrings:
		s.set("type", "array")
		s.set("description", doc)
		item := &jsonObject{}
		item.set("type", "string")
		item.minMax("minLength", "maxLength", f.item.minLen, f.item.maxLen)
		if f.item.pattern != nil {
			item.set("pattern", f.item.pattern.String())
		}
		s.set("items", item)
		s.minMax("minItems", "maxItems", 0, f.maxLen)
		return s
	case kStrMap:
		s.set("type", "object")
		s.set("description", doc)
		names := &jsonObject{}
		names.minMax("minLength", "maxLength", 1, f.keyMaxLen)
		names.set("pattern", f.keyPattern.String())
		s.set("propertyNames", names)
		vals := &jsonObject{}
		vals.set("type", "string")
		vals.minMax("minLength", "maxLength", 0, f.valMaxLen)
		vals.set("pattern", f.pattern.String())
		s.set("additionalProperties", vals)
		s.minMax("minProperties", "maxProperties", 0, f.maxLen)
		return s
	}

	if f.def != "" {
		doc += " Default: " + f.def + "."
	}
	switch f.kind {
	case kString:
		s.set("type", "string")
		s.set("description", doc)
		switch {
		case f.constant != "":
			s.set("const", f.constant)
		case len(f.enum) > 0:
			s.set("enum", f.enum)
		}
		s.minMax("minLength", "maxLength", f.minLen, f.maxLen)
		if f.pattern != nil {
			s.set("pattern", f.pattern.String())
		}
	case kBool:
		s.set("type", "boolean")
		s.set("description", doc)
	case kInt, kNumber:
		if f.kind == kInt {
			s.set("type", "integer")
		} else {
			s.set("type", "number")
		}
		s.set("description", doc)
		if f.min != "" {
			if f.exclusiveMin {
				s.set("exclusiveMinimum", json.Number(f.min))
			} else {
				s.set("minimum", json.Number(f.min))
			}
		}
		if f.max != "" {
			s.set("maximum", json.Number(f.max))
		}
	case kDuration:
		s.set("type", "string")
		s.set("description", fmt.Sprintf("%s Greater than 0, at most %s.", doc, f.max))
		s.set("pattern", reDuration.String())
	case kDate:
		s.set("type", "string")
		s.set("description", doc)
		s.set("format", "date")
		s.set("pattern", reDate.String())
	}
	if f.def != "" {
		switch f.kind {
		case kBool:
			s.set("default", f.def == "true")
		case kInt, kNumber:
			s.set("default", json.Number(f.def))
		default:
			s.set("default", f.def)
		}
	}
	return s
}

// jsonObject is a JSON object that keeps its keys in insertion order, so the
// schema reads in the same order as the profile format.
type jsonObject struct {
	keys []string
	vals map[string]any
}

func (o *jsonObject) set(k string, v any) {
	if o.vals == nil {
		o.vals = map[string]any{}
	}
	if _, ok := o.vals[k]; !ok {
		o.keys = append(o.keys, k)
	}
	o.vals[k] = v
}

func (o *jsonObject) setFirst(k string, v any) {
	o.set(k, v)
	o.keys = append([]string{k}, o.keys[:len(o.keys)-1]...)
}

func (o *jsonObject) setAfter(after, k string, v any) {
	o.set(k, v)
	o.keys = o.keys[:len(o.keys)-1]
	for i, x := range o.keys {
		if x == after {
			o.keys = append(o.keys[:i+1], append([]string{k}, o.keys[i+1:]...)...)
			return
		}
	}
	o.keys = append(o.keys, k)
}

// minMax sets a lower bound when above 0 and an upper bound when set.
func (o *jsonObject) minMax(minKey, maxKey string, lo, hi int) {
	if lo > 0 {
		o.set(minKey, lo)
	}
	if hi > 0 {
		o.set(maxKey, hi)
	}
}

func (o *jsonObject) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // keep patterns and descriptions readable
	b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		if err := enc.Encode(k); err != nil {
			return nil, err
		}
		b.Truncate(b.Len() - 1) // Encode appends a newline
		b.WriteByte(':')
		if err := enc.Encode(o.vals[k]); err != nil {
			return nil, err
		}
		b.Truncate(b.Len() - 1)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
