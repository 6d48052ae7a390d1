package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"

	"github.com/hybridadvisor/hybridadvisor/tui/internal/bubbles/help"
	tea "github.com/hybridadvisor/hybridadvisor/tui/internal/bubbletea"
)

// The main pane shows one screen at a time: a tab (component, cost curve,
// architecture), the help, or a file's errors when it has no result. Each is a
// component with its own scroll (a pane) and keys; the root passes it the focus
// before routing a key to it or drawing it.

// screen is a page of the main pane.
type screen interface {
	component
	// setFocus gives the screen what to show.
	setFocus(f focus)
	// content is the screen's unscrolled lines at width w, with h lines of room.
	content(w, h int) []string
	pane() *pane
}

// page holds what every screen has: styles, size, focus, scroll.
type page struct {
	st     styles
	scroll scrollKeys
	p      pane
	focus  focus
	width  int
	height int
}

func newPage(st styles, k browseKeys) page {
	return page{st: st, scroll: newScrollKeys(k), p: newPane()}
}

func (pg *page) SetSize(w, h int) {
	pg.width, pg.height = w, h
	pg.p.setSize(w, h)
}

func (pg *page) setFocus(f focus)    { pg.focus = f }
func (pg *page) pane() *pane         { return &pg.p }
func (pg *page) KeyMap() help.KeyMap { return pg.scroll }

// Update scrolls; screens with keys of their own handle those first.
func (pg *page) Update(msg tea.Msg) tea.Cmd {
	if km, ok := msg.(tea.KeyMsg); ok {
		pg.p.scroll(km, pg.scroll)
	}
	return nil
}

// pickKeys step through a screen's choices (options, clouds) with left/right.
type pickKeys struct{ Prev, Next key.Binding }

func (k pickKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Prev, k.Next} }
func (k pickKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

func newPickKeys(k browseKeys, what string) pickKeys {
	return pickKeys{
		Prev: key.NewBinding(key.WithKeys(k.Left.Keys()...), key.WithHelp(k.Left.Help().Key, "previous "+what)),
		Next: key.NewBinding(key.WithKeys(k.Right.Keys()...), key.WithHelp(k.Right.Help().Key, "next "+what)),
	}
}

// pick reports -1 or 1 for a left/right key, 0 for any other.
func (k pickKeys) pick(msg tea.Msg) int {
	km, ok := msg.(tea.KeyMsg)
	switch {
	case !ok:
		return 0
	case key.Matches(km, k.Prev):
		return -1
	case key.Matches(km, k.Next):
		return 1
	}
	return 0
}

// draw is a screen's View: its content scrolled into its height.
func draw(s screen, w, h int, st styles) string {
	return strings.Join(fill(s.pane().draw(s.content(w, h), h, st), h, w), "\n")
}

// bannered puts the invalid-text banner above a screen's lines while the
// file's current text does not score (the form shows the errors itself).
func (pg *page) bannered(lines []string, w int) []string {
	if f := pg.focus.file; f != nil && len(f.errs) > 0 && !pg.focus.formOpen {
		return append(pg.st.invalidBanner(f, w), lines...)
	}
	return lines
}

// componentScreen shows the selected component: the recommendation, every
// option (left/right picks one, its cost lines follow), the findings.
type componentScreen struct {
	page
	keys   pickKeys
	option int // the selected row of the options table
}

func newComponentScreen(st styles, k browseKeys) *componentScreen {
	return &componentScreen{page: newPage(st, k), keys: newPickKeys(k, "option")}
}

func (s *componentScreen) KeyMap() help.KeyMap { return s.keys }

func (s *componentScreen) Update(msg tea.Msg) tea.Cmd {
	if d := s.keys.pick(msg); d != 0 {
		s.moveOption(d)
		return nil
	}
	return s.page.Update(msg)
}

func (s *componentScreen) moveOption(delta int) {
	if c := s.focus.comp; c != nil && len(c.Options) > 0 {
		n := len(c.Options)
		s.option = (s.option + delta + n) % n
	}
}

// resetOption selects the recommended platform's row.
func (s *componentScreen) resetOption() {
	s.option = 0
	if c := s.focus.comp; c != nil {
		for i, o := range c.Options {
			if o.Platform == c.Recommendation.Platform {
				s.option = i
				return
			}
		}
	}
}

func (s *componentScreen) View() string { return draw(s, s.width, s.height, s.st) }

func (s *componentScreen) content(w, h int) []string {
	if s.focus.comp == nil {
		return s.bannered(nil, w)
	}
	return s.bannered(s.componentLines(s.focus.arch, s.focus.comp, w, h), w)
}

// curveScreen draws the cost curve of the selected component on a cloud
// (left/right changes it).
type curveScreen struct {
	page
	keys  pickKeys
	cloud string // "" follows the primary cloud
}

func newCurveScreen(st styles, k browseKeys) *curveScreen {
	return &curveScreen{page: newPage(st, k), keys: newPickKeys(k, "cloud")}
}

func (s *curveScreen) KeyMap() help.KeyMap { return s.keys }

func (s *curveScreen) Update(msg tea.Msg) tea.Cmd {
	if d := s.keys.pick(msg); d != 0 {
		s.moveCloud(d)
		return nil
	}
	return s.page.Update(msg)
}

// moveCloud steps the curve's cloud through the evaluated clouds, starting
// from the primary one.
func (s *curveScreen) moveCloud(delta int) {
	cl := s.focus.clouds
	if len(cl) == 0 {
		return
	}
	cur := s.cloud
	if cur == "" {
		cur = s.focus.primary()
	}
	i := 0
	for j, c := range cl {
		if c == cur {
			i = j
		}
	}
	s.cloud = cl[(i+delta+len(cl))%len(cl)]
}

func (s *curveScreen) View() string { return draw(s, s.width, s.height, s.st) }

func (s *curveScreen) content(w, h int) []string {
	out := s.bannered(nil, w)
	if c := s.focus.comp; c != nil {
		out = append(out, curveLines(s.st, s.cloud, s.focus.arch, c, w, max(h-len(out), 12))...)
	}
	return out
}

// archScreen shows every component's placement per cloud and the totals.
type archScreen struct{ page }

func newArchScreen(st styles, k browseKeys) *archScreen { return &archScreen{page: newPage(st, k)} }

func (s *archScreen) View() string { return draw(s, s.width, s.height, s.st) }

func (s *archScreen) content(w, _ int) []string {
	if s.focus.arch == nil {
		return s.bannered(nil, w)
	}
	return s.bannered(s.archLines(s.focus.arch, w), w)
}

// errorScreen shows why a file has no result: it could not be read, or its
// text does not score.
type errorScreen struct{ page }

func newErrorScreen(st styles, k browseKeys) *errorScreen { return &errorScreen{page: newPage(st, k)} }

func (s *errorScreen) View() string { return draw(s, s.width, s.height, s.st) }

func (s *errorScreen) content(w, _ int) []string {
	if s.focus.file == nil {
		return []string{s.st.dim.Render("no files")}
	}
	return s.st.fileErrorLines(s.focus.file, w)
}

// helpScreen lists the keys and the screens; ↑/↓ page through it too.
type helpScreen struct {
	page
	keys browseKeys
	help help.Model
}

func newHelpScreen(st styles, k browseKeys, h help.Model) *helpScreen {
	return &helpScreen{page: newPage(st, k), keys: k, help: h}
}

func (s *helpScreen) KeyMap() help.KeyMap { return s.keys }

func (s *helpScreen) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(km, s.keys.PageUp), key.Matches(km, s.keys.Up):
		s.p.scrollBy(-s.p.page)
	case key.Matches(km, s.keys.PageDown), key.Matches(km, s.keys.Down):
		s.p.scrollBy(s.p.page)
	default:
		return s.page.Update(msg)
	}
	return nil
}

func (s *helpScreen) View() string { return draw(s, s.width, s.height, s.st) }

func (s *helpScreen) content(w, _ int) []string { return s.helpLines(w) }

// primary is the cloud the focused architecture's recommendation is for.
func (f focus) primary() string {
	if f.arch != nil && f.arch.res.Cloud != "" {
		return f.arch.res.Cloud
	}
	if f.cloud != "" {
		return f.cloud
	}
	if len(f.clouds) > 0 {
		return f.clouds[0]
	}
	return ""
}
