package engine

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/hybridadvisor/hybridadvisor/pricing"
)

// The clock policies see. OPA gives built-ins the evaluation's time (for
// io.jwt.decode_verify's exp and nbf checks, and time.now_ns, which the sandbox
// leaves out anyway); left alone that is the wall clock, which would make
// results depend on when they ran and tell a policy today's date and time.
//
// The engine pins it instead: to input.today at midnight UTC, the date the run
// scores as of (advisor.Options.Today, the current date by default) that
// policies already read; and where the input has no today (the decision input,
// the users' unit tests), to the embedded price tables' as-of date, fixed for a
// given release.

var todayKey = ast.StringTerm("today")

// evalTime is the time an evaluation of input runs at.
func evalTime(input ast.Value) time.Time {
	if obj, ok := input.(ast.Object); ok {
		if t := obj.Get(todayKey); t != nil {
			if s, ok := t.Value.(ast.String); ok {
				if t, err := time.Parse(time.DateOnly, string(s)); err == nil {
					return t
				}
			}
		}
	}
	return fallbackTime()
}

// pinnedClock is the last rego.EvalTime option made, by its time: the
// evaluations of a run share one, so each does not allocate its own.
var pinnedClock atomic.Pointer[clockOption]

type clockOption struct {
	t   time.Time
	opt rego.EvalOption
}

// evalClock is the option that pins an evaluation of input to evalTime.
func evalClock(input ast.Value) rego.EvalOption {
	t := evalTime(input)
	if c := pinnedClock.Load(); c != nil && c.t.Equal(t) {
		return c.opt
	}
	c := &clockOption{t: t, opt: rego.EvalTime(t)}
	pinnedClock.Store(c)
	return c.opt
}

var fallbackTime = sync.OnceValue(func() time.Time {
	if book, err := pricing.Load(); err == nil {
		if t, err := time.Parse(time.DateOnly, book.AsOf()); err == nil {
			return t
		}
	}
	// Unreachable with valid embedded tables (their tests check the date).
	return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
})

// pinnedTimeKey carries the pinned time in a context, for evaluations the
// engine does not run itself (OPA's test runner), where rego.EvalTime cannot
// be passed; the io.jwt.decode_verify wrapper (limits.go) reads it.
type pinnedTimeKey struct{}

func withPinnedTime(ctx context.Context, t time.Time) context.Context {
	return context.WithValue(ctx, pinnedTimeKey{}, t)
}

func pinnedTime(ctx context.Context) (time.Time, bool) {
	if ctx == nil {
		return time.Time{}, false
	}
	t, ok := ctx.Value(pinnedTimeKey{}).(time.Time)
	return t, ok
}
