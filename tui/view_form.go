package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// formMinContent is how many lines of the screen below the form stay visible
// when the form's fields have to be shown a window at a time.
const formMinContent = 5

// formLines renders the open what-if form in at most h lines: one field per
// line (two columns in a wide pane), each field's own error beside it, other
// errors below. When the fields do not all fit, a window of them around the
// focused field shows and the title says which.
func (form *editForm) lines(w, h int) []string {
	byField, other := form.errors()
	title := form.st.heading.Render("WHAT-IF") + " " + form.st.bold.Render(clean(form.name))
	hint := form.st.dim.Render(" · every change is re-evaluated; s saves it to the file, u undoes it")

	cols := 1
	if w >= 110 {
		cols = 2
	}
	colW := (w - (cols - 1)) / cols
	cells := make([]string, len(form.fields))
	for i := range form.fields {
		cells[i] = form.fieldLine(i, colW, byField[form.fields[i].spec.path])
	}
	rows := (len(cells) + cols - 1) / cols
	first, last := 0, rows
	budget := h - 2 - min(len(other), 3) - formMinContent // title and rule
	if budget < rows {
		budget = max(1, budget)
		focusRow := form.focus % rows
		first = min(max(0, focusRow-budget/2), rows-budget)
		last = first + budget
		hint = form.st.dim.Render(fmt.Sprintf(" · fields %d–%d of %d (tab/↓ for more)", first*cols+1, min(len(cells), last*cols), len(cells)))
		if cols > 1 {
			hint = form.st.dim.Render(fmt.Sprintf(" · rows %d–%d of %d (tab/↓ for more)", first+1, last, rows))
		}
	}
	out := []string{fit(title+hint, w)}
	for r := first; r < last; r++ {
		var line string
		for c := 0; c < cols; c++ {
			i := c*rows + r
			if i < len(cells) {
				if c > 0 {
					line += " "
				}
				line += fit(cells[i], colW)
			}
		}
		out = append(out, fit(line, w))
	}
	for i, e := range other {
		if i == 2 {
			out = append(out, form.st.dim.Render(fmt.Sprintf("  … and %d more problems", len(other)-2)))
			break
		}
		where := ""
		if e.Field != "" {
			where = e.Field + ": "
		}
		out = append(out, fit(form.st.err.Render(fmt.Sprintf("✗ line %d: %s%s", e.Line, where, clean(e.Message))), w))
	}
	return append(out, form.st.border.Render(strings.Repeat("─", w)))
}

// fieldLine is one field: marker, label, input or choice, and its error or hint.
func (form *editForm) fieldLine(i, w int, errMsg string) string {
	ff := &form.fields[i]
	focused := i == form.focus
	marker := "  "
	if focused {
		marker = form.st.accent.Render("▸ ")
	}
	label := fmt.Sprintf("%-16s", ff.spec.label)
	if focused {
		label = form.st.bold.Render(label)
	}
	var input string
	inputW := 14
	if ff.spec.kind == fieldEnum {
		v := ff.spec.enum[ff.choice]
		if focused {
			input = form.st.accent.Render("◂ ") + form.st.bold.Render(fmt.Sprintf("%-9s", v)) + form.st.accent.Render(" ▸")
		} else {
			input = "  " + fmt.Sprintf("%-9s", v) + "  "
		}
		input = fit(input, inputW)
	} else {
		st := form.st.field
		if focused {
			st = form.st.fieldFocus
		}
		box := ff.input.View(inputW-2, focused, form.st)
		if plain() {
			input = "[" + box + "]"
		} else {
			input = " " + st.Render(box) + " "
		}
	}
	line := marker + label + input
	rest := w - lipgloss.Width(line) - 1
	switch {
	case errMsg != "":
		line += " " + form.st.err.Render(trunc("✗ "+clean(errMsg), rest))
	case !ff.written:
		line += " " + form.st.dim.Render(trunc("default", rest))
	case focused && ff.spec.unit != "":
		line += " " + form.st.dim.Render(trunc("e.g. "+ff.spec.unit, rest))
	}
	return line
}
