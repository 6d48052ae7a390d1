package advisor

import (
	"github.com/hybridadvisor/hybridadvisor/advisor/engine"
	"github.com/hybridadvisor/hybridadvisor/advisor/settings"
	"github.com/hybridadvisor/hybridadvisor/pricing"
)

// Service is what a process evaluates with, built once: the compiled policy
// engine, the price book (overrides applied) and the run's resolved settings
// (package settings). Commands and the TUI ask it for advisors and batch
// options instead of taking one advisor apart to build another.
type Service struct {
	engine   *engine.Engine
	book     *pricing.Book
	settings settings.Settings
	clouds   []string
}

// NewService checks the settings' clouds (an unknown one is an error, for a
// usage message) and holds the engine, the book and the settings.
func NewService(e *engine.Engine, book *pricing.Book, s settings.Settings) (*Service, error) {
	clouds, err := normaliseClouds(s.Clouds)
	if err != nil {
		return nil, err
	}
	return &Service{engine: e, book: book, settings: s, clouds: clouds}, nil
}

// Engine is the compiled policy engine (for the rule catalogue).
func (s *Service) Engine() *engine.Engine { return s.engine }

// Book is the price book, overrides applied.
func (s *Service) Book() *pricing.Book { return s.book }

// Settings are the run's resolved settings with their sources.
func (s *Service) Settings() settings.Settings { return s.settings }

// Clouds are the evaluated clouds in canonical order.
func (s *Service) Clouds() []string { return s.clouds }

// Primary is the primary cloud the settings fix: the evaluated cloud when
// there is only one, else "" (the cheapest for each architecture).
func (s *Service) Primary() string {
	if len(s.clouds) == 1 {
		return s.clouds[0]
	}
	return ""
}

// Advisor is an advisor over the service's engine and book, evaluating its
// clouds with its free-tier override. opts adds the caller's choices (Curves,
// Memo, Today); a Cloud or FreeTier set in opts wins over the service's (the
// TUI's keys).
func (s *Service) Advisor(opts Options) (*Advisor, error) {
	opts.Clouds = s.clouds
	if opts.Cloud == "" {
		opts.Cloud = s.Primary()
	}
	if opts.FreeTier == nil {
		opts.FreeTier = s.settings.FreeTier
	}
	return New(s.engine, s.book, opts)
}

// Batch are the batch options the settings give: the workers and the
// config's defaults for what profiles do not write (regions, free tier).
func (s *Service) Batch() BatchOptions {
	b := BatchOptions{Jobs: s.settings.Jobs, Regions: s.settings.Regions, FreeTier: s.settings.FreeTierDefault}
	if s.settings.ConfigPath != "" {
		b.DefaultsFrom = settings.Config(s.settings.ConfigPath)
	}
	return b
}
