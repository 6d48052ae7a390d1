package profile

import (
	"fmt"
	"strings"
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
	if s := closest(key, keys); s != "" {
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

// closest returns the candidate nearest to s when it is near enough to be a typo
// (case ignored; at most a third of the word's letters off, so one- and
// two-letter words only match by case), or "".
func closest(s string, candidates []string) string {
	best, bestD := "", 0
	ls := strings.ToLower(s)
	for _, c := range candidates {
		d := editDistance(ls, strings.ToLower(c))
		limit := min(len([]rune(s)), len([]rune(c))) / 3
		if d <= limit && (best == "" || d < bestD) {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the optimal-string-alignment distance: insertions, deletions,
// substitutions and swaps of neighbours each cost 1 ("memroy" is 1 from "memory").
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	// Keys are short; a hostile 4 MiB key must not cost a quadratic table.
	if len(ra) > 64 || len(rb) > 64 {
		if a == b {
			return 0
		}
		return max(len(ra), len(rb))
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
