// Command hybridadvisor tells, component by component, whether each part of an
// application should run as a serverless function, a serverless container or an
// orchestrated container, and what each choice costs on AWS, Azure and Google Cloud.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/hybridadvisor/hybridadvisor/advisor/atomicfile"
	"github.com/hybridadvisor/hybridadvisor/advisor/safetext"
)

// Exit codes (design §3): 0 success, 1 a gate failed, 2 usage or input error.
const (
	exitOK    = 0
	exitGate  = 1
	exitError = 2
)

func main() {
	os.Exit(runWithSignals(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// stopGrace is how long an interrupted command has to stop by itself (its
// context is cancelled, so it drops its temporary files) before the process
// removes what is left and exits anyway: it may be blocked in a system call,
// such as opening a named pipe that nobody reads.
const stopGrace = time.Second

// runWithSignals runs the command with a context that SIGINT and SIGTERM cancel.
// On a signal every temporary output file still in use is removed and the exit
// code is 128 plus the signal's number (130, 143), as shells report it. A second
// signal does not wait for the grace period.
func runWithSignals(args []string, in io.Reader, out, errOut io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	done := make(chan int, 1)
	go func() { done <- runContext(ctx, args, in, out, errOut) }()
	select {
	case code := <-done:
		return code
	case s := <-sigs:
		select {
		case <-done:
		case <-sigs:
		case <-time.After(stopGrace):
		}
		atomicfile.RemoveTemps()
		fmt.Fprintf(errOut, "hybridadvisor: interrupted (%s); no output file was left half-written\n", s)
		return signalExitCode(s)
	}
}

func signalExitCode(s os.Signal) int {
	if n, ok := s.(syscall.Signal); ok {
		return 128 + int(n)
	}
	return 130
}

// streams carries the process's I/O so commands are testable.
type streams struct {
	in       io.Reader
	out, err io.Writer
	// outTTY and inTTY are true when out and in are interactive terminals.
	outTTY, inTTY bool
}

// exitErr ends a command with a specific code; its message (if any) was printed.
type exitErr struct{ code int }

func (e exitErr) Error() string { return fmt.Sprintf("exit %d", e.code) }

func run(args []string, in io.Reader, out, errOut io.Writer) int {
	return runContext(context.Background(), args, in, out, errOut)
}

func runContext(ctx context.Context, args []string, in io.Reader, out, rawErr io.Writer) int {
	// stderr carries messages that quote users (errors, gate failures, policies'
	// print output with --debug): every line is filtered (safetext.Guard).
	errOut := safetext.GuardText(rawErr, false)
	defer errOut.Flush()
	io := &streams{in: in, out: out, err: errOut}
	if f, ok := out.(*os.File); ok {
		io.outTTY = term.IsTerminal(int(f.Fd()))
	}
	if f, ok := in.(*os.File); ok {
		io.inTTY = term.IsTerminal(int(f.Fd()))
	}
	root := newRootCmd(io)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	var ee exitErr
	if errors.As(err, &ee) {
		return ee.code
	}
	if ctx.Err() != nil && errors.Is(err, context.Canceled) {
		return exitError // interrupted: runWithSignals says so
	}
	fmt.Fprintf(errOut, "hybridadvisor: %s\n", err)
	var ue usageError
	if errors.As(err, &ue) || isFlagError(err) {
		fmt.Fprintln(errOut, "Run 'hybridadvisor --help' for usage.")
	}
	return exitError
}

// usageError marks a bad command line.
type usageError struct{ error }

func isFlagError(err error) bool {
	var fe *flagError
	return errors.As(err, &fe)
}

type flagError struct{ error }

func (e *flagError) Unwrap() error { return e.error }

// tableWidth is the terminal's width when stdout is one, else 0 (the table's default).
func tableWidth(io *streams) int {
	if f, ok := io.out.(*os.File); ok && io.outTTY {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
			return w
		}
	}
	return 0
}

func useColor(io *streams) bool {
	return io.outTTY && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"
}

// flagErrorFunc marks cobra's flag parsing errors so they exit 2 with a hint.
func flagErrorFunc(_ *cobra.Command, err error) error { return &flagError{err} }
