package tui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/hybridadvisor/hybridadvisor/tui/internal/bubbles/help"
	tea "github.com/hybridadvisor/hybridadvisor/tui/internal/bubbletea"

	"github.com/hybridadvisor/hybridadvisor/advisor"
	"github.com/hybridadvisor/hybridadvisor/advisor/located"
	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
	"github.com/hybridadvisor/hybridadvisor/advisor/safeio"
	"github.com/hybridadvisor/hybridadvisor/advisor/settings"
)

// tab is one of the main pane's screens the tab bar names.
type tab int

const (
	screenComponent tab = iota
	screenCurve
	screenArch
	screenCount
)

var screenNames = [...]string{"Component", "Cost curve", "Architecture"}

// Model is the Bubble Tea model of the whole UI.
type Model struct {
	cfg      Config
	advisors map[advisorKey]*advisor.Advisor
	memo     *advisor.Memo // shared by the advisors: a cloud switch recalls every decision
	files    []*file

	width, height int
	sel           selection
	screen        tab

	// The components the root routes to and lays out.
	list     *listPane
	comp     *componentScreen
	curve    *curveScreen
	arch     *archScreen
	errView  *errorScreen
	helpView *helpScreen

	cloud    string            // what-if primary cloud ("" = cheapest)
	freeTier *bool             // what-if free tier (nil = each profile's own)
	set      settings.Settings // the run's settings; the free-tier key makes its source "tui"

	form     *editForm
	prompt   *prompt
	filter   string // the component list shows only names containing it (any case)
	showHelp bool
	status   string
	statusOK bool

	keys  browseKeys
	fkeys formKeys
	help  help.Model
	st    styles

	quitting bool // saving before a quit
	done     bool // tea.Quit was returned

	fatal error // returned by Run
}

type advisorKey struct {
	cloud    string
	freeTier int // 0 profile, 1 on, 2 off
	byTUI    bool
}

// file is one opened source.
type file struct {
	path     string
	readOnly bool
	doc      *profile.Doc // nil when the text is unreadable or not YAML
	src      []byte       // the current text
	saved    []byte       // the text as last read or written
	undo     [][]byte
	loadErr  string // the file could not be read at all

	gen        uint64 // bumped on every change; older results are dropped
	evaluating bool
	cancel     context.CancelFunc

	archs []archState // the last good evaluation, one per YAML document
	errs  []fileError // why the current text does not score; nil when it does
}

// archState is one architecture of the last good evaluation.
type archState struct {
	doc int // 0-based YAML document
	res *result.Architecture
}

// fileError is a problem with a file's current text. The view shows it in its
// file, by line and column; the File it names is not shown.
type fileError = located.Error

// selection names a component, or a file when comp is -1.
type selection struct {
	file, arch, comp int
}

func (f *file) dirty() bool { return f.doc != nil && !bytes.Equal(f.src, f.saved) }

func (f *file) name() string { return clean(displayPath(f.path)) }

// displayPath shortens an absolute path under the working directory.
func displayPath(p string) string {
	if !filepath.IsAbs(p) {
		return p
	}
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
			return rel
		}
	}
	return p
}

// New builds the model. Sources are read here; evaluation starts with Init.
func New(cfg Config, sources []Source) (*Model, error) {
	if cfg.Service == nil {
		return nil, errors.New("tui: an advisor.Service is needed")
	}
	m := &Model{
		cfg:      cfg,
		advisors: map[advisorKey]*advisor.Advisor{},
		memo:     advisor.NewMemo(),
		cloud:    cfg.Cloud,
		freeTier: cfg.FreeTier,
		set:      cfg.Settings,
		keys:     newBrowseKeys(),
		fkeys:    newFormKeys(),
		help:     help.New(),
		st:       newStyles(),
	}
	if _, err := m.advisor(); err != nil {
		return nil, err
	}
	m.help.ShortSeparator = " · "
	m.list = newListPane(m.st, m.keys)
	m.comp = newComponentScreen(m.st, m.keys)
	m.curve = newCurveScreen(m.st, m.keys)
	m.arch = newArchScreen(m.st, m.keys)
	m.errView = newErrorScreen(m.st, m.keys)
	m.helpView = newHelpScreen(m.st, m.keys, m.help)
	for _, s := range sources {
		m.files = append(m.files, loadFile(s))
	}
	m.sel = selection{file: 0, arch: -1, comp: -1}
	return m, nil
}

func loadFile(s Source) *file {
	f := &file{path: s.Path, readOnly: s.ReadOnly}
	if s.Err != nil {
		f.loadErr = s.Err.Error()
		return f
	}
	src := s.Data
	if src == nil {
		var err error
		src, err = readCapped(s.Path)
		if err != nil {
			f.loadErr = err.Error()
			return f
		}
	}
	f.src = src
	f.saved = src
	if doc, err := profile.NewDoc(src); err == nil {
		f.doc = doc
	}
	return f
}

// readCapped reads a profile: a regular file (never a pipe, which would block,
// or a device) of at most profile.MaxFileSize.
func readCapped(path string) ([]byte, error) {
	src, err := safeio.ReadRegular(path, profile.MaxFileSize)
	var se *safeio.Error
	if errors.As(err, &se) {
		return nil, fmt.Errorf("cannot read %s: %s", path, se.Reason)
	}
	return src, err
}

// advisor returns the advisor for the current what-if settings.
func (m *Model) advisor() (*advisor.Advisor, error) {
	k := advisorKey{cloud: m.cloud}
	if m.freeTier != nil {
		k.freeTier = 2
		if *m.freeTier {
			k.freeTier = 1
		}
	}
	by := ""
	if m.set.Sources["free_tier"] == settings.TUI {
		k.byTUI, by = true, "the TUI"
	}
	if a, ok := m.advisors[k]; ok {
		return a, nil
	}
	a, err := advisor.New(m.cfg.Service.Engine(), m.cfg.Service.Book(), advisor.Options{
		Clouds: m.cfg.Clouds, Cloud: m.cloud, FreeTier: m.freeTier, FreeTierBy: by, Today: m.cfg.Today, Curves: true, Memo: m.memo,
	})
	if err != nil {
		return nil, err
	}
	m.advisors[k] = a
	return a, nil
}

// clouds are the evaluated clouds in canonical order.
func (m *Model) clouds() []string {
	a, err := m.advisor()
	if err != nil {
		return nil
	}
	return a.Clouds()
}

// Init starts evaluating every file.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.SetWindowTitle("hybridadvisor")}
	for i := range m.files {
		cmds = append(cmds, m.evaluate(i))
	}
	return tea.Batch(cmds...)
}

// current returns the selected file, architecture and component (nil when not
// applicable).
func (m *Model) current() (*file, *archState, *result.Component) {
	if m.sel.file < 0 || m.sel.file >= len(m.files) {
		return nil, nil, nil
	}
	f := m.files[m.sel.file]
	if m.sel.arch < 0 || m.sel.arch >= len(f.archs) {
		return f, nil, nil
	}
	a := &f.archs[m.sel.arch]
	if m.sel.comp < 0 || m.sel.comp >= len(a.res.Components) {
		return f, a, nil
	}
	return f, a, &a.res.Components[m.sel.comp]
}

// row is one line of the list on the left.
type row struct {
	kind       rowKind
	file, arch int
	comp       int
}

type rowKind int

const (
	rowFile rowKind = iota
	rowArch
	rowComp
)

// rows lists the left pane: each file, its architectures and their components.
func (m *Model) rows() []row {
	var out []row
	for fi, f := range m.files {
		out = append(out, row{kind: rowFile, file: fi, arch: -1, comp: -1})
		for ai, a := range f.archs {
			out = append(out, row{kind: rowArch, file: fi, arch: ai, comp: -1})
			for ci, c := range a.res.Components {
				if m.filter != "" && !strings.Contains(strings.ToLower(c.Name), strings.ToLower(m.filter)) {
					continue
				}
				out = append(out, row{kind: rowComp, file: fi, arch: ai, comp: ci})
			}
		}
	}
	return out
}

// selectable: components, and files that have no architecture to show.
func (m *Model) selectable(r row) bool { return selectable(m.files, r) }

func selectable(files []*file, r row) bool {
	switch r.kind {
	case rowComp:
		return true
	case rowFile:
		return len(files[r.file].archs) == 0
	}
	return false
}

func (r row) selection() selection { return selection{file: r.file, arch: r.arch, comp: r.comp} }

// fixSelection moves the selection to a selectable row when it points nowhere
// (at start, or when a file's first evaluation arrives).
func (m *Model) fixSelection() {
	rows := m.rows()
	for _, r := range rows {
		if r.selection() == m.sel && m.selectable(r) {
			return
		}
	}
	// Prefer the first component of the selected file, then anything.
	for _, r := range rows {
		if r.file == m.sel.file && m.selectable(r) {
			m.setSelection(r.selection())
			return
		}
	}
	for _, r := range rows {
		if m.selectable(r) {
			m.setSelection(r.selection())
			return
		}
	}
}

// setSelection selects s: the screens scroll back to the top and the options
// table to the recommended platform.
func (m *Model) setSelection(s selection) {
	if s != m.sel {
		for _, scr := range m.screens() {
			scr.pane().top()
		}
	}
	m.sel = s
	m.comp.setFocus(m.focus())
	m.comp.resetOption()
}

// screens are the main pane's screens.
func (m *Model) screens() []screen {
	return []screen{m.comp, m.curve, m.arch, m.errView, m.helpView}
}

// tabScreen is the screen of the selected tab.
func (m *Model) tabScreen() screen {
	switch m.screen {
	case screenCurve:
		return m.curve
	case screenArch:
		return m.arch
	}
	return m.comp
}

// activeScreen is the screen the main pane shows: the help, a file's errors
// when it has no result, or the selected tab.
func (m *Model) activeScreen() screen {
	if m.showHelp {
		return m.helpView
	}
	if f, _, _ := m.current(); f == nil || len(f.archs) == 0 {
		return m.errView
	}
	return m.tabScreen()
}

// activePane is the scroll of the screen shown.
func (m *Model) activePane() *pane { return m.activeScreen().pane() }

// focus is what the screens show now.
func (m *Model) focus() focus {
	f, a, c := m.current()
	return focus{file: f, arch: a, comp: c, compIndex: m.sel.comp, clouds: m.clouds(), cloud: m.cloud,
		curveCloud: m.curve.cloud, formOpen: m.form != nil}
}

// layout sizes the components to the terminal.
func (m *Model) layout() {
	lw := m.listWidth()
	mw, bh := m.width-lw-1, m.bodyHeight()
	m.list.SetSize(lw, bh)
	for _, scr := range m.screens() {
		scr.SetSize(mw, bh)
	}
	if m.prompt != nil {
		m.prompt.SetSize(m.width, 1)
	}
}

// primaryCloud is the cloud the current architecture's recommendation is for.
func (m *Model) primaryCloud() string {
	if _, a, _ := m.current(); a != nil && a.res.Cloud != "" {
		return a.res.Cloud
	}
	if m.cloud != "" {
		return m.cloud
	}
	if cl := m.clouds(); len(cl) > 0 {
		return cl[0]
	}
	return ""
}

// effectiveFreeTier is whether free tiers apply to the current architecture.
func (m *Model) effectiveFreeTier() bool {
	if m.freeTier != nil {
		return *m.freeTier
	}
	if _, a, _ := m.current(); a != nil {
		return a.res.FreeTier
	}
	return true
}

func (m *Model) setStatus(ok bool, format string, args ...any) {
	m.status = fmt.Sprintf(format, args...)
	m.statusOK = ok
}
