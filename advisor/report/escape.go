package report

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode"

	"github.com/hybridadvisor/hybridadvisor/advisor/render"
)

// Escaping. Everything that comes from a user (names, descriptions, paths,
// waiver reasons, rule messages that quote profile values, the --title) goes
// through one of these before it reaches the report.

// autolinkReplacer breaks the GFM extended autolinks (scheme://, www., e-mail
// addresses) so that text from a profile never becomes a link: the entity
// renders as the same character but the autolink scanners do not see it.
var autolinkReplacer = strings.NewReplacer("://", "&#58;//", "@", "&#64;")

var wwwPrefix = regexp.MustCompile(`(?i)(w)(ww\.)`)

// leadingOrdinal is an ordered-list marker at the start of a string ("1. x").
var leadingOrdinal = regexp.MustCompile(`^([0-9]{1,9})([.)])(\s|$)`)

// parenReplacer undoes render.MarkdownText's escaping of parentheses, which only
// matter right after "]" (a link) and "]" is always escaped: the report stays
// readable as plain text in a diff.
var parenReplacer = strings.NewReplacer(`\(`, "(", `\)`, ")")

// MarkdownText escapes s for inline Markdown on GitHub and GitLab: it cannot
// start emphasis, code, links, autolinks, raw HTML, math or a table cell
// boundary, and it stays on one line without leading or trailing spaces.
// Control and bidi-override characters are removed. It extends
// render.MarkdownText (which it calls first).
func MarkdownText(s string) string {
	// Leading spaces could make an indented code block, trailing ones a hard break.
	s = parenReplacer.Replace(render.MarkdownText(strings.TrimSpace(render.Clean(s))))
	s = autolinkReplacer.Replace(s)
	s = wwwPrefix.ReplaceAllStringFunc(s, func(m string) string { return fmt.Sprintf("&#%d;", m[0]) + m[1:] })
	s = strings.ReplaceAll(s, "$", `\$`) // GitHub inline math
	s = leadingOrdinal.ReplaceAllString(s, `$1\$2$3`)
	return s
}

// MarkdownCode puts s in an inline code span safe inside a GFM table cell
// (pipes are escaped as the table syntax requires).
func MarkdownCode(s string) string { return render.MarkdownCode(s) }

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
			return MarkdownCode(u)
		}
		return MarkdownText(text) + " (" + MarkdownCode(u) + ")"
	}
	return "[" + MarkdownText(text) + "](" + u + ")"
}

// Slug computes the anchor GitHub gives a heading with this text (the
// github-slugger algorithm without the de-duplication, which Anchors does):
// lower case; letters, digits, marks, "_" and "-" kept; each space becomes "-";
// everything else dropped. GitLab's anchors agree for ordinary names (GitLab
// also folds runs of "-" into one).
func Slug(text string) string {
	text = strings.TrimSpace(render.Clean(text))
	var b strings.Builder
	for _, r := range strings.ToLower(text) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_':
			b.WriteRune(r)
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsNumber(r) || unicode.Is(unicode.M, r) || unicode.Is(unicode.Pc, r):
			b.WriteRune(r)
		}
	}
	return b.String()
}
