package tui

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// fileErrorLines shows why a file has no result: each error with its line of
// the source and a caret under the column.
func (st styles) fileErrorLines(f *file, w int) []string {
	out := []string{fit(st.bold.Render(f.name()), w)}
	switch {
	case f.loadErr != "":
		return append(out, wrapStyled(clean(f.loadErr), w, "  ", st.err)...)
	case len(f.errs) == 0:
		return append(out, st.dim.Render("evaluating…"))
	}
	out = append(out, st.err.Render(fmt.Sprintf("%d error%s; this file is not scored", len(f.errs), plural(len(f.errs)))), "")
	for _, e := range f.errs {
		out = append(out, st.errorBlock(f, e, w)...)
	}
	return out
}

// invalidBanner heads the screen while the current text does not score.
func (st styles) invalidBanner(f *file, w int) []string {
	out := []string{fit(st.err.Render("✗ The edited text does not score; the figures below are the last good result."), w)}
	for i, e := range f.errs {
		if i == 3 {
			out = append(out, st.dim.Render(fmt.Sprintf("  … and %d more", len(f.errs)-3)))
			break
		}
		out = append(out, st.errorBlock(f, e, w)...)
	}
	return append(out, "")
}

// errorBlock is one error: "line:col message", then the source line and a caret.
func (st styles) errorBlock(f *file, e fileError, w int) []string {
	where := "file"
	if e.Line > 0 {
		where = fmt.Sprintf("%d:%d", e.Line, e.Column)
	}
	out := wrap(st.err.Render(where)+" "+clean(e.Message), w, "    ")
	src, ok := sourceLine(f.src, e.Line)
	if !ok {
		return out
	}
	num := fmt.Sprintf("%4d │ ", e.Line)
	text := clean(src)
	if f.doc == nil || !f.doc.Mappings() {
		// Not YAML mappings: maybe not a profile at all (a .env file), so only
		// the start of the line is shown.
		text = briefLine(text)
	}
	// The caret goes under the column (yaml.v3 columns count characters);
	// long lines are shifted left so the caret stays visible.
	col := max(e.Column, 1)
	prefix := []rune(text)
	if col-1 > len(prefix) {
		col = len(prefix) + 1
	}
	caretAt := lipgloss.Width(string(prefix[:col-1]))
	room := w - lipgloss.Width(num) - 1
	shift := 0
	if caretAt >= room {
		shift = caretAt - room/2
		text = "…" + ansi.Cut(text, shift+1, lipgloss.Width(text))
		caretAt = caretAt - shift
	}
	out = append(out, st.dim.Render(num)+trunc(text, room))
	out = append(out, st.dim.Render(strings.Repeat(" ", lipgloss.Width(num)-2)+"│ ")+strings.Repeat(" ", caretAt)+st.err.Render("^"))
	return out
}

// sourceLine returns line n (1-based) of src without its line break.
func sourceLine(src []byte, n int) (string, bool) {
	if n < 1 {
		return "", false
	}
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(src, '\n')
		if j < 0 {
			return "", false
		}
		src = src[j+1:]
	}
	if j := bytes.IndexByte(src, '\n'); j >= 0 {
		src = src[:j]
	}
	return string(bytes.TrimSuffix(src, []byte("\r"))), true
}

// briefLineLen is how much of a line of a file that is not a profile is shown.
const briefLineLen = 16

// briefLine keeps the first briefLineLen characters of a line.
func briefLine(text string) string {
	if r := []rune(text); len(r) > briefLineLen {
		return string(r[:briefLineLen]) + "…"
	}
	return text
}
