package profile

import (
	"fmt"
	"strings"

	"github.com/hybridadvisor/hybridadvisor/advisor/suggest"
)

// movedKeys are names people bring from elsewhere (the security-rules draft,
// other tools) that this format spells differently.
var movedKeys = map[string]string{
	"subnets_multi_az": `use "multi_az" in security.network`,
	"timeout_s":        `use "timeout" in security.runtime, a duration like 30s`,
	"invocation":       `say how each call is made with calls[].mode (sync or async)`,
	"region":           `set regions at the top level: regions: {aws: ..., azure: ..., gcp: ...}`,
	"host_namespaces":  `use "host_access" in requires`,
	"cost":             `use "tags" on the component and "budget_alert" in observability`,
	"memory":           `use "memory_mb" in execution`,
	"duration":         `use "avg_duration" (and "max_duration") in execution`,
	"timeout":          `use "max_duration" in execution, or "timeout" in security.runtime`,
	"rps":              `use "requests_per_second" in traffic`,
	"cpu":              `use "vcpu" in execution`,
}

// unknownKeyMessage explains an unknown key: the closest key of the same
// mapping, else where the key belongs, else what the mapping takes.
func unknownKeyMessage(f *field, key, where string) string {
	msg := fmt.Sprintf("unknown key %q in %s", truncate(key), where)
	keys := make([]string, len(f.fields))
	for i, c := range f.fields {
		keys[i] = c.key
	}
	if s := suggest.Closest(key, keys); s != "" {
		return msg + fmt.Sprintf("; did you mean %q?", s)
	}
	if hint, ok := movedKeys[key]; ok {
		return msg + "; " + hint
	}
	if loc := locate(specRoot, key, f); loc != "" {
		return msg + fmt.Sprintf("; %q belongs in %s", key, loc)
	}
	return msg + "; expected one of " + strings.Join(keys, ", ")
}

// locate finds the object (other than not) that has key, and names it.
func locate(f *field, key string, not *field) string {
	switch f.kind {
	case kObject:
		if f != not && f.child(key) != nil {
			if f.enter != nil { // a list item: "each calls entry"
				return "each " + f.where
			}
			return f.where
		}
		for _, c := range f.fields {
			if loc := locate(c, key, not); loc != "" {
				return loc
			}
		}
	case kList:
		return locate(f.item, key, not)
	}
	return ""
}
