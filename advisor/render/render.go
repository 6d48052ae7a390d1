// Package render writes a result in the formats people and CI systems read. Every
// format renders from result.Result, never from the engine's internals.
package render

import (
	"encoding/json"
	"io"
	"strings"
	"unicode"

	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

// JSON writes the result contract, indented, with a trailing newline.
func JSON(w io.Writer, r *result.Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// Clean makes a user-supplied string safe for a terminal: ANSI escape sequences
// and other control characters are removed, and line breaks become spaces so one
// value cannot break a table row.
func Clean(s string) string {
	if !needsCleaning(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= 0x80 {
			r, size = decodeRune(s[i:])
		}
		switch {
		case r == 0x1b: // ESC: skip a CSI/OSC sequence, or the lone escape
			i += skipEscape(s[i:])
			continue
		case r == '\n' || r == '\r' || r == '\t':
			b.WriteByte(' ')
		case unicode.IsControl(r) || r == unicode.ReplacementChar && size == 1:
			// dropped
		case unicode.Is(unicode.Cf, r) && r != 0x200d: // bidi overrides and other invisible format characters
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func needsCleaning(s string) bool {
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && (unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == unicode.ReplacementChar)) {
			return true
		}
	}
	return false
}

func decodeRune(s string) (rune, int) {
	for _, r := range s {
		n := len(string(r))
		if r == unicode.ReplacementChar && !strings.HasPrefix(s, "\uFFFD") {
			return r, 1
		}
		return r, n
	}
	return unicode.ReplacementChar, 1
}

// skipEscape returns the length of the escape sequence at the start of s.
func skipEscape(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[': // CSI: parameters then a final byte in 0x40..0x7e
		for i := 2; i < len(s); i++ {
			if s[i] >= 0x40 && s[i] <= 0x7e {
				return i + 1
			}
		}
		return len(s)
	case ']', 'P', '_', '^': // OSC/DCS/APC/PM: until BEL or ESC \
		for i := 2; i < len(s); i++ {
			if s[i] == 0x07 {
				return i + 1
			}
			if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
		}
		return len(s)
	}
	return 2
}
