package render

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

// mdSpecial are the characters that change meaning in GitHub/GitLab Markdown.
var mdReplacer = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "{", `\{`, "}", `\}`, "[", `\[`, "]", `\]`,
	"#", `\#`, "+", `\+`, "!", `\!`, "|", `\|`, "~", `\~`, "$", `\$`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;", "\r\n", " ", "\n", " ", "\r", " ",
)

// autolinkReplacer breaks GFM's extended autolinks (scheme://, e-mail
// addresses) so text from a profile never becomes a link: the entity renders as
// the same character but the autolink scanners do not see it.
var autolinkReplacer = strings.NewReplacer("://", "&#58;//", "@", "&#64;")

var wwwPrefix = regexp.MustCompile(`(?i)(w)(ww\.)`)

// leadingOrdinal is an ordered-list marker at the start of a string ("1. x").
var leadingOrdinal = regexp.MustCompile(`^([0-9]{1,9})([.)])(\s|$)`)

// MarkdownText escapes a user-supplied string for inline Markdown on GitHub and
// GitLab: it cannot start emphasis, code, links, autolinks, raw HTML, math, a
// list or a table cell boundary, and it stays on one line without leading or
// trailing spaces (an indented code block, a hard break). Control and
// bidi-override characters are removed first. Parentheses are left alone: they
// only matter right after "]", which is always escaped.
func MarkdownText(s string) string {
	s = mdReplacer.Replace(strings.TrimSpace(Clean(s)))
	s = autolinkReplacer.Replace(s)
	s = wwwPrefix.ReplaceAllStringFunc(s, func(m string) string { return fmt.Sprintf("&#%d;", m[0]) + m[1:] })
	s = leadingOrdinal.ReplaceAllString(s, `$1\$2$3`)
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "=") {
		s = `\` + s
	}
	return s
}

// Slug computes the anchor GitHub gives a heading with this text (the
// github-slugger algorithm without de-duplication): lower case; letters,
// digits, marks, "_" and "-" kept; each space becomes "-"; the rest dropped.
// GitLab's anchors agree for ordinary names.
func Slug(text string) string {
	text = strings.TrimSpace(Clean(text))
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

// MarkdownCode puts a user-supplied string in an inline code span that no
// backtick inside it can close early (CommonMark: use a longer fence).
func MarkdownCode(s string) string {
	s = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "|", `\|`).Replace(Clean(s))
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}
