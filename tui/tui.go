// Package tui is the interactive terminal UI: explore the advice for one or more
// profiles, change a component's workload and watch the placement, costs and
// findings follow, compare the clouds, and save the edits back to the YAML file.
//
// The root model (model.go, update.go, view.go) owns the files, the selection
// and the evaluation (eval.go, off the UI goroutine), and routes each message
// to a component (component.go): the list (list.go), the screens of the main
// pane (screens.go; their lines in view_*.go), the what-if form (form.go,
// view_form.go) and the footer prompt (files.go). Each component has Update,
// View, SetSize and a KeyMap; the screens scroll with a bubbles viewport and
// the fields are bubbles text inputs (textfield.go). The curve is drawn in
// plot.go.
package tui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/hybridadvisor/hybridadvisor/advisor"
	"github.com/hybridadvisor/hybridadvisor/advisor/settings"
	tea "github.com/hybridadvisor/hybridadvisor/tui/internal/bubbletea"
)

// Source is one file to open.
type Source struct {
	// Path names the file; it is read unless Data is set. Embedded examples use
	// "example:NAME".
	Path string
	// Data, when set, is the file's text (embedded examples).
	Data []byte
	// ReadOnly sources are never written: saving asks for a new path.
	ReadOnly bool
	// Err is a path that could not be used (shown in place of the file).
	Err error
}

// Config holds what the TUI evaluates with.
type Config struct {
	// Service holds the process's engine, price book and settings.
	Service *advisor.Service
	// Clouds limits the clouds evaluated; empty means all.
	Clouds []string
	// Cloud is the initial primary cloud; empty means the cheapest.
	Cloud string
	// FreeTier, when set, overrides every profile's assumptions.free_tier.
	FreeTier *bool
	// Defaults are the config file's defaults for profiles that do not set
	// them (regions, free tier), applied as score and report apply them.
	Defaults advisor.BatchOptions
	// Settings are the run's resolved settings with their sources (package
	// settings); the free-tier key records its choice there as "tui".
	Settings settings.Settings
	// ReportCommand is the "Regenerate with" command of an exported report
	// without its input ("hybridadvisor report --cloud aws"); empty means
	// "hybridadvisor report".
	ReportCommand string
	// Today dates waivers; zero means the current date.
	Today time.Time
	// Debounce is how long typing must pause before a re-evaluation starts;
	// zero evaluates on every change.
	Debounce time.Duration
	// ExportDir is where exports and copies of read-only sources are proposed;
	// empty means the current directory.
	ExportDir string
}

// DefaultDebounce is the pause after a keystroke before re-evaluating.
const DefaultDebounce = 60 * time.Millisecond

// WithService is cfg evaluating with the process's advisor.Service: its
// engine, prices, clouds, free tier, batch defaults and settings.
func (cfg Config) WithService(svc *advisor.Service) Config {
	cfg.Service, cfg.Clouds, cfg.Cloud = svc, svc.Clouds(), svc.Primary()
	cfg.Settings = svc.Settings()
	cfg.FreeTier, cfg.Defaults = cfg.Settings.FreeTier, svc.Batch()
	return cfg
}

// Run opens the TUI on the sources in the alternate screen and returns when the
// user quits. It evaluates with svc (see Config.WithService).
func Run(ctx context.Context, svc *advisor.Service, cfg Config, sources []Source, in io.Reader, out io.Writer) error {
	cfg = cfg.WithService(svc)
	if len(sources) == 0 {
		return errors.New("nothing to open")
	}
	if cfg.Debounce == 0 {
		cfg.Debounce = DefaultDebounce
	}
	if os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		lipgloss.SetColorProfile(termenv.Ascii)
	} else {
		// Ask the terminal for its background (briefly) before Bubble Tea
		// owns the input, so the adaptive colours do not race the key reader.
		lipgloss.SetHasDarkBackground(darkBackground(in, out))
	}

	m, err := New(cfg, sources)
	if err != nil {
		return err
	}
	opts := []tea.ProgramOption{tea.WithAltScreen(), tea.WithContext(ctx)}
	if in != nil {
		opts = append(opts, tea.WithInput(in))
	}
	if out != nil {
		opts = append(opts, tea.WithOutput(out))
	}
	final, err := tea.NewProgram(m, opts...).Run()
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		return nil
	}
	if err != nil {
		return fmt.Errorf("tui: %w", err)
	}
	if fm, ok := final.(*Model); ok && fm.fatal != nil {
		return fm.fatal
	}
	return nil
}
