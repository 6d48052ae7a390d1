package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
)

// Layout: a header line, the body (the list on the left, a separator, the main
// pane) and two footer lines (status, key help). Every line is cut or padded to
// the terminal width by fit, so nothing wraps.

const (
	minWidth  = 60
	minHeight = 16
)

// View renders the whole screen.
func (m *Model) View() string {
	if m.done {
		return ""
	}
	W, H := m.width, m.height
	if W <= 0 || H <= 0 {
		return "loading…"
	}
	if W < minWidth || H < minHeight {
		msg := fmt.Sprintf("hybridadvisor needs at least %d×%d (now %d×%d)", minWidth, minHeight, W, H)
		return strings.Join(fill([]string{msg, "q quits"}, H, W), "\n")
	}
	lw := m.listWidth()
	mw := W - lw - 1
	bh := m.bodyHeight()
	m.list.show(m.files, m.rows(), m.sel)
	left := m.list.lines(lw, bh)
	main := m.viewMain(mw, bh)
	sep := m.st.border.Render("│")

	lines := make([]string, 0, H)
	lines = append(lines, m.viewHeader(W))
	for i := 0; i < bh; i++ {
		lines = append(lines, fit(left[i], lw)+sep+fit(main[i], mw))
	}
	lines = append(lines, m.viewStatus(W), m.viewKeys(W))
	return strings.Join(lines, "\n")
}

func (m *Model) listWidth() int { return min(max(m.width/4, 22), 34) }

func (m *Model) bodyHeight() int { return max(1, m.height-3) }

func (m *Model) viewHeader(w int) string {
	left := m.st.title.Render("hybridadvisor")
	if f, _, _ := m.current(); f != nil {
		left += m.st.dim.Render(" · ") + m.st.bold.Render(f.name())
		switch {
		case f.readOnly:
			left += m.st.dim.Render(" (read-only)")
		}
		if f.dirty() {
			left += m.st.warn.Render(" ● modified")
		}
		if len(f.errs) > 0 && len(f.archs) > 0 {
			left += m.st.err.Render(" ✗ invalid")
		}
	}
	cloud := m.cloud
	if cloud == "" {
		cloud = "cheapest"
		if p := m.primaryCloud(); p != "" {
			cloud += "→" + p
		}
	}
	ft := "on"
	if !m.effectiveFreeTier() {
		ft = "off"
	}
	right := m.st.dim.Render("cloud ") + m.st.accent.Render(cloud) + m.st.dim.Render(" · free tier ") + m.st.accent.Render(ft)
	if m.evaluating() {
		right = m.st.warn.Render("evaluating… ") + right
	}
	if w >= 120 {
		right += m.st.dim.Render(" · prices as of " + m.pricesAsOf())
	}
	space := w - lipgloss.Width(left) - lipgloss.Width(right)
	if space < 1 {
		return fit(left, w-lipgloss.Width(right)-1) + " " + right
	}
	return left + strings.Repeat(" ", space) + right
}

func (m *Model) evaluating() bool {
	for _, f := range m.files {
		if f.evaluating {
			return true
		}
	}
	return false
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// viewMain renders the main pane: the screen tabs, the form when open, and the
// shown screen's content, scrolled.
func (m *Model) viewMain(w, h int) []string {
	var out []string
	if !m.showHelp {
		out = []string{m.tabBar(w)}
		if m.form != nil {
			m.form.SetSize(w, h-len(out))
			out = append(out, m.form.lines(w, h-len(out))...)
		}
	}
	room := h - len(out)
	if room < 1 {
		return fill(out, h, w)
	}
	scr := m.activeScreen()
	scr.setFocus(m.focus())
	out = append(out, scr.pane().draw(scr.content(w, h-len(out)), room, m.st)...)
	return fill(out, h, w)
}

func (m *Model) tabBar(w int) string {
	var parts []string
	for i, n := range screenNames {
		label := fmt.Sprintf("%d %s", i+1, n)
		if tab(i) == m.screen {
			if plain() {
				label = "[" + label + "]"
			}
			parts = append(parts, m.st.tabOn.Render(label))
		} else {
			if plain() {
				label = " " + label + " "
			}
			parts = append(parts, m.st.tabOff.Render(label))
		}
	}
	return fit(" "+strings.Join(parts, m.st.dim.Render("  ")), w)
}

// viewStatus is the line above the key help: a question, the current file's
// problem, or the last message.
func (m *Model) viewStatus(w int) string {
	if p := m.prompt; p != nil {
		if p.kind == promptFilter {
			shown, total := m.filterCount()
			p.question = fmt.Sprintf("filter components (%d of %d):", shown, total)
		}
		p.SetSize(w, 1)
		return p.View()
	}
	if f, _, _ := m.current(); f != nil && len(f.errs) > 0 && len(f.archs) > 0 {
		e := f.errs[0]
		msg := fmt.Sprintf("✗ line %d: %s — showing the last good result", e.Line, clean(e.Message))
		return fit(m.st.err.Render(msg), w)
	}
	if m.status == "" && m.filter != "" {
		shown, total := m.filterCount()
		msg := fmt.Sprintf("filter %q: %d of %d components · / changes it · esc clears it", m.filter, shown, total)
		if shown == 0 {
			return fit(m.st.warn.Render(msg), w)
		}
		return fit(m.st.accent.Render(msg), w)
	}
	if m.status != "" {
		if m.statusOK {
			return fit(m.st.ok.Render(clean(m.status)), w)
		}
		return fit(m.st.warn.Render(clean(m.status)), w)
	}
	return fit(m.st.dim.Render(m.summaryLine()), w)
}

func (m *Model) summaryLine() string {
	comps, errs := 0, 0
	for _, f := range m.files {
		for _, a := range f.archs {
			comps += len(a.res.Components)
		}
		if len(f.archs) == 0 && (f.loadErr != "" || len(f.errs) > 0) {
			errs++
		}
	}
	s := fmt.Sprintf("%d file%s · %d component%s", len(m.files), plural(len(m.files)), comps, plural(comps))
	if errs > 0 {
		s += fmt.Sprintf(" · %d with errors", errs)
	}
	return s + " · prices as of " + m.pricesAsOf()
}

// pricesAsOf is the date of the price tables the advisor prices with.
func (m *Model) pricesAsOf() string {
	a, err := m.advisor()
	if err != nil {
		return ""
	}
	return a.PricingInfo().AsOf
}

func (m *Model) viewKeys(w int) string {
	var s string
	switch {
	case m.prompt != nil:
		s = m.help.ShortHelpView(m.prompt.KeyMap().ShortHelp())
	case m.form != nil:
		s = m.fitKeys(m.form.KeyMap().ShortHelp(), 1, w)
	case m.showHelp:
		s = m.st.dim.Render("? or esc closes the help · pgdn/pgup scroll · q quit")
	default:
		s = m.fitKeys(m.keys.ShortHelp(), 2, w)
	}
	return fit(s, w)
}

// fitKeys renders the key help line so that it fits in w cells without being
// cut: the last keep bindings (help, quit) always show; the others are listed
// most important first and dropped from the end of that list until the line
// fits.
func (m *Model) fitKeys(bs []key.Binding, keep, w int) string {
	h := m.help
	h.Width = 0
	keep = min(keep, len(bs))
	opt, must := bs[:len(bs)-keep], bs[len(bs)-keep:]
	for n := len(opt); n >= 0; n-- {
		line := append(append([]key.Binding(nil), opt[:n]...), must...)
		if s := h.ShortHelpView(line); lipgloss.Width(s) <= w || n == 0 {
			return s
		}
	}
	return ""
}

// helpLines is the full help screen.
func (s *helpScreen) helpLines(w int) []string {
	out := []string{s.st.heading.Render("Keys"), ""}
	h := s.help
	h.Width = 0
	groups := s.keys.FullHelp()
	// As many key groups side by side as fit; the rest below.
	width := func(gs [][]key.Binding) int {
		n := 0
		for _, l := range strings.Split(h.FullHelpView(gs), "\n") {
			n = max(n, lipgloss.Width(l))
		}
		return n
	}
	for len(groups) > 0 {
		n := 1
		for n < len(groups) && width(groups[:n+1]) <= w {
			n++
		}
		if len(out) > 2 {
			out = append(out, "")
		}
		out = append(out, strings.Split(h.FullHelpView(groups[:n]), "\n")...)
		groups = groups[n:]
	}
	out = append(out, "", s.st.heading.Render("Screens"))
	for _, text := range []string{
		"1 Component: the recommendation and its rules, every platform on every cloud with its monthly cost (←/→ picks one; its cost lines follow), the findings.",
		"2 Cost curve: monthly cost against monthly requests for the cheapest function and container on a cloud (←/→ changes the cloud), the break-even point and today's traffic.",
		"3 Architecture: every component's placement per cloud and the monthly totals: recommended, all functions, all containers.",
		"",
		"What-if: e opens the form; every change is re-evaluated at once. c and f change the primary cloud and the free tier for the session (like --cloud and --free-tier); they are not saved. s writes the edits back to the YAML file, keeping its comments and layout. x exports the Markdown report.",
	} {
		out = append(out, wrap(text, w-1, "  ")...)
	}
	return out
}
