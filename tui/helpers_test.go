package tui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/hybridadvisor/hybridadvisor/advisor"
	"github.com/hybridadvisor/hybridadvisor/advisor/engine"
	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
	"github.com/hybridadvisor/hybridadvisor/advisor/settings"
	"github.com/hybridadvisor/hybridadvisor/internal/advisortest"
	"github.com/hybridadvisor/hybridadvisor/pricing"
	tea "github.com/hybridadvisor/hybridadvisor/tui/internal/bubbletea"
)

// testdataDir is absolute: some tests change the working directory.
var testdataDir string

func TestMain(m *testing.M) {
	wd, err := os.Getwd()
	if err != nil {
		panic(err)
	}
	testdataDir = filepath.Join(wd, "testdata")
	// Golden files are plain text: no colours, no attributes.
	lipgloss.SetColorProfile(termenv.Ascii)
	lipgloss.SetHasDarkBackground(true)
	os.Exit(m.Run())
}

var (
	engOnce sync.Once
	eng     *engine.Engine
	book    *pricing.Book
	engErr  error
)

// testToday pins waiver expiry so the golden files do not rot.
var testToday = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)

func testConfig(t testing.TB) Config {
	t.Helper()
	engOnce.Do(func() {
		eng, engErr = engine.New(context.Background(), engine.Options{})
		if engErr == nil {
			book, engErr = pricing.Load()
		}
	})
	if engErr != nil {
		t.Fatal(engErr)
	}
	svc, err := advisor.NewService(eng, book, settings.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	return Config{Service: svc, Today: testToday}
}

func example(t testing.TB, name string) Source {
	t.Helper()
	src, ok := profile.Template(name)
	if !ok {
		t.Fatalf("no example %s", name)
	}
	return Source{Path: "example:" + name, Data: src, ReadOnly: true}
}

// newTestModel builds a model on sources, sizes it and runs the first
// evaluations to completion.
func newTestModel(t testing.TB, w, h int, sources ...Source) *Model {
	t.Helper()
	m, err := New(testConfig(t), sources)
	if err != nil {
		t.Fatal(err)
	}
	run(t, m, m.Init())
	send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// run executes cmd synchronously and feeds every message it produces back into
// the model, until no command is left. It reports whether tea.Quit came out.
func run(t testing.TB, m *Model, cmd tea.Cmd) (quit bool) {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case tea.QuitMsg:
			quit = true
		default:
			_, next := m.Update(msg)
			queue = append(queue, next)
		}
	}
	return quit
}

// send delivers one message and runs what it returns.
func send(t testing.TB, m *Model, msg tea.Msg) (quit bool) {
	t.Helper()
	_, cmd := m.Update(msg)
	return run(t, m, cmd)
}

// keyMsg builds a key message from a name as Bubble Tea spells it.
func keyMsg(k string) tea.KeyMsg {
	named := map[string]tea.KeyType{
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "shift+tab": tea.KeyShiftTab,
		"backspace": tea.KeyBackspace, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
		"ctrl+c": tea.KeyCtrlC, "ctrl+u": tea.KeyCtrlU, "home": tea.KeyHome, "end": tea.KeyEnd,
		" ": tea.KeySpace,
	}
	if t, ok := named[k]; ok {
		return tea.KeyMsg{Type: t}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

// press sends keys one by one, running the commands each returns.
func press(t testing.TB, m *Model, keys ...string) (quit bool) {
	t.Helper()
	for _, k := range keys {
		if send(t, m, keyMsg(k)) {
			quit = true
		}
	}
	return quit
}

// typeText types s into whatever has focus.
func typeText(t testing.TB, m *Model, s string) {
	t.Helper()
	for _, r := range s {
		send(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

// golden compares a view with testdata/NAME.golden (rewritten with -update).
func golden(t *testing.T, name, got string) {
	t.Helper()
	advisortest.Golden(t, filepath.Join(testdataDir, name+".golden"), []byte(got))
}

// checkFits fails when the view is not exactly h lines of at most w cells.
func checkFits(t *testing.T, what, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Errorf("%s at %dx%d: %d lines, want %d", what, w, h, len(lines), h)
	}
	for i, l := range lines {
		if n := lipgloss.Width(l); n > w {
			t.Errorf("%s at %dx%d: line %d is %d cells wide: %q", what, w, h, i+1, n, l)
		}
	}
}
