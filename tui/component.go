package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"

	"github.com/hybridadvisor/hybridadvisor/advisor/result"
	"github.com/hybridadvisor/hybridadvisor/tui/internal/bubbles/help"
	"github.com/hybridadvisor/hybridadvisor/tui/internal/bubbles/viewport"
	tea "github.com/hybridadvisor/hybridadvisor/tui/internal/bubbletea"
)

// component is one part of the UI with its own state: each screen of the main
// pane, the component list, the what-if form and the footer prompt. The root
// model (Model) owns the files and the evaluation, routes each message to the
// component it concerns, sizes the components and lays them out.
type component interface {
	Update(msg tea.Msg) tea.Cmd
	View() string
	SetSize(width, height int)
	KeyMap() help.KeyMap
}

// focus is what the screens show: the selection resolved against the last
// good evaluation, and the session's what-if settings. The root builds it
// before routing a message to a screen or drawing one.
type focus struct {
	file *file
	arch *archState
	comp *result.Component
	// compIndex is the selected component's index in arch (-1 when none).
	compIndex int
	clouds    []string
	cloud     string // what-if primary cloud ("" = cheapest)
	// curveCloud is the cost curve's cloud ("" follows the primary cloud).
	curveCloud string
	formOpen   bool
}

// scrollKeys scroll a pane.
type scrollKeys struct {
	PageUp, PageDown, Top, Bottom key.Binding
}

func (k scrollKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.PageDown, k.PageUp, k.Top, k.Bottom}
}
func (k scrollKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

func newScrollKeys(b browseKeys) scrollKeys {
	return scrollKeys{PageUp: b.PageUp, PageDown: b.PageDown, Top: b.Top, Bottom: b.Bottom}
}

// pane scrolls a screen's lines. The bubbles viewport keeps the offset within
// the content as last drawn; the pane marks the lines hidden above and below
// on the first and last visible rows.
type pane struct {
	vp       viewport.Model
	page     int  // how far pgup/pgdn move
	toBottom bool // G: the end of whatever the next draw shows
}

func newPane() pane { return pane{vp: viewport.New(0, 0), page: 1} }

// setSize sets the width and the main pane's height h (tabs included): a page
// is a little less than that.
func (p *pane) setSize(w, h int) {
	p.vp.Width = w
	p.page = max(1, h-3)
}

// scroll applies a scroll key; it reports whether msg was one.
func (p *pane) scroll(msg tea.KeyMsg, k scrollKeys) bool {
	switch {
	case key.Matches(msg, k.PageUp):
		p.scrollBy(-p.page)
	case key.Matches(msg, k.PageDown):
		p.scrollBy(p.page)
	case key.Matches(msg, k.Top):
		p.top()
	case key.Matches(msg, k.Bottom):
		p.toBottom = true
	default:
		return false
	}
	return true
}

func (p *pane) scrollBy(n int) {
	p.toBottom = false
	if n < 0 {
		p.vp.ScrollUp(-n)
	} else {
		p.vp.ScrollDown(n)
	}
}

func (p *pane) top() {
	p.toBottom = false
	p.vp.GotoTop()
}

// offset is the first line shown.
func (p *pane) offset() int { return p.vp.YOffset }

// draw shows room lines of content from the offset, clamped to the content.
func (p *pane) draw(content []string, room int, st styles) []string {
	p.vp.Height = room
	p.vp.SetContent(strings.Join(content, "\n"))
	if p.toBottom {
		p.vp.GotoBottom()
		p.toBottom = false
	} else {
		p.vp.SetYOffset(p.vp.YOffset)
	}
	off := p.vp.YOffset
	visible := append([]string(nil), content[min(off, len(content)):min(len(content), off+room)]...)
	if off > 0 && len(visible) > 0 {
		visible[0] = st.dim.Render(fmt.Sprintf("↑ %d more line%s (pgup)", off, plural(off)))
	}
	if rest := len(content) - off - room; rest > 0 && len(visible) > 0 {
		visible[len(visible)-1] = st.dim.Render(fmt.Sprintf("↓ %d more line%s (pgdn)", rest, plural(rest)))
	}
	return visible
}
