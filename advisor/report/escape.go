package report

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"

	"github.com/hybridadvisor/hybridadvisor/advisor/render"
)

// Escaping. Everything that comes from a user (names, descriptions, paths,
// waiver reasons, rule messages that quote profile values, the --title) goes
// through one of these before it reaches the report.

// CodeSpan puts s in an inline code span for prose (outside tables): no
// backtick in s can close it early and it stays on one line.
func CodeSpan(s string) string {
	s = render.Clean(s)
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// MermaidLabel escapes s for use inside a double-quoted Mermaid label
// (n1["..."]). Letters, digits, spaces and a few harmless punctuation marks
// are kept; every other character becomes a Mermaid entity code (#quot; or
// #NNN; with the decimal code point), so nothing in s can close the quotes,
// start markup, a comment, a directive or an entity of its own. Control and
// bidi-override characters are removed and line breaks become spaces.
func MermaidLabel(s string) string {
	s = render.Clean(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString("#quot;")
		case r == ' ' || r == '-' || r == '.' || r == ',' || r == '/' || r == '(' || r == ')' || r == '\'' || r == '+' || r == '=' || r == '?' || r == '!' || r == '_':
			b.WriteRune(r)
		case r < 0x80 && (r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'):
			b.WriteRune(r)
		case r >= 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)):
			b.WriteRune(r)
		default:
			fmt.Fprintf(&b, "#%d;", r)
		}
	}
	return b.String()
}

// SafeURL returns u when it is an absolute http or https URL that can be put in
// a Markdown link destination as is, and "" otherwise.
func SafeURL(u string) string {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "https" && p.Scheme != "http") || p.Host == "" {
		return ""
	}
	for _, r := range u {
		if r <= ' ' || r == '<' || r == '>' || r == '(' || r == ')' || r == '"' || r == '\'' || r == '`' || r == '\\' || r == '|' || r == '[' || r == ']' || r >= 0x7f {
			return ""
		}
	}
	return u
}

// MarkdownLink renders a link to an http(s) URL with escaped text, or the
// escaped text alone when the URL is not safe to link.
func MarkdownLink(text, u string) string {
	if SafeURL(u) != "" && text == u {
		return "<" + u + ">"
	}
	if SafeURL(u) == "" {
		if text == u {
			return render.MarkdownCode(u)
		}
		return render.MarkdownText(text) + " (" + render.MarkdownCode(u) + ")"
	}
	return "[" + render.MarkdownText(text) + "](" + u + ")"
}
