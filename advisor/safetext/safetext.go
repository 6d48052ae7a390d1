// Package safetext holds the character rules that the profile parser and every
// human-readable output share, so that what a parser rejects and what a writer
// escapes can never drift apart.
//
// Invisible characters are those that change no pixel on their own, or that
// reorder what follows: format characters (zero-width spaces and joiners, bidi
// embeddings, overrides and isolates, the BOM, soft hyphens, tag characters),
// line and paragraph separators, variation selectors, the combining grapheme
// joiner and the Hangul and Braille fillers. With them two different strings
// look the same ("api" and "a\u200bpi"), or a string displays in an order other
// than the one it compares in. Profile names reject them; outputs show them as
// \u escapes (see render.Clean).
//
// Workflow commands are lines a CI runner executes instead of printing:
// GitHub Actions runs "::name ...::data" when it starts a line (after any
// whitespace) and "##[name ...]data" anywhere in a line. Azure Pipelines runs
// "##vso[" anywhere in a line. NeutraliseCommands defuses all three in one line
// of text.
package safetext

import (
	"strconv"
	"strings"
	"unicode"
)

// Invisible reports whether r is an invisible character (see the package comment).
func Invisible(r rune) bool {
	switch {
	case r < 0xA0:
		return false
	case unicode.Is(unicode.Cf, r), unicode.Is(unicode.Zl, r), unicode.Is(unicode.Zp, r):
		return true
	case r >= 0xFE00 && r <= 0xFE0F, r >= 0xE0100 && r <= 0xE01EF, // variation selectors
		r >= 0x180B && r <= 0x180F,                         // Mongolian free variation selectors
		r == 0x034F,                                        // combining grapheme joiner
		r == 0x115F, r == 0x1160, r == 0x3164, r == 0xFFA0, // Hangul fillers
		r == 0x17B4, r == 0x17B5, // Khmer inherent vowels (invisible)
		r == 0x2800: // Braille blank
		return true
	}
	return false
}

// EmojiJoiner reports whether r is one of the invisible characters that emoji
// sequences need (zero-width joiner, text and emoji presentation selectors):
// writers keep them after an emoji, where they change how it looks, and escape
// them anywhere else.
func EmojiJoiner(r rune) bool { return r == 0x200D || r == 0xFE0E || r == 0xFE0F }

// EmojiBase reports whether r can carry an emoji joiner or selector: a symbol
// outside ASCII (emoji are So or Sk), or a joiner or selector already kept.
func EmojiBase(r rune) bool {
	return r >= 0xA9 && (unicode.Is(unicode.So, r) || unicode.Is(unicode.Sk, r) || EmojiJoiner(r) || r == 0x20E3)
}

// FindInvisible returns the first invisible character of s and its position in
// characters (0-based), or ok false when there is none.
func FindInvisible(s string) (r rune, index int, ok bool) {
	i := 0
	for _, c := range s {
		if Invisible(c) {
			return c, i, true
		}
		i++
	}
	return 0, 0, false
}

// AppendEscape appends r as a Go-style escape: \u200b, or \U000e0041 beyond
// the Basic Multilingual Plane.
func AppendEscape(dst []byte, r rune) []byte {
	if r > 0xFFFF {
		dst = append(dst, `\U`...)
		return appendHex(dst, r, 8)
	}
	dst = append(dst, `\u`...)
	return appendHex(dst, r, 4)
}

func appendHex(dst []byte, r rune, width int) []byte {
	h := strconv.FormatInt(int64(r), 16)
	for i := len(h); i < width; i++ {
		dst = append(dst, '0')
	}
	return append(dst, h...)
}

// HasCommand reports whether the line s holds a workflow command prefix that
// NeutraliseCommands would defuse.
func HasCommand(s string) bool {
	if strings.HasPrefix(strings.TrimLeftFunc(s, unicode.IsSpace), "::") {
		return true
	}
	return strings.Contains(s, "##[") || strings.Contains(s, "##vso[")
}

// NeutraliseCommands defuses the workflow commands of one line of text by
// inserting a visible backslash: "::" at the start of the line (after any
// whitespace, as the runner trims it) becomes `\::`, and every "##[" becomes
// `#\#[` ("##vso[" becomes `#\#vso[`). The runner then prints the line as it
// is; a reader still sees what was written. s must not contain line breaks
// (the callers turn them into spaces or split on them first).
func NeutraliseCommands(s string) string {
	if !HasCommand(s) {
		return s
	}
	if t := strings.TrimLeftFunc(s, unicode.IsSpace); strings.HasPrefix(t, "::") {
		s = s[:len(s)-len(t)] + `\` + t
	}
	s = strings.ReplaceAll(s, "##[", `#\#[`)
	return strings.ReplaceAll(s, "##vso[", `#\#vso[`)
}

// RunnerCommand reports whether a CI runner would take the line as a workflow
// command, and which: it is the GitHub runner's parser (ActionCommand.TryParseV2
// and TryParse) made stricter for tests, as every command name counts and
// invisible characters are ignored (.NET compares strings with ICU, which skips
// them). Azure Pipelines' "##vso[" counts too.
func RunnerCommand(line string) (string, bool) {
	line = strings.Map(func(r rune) rune {
		if Invisible(r) {
			return -1
		}
		return r
	}, line)
	if t := strings.TrimLeftFunc(line, unicode.IsSpace); strings.HasPrefix(t, "::") {
		if end := strings.Index(t[2:], "::"); end >= 0 {
			name, _, _ := strings.Cut(t[2:2+end], " ")
			return name, true
		}
	}
	for _, prefix := range []string{"##[", "##vso["} {
		if i := strings.Index(line, prefix); i >= 0 {
			if j := strings.IndexByte(line[i:], ']'); j >= 0 {
				name, _, _ := strings.Cut(line[i+len(prefix):i+j], " ")
				return name, true
			}
		}
	}
	return "", false
}
