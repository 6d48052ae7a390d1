package tui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/hybridadvisor/hybridadvisor/advisor/result"
	"github.com/hybridadvisor/hybridadvisor/advisor/settings"
)

// shownPath is p relative to the working directory, or its base name when
// outside it: an exported report holds no absolute path of this machine.
func shownPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Base(p)
	}
	wd, _ := os.Getwd()
	return settings.ShowPath(abs, wd)
}

// reportCommand is the "Regenerate with" line of an exported report of the
// file at path: the report command with the run's flags, the free tier when
// chosen in the TUI, and the file (or --example NAME).
func (m *Model) reportCommand(path string) string {
	parts := []string{m.cfg.ReportCommand}
	if parts[0] == "" {
		parts[0] = "hybridadvisor report"
	}
	if m.set.Sources["free_tier"] == settings.TUI && m.freeTier != nil {
		// The TUI's choice replaces the --free-tier the TUI was started with.
		for _, v := range []string{" --free-tier=true", " --free-tier=false"} {
			parts[0] = strings.Replace(parts[0], v, "", 1)
		}
		if *m.freeTier {
			parts = append(parts, "--free-tier=true")
		} else {
			parts = append(parts, "--free-tier=false")
		}
	}
	if name, ok := strings.CutPrefix(path, "example:"); ok {
		parts = append(parts, "--example", quote(name))
	} else {
		parts = append(parts, quote(shownPath(path)))
	}
	return strings.Join(parts, " ")
}

func quote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-_./:=@,+", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// Evaluate scores the sources as the TUI does when it opens (its advisor, the
// config's defaults, the free-tier override) and returns the architectures in
// order, without a terminal: for tests that check the TUI sees the settings
// score and report see.
func Evaluate(ctx context.Context, cfg Config, sources []Source) ([]*result.Architecture, error) {
	m, err := New(cfg, sources)
	if err != nil {
		return nil, err
	}
	a, err := m.advisor()
	if err != nil {
		return nil, err
	}
	var out []*result.Architecture
	for _, f := range m.files {
		if f.loadErr != "" {
			return nil, errors.New(f.loadErr)
		}
		archs, errs := score(ctx, a, f.path, f.src, m.cfg.Defaults)
		if len(errs) > 0 {
			return nil, fmt.Errorf("%s: %s", f.path, errs[0].Message)
		}
		for _, as := range archs {
			out = append(out, as.res)
		}
	}
	return out, nil
}
