package render

import (
	"strings"
)

// mdSpecial are the characters that change meaning in GitHub/GitLab Markdown.
var mdReplacer = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "{", `\{`, "}", `\}`, "[", `\[`, "]", `\]`,
	"(", `\(`, ")", `\)`, "#", `\#`, "+", `\+`, "!", `\!`, "|", `\|`, "~", `\~`, "$", `\$`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;", "\r\n", " ", "\n", " ", "\r", " ",
)

// MarkdownText escapes a user-supplied string for inline Markdown text: it cannot
// start emphasis, links, code, HTML or a table cell boundary, and stays on one
// line. Control characters are removed first.
func MarkdownText(s string) string {
	s = Clean(s)
	s = mdReplacer.Replace(s)
	// A leading "-" or "=" could start a list or a heading underline.
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "=") {
		s = `\` + s
	}
	return s
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
