package safetext

import (
	"bytes"
	"encoding/binary"
	"io"
	"strings"
	"sync"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Terminal text. Everything a user wrote (names, descriptions, paths, rule
// messages of their policies, anything read back from a saved result) goes
// through Clean (render.Clean) before it reaches human-readable output, and
// every text output goes through a Guard on its way out. The rule, in
// docs/ci.md:
//
//   - control characters are removed (ANSI escape sequences whole), line breaks
//     and tabs become spaces, invalid UTF-8 is dropped;
//   - invisible characters (Invisible: zero-width, bidi controls, tag
//     characters, separators, fillers) are shown as \u escapes, so "a\u200bpi"
//     never looks like "api"; an emoji's joiner or presentation selector is kept
//     after the emoji;
//   - workflow commands are defused with a visible backslash: "::" at the start
//     of a line (after whitespace) becomes `\::`, and "##[" anywhere becomes
//     `#\#[` (NeutraliseCommands). A leading space would not do: the
//     GitHub runner trims whitespace before it looks for "::".

// Clean makes a user-supplied string safe for one line of a terminal or a CI log
// (see above).
func Clean(s string) string {
	if !needsCleaning(s) {
		return s
	}
	return NeutraliseCommands(string(appendSafe(make([]byte, 0, len(s)+8), s, false, true)))
}

// CleanKeepCommands is Clean without defusing workflow commands, for text that
// is already inside one (a GitHub annotation's properties and message) or that
// is not headed for a CI log (a text field being edited in the TUI).
func CleanKeepCommands(s string) string {
	if !needsCleaning(s) {
		return s
	}
	return string(appendSafe(make([]byte, 0, len(s)+8), s, false, true))
}

func needsCleaning(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0x7f {
			return true
		}
		if c >= utf8.RuneSelf {
			for _, r := range s[i:] {
				if r < 0x20 || r == 0x7f || r == utf8.RuneError || r >= 0x80 && (unicode.IsControl(r) || Invisible(r)) {
					return true
				}
			}
			break
		}
	}
	return HasCommand(s)
}

// appendSafe appends s without control characters (escape sequences are
// skipped whole, or copied with keepANSI) and with invisible characters
// escaped. oneLine turns line breaks and tabs into spaces; otherwise tabs are
// kept and other line breaks dropped (s is then one line of a Guard).
func appendSafe(dst []byte, s string, keepANSI, oneLine bool) []byte {
	prev := rune(0) // the last character written as is
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == 0x1b:
				n := skipEscape(s[i:])
				if keepANSI {
					dst = append(dst, s[i:i+n]...)
				}
				i += n
				continue
			case c == '\t' || (oneLine && (c == '\n' || c == '\r')):
				if oneLine {
					c = ' '
				}
				dst = append(dst, c)
			case c < 0x20 || c == 0x7f:
				// dropped
			default:
				dst = append(dst, c)
			}
			prev = rune(c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1, unicode.IsControl(r):
			// invalid UTF-8 and C1 controls: dropped
		case Invisible(r) && !(EmojiJoiner(r) && EmojiBase(prev)):
			dst = AppendEscape(dst, r)
			prev = '\\'
		default:
			dst = append(dst, s[i:i+size]...)
			prev = r
		}
		i += size
	}
	return dst
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
	case ']', 'P', '_', '^', 'X': // OSC/DCS/APC/PM/SOS: until BEL or ESC \
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

// Guard filters a text or JSON output on its way to a terminal or a CI log,
// line by line, as the last line of defence should a user string have missed
// Clean (or reached the output by a path that does not clean, such as an error
// message quoting a policy):
//
//   - GuardText applies the rule of Clean to every line: control characters
//     other than tabs removed (ANSI escape sequences kept with keepANSI, for a
//     coloured table), invisible characters escaped, workflow commands defused.
//   - GuardJSON keeps JSON valid and its values unchanged: an invisible
//     character becomes a JSON \u escape, "##[" becomes "#\u0023[". (JSON lines
//     cannot start with "::": strings hold no raw line breaks.)
//
// A Guard holds back a line until its end; Flush writes what is left. It is
// safe for concurrent use (policies print from parallel evaluations).
type Guard struct {
	mu       sync.Mutex
	w        io.Writer
	json     bool
	keepANSI bool
	partial  []byte
	scratch  []byte
	err      error
}

// GuardText returns a Guard for human-readable text.
func GuardText(w io.Writer, keepANSI bool) *Guard { return &Guard{w: w, keepANSI: keepANSI} }

// GuardJSON returns a Guard for JSON.
func GuardJSON(w io.Writer) *Guard { return &Guard{w: w, json: true} }

// Write filters p; a last line without its line break waits for the next Write
// or Flush.
func (g *Guard) Write(p []byte) (int, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.err != nil {
		return 0, g.err
	}
	n := len(p)
	if len(g.partial) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			g.partial = append(g.partial, p...)
			return n, nil
		}
		g.partial = append(g.partial, p[:i+1]...)
		g.emit(g.partial)
		g.partial = g.partial[:0]
		p = p[i+1:]
	}
	if last := bytes.LastIndexByte(p, '\n'); last >= 0 {
		g.emit(p[:last+1])
		p = p[last+1:]
	}
	g.partial = append(g.partial, p...)
	return n, g.err
}

// Flush writes the last line if it has no line break.
func (g *Guard) Flush() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(g.partial) > 0 && g.err == nil {
		g.emit(g.partial)
		g.partial = g.partial[:0]
	}
	return g.err
}

// emit writes whole lines (and, from Flush, a last partial one).
func (g *Guard) emit(b []byte) {
	if g.err != nil {
		return
	}
	if g.plain(b) {
		_, g.err = g.w.Write(b)
		return
	}
	out := g.scratch[:0]
	for len(b) > 0 {
		line, rest, nl := b, []byte(nil), false
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, rest, nl = b[:i], b[i+1:], true
		}
		if g.json {
			if isASCII(line) && !bytes.Contains(line, []byte("##")) {
				out = append(out, line...) // most lines of a chunk that needs the filter do not
			} else {
				out = appendJSONSafe(out, line)
			}
		} else {
			start := len(out)
			out = appendSafe(out, string(line), g.keepANSI, false)
			if l := string(out[start:]); HasCommand(l) {
				out = append(out[:start], NeutraliseCommands(l)...)
			}
		}
		if nl {
			out = append(out, '\n')
		}
		b = rest
	}
	g.scratch = out
	_, g.err = g.w.Write(out)
}

// plain reports whether b passes the filter unchanged: printable ASCII, tabs
// and line breaks, no workflow command (conservatively: "##v" counts).
func (g *Guard) plain(b []byte) bool {
	if g.json {
		// JSON needs only invisible characters (never ASCII) and "##" looked at: both
		// tests run at memory speed on the hundreds of megabytes a batch can write
		return isASCII(b) && !bytes.Contains(b, []byte("##"))
	}
	start := true // only blanks since the line began
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '\n':
			start = true
			continue
		case c == ' ' || c == '\t':
			continue
		case c == ':' && start && !g.json && i+1 < len(b) && b[i+1] == ':':
			return false
		case c == '#' && i+2 < len(b) && b[i+1] == '#' && (b[i+2] == '[' || b[i+2] == 'v'):
			return false
		case c >= 0x7f || (c < 0x20 && !g.json):
			return false
		}
		start = false
	}
	return true
}

// appendJSONSafe appends one line of JSON with invisible characters as JSON
// escapes and "##[" spelt "#\u0023[" (both only ever occur inside strings).
func appendJSONSafe(dst, line []byte) []byte {
	start := len(dst)
	for i := 0; i < len(line); {
		if line[i] < utf8.RuneSelf {
			dst = append(dst, line[i])
			i++
			continue
		}
		r, size := utf8.DecodeRune(line[i:])
		if Invisible(r) {
			if r > 0xFFFF {
				hi, lo := utf16.EncodeRune(r)
				dst = appendJSONEscape(appendJSONEscape(dst, hi), lo)
			} else {
				dst = appendJSONEscape(dst, r)
			}
		} else {
			dst = append(dst, line[i:i+size]...)
		}
		i += size
	}
	if s := string(dst[start:]); strings.Contains(s, "##") {
		s = strings.ReplaceAll(s, "##[", `#\u0023[`)
		s = strings.ReplaceAll(s, "##vso[", `#\u0023vso[`)
		dst = append(dst[:start], s...)
	}
	return dst
}

func appendJSONEscape(dst []byte, r rune) []byte {
	const hex = "0123456789abcdef"
	return append(dst, '\\', 'u', hex[r>>12&0xf], hex[r>>8&0xf], hex[r>>4&0xf], hex[r&0xf])
}

// isASCII reports whether b holds only 7-bit bytes, eight at a time.
func isASCII(b []byte) bool {
	for len(b) >= 8 {
		if binary.LittleEndian.Uint64(b)&0x8080808080808080 != 0 {
			return false
		}
		b = b[8:]
	}
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
