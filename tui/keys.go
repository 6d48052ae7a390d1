package tui

import "github.com/charmbracelet/bubbles/key"

// browseKeys are active when no form or prompt is open.
type browseKeys struct {
	Up, Down, Left, Right  key.Binding
	PageUp, PageDown       key.Binding
	Top, Bottom            key.Binding
	NextScreen, PrevScreen key.Binding
	Component, Curve, Arch key.Binding
	Edit, Cloud, FreeTier  key.Binding
	Undo, Save, Export     key.Binding
	Help, Quit             key.Binding
	Filter                 key.Binding
}

func newBrowseKeys() browseKeys {
	b := key.NewBinding
	k, h := key.WithKeys, key.WithHelp
	return browseKeys{
		Up:         b(k("up", "k"), h("↑/k", "previous component")),
		Down:       b(k("down", "j"), h("↓/j", "next component")),
		Left:       b(k("left", "h"), h("←/h", "previous option / cloud")),
		Right:      b(k("right", "l"), h("→/l", "next option / cloud")),
		PageUp:     b(k("pgup", "ctrl+b"), h("pgup", "scroll up")),
		PageDown:   b(k("pgdown", "ctrl+f", " "), h("pgdn", "scroll down")),
		Top:        b(k("home", "g"), h("g/home", "scroll to top")),
		Bottom:     b(k("end", "G"), h("G/end", "scroll to bottom")),
		NextScreen: b(k("tab"), h("tab", "next screen")),
		PrevScreen: b(k("shift+tab"), h("shift+tab", "previous screen")),
		Component:  b(k("1"), h("1", "component")),
		Curve:      b(k("2"), h("2", "cost curve")),
		Arch:       b(k("3"), h("3", "architecture")),
		Edit:       b(k("e", "enter"), h("e", "edit (what-if)")),
		Cloud:      b(k("c"), h("c", "primary cloud")),
		FreeTier:   b(k("f"), h("f", "free tier on/off")),
		Undo:       b(k("u", "ctrl+z"), h("u", "undo edit")),
		Save:       b(k("s", "ctrl+s"), h("s", "save")),
		Export:     b(k("x"), h("x", "export report")),
		Help:       b(k("?"), h("?", "help")),
		Quit:       b(k("q", "ctrl+c"), h("q", "quit")),
		Filter:     b(k("/"), h("/", "filter components by name")),
	}
}

// ShortHelp is the footer line, most important first: when the terminal is
// narrow the hints before help and quit are dropped from the end (see
// fitKeys), so help and quit always show.
func (k browseKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Down, k.NextScreen, k.Edit, k.Save, k.Cloud, k.FreeTier, k.Export, k.Help, k.Quit}
}

// FullHelp is the ? screen, one column per group.
func (k browseKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.Left, k.Right, k.PageUp, k.PageDown, k.Top, k.Bottom, k.Filter},
		{k.NextScreen, k.PrevScreen, k.Component, k.Curve, k.Arch, k.Help},
		{k.Edit, k.Cloud, k.FreeTier, k.Undo, k.Save, k.Export, k.Quit},
	}
}

// formKeys are active while the what-if form is open.
type formKeys struct {
	Next, Prev, Cycle, Done, PageUp, PageDown, Quit key.Binding
}

func newFormKeys() formKeys {
	b := key.NewBinding
	k, h := key.WithKeys, key.WithHelp
	return formKeys{
		Next:     b(k("tab", "down"), h("tab/↓", "next field")),
		Prev:     b(k("shift+tab", "up"), h("shift+tab/↑", "previous field")),
		Cycle:    b(k("left", "right"), h("←/→", "change choice")),
		Done:     b(k("esc", "enter"), h("enter/esc", "close form")),
		PageUp:   b(k("pgup"), h("pgup", "scroll up")),
		PageDown: b(k("pgdown"), h("pgdn", "scroll down")),
		Quit:     b(k("ctrl+c"), h("ctrl+c", "quit")),
	}
}

// ShortHelp is the footer line while the form is open, most important first;
// quit (the last) always shows.
func (k formKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Done, k.Next, k.Cycle, k.Prev, k.Quit}
}

func (k formKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Next, k.Prev, k.Cycle}, {k.Done, k.PageUp, k.PageDown, k.Quit}}
}

// promptKeys describe the keys of an open question.
type promptKeys struct{ bindings []key.Binding }

func (k promptKeys) ShortHelp() []key.Binding  { return k.bindings }
func (k promptKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.bindings} }

var (
	promptInputKeys = promptKeys{[]key.Binding{
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "confirm")),
		key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}}
	promptFilterKeys = promptKeys{[]key.Binding{
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep the filter")),
		key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear it")),
	}}
	promptYesNoKeys = promptKeys{[]key.Binding{
		key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes")),
		key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "no")),
		key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}}
)
