// Package suggest finds the word a user probably meant, for "did you mean"
// hints on unknown keys and values.
package suggest

import (
	"strings"
	"unicode/utf8"
)

// Closest returns the candidate nearest to s when it is near enough to be a typo
// (case ignored; at most a third of the shorter word's letters off, so one- and
// two-letter words only match by case), or "".
func Closest(s string, candidates []string) string {
	best, bestD := "", 0
	ls := strings.ToLower(s)
	for _, c := range candidates {
		d := Distance(ls, strings.ToLower(c))
		limit := min(utf8.RuneCountInString(s), utf8.RuneCountInString(c)) / 3
		if d <= limit && (best == "" || d < bestD) {
			best, bestD = c, d
		}
	}
	return best
}

// Distance is the optimal-string-alignment distance: insertions, deletions,
// substitutions and swaps of neighbours each cost 1 ("memroy" is 1 from "memory").
func Distance(a, b string) int {
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
